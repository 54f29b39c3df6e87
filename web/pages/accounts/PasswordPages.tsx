import type { FormState } from "../../page-data";
import { usePage } from "../../ui/context";
import { Button, ErrorSummary, Field, Form } from "../../ui/Form";

export function ForgotPasswordPage(p: { form: FormState<{ email: string }> }) {
  const { t } = usePage();
  return (
    <>
      <h1>{t("forgot.title")}</h1>
      <p class="lead">{t("forgot.lead")}</p>
      <ErrorSummary form={p.form} labels={{ email: t("signin.email") }} />
      <Form action="/password/forgot">
        <Field name="email" type="email" label={t("signin.email")} form={p.form} required autocomplete="email" maxLength={254} />
        <Button>{t("forgot.submit")}</Button>
      </Form>
    </>
  );
}

export function ResetPasswordPage(p: { form: FormState<{ token: string }>; token: string }) {
  const { t } = usePage();
  return (
    <>
      <h1>{t("reset.title")}</h1>
      <ErrorSummary form={p.form} labels={{ password: t("reset.password"), token: t("reset.title") }} />
      <Form action="/password/reset">
        <input type="hidden" name="token" value={p.token} />
        <Field name="password" type="password" label={t("reset.password")} hint={t("signup.passwordHint", { min: 10 })} form={p.form} required autocomplete="new-password" maxLength={128} />
        <Button>{t("reset.submit")}</Button>
      </Form>
    </>
  );
}

export function ConsentPage(p: { version: string; text: string[] }) {
  const { t } = usePage();
  return (
    <>
      <h1>{t("consent.title")}</h1>
      <p>
        <strong>{p.version}</strong>
      </p>
      {p.text.map((para, i) => (
        <p key={i}>{para}</p>
      ))}
    </>
  );
}
