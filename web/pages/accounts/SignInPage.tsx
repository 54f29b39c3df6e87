import type { FormState } from "../../page-data";
import { usePage } from "../../ui/context";
import { Button, ErrorSummary, Field, Form } from "../../ui/Form";

export interface SignInProps {
  form: FormState<{ email: string }>;
  next?: string;
}

export function SignInPage(p: SignInProps) {
  const { t } = usePage();
  const labels = { email: t("signin.email"), password: t("signin.password") };
  return (
    <>
      <h1>{t("signin.title")}</h1>
      <ErrorSummary form={p.form} labels={labels} />
      <Form action={p.next ? `/signin?next=${encodeURIComponent(p.next)}` : "/signin"}>
        <Field name="email" type="email" label={labels.email} form={p.form} required autocomplete="username" maxLength={254} />
        <Field name="password" type="password" label={labels.password} form={p.form} required autocomplete="current-password" maxLength={128} />
        <div class="actions">
          <Button>{t("signin.submit")}</Button>
          <a href="/password/forgot">{t("signin.forgot")}</a>
        </div>
      </Form>
      <p>
        {t("signin.noAccount")} <a href="/signup">{t("nav.signUp")}</a>
      </p>
    </>
  );
}
