import type { Locale, Translate } from "../../web/i18n";
import type { Db } from "../db/client";
import type { Env } from "../env";
import type { SessionUser } from "../accounts/session-user";

/** What middleware puts on every request's context. */
export interface AppVariables {
  requestId: string;
  nonce: string;
  db: Db;
  locale: Locale;
  t: Translate;
  user: SessionUser | null;
  sessionTokenHash: string | null;
  csrfToken: string;
}

export type AppEnv = { Bindings: Env; Variables: AppVariables };
