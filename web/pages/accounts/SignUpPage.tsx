import { useState } from "preact/hooks";
import type { FormState } from "../../page-data";
import { usePage } from "../../ui/context";
import { Button, Checkbox, ErrorSummary, Field, Form } from "../../ui/Form";
import { checkField, PASSWORD_MIN } from "./client-checks";

export interface SignUpProps {
  form: FormState<{ email: string; displayName: string; city: string }>;
  consentVersion: string;
  consentText: string[];
}

export function SignUpPage(p: SignUpProps) {
  const { t } = usePage();
  // After hydration, fields are checked when the person leaves them (never while typing).
  const [clientErrors, setClientErrors] = useState<Record<string, string | undefined>>({});
  const onBlur = (name: string, value: string) => setClientErrors((e) => ({ ...e, [name]: checkField(t, name, value) }));
  const labels = {
    email: t("signup.email"),
    password: t("signup.password"),
    displayName: t("signup.displayName"),
    city: t("signup.city"),
    consent: t("signup.consentLegend"),
    consentVersion: t("signup.consentLegend"),
  };
  return (
    <>
      <h1>{t("signup.title")}</h1>
      <p class="lead">{t("signup.lead")}</p>
      <ErrorSummary form={p.form} labels={labels} />
      <Form action="/signup">
        <Field name="email" type="email" label={labels.email} hint={t("signup.emailHint")} form={p.form} required autocomplete="email" maxLength={254} onBlur={onBlur} clientError={clientErrors.email} />
        <Field name="password" type="password" label={labels.password} hint={t("signup.passwordHint", { min: PASSWORD_MIN })} form={p.form} required autocomplete="new-password" maxLength={128} onBlur={onBlur} clientError={clientErrors.password} />
        <Field name="displayName" label={labels.displayName} form={p.form} required autocomplete="nickname" maxLength={80} onBlur={onBlur} clientError={clientErrors.displayName} />
        <Field name="city" label={labels.city} form={p.form} autocomplete="address-level2" maxLength={80} />
        <fieldset>
          <legend>{t("signup.consentLegend")}</legend>
          <div class="consent-text" tabIndex={0} role="region" aria-label={t("signup.consentLegend")}>
            {p.consentText.map((para, i) => (
              <p key={i}>{para}</p>
            ))}
          </div>
          <input type="hidden" name="consentVersion" value={p.consentVersion} />
          <Checkbox name="consent" label={t("signup.consentLabel", { version: p.consentVersion })} form={p.form} />
        </fieldset>
        <Button>{t("signup.submit")}</Button>
      </Form>
      <p>
        {t("signup.haveAccount")} <a href="/signin">{t("nav.signIn")}</a>
      </p>
    </>
  );
}
