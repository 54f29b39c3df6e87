import { ownerAttachmentDeletion, removeOwnerObjects, uploadExportQuery } from "../attachments/personal-data";
import { commentExportQueries } from "../comments/personal-data";
import { entryDeletionStatements, entryExportQuery, submittedEntriesOf } from "../competitions/entries/personal-data";
import { expertDeletionStatements, expertExportQueries } from "../competitions/scoring/personal-data";
import { voteDeletionStatements, voteExportQueries } from "../competitions/voting/personal-data";
import { remarkDeletionStatements, remarkExportQueries } from "../consultations/remarks/personal-data";
import { reportExportQuery } from "../moderation/personal-data";
import { draftDeletionStatements, draftsOf, proposalExportQueries } from "../proposals/personal-data";
import { and, eq, sql } from "drizzle-orm";
import type { Locale } from "../../web/i18n";
import { auditRecord, auditRecordWhere } from "../audit";
import { auditLog } from "../audit/schema";
import { runBatch, type Db } from "../db/client";
import { isUniqueViolation } from "../db/errors";
import type { Env } from "../env";
import { Problem, conflict, forbidden, invalidField } from "../http/problem";
import { sendMail } from "../mail";
import { mailTemplates } from "../mail/templates";
import { notificationDeletionStatements, notificationExportQueries } from "../notifications";
import { membershipsOfUser, membershipRemovalStatements } from "../organisations/data";
import { deleteGrantsOfUser, grantsOfUser } from "../roles/data";
import { CURRENT_CONSENT_VERSION } from "./consent";
import {
  consents,
  consumeToken,
  deleteSessionsOfUser,
  emailTokens,
  findUserByEmail,
  insertEmailToken,
  insertSession,
  sessions,
  userOfUsableToken,
  users,
} from "./data";
import { DUMMY_HASH, hashPassword, verifyPassword } from "./password";
import type { SessionUser } from "./session-user";
import { randomToken, sha256 } from "./tokens";

export const SESSION_TTL_MS = 30 * 24 * 3600_000;
export const CONFIRM_TTL_MS = 24 * 3600_000;
export const RESET_TTL_MS = 3600_000;

/** What a use case needs from the request: storage, bindings, where links point, the reader's language. */
export interface Ctx {
  db: Db;
  env: Env;
  origin: string;
  locale: Locale;
}


async function issueEmailToken(ctx: Ctx, userId: string, purpose: "confirm" | "reset") {
  const token = randomToken();
  const now = Date.now();
  const row = {
    tokenHash: await sha256(token),
    userId,
    purpose,
    createdAt: now,
    expiresAt: now + (purpose === "confirm" ? CONFIRM_TTL_MS : RESET_TTL_MS),
  };
  const link = `${ctx.origin}/${purpose === "confirm" ? "confirm" : "password/reset"}?token=${token}`;
  return { row, link };
}

export async function signUp(
  ctx: Ctx,
  input: { email: string; password: string; displayName: string; city?: string; consentVersion: string },
) {
  const id = crypto.randomUUID();
  const now = Date.now();
  const passwordHash = await hashPassword(input.password);
  const { row, link } = await issueEmailToken(ctx, id, "confirm");
  try {
    await ctx.db.batch([
      ctx.db.insert(users).values({
        id,
        email: input.email,
        passwordHash,
        displayName: input.displayName,
        city: input.city || null,
        locale: ctx.locale,
        createdAt: now,
      }),
      ctx.db.insert(consents).values({ userId: id, version: input.consentVersion, acceptedAt: now }),
      insertEmailToken(ctx.db, row),
      auditRecord(ctx.db, { actorId: id, action: "account.signup", objectType: "user", objectId: id, details: { consentVersion: input.consentVersion } }, now),
    ]);
  } catch (e) {
    if (isUniqueViolation(e)) throw conflict("problem.emailTaken", [{ field: "email", code: "field.emailTaken" }]);
    throw e;
  }
  await sendMail(ctx.env, ctx.db, { to: input.email, ...mailTemplates.confirm(ctx.locale, link) });
  return { id, email: input.email };
}

export async function confirmEmail(ctx: Ctx, token: string) {
  const now = Date.now();
  const h = await sha256(token);
  const owner = userOfUsableToken(h, "confirm", now);
  // Consumed last: the statements before it see the token as usable only in the first request.
  const [, , consumed] = await ctx.db.batch([
    ctx.db.update(users).set({ emailConfirmedAt: sql`COALESCE(${users.emailConfirmedAt}, ${now})` }).where(eq(users.id, owner)),
    auditRecordWhere(ctx.db, { actorId: null, action: "account.confirm_email", objectType: "email_token", objectId: h.slice(0, 16) }, sql`EXISTS ${owner}`, now),
    consumeToken(ctx.db, h, "confirm", now),
  ]);
  if (consumed.length === 0) throw new Problem(400, "bad-token", "problem.badToken", [{ field: "token", code: "problem.badToken" }]);
  return { userId: consumed[0].userId };
}

export async function signIn(ctx: Ctx, input: { email: string; password: string }, userAgent: string | undefined) {
  const user = await findUserByEmail(ctx.db, input.email);
  // Verify even when there is no such user, so timing does not reveal which addresses exist.
  const ok = await verifyPassword(input.password, user?.passwordHash ?? DUMMY_HASH);
  if (!user || !ok) throw new Problem(401, "bad-credentials", "problem.badCredentials");
  if (user.blockedUntil && user.blockedUntil > Date.now()) throw new Problem(403, "blocked", "problem.blocked", [], { blockedUntil: new Date(user.blockedUntil).toISOString() });
  if (!user.emailConfirmedAt) {
    const { row, link } = await issueEmailToken(ctx, user.id, "confirm");
    await insertEmailToken(ctx.db, row);
    await sendMail(ctx.env, ctx.db, { to: user.email, ...mailTemplates.confirm(user.locale === "en" ? "en" : "ru", link) });
    throw new Problem(403, "unconfirmed", "problem.unconfirmed");
  }
  const token = randomToken();
  const now = Date.now();
  await insertSession(ctx.db, {
    tokenHash: await sha256(token),
    userId: user.id,
    createdAt: now,
    expiresAt: now + SESSION_TTL_MS,
    userAgent: userAgent?.slice(0, 200) ?? null,
  });
  return { token, userId: user.id, locale: user.locale };
}

export async function signOut(ctx: Ctx, tokenHash: string) {
  await ctx.db.delete(sessions).where(eq(sessions.tokenHash, tokenHash));
}

export async function signOutEverywhere(ctx: Ctx, user: SessionUser) {
  await ctx.db.batch([
    deleteSessionsOfUser(ctx.db, user.id),
    auditRecord(ctx.db, { actorId: user.id, action: "account.signout_all", objectType: "user", objectId: user.id }),
  ]);
}

export async function requestPasswordReset(ctx: Ctx, email: string) {
  const user = await findUserByEmail(ctx.db, email);
  if (!user) return; // the same answer either way: addresses are not disclosed
  const { row, link } = await issueEmailToken(ctx, user.id, "reset");
  await insertEmailToken(ctx.db, row);
  await sendMail(ctx.env, ctx.db, { to: user.email, ...mailTemplates.reset(user.locale === "en" ? "en" : "ru", link) });
}

export async function resetPassword(ctx: Ctx, token: string, password: string) {
  const now = Date.now();
  const h = await sha256(token);
  const passwordHash = await hashPassword(password);
  const owner = userOfUsableToken(h, "reset", now);
  // Consumed last: the statements before it see the token as usable only in the first request.
  const [, , , consumed] = await ctx.db.batch([
    // Following a mailed link proves the address, so it counts as confirmed too.
    ctx.db
      .update(users)
      .set({ passwordHash, emailConfirmedAt: sql`COALESCE(${users.emailConfirmedAt}, ${now})` })
      .where(eq(users.id, owner)),
    // A new password signs every device out.
    ctx.db.delete(sessions).where(eq(sessions.userId, owner)),
    auditRecordWhere(ctx.db, { actorId: null, action: "account.reset_password", objectType: "email_token", objectId: h.slice(0, 16) }, sql`EXISTS ${owner}`, now),
    consumeToken(ctx.db, h, "reset", now),
  ]);
  if (consumed.length === 0) throw new Problem(400, "bad-token", "problem.badToken", [{ field: "token", code: "problem.badToken" }]);
}

export async function updateProfile(
  ctx: Ctx,
  actor: SessionUser,
  targetUserId: string,
  input: { displayName?: string; city?: string; locale?: "ru" | "en"; showMemberships?: boolean },
) {
  // Nobody changes another person's profile — not even a platform admin (they block, not edit).
  if (actor.id !== targetUserId) throw forbidden();
  const patch: Partial<typeof users.$inferInsert> = {};
  if (input.displayName !== undefined) patch.displayName = input.displayName;
  if (input.city !== undefined) patch.city = input.city || null;
  if (input.locale !== undefined) patch.locale = input.locale;
  if (input.showMemberships !== undefined) patch.showMemberships = input.showMemberships;
  if (Object.keys(patch).length === 0) return;
  await ctx.db.batch([
    ctx.db.update(users).set(patch).where(eq(users.id, actor.id)),
    auditRecord(ctx.db, { actorId: actor.id, action: "account.update_profile", objectType: "user", objectId: actor.id, details: { fields: Object.keys(patch) } }),
  ]);
}

/** Everything the portal holds about the person (152-ФЗ, right of access), in one batch. */
export async function exportPersonalData(ctx: Ctx, user: SessionUser) {
  const [profile, consentRows, sessionRows, grants, memberships, actions, notes, notePrefs, myProposals, mySupports, myComments, myVotes, myReports, myUploads, myRemarks, myRemarkSupports, myEntries, myBallots, myBallotLog, myJuries, myConflicts, mySheets, myScores] = await ctx.db.batch([
    ctx.db
      .select({
        id: users.id,
        email: users.email,
        displayName: users.displayName,
        city: users.city,
        locale: users.locale,
        showMemberships: users.showMemberships,
        emailConfirmedAt: users.emailConfirmedAt,
        createdAt: users.createdAt,
      })
      .from(users)
      .where(eq(users.id, user.id)),
    ctx.db.select({ version: consents.version, acceptedAt: consents.acceptedAt }).from(consents).where(eq(consents.userId, user.id)),
    ctx.db
      .select({ createdAt: sessions.createdAt, expiresAt: sessions.expiresAt, userAgent: sessions.userAgent })
      .from(sessions)
      .where(eq(sessions.userId, user.id)),
    grantsOfUser(ctx.db, user.id),
    membershipsOfUser(ctx.db, user.id),
    ctx.db
      .select({ at: auditLog.at, action: auditLog.action, objectType: auditLog.objectType, objectId: auditLog.objectId })
      .from(auditLog)
      .where(eq(auditLog.actorId, user.id))
      .orderBy(auditLog.id),
    ...notificationExportQueries(ctx.db, user.id),
    ...proposalExportQueries(ctx.db, user.id),
    ...commentExportQueries(ctx.db, user.id),
    reportExportQuery(ctx.db, user.id),
    uploadExportQuery(ctx.db, user.id),
    ...remarkExportQueries(ctx.db, user.id),
    entryExportQuery(ctx.db, user.id),
    ...voteExportQueries(ctx.db, user.id),
    ...expertExportQueries(ctx.db, user.id),
  ]);
  const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
  return {
    exportedAt: new Date().toISOString(),
    profile: profile[0] && { ...profile[0], emailConfirmedAt: iso(profile[0].emailConfirmedAt), createdAt: iso(profile[0].createdAt) },
    consents: consentRows.map((c) => ({ version: c.version, acceptedAt: iso(c.acceptedAt) })),
    sessions: sessionRows.map((s) => ({ createdAt: iso(s.createdAt), expiresAt: iso(s.expiresAt), userAgent: s.userAgent })),
    roles: grants,
    memberships: memberships.map((m) => ({ ...m, requestedAt: iso(m.requestedAt), decidedAt: iso(m.decidedAt) })),
    actions: actions.map((a) => ({ ...a, at: iso(a.at) })),
    notifications: notes.map((n) => ({ ...n, createdAt: iso(n.createdAt), readAt: iso(n.readAt) })),
    notificationEmail: notePrefs,
    proposals: myProposals.map((p) => ({ ...p, createdAt: iso(p.createdAt), updatedAt: iso(p.updatedAt), submittedAt: iso(p.submittedAt), publishedAt: iso(p.publishedAt), hiddenAt: iso(p.hiddenAt) })),
    supports: mySupports.map((x) => ({ ...x, createdAt: iso(x.createdAt) })),
    comments: myComments.map((c) => ({ ...c, createdAt: iso(c.createdAt), editedAt: iso(c.editedAt) })),
    commentVotes: myVotes.map((v) => ({ ...v, createdAt: iso(v.createdAt) })),
    reports: myReports.map((r) => ({ ...r, createdAt: iso(r.createdAt) })),
    uploads: myUploads.map((u) => ({ ...u, createdAt: iso(u.createdAt) })),
    remarks: myRemarks.map((r) => ({ ...r, createdAt: iso(r.createdAt) })),
    remarkSupports: myRemarkSupports.map((s) => ({ ...s, createdAt: iso(s.createdAt) })),
    competitionEntries: myEntries.map((e) => ({ ...e, hiddenAt: iso(e.hiddenAt), createdAt: iso(e.createdAt), decidedAt: iso(e.decidedAt), withdrawnAt: iso(e.withdrawnAt) })),
    competitionVotes: myBallots.map((v) => ({ ...v, castAt: iso(v.castAt), changedAt: iso(v.changedAt) })),
    competitionVoteLog: myBallotLog.map((l) => ({ ...l, at: iso(l.at) })),
    expertOf: myJuries.map((x) => ({ ...x, addedAt: iso(x.addedAt), declaredAt: iso(x.declaredAt) })),
    expertConflicts: myConflicts.map((x) => ({ ...x, declaredAt: iso(x.declaredAt) })),
    expertSheets: mySheets.map((x) => ({ ...x, assignedAt: iso(x.assignedAt), submittedAt: iso(x.submittedAt) })),
    expertScores: myScores.map((x) => ({ ...x, updatedAt: iso(x.updatedAt) })),
  };
}

/**
 * Deletes the account (152-ФЗ, withdrawal of consent). Personal data goes; the row stays as a
 * tombstone so that what the person published keeps its author («удалённый пользователь») and
 * every counter is corrected in the same batch.
 */
export async function deleteAccount(ctx: Ctx, user: SessionUser) {
  const now = Date.now();
  // Drafts (and their files) never left the person, so they go with the account; what was submitted
  // or published stays, attributed to «удалённый пользователь».
  // Competition entries still waiting for the check are withdrawn (see competitions/entries/personal-data.ts).
  const [draftRows, submittedEntries] = await ctx.db.batch([draftsOf(ctx.db, user.id), submittedEntriesOf(ctx.db, user.id)]);
  const drafts = draftRows.map((d) => d.id);
  await runBatch(ctx.db, [
    ...ownerAttachmentDeletion(ctx.db, "proposal", drafts),
    ...draftDeletionStatements(ctx.db, drafts),
    ...membershipRemovalStatements(ctx.db, user.id),
    deleteGrantsOfUser(ctx.db, user.id),
    deleteSessionsOfUser(ctx.db, user.id),
    ctx.db.delete(emailTokens).where(eq(emailTokens.userId, user.id)),
    ctx.db.delete(consents).where(eq(consents.userId, user.id)),
    // The tombstone keeps the users row, so ON DELETE CASCADE does not fire: notifications go explicitly.
    ...notificationDeletionStatements(ctx.db, user.id),
    // Remark supports go with their counters recounted; the remarks stay under «удалённый пользователь».
    ...remarkDeletionStatements(ctx.db, user.id),
    // Entries waiting for the check withdrawn; the contact cleared on every entry; admitted ones stay.
    ...entryDeletionStatements(ctx.db, user.id, submittedEntries, now),
    // Votes stay counted (the tombstone names nobody); their network hashes go (competitions/voting/personal-data.ts).
    ...voteDeletionStatements(ctx.db, user.id),
    // Submitted score sheets stay; drafts and unsubmitted assignments go (competitions/scoring/personal-data.ts).
    ...expertDeletionStatements(ctx.db, user.id),
    ctx.db
      .update(users)
      .set({
        email: `deleted:${user.id}`,
        passwordHash: null,
        displayName: "",
        city: null,
        emailConfirmedAt: null,
        showMemberships: false,
        deletedAt: now,
      })
      .where(and(eq(users.id, user.id))),
    auditRecord(ctx.db, { actorId: user.id, action: "account.delete", objectType: "user", objectId: user.id }, now),
  ]);
  await removeOwnerObjects(ctx.env.FILES, "proposal", drafts);
}

export { CURRENT_CONSENT_VERSION, invalidField };

/**
 * Blocks an account until `until` and ends all its sessions: statements for the caller's one batch,
 * with their audit record. Who may block whom is the caller's rule (the moderation queue checks
 * it); sign-in refuses the account until then. A longer block already in force is never shortened.
 */
export function blockAccountStatements(
  db: Db,
  b: { userId: string; until: number; actorId: string; organiserId: string | null; reason: string | null },
  at = Date.now(),
) {
  return [
    db
      .update(users)
      .set({ blockedUntil: sql`MAX(COALESCE(${users.blockedUntil}, 0), ${b.until})` })
      .where(and(eq(users.id, b.userId), sql`${users.deletedAt} IS NULL`)),
    deleteSessionsOfUser(db, b.userId),
    auditRecord(
      db,
      { actorId: b.actorId, action: "account.block", objectType: "user", objectId: b.userId, organiserId: b.organiserId, reason: b.reason, details: { until: new Date(b.until).toISOString() } },
      at,
    ),
  ] as const;
}
