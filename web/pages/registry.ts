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
import { proposalsPageComponents } from "./proposals";
import { commentsPageComponents } from "./comments";
import { moderationPageComponents } from "./moderation";
import { notificationsPageComponents } from "./notifications";
import { attachmentsPageComponents } from "./attachments";
import { consultationsPageComponents } from "./consultations";


/** Every page by id: the server renders from it, the browser hydrates from it. */
export const pages = {
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
  // Each module lists its own pages (ids "<module>/<page>") in web/pages/<module>/index.ts.
  ...proposalsPageComponents,
  ...commentsPageComponents,
  ...moderationPageComponents,
  ...notificationsPageComponents,
  ...attachmentsPageComponents,
  ...consultationsPageComponents,
} satisfies Record<string, FunctionComponent<any>>;

export type PageId = keyof typeof pages;
