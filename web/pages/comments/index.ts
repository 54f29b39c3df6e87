import type { FunctionComponent } from "preact";
import { CommentFormPage, EditCommentPage, ThreadPage } from "./CommentPages";

/** Pages of the comments module by id ("comments/<page>"). The discussion itself is a component
 * (./Discussion.tsx) that the target's page renders. */
export const commentsPageComponents = {
  "comments/thread": ThreadPage,
  "comments/edit": EditCommentPage,
  "comments/form": CommentFormPage,
} satisfies Record<string, FunctionComponent<any>>;
