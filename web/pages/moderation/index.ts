import type { FunctionComponent } from "preact";

/** Pages of the moderation module by id ("moderation/<page>"). */
export const moderationPageComponents = {
} satisfies Record<string, FunctionComponent<any>>;
