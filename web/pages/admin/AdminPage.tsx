import type { FormState } from "../../page-data";
import { EmptyState } from "../../ui/blocks";
import { usePage } from "../../ui/context";
import { Button, ErrorSummary, Field, Form, Select } from "../../ui/Form";

export interface AdminProps {
  grantable: string[];
  organisers: { id: string; name: string }[];
  grants: { id: string; role: string; userLabel: string; scopeLabel: string; grantedAt: string; canRevoke: boolean }[];
  grantForm: FormState<Record<string, string>>;
  pending: { organisationId: string; organisationName: string; userId: string; userLabel: string; requestedAt: string }[];
  audit: { at: string; action: string; actor: string; object: string; reason: string | null }[];
}

export function AdminPage(p: AdminProps) {
  const { t } = usePage();
  const labels = { email: t("admin.userEmail"), role: t("admin.role"), organiserId: t("admin.organiser"), competitionId: t("admin.competition") };
  return (
    <>
      <h1>{t("admin.title")}</h1>
      <section aria-labelledby="memberships">
        <h2 id="memberships">{t("admin.memberships")}</h2>
        {p.pending.length === 0 ? (
          <EmptyState>{t("admin.membershipsEmpty")}</EmptyState>
        ) : (
          <ul class="cards">
            {p.pending.map((m) => (
              <li key={`${m.organisationId}:${m.userId}`} class="card">
                <p>
                  <strong>{m.userLabel}</strong> → <a href={`/organisations/${m.organisationId}`}>{m.organisationName}</a>
                  <br />
                  {m.requestedAt}
                </p>
                <Form action={`/admin/memberships/${m.organisationId}/${m.userId}`}>
                  <Field name="reason" id={`f-reason-${m.organisationId}-${m.userId}`} label={t("admin.reason")} form={{ values: {}, errors: [] }} maxLength={500} />
                  <div class="actions">
                    <Button name="decision" value="confirmed">
                      {t("admin.confirm")}
                    </Button>
                    <Button name="decision" value="rejected" kind="secondary">
                      {t("admin.reject")}
                    </Button>
                  </div>
                </Form>
              </li>
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="roles">
        <h2 id="roles">{t("admin.roles")}</h2>
        <p>{t("admin.rolesLead")}</p>
        {p.grantable.length > 0 && (
          <>
            <ErrorSummary form={p.grantForm} labels={labels} />
            <Form action="/admin/roles">
              <Field name="email" type="email" label={labels.email} form={p.grantForm} required maxLength={254} />
              <Select name="role" label={labels.role} form={p.grantForm} required options={p.grantable.map((r) => ({ value: r, label: t(`role.${r}` as never) }))} />
              <Select name="organiserId" label={labels.organiserId} form={p.grantForm} options={[{ value: "", label: "—" }, ...p.organisers.map((o) => ({ value: o.id, label: o.name }))]} />
              <Field name="competitionId" label={labels.competitionId} form={p.grantForm} maxLength={64} />
              <Button>{t("admin.grant")}</Button>
            </Form>
          </>
        )}
        {/* Focusable, named region: on a narrow screen the table scrolls sideways, by keyboard too. */}
        <div class="table-wrap" tabIndex={0} role="region" aria-labelledby="roles">
          <table>
            <caption class="visually-hidden">{t("admin.roles")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("admin.who")}</th>
                <th scope="col">{t("admin.role")}</th>
                <th scope="col">{t("admin.scope")}</th>
                <th scope="col">{t("admin.when")}</th>
                <th scope="col">
                  <span class="visually-hidden">{t("admin.revoke")}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {p.grants.map((g) => (
                <tr key={g.id}>
                  <td>{g.userLabel}</td>
                  <td>{t(`role.${g.role}` as never)}</td>
                  <td>{g.scopeLabel}</td>
                  <td>{g.grantedAt}</td>
                  <td>
                    {g.canRevoke && (
                      <Form action={`/admin/roles/${g.id}/revoke`} class="inline-form">
                        <button type="submit" class="linklike" aria-label={`${t("admin.revoke")}: ${g.userLabel}, ${t(`role.${g.role}` as never)}`}>
                          {t("admin.revoke")}
                        </button>
                      </Form>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
      <section aria-labelledby="audit">
        <h2 id="audit">{t("admin.audit")}</h2>
        {p.audit.length === 0 ? (
          <EmptyState>{t("admin.auditEmpty")}</EmptyState>
        ) : (
          <div class="table-wrap" tabIndex={0} role="region" aria-labelledby="audit">
            <table>
              <caption class="visually-hidden">{t("admin.audit")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("admin.when")}</th>
                  <th scope="col">{t("admin.action")}</th>
                  <th scope="col">{t("admin.who")}</th>
                  <th scope="col">ID</th>
                </tr>
              </thead>
              <tbody>
                {p.audit.map((a, i) => (
                  <tr key={i}>
                    <td>{a.at}</td>
                    <td>
                      <code>{a.action}</code>
                      {a.reason && ` — ${a.reason}`}
                    </td>
                    <td>{a.actor}</td>
                    <td>{a.object}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </>
  );
}
