import type { FunctionComponent } from "preact";
import { ForgotPasswordPage, ResetPasswordPage, ConsentPage } from "./accounts/PasswordPages";
import { ProfilePage } from "./accounts/ProfilePage";
import { SignInPage } from "./accounts/SignInPage";
import { SignUpPage } from "./accounts/SignUpPage";
import { AdminPage } from "./admin/AdminPage";
import { ApiReferencePage } from "./apidocs/ApiReferencePage";
import { MessagePage } from "./common/MessagePage";
import { OutboxPage } from "./dev/OutboxPage";
import { HomePage } from "./home/HomePage";
import { OrganisationPage } from "./organisations/OrganisationPage";
import { OrganisationsPage } from "./organisations/OrganisationsPage";

/** The pages outside the modules with their own index (home, accounts, organisations, admin…). In the
 * browser they are one chunk, loaded for any page id whose prefix is not a module of ./lazy.ts. */
export const corePageComponents = {
  home: HomePage,
  message: MessagePage,
  "accounts/signup": SignUpPage,
  "accounts/signin": SignInPage,
  "accounts/forgot": ForgotPasswordPage,
  "accounts/reset": ResetPasswordPage,
  "accounts/consent": ConsentPage,
  "accounts/profile": ProfilePage,
  "organisations/list": OrganisationsPage,
  "organisations/show": OrganisationPage,
  "admin/index": AdminPage,
  "dev/outbox": OutboxPage,
  "apidocs/reference": ApiReferencePage,
} satisfies Record<string, FunctionComponent<any>>;
