import type { SessionUser } from "../accounts/session-user";
import type { MessageKey } from "../../web/i18n";
import { conflict, forbidden, invalidField, Problem } from "../http/problem";
import { can } from "../roles/rules";
import { LIMITS } from "./rules";
import type { ModerationAction } from "./targets";

/**
 * The checks of a post-moderated object's adapter (comments, remarks) before it writes a moderator's
 * hide or restore, in this order: the organiser's moderator, not the author, a reason of at most
 * LIMITS.reason characters (required to hide), a known action, the object in the state the action
 * starts from. Returns the trimmed reason, the status change for the guarded statement and the
 * conflict to answer when that statement finds the state changed under it.
 */
export function hideOrRestore(
  actor: SessionUser,
  object: { organiserId: string; authorId: string; status: string },
  action: ModerationAction,
  reason: string | null,
  wrongState: { hide: MessageKey; restore: MessageKey },
) {
  if (!can(actor, "moderation.decide", { organiserId: object.organiserId })) throw forbidden();
  if (object.authorId === actor.id) throw new Problem(403, "own-content", "moderation.problem.ownContent");
  const text = reason?.trim() || null;
  if (text && text.length > LIMITS.reason) throw invalidField("reason", "field.tooLong", { max: LIMITS.reason });
  if (action !== "hide" && action !== "restore") throw invalidField("action", "moderation.field.unknownAction");
  if (action === "hide" && !text) throw invalidField("reason", "field.reasonRequired");
  const [from, to] = action === "hide" ? (["visible", "hidden"] as const) : (["hidden", "visible"] as const);
  if (object.status !== from) throw conflict(wrongState[action]);
  return { text, from, to, stale: () => conflict(wrongState[action]) };
}
