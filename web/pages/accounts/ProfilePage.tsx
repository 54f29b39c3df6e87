import type { FormState } from "../../page-data";
import { Badge, Card, EmptyState } from "../../ui/blocks";
import { usePage } from "../../ui/context";
import { Button, Checkbox, ErrorSummary, Field, Form, Select } from "../../ui/Form";

export interface ProfileProps {
  email: string;
  form: FormState<{ displayName: string; city: string; locale: string }>;
  showMemberships: boolean;
  roles: { role: string; scopeLabel: string }[];
  memberships: { organisationId: string; organisationName: string; status: "requested" | "confirmed" | "rejected"; reason: string | null }[];
  consent: { version: string; acceptedAt: string } | null;
  deleteForm: FormState<{ confirm: string }>;
}

const tone = { requested: "warn", confirmed: "ok", rejected: "bad" } as const;

export function ProfilePage(p: ProfileProps) {
  const { t } = usePage();
  return (
    <>
      <h1>{t("profile.title")}</h1>
      <Card title={t("profile.title")}>
        <ErrorSummary form={p.form} labels={{ displayName: t("profile.displayName"), city: t("profile.city"), locale: t("profile.locale") }} />
        <dl class="meta">
          <dt>{t("profile.email")}</dt>
          <dd>{p.email}</dd>
        </dl>
        <Form action="/me">
          <Field name="displayName" label={t("profile.displayName")} form={p.form} required maxLength={80} autocomplete="nickname" />
          <Field name="city" label={t("profile.city")} form={p.form} maxLength={80} autocomplete="address-level2" />
          <Select
            name="locale"
            label={t("profile.locale")}
            form={p.form}
            options={[
              { value: "ru", label: t("lang.ru") },
              { value: "en", label: t("lang.en") },
            ]}
          />
          <input type="hidden" name="showMemberships" value="false" />
          <Checkbox name="showMemberships" label={t("profile.showMemberships")} form={p.form} checked={p.showMemberships} />
          <Button>{t("profile.save")}</Button>
        </Form>
      </Card>
      <Card title={t("profile.roles")}>
        {p.roles.length === 0 ? (
          <EmptyState>{t("profile.noRoles")}</EmptyState>
        ) : (
          <ul>
            {p.roles.map((r, i) => (
              <li key={i}>
                {t(`role.${r.role}` as never)}
                {r.scopeLabel && ` — ${r.scopeLabel}`}
              </li>
            ))}
          </ul>
        )}
      </Card>
      <Card title={t("profile.memberships")}>
        {p.memberships.length === 0 ? (
          <EmptyState>{t("profile.noMemberships")}</EmptyState>
        ) : (
          <ul>
            {p.memberships.map((m) => (
              <li key={m.organisationId}>
                <a href={`/organisations/${m.organisationId}`}>{m.organisationName}</a> <Badge tone={tone[m.status]}>{t(`membership.${m.status}`)}</Badge>
                {m.reason && <span> — {m.reason}</span>}
              </li>
            ))}
          </ul>
        )}
      </Card>
      <Card title={t("profile.sessions")}>
        <Form action="/me/signout-all">
          <Button kind="secondary">{t("profile.signOutEverywhere")}</Button>
        </Form>
      </Card>
      <Card title={t("profile.data")}>
        <p>{t("profile.dataLead")}</p>
        {p.consent && <p>{t("profile.consent", { version: p.consent.version, date: p.consent.acceptedAt })}</p>}
        <p>
          <a href="/me/export" download="uchastie-my-data.json">
            {t("profile.export")}
          </a>
        </p>
        <h3>{t("profile.delete")}</h3>
        <p>{t("profile.deleteLead")}</p>
        <ErrorSummary form={p.deleteForm} labels={{ confirm: t("profile.deleteConfirm") }} />
        <Form action="/me/delete">
          <Field name="confirm" label={t("profile.deleteConfirm")} form={p.deleteForm} required maxLength={20} />
          <Button kind="danger">{t("profile.delete")}</Button>
        </Form>
      </Card>
    </>
  );
}
