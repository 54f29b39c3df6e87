import { createRoute, z } from "@hono/zod-openapi";
import { ctxOf } from "../http/ctx";
import { apiRouter, json, jsonBody, problems, security } from "../http/openapi";
import { enforce, limitsFor } from "../http/rate-limit";
import { requireUser } from "../http/session";
import { loadDiscussion } from "./discussion";
import { CommentInput, CommentPatch, DiscussionView, ListQuery, VoteInput } from "./dto";
import * as service from "./service";

const tags = ["comments"];
const Id = z.object({ id: z.string().max(64) });
const Done = z.object({ id: z.string(), url: z.string() });
const VoteState = z.object({ id: z.string(), up: z.number().int(), down: z.number().int(), myVote: z.union([z.literal(1), z.literal(-1), z.literal(0)]) });

/**
 * The comments JSON API (described in /api/openapi.json). Posting and editing count towards the
 * per-account `comment` limit, votes towards the `vote` limit (worker/http/rate-limit.ts).
 */
export const commentsApi = apiRouter()
  .openapi(
    createRoute({
      method: "get",
      path: "/comments",
      tags,
      summary: "A target's discussion: 20 threads oldest first, each with its first 50 replies; pass `next` as `after` for more",
      request: { query: ListQuery },
      responses: { 200: json(DiscussionView), 404: problems[404], 422: problems[422] },
    }),
    async (c) => {
      const q = c.req.valid("query");
      const d = await loadDiscussion(ctxOf(c), c.get("user"), { type: q.targetType, id: q.targetId }, { after: q.after });
      return c.json({ target: d.target, count: d.count, items: d.items, next: d.next, canPost: d.canPost, refusal: d.refusal }, 200);
    },
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/comments",
      tags,
      security,
      summary: "Post a comment, or a reply (`parentId`); plain text, 1–4000 characters",
      request: { body: jsonBody(CommentInput) },
      responses: { 201: json(Done), 401: problems[401], 403: problems[403], 404: problems[404], 409: problems[409], 422: problems[422], 429: problems[429] },
    }),
    async (c) => {
      const user = requireUser(c);
      await enforce(c, limitsFor(c).comment, user.id);
      return c.json(await service.postComment(ctxOf(c), user, c.req.valid("json")), 201);
    },
  )
  .openapi(
    createRoute({
      method: "patch",
      path: "/comments/{id}",
      tags,
      security,
      summary: "Edit your comment within 15 minutes of posting (409 after)",
      request: { params: Id, body: jsonBody(CommentPatch) },
      responses: { 200: json(Done), 401: problems[401], 403: problems[403], 404: problems[404], 409: problems[409], 422: problems[422], 429: problems[429] },
    }),
    async (c) => {
      const user = requireUser(c);
      await enforce(c, limitsFor(c).comment, user.id);
      return c.json(await service.editComment(ctxOf(c), user, c.req.valid("param").id, c.req.valid("json").body), 200);
    },
  )
  .openapi(
    createRoute({
      method: "delete",
      path: "/comments/{id}",
      tags,
      security,
      summary: "Delete your comment: its text goes, «комментарий удалён» and the replies stay",
      request: { params: Id },
      responses: { 200: json(Done), 401: problems[401], 403: problems[403], 404: problems[404] },
    }),
    async (c) => c.json(await service.deleteComment(ctxOf(c), requireUser(c), c.req.valid("param").id), 200),
  )
  .openapi(
    createRoute({
      method: "put",
      path: "/comments/{id}/vote",
      tags,
      security,
      summary: "Vote a comment up (1) or down (-1); once per person, a second vote replaces the first",
      request: { params: Id, body: jsonBody(VoteInput) },
      responses: { 200: json(VoteState), 401: problems[401], 403: problems[403], 404: problems[404], 409: problems[409], 422: problems[422], 429: problems[429] },
    }),
    async (c) => {
      const user = requireUser(c);
      await enforce(c, limitsFor(c).vote, user.id);
      const { url: _u, ...state } = await service.voteComment(ctxOf(c), user, c.req.valid("param").id, c.req.valid("json").value);
      return c.json(state, 200);
    },
  )
  .openapi(
    createRoute({
      method: "delete",
      path: "/comments/{id}/vote",
      tags,
      security,
      summary: "Take your vote on a comment back",
      request: { params: Id },
      responses: { 200: json(VoteState), 401: problems[401], 403: problems[403], 404: problems[404], 409: problems[409], 429: problems[429] },
    }),
    async (c) => {
      const user = requireUser(c);
      await enforce(c, limitsFor(c).vote, user.id);
      const { url: _u, ...state } = await service.voteComment(ctxOf(c), user, c.req.valid("param").id, null);
      return c.json(state, 200);
    },
  );
