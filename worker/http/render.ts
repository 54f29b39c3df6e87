import type { Context } from "hono";
import type { MessageKey } from "../../web/i18n";
import { renderDocument } from "../../web/entry-server";
import type { FormState, PageData } from "../../web/page-data";
import type { PageId } from "../../web/pages/registry";
import { can } from "../roles/rules";
import type { AppEnv } from "./context";
import { Problem, problemBody } from "./problem";

/** Renders a page of the registry with its props, in the request's language, for this person. */
export function render<P>(
  c: Context<AppEnv>,
  page: PageId,
  props: P,
  opts: { title: string; status?: number; description?: string; flash?: MessageKey } = { title: "" },
) {
  const user = c.get("user");
  const url = new URL(c.req.url);
  const data: PageData<P> = {
    page,
    props,
    locale: c.get("locale"),
    path: url.pathname,
    title: opts.title,
    description: opts.description,
    csrf: c.get("csrfToken") ?? "",
    user: user ? { id: user.id, displayName: user.displayName, canAdmin: can(user, "admin.enter", { anyOrganiser: true }), canModerate: can(user, "moderation.decide", { anyOrganiser: true }), unread: user.unreadNotifications } : null,
    flash: opts.flash ?? flashFrom(url),
    dev: c.env.ENVIRONMENT !== "production",
  };
  return c.html(renderDocument(data as PageData, c.get("nonce"), url.origin), (opts.status ?? 200) as 200);
}

/** Post/redirect/get: a redirect carries a message key in `?done=`; only known keys are shown. */
const FLASHES: MessageKey[] = ["signout.done", "confirm.ok", "reset.done", "profile.saved", "profile.deleted", "orgs.created", "orgs.joinRequested", "admin.granted", "admin.revoked", "moderation.queue.decided", "moderation.queue.blocked", "moderation.settings.saved", "moderation.settings.templateAdded", "moderation.settings.templateRemoved", "attachments.uploaded", "attachments.deleted"];
function flashFrom(url: URL): MessageKey | undefined {
  const key = url.searchParams.get("done") as MessageKey | null;
  return key && FLASHES.includes(key) ? key : undefined;
}

/** A Problem as form state: field errors inline, other problems as the summary's message. */
export function formStateFrom<V>(c: Context<AppEnv>, problem: Problem, values: Partial<V>): FormState<V> {
  const body = problemBody(problem, c.get("locale"), "", "");
  const errors = (body as { errors?: { field: string; reason: string }[] }).errors ?? [];
  const retry = typeof problem.extra.retryAfter === "number" ? ` ${c.get("t")("problem.retryIn", { s: problem.extra.retryAfter })}` : "";
  return { values, errors, message: errors.length ? undefined : body.title + retry };
}

/** Reads an urlencoded/multipart form as plain string fields (files are handled by their modules). */
export async function formFields(c: Context<AppEnv>): Promise<Record<string, string>> {
  const body = await c.req.parseBody();
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(body)) if (typeof v === "string" && k !== "_csrf") out[k] = v;
  return out;
}

/** Only local paths are followed after sign-in, so `?next=` cannot send anyone to another site. */
export const safeNext = (next: string | undefined | null) => (next && next.startsWith("/") && !next.startsWith("//") && !next.startsWith("/\\") ? next : null);
