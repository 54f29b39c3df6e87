import type { FunctionComponent } from "preact";

/** Pages of the notifications module by id ("notifications/<page>"). */
export const notificationsPageComponents = {
} satisfies Record<string, FunctionComponent<any>>;
