import type { Db, Statement } from "../db/client";
import { consultationEvents, type ConsultationEventKind } from "./schema";

/**
 * An entry of the public Atom feed (./implementation/feed.ts reads them). Written in the same batch
 * as the change it announces, so the feed never tells of something that did not happen.
 *
 * params by kind — published: { title }; version: { title, version }; summary: { title, version };
 * adopted: { title, version, adoptedOn, adoptedBy }; commitment_status: { title, addressee, status, clause }.
 */
export function eventStatement(
  db: Db,
  e: { consultationId: string; organiserId: string; kind: ConsultationEventKind; params: Record<string, string | number>; url: string },
  now = Date.now(),
): Statement {
  return db.insert(consultationEvents).values({ id: crypto.randomUUID(), ...e, createdAt: now });
}
