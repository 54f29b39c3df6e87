import { z } from "@hono/zod-openapi";
import { COMMENT_LIMITS, normaliseBody } from "./rules";
import { COMMENT_TARGETS, COMMENT_STATUSES } from "./schema";

const id = z.string({ message: "field.required" }).min(1, "field.required").max(64, "field.tooLong");

/** The text: trimmed, line breaks kept, 1..4000 characters. */
export const CommentBody = z
  .string({ message: "field.required" })
  .transform(normaliseBody)
  .pipe(z.string().min(1, "field.required").max(COMMENT_LIMITS.bodyMax, "field.tooLong"));

export const CommentInput = z
  .object({
    targetType: z.enum(COMMENT_TARGETS, { message: "field.invalidChoice" }),
    targetId: id,
    parentId: z.preprocess((v) => (v === "" ? undefined : v), id.optional()),
    body: CommentBody,
  })
  .openapi("CommentInput");

export const CommentPatch = z.object({ body: CommentBody }).openapi("CommentPatch");

export const VoteInput = z.object({ value: z.union([z.literal(1), z.literal(-1)], { message: "field.invalidChoice" }) }).openapi("CommentVoteInput");

export const ListQuery = z.object({
  targetType: z.enum(COMMENT_TARGETS, { message: "field.invalidChoice" }),
  targetId: id,
  after: z.string().max(200).optional(),
});

const Person = z.object({ id: z.string(), name: z.string(), deletedAccount: z.boolean() });

export const CommentView = z
  .object({
    id: z.string(),
    parentId: z.string().nullable(),
    rootId: z.string(),
    status: z.enum(COMMENT_STATUSES),
    author: Person.nullable().openapi({ description: "null for a deleted comment" }),
    inReplyTo: z.object({ id: z.string(), name: z.string().nullable(), deletedAccount: z.boolean() }).nullable(),
    body: z.string().nullable().openapi({ description: "Plain text (never HTML). null when deleted, or hidden by a moderator and not yours" }),
    createdAt: z.number().int(),
    editedAt: z.number().int().nullable(),
    up: z.number().int(),
    down: z.number().int(),
    myVote: z.union([z.literal(1), z.literal(-1), z.literal(0)]),
    editableUntil: z.number().int().nullable(),
    canDelete: z.boolean(),
    canVote: z.boolean(),
    canReply: z.boolean(),
    canReport: z.boolean(),
  })
  .openapi("Comment");

export const ThreadView = CommentView.extend({
  replies: z.array(CommentView),
  replyCount: z.number().int(),
  moreRepliesHref: z.string().nullable(),
}).openapi("CommentThread");

export const DiscussionView = z
  .object({
    target: z.object({ type: z.string(), id: z.string(), title: z.string(), url: z.string() }),
    count: z.number().int(),
    items: z.array(ThreadView),
    next: z.string().nullable().openapi({ description: "Pass as `after` for the next 20 threads" }),
    canPost: z.boolean(),
    refusal: z.enum(["signIn", "confirm", "blocked", "closed"]).nullable(),
  })
  .openapi("Discussion");
