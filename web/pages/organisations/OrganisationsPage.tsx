import type { FormState } from "../../page-data";
import { Badge, Card, EmptyState, Pagination } from "../../ui/blocks";
import { usePage } from "../../ui/context";
import { Button, ErrorSummary, Field, Form, Select } from "../../ui/Form";

export interface OrgSummary {
  id: string;
  name: string;
  type: "nko" | "tos" | "administration" | "other";
  city: string;
  memberCount: number;
}

export interface OrganisationsProps {
  items: OrgSummary[];
  nextHref: string | null;
  isFirstPage: boolean;
  organisers: { id: string; name: string }[];
  createForm: FormState<Record<string, string>> | null;
}

export function OrganisationsPage(p: OrganisationsProps) {
  const { t } = usePage();
  const labels = {
    organiserId: t("orgs.organiser"),
    name: t("orgs.name"),
    type: t("orgs.type"),
    city: t("orgs.city"),
    description: t("orgs.description"),
    inn: t("orgs.inn"),
    ogrn: t("orgs.ogrn"),
  };
  return (
    <>
      <h1>{t("orgs.title")}</h1>
      <p class="lead">{t("orgs.lead")}</p>
      {p.items.length === 0 ? (
        <EmptyState>{t("orgs.empty")}</EmptyState>
      ) : (
        <ul class="cards">
          {p.items.map((o) => (
            <li key={o.id}>
              <Card title={<a href={`/organisations/${o.id}`}>{o.name}</a>} headingLevel={2}>
                <p>
                  <Badge>{t(`orgType.${o.type}`)}</Badge> {o.city}
                </p>
                <p>{t("orgs.memberCount", { n: o.memberCount })}</p>
              </Card>
            </li>
          ))}
        </ul>
      )}
      <Pagination nextHref={p.nextHref} firstHref={p.isFirstPage ? null : "/organisations"} />
      {p.createForm && (
        <section aria-labelledby="create-org">
          <h2 id="create-org">{t("orgs.create")}</h2>
          <ErrorSummary form={p.createForm} labels={labels} />
          <Form action="/organisations">
            <Select name="organiserId" label={labels.organiserId} form={p.createForm} options={p.organisers.map((o) => ({ value: o.id, label: o.name }))} required />
            <Field name="name" label={labels.name} form={p.createForm} required maxLength={200} />
            <Select
              name="type"
              label={labels.type}
              form={p.createForm}
              required
              options={(["nko", "tos", "administration", "other"] as const).map((v) => ({ value: v, label: t(`orgType.${v}`) }))}
            />
            <Field name="city" label={labels.city} form={p.createForm} required maxLength={80} />
            <Field name="description" label={labels.description} form={p.createForm} multiline maxLength={2000} />
            <Field name="inn" label={labels.inn} form={p.createForm} maxLength={12} hint={t("field.inn")} />
            <Field name="ogrn" label={labels.ogrn} form={p.createForm} maxLength={15} hint={t("field.ogrn")} />
            <Button>{t("orgs.create")}</Button>
          </Form>
        </section>
      )}
    </>
  );
}
