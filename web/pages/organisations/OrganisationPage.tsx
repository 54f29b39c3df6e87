import { Badge, EmptyState } from "../../ui/blocks";
import { usePage } from "../../ui/context";
import { Button, Form } from "../../ui/Form";

export interface OrganisationProps {
  org: { id: string; name: string; type: "nko" | "tos" | "administration" | "other"; city: string; description: string; inn: string | null; ogrn: string | null; memberCount: number };
  organiserName: string;
  members: { userId: string; displayName: string }[];
  myStatus: "requested" | "confirmed" | "rejected" | null;
  canJoin: boolean;
}

export function OrganisationPage(p: OrganisationProps) {
  const { t } = usePage();
  return (
    <>
      <h1>{p.org.name}</h1>
      <dl class="meta">
        <dt>{t("orgs.type")}</dt>
        <dd>
          <Badge>{t(`orgType.${p.org.type}`)}</Badge>
        </dd>
        <dt>{t("orgs.city")}</dt>
        <dd>{p.org.city}</dd>
        <dt>{t("orgs.organiser")}</dt>
        <dd>{p.organiserName}</dd>
        {p.org.inn && (
          <>
            <dt>{t("orgs.inn")}</dt>
            <dd>{p.org.inn}</dd>
          </>
        )}
        {p.org.ogrn && (
          <>
            <dt>{t("orgs.ogrn")}</dt>
            <dd>{p.org.ogrn}</dd>
          </>
        )}
      </dl>
      {p.org.description && <p>{p.org.description}</p>}
      {p.myStatus && <p>{t("orgs.yourStatus", { status: t(`membership.${p.myStatus}`) })}</p>}
      {p.canJoin && (
        <Form action={`/organisations/${p.org.id}/join`}>
          <Button kind="secondary">{t("orgs.join")}</Button>
        </Form>
      )}
      <h2>{t("orgs.members")}</h2>
      <p>{t("orgs.memberCount", { n: p.org.memberCount })}</p>
      {p.members.length === 0 ? (
        <EmptyState>{t("orgs.membersEmpty")}</EmptyState>
      ) : (
        <ul>
          {p.members.map((m) => (
            <li key={m.userId}>{m.displayName}</li>
          ))}
        </ul>
      )}
    </>
  );
}
