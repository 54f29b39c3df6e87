import type { FunctionComponent } from "preact";

/** Pages of the comments module by id ("comments/<page>"). */
export const commentsPageComponents = {
} satisfies Record<string, FunctionComponent<any>>;
