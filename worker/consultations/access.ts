import type { Actor } from "../roles/rules";
import { can } from "../roles/rules";
import type { ConsultationStatus, VersionStatus } from "./schema";
import { windowState, type CommentWindow } from "./window";

/** The facts about a consultation that decide who may do what with it. */
export interface ConsultationFacts extends CommentWindow {
  organiserId: string;
  status: ConsultationStatus;
}

/**
 * Who may see, run and take part in a consultation — one pure function every page and route of
 * the module asks, so they never disagree. `version` is the version the request is about (omit
 * it for the consultation as a whole); `currentVersion` the newest published number.
 */
export function consultationAccess(
  c: ConsultationFacts & { currentVersion: number },
  viewer: Actor | null,
  now: number,
  version?: { number: number; status: VersionStatus },
) {
  const manage = can(viewer, "consultation.manage", { organiserId: c.organiserId });
  const isModerator = can(viewer, "moderation.decide", { organiserId: c.organiserId });
  const published = c.status !== "draft";
  const blocked = viewer !== null && "blockedUntil" in viewer && typeof viewer.blockedUntil === "number" && viewer.blockedUntil > now;
  const window = windowState(c, now);
  const versionReadable = version === undefined || version.status === "published" || manage;
  // Remarks go only to the newest published version, while the window is open and nothing is adopted.
  const versionTakesRemarks = version === undefined || (version.status === "published" && version.number === c.currentVersion);
  return {
    manage,
    isModerator,
    window,
    /** Published consultations to everyone; drafts (and draft versions) to the organiser's admins only. */
    read: (published || manage) && versionReadable,
    /** Whether the consultation accepts remarks now, whoever asks (drives the page's explanation). */
    acceptsRemarks: c.status === "published" && window === "open" && c.currentVersion > 0 && versionTakesRemarks,
    /** Whether this viewer may leave a remark or support one now. */
    remark: c.status === "published" && window === "open" && c.currentVersion > 0 && versionTakesRemarks && can(viewer, "remark.write") && !blocked,
    /** Dispositions: the organiser's admins, once the window has closed. */
    dispose: can(viewer, "disposition.record", { organiserId: c.organiserId }) && published && window === "closed",
    /** Commitments' status and notes: the organiser's admins, on an adopted consultation. */
    track: can(viewer, "commitment.update", { organiserId: c.organiserId }) && c.status === "adopted",
  };
}
