import type { FunctionComponent } from "preact";
import { NotificationsPage } from "./NotificationsPage";

/** Pages of the notifications module by id ("notifications/<page>"). */
export const notificationsPageComponents = {
  "notifications/list": NotificationsPage,
} satisfies Record<string, FunctionComponent<any>>;
