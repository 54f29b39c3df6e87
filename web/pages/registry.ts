import type { FunctionComponent } from "preact";
import { corePageComponents } from "./core";
import { proposalsPageComponents } from "./proposals";
import { commentsPageComponents } from "./comments";
import { moderationPageComponents } from "./moderation";
import { notificationsPageComponents } from "./notifications";
import { attachmentsPageComponents } from "./attachments";
import { consultationsPageComponents } from "./consultations";
import { competitionsPageComponents } from "./competitions";
import { libraryPageComponents } from "./library";

/** Every page by id: the server renders from it. The browser loads only the page's own module, through
 * ./lazy.ts (same groups; test/unit/page-registry.test.ts checks that both find the same component). */
export const pages = {
  // Home, messages, accounts, organisations, admin, dev, API reference.
  ...corePageComponents,
  // Each module lists its own pages (ids "<module>/<page>") in web/pages/<module>/index.ts.
  ...proposalsPageComponents,
  ...commentsPageComponents,
  ...moderationPageComponents,
  ...notificationsPageComponents,
  ...attachmentsPageComponents,
  ...consultationsPageComponents,
  ...competitionsPageComponents,
  ...libraryPageComponents,
} satisfies Record<string, FunctionComponent<any>>;

export type PageId = keyof typeof pages;
