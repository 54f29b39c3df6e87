import type { FunctionComponent } from "preact";

type Pages = Record<string, FunctionComponent<any>>;

/** The browser's page registry: each module's pages are a chunk of their own (esbuild splitting),
 * imported only by a page of that module. Keys are the id prefix ("<module>/<page>"); the same
 * groups as ./registry.ts, which the server uses (test/unit/page-registry.test.ts keeps them equal). */
export const moduleLoaders: Record<string, () => Promise<Pages>> = {
  proposals: () => import("./proposals").then((m) => m.proposalsPageComponents),
  comments: () => import("./comments").then((m) => m.commentsPageComponents),
  moderation: () => import("./moderation").then((m) => m.moderationPageComponents),
  notifications: () => import("./notifications").then((m) => m.notificationsPageComponents),
  attachments: () => import("./attachments").then((m) => m.attachmentsPageComponents),
  consultations: () => import("./consultations").then((m) => m.consultationsPageComponents),
  competitions: () => import("./competitions").then((m) => m.competitionsPageComponents),
  library: () => import("./library").then((m) => m.libraryPageComponents),
};

/** Pages without a module of their own (home, accounts, organisations…): ./core.ts. */
export const loadCorePages = (): Promise<Pages> => import("./core").then((m) => m.corePageComponents);

/** The chunk holding page `id`'s component, loaded (once; the browser caches the module). */
export async function loadPage(id: string): Promise<FunctionComponent<any> | undefined> {
  const prefix = id.split("/")[0];
  const load = Object.prototype.hasOwnProperty.call(moduleLoaders, prefix) && id.includes("/") ? moduleLoaders[prefix] : loadCorePages;
  return (await load())[id];
}
