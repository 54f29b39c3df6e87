import type { RemarkCardView } from "../../../web/pages/consultations/remarks/props";
import { wordingDiff } from "./rules";
import type { RemarkShown } from "./service";
import { remarkUrl, reportUrl } from "./urls";

/**
 * A remark as the card shows it (web/pages/consultations/remarks/RemarkCard.tsx), built on the
 * server: the proposed wording goes to the page already as a word diff against `clauseText` (the
 * text of the remark's own clause), so the browser needs no diff code. `canSupport`: whether this
 * viewer may support remarks here now (window open, signed in, allowed); never their own.
 */
export function remarkCard(r: RemarkShown, o: { clauseText: string | null; canSupport: boolean; signedIn: boolean; back: string }): RemarkCardView {
  const url = remarkUrl(r.consultationId, r.id);
  const proposal =
    r.proposedText === null
      ? null
      : r.kind === "wording" && o.clauseText !== null
        ? { kind: "wording" as const, diff: wordingDiff(o.clauseText, r.proposedText) }
        : { kind: "new_clause" as const, text: r.proposedText };
  return {
    id: r.id,
    url,
    kind: r.kind,
    status: r.status,
    author: r.author,
    body: r.body,
    proposal,
    createdAt: r.createdAt,
    supportCount: r.supportCount,
    supportedByMe: r.supportedByMe,
    supportAction: o.canSupport && !r.mine && r.status === "visible" ? `${url}/support` : null,
    back: o.back,
    replyCount: r.replyCount,
    reportHref: o.signedIn && !r.mine && r.status === "visible" ? reportUrl(r.id) : null,
    disposition: r.disposition,
    dispositionReason: r.dispositionReason,
    mine: r.mine,
  };
}
