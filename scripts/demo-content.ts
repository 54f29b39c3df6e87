// Demo content for local development: organisers, organisations and one account for every role
// (./demo/accounts.ts), then each module's own content (./demo/*.ts).
// Idempotent: fixed ids and ON CONFLICT DO NOTHING, so a restart never duplicates anything.
// Development only — production never runs this file (it is not part of the worker bundle).
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { hashPassword } from "../worker/accounts/password.ts";
import { ROOT, executeSqlFile } from "./lib/local-worker.ts";
import { commentsDemoSql } from "./demo/comments.ts";
import { buildDemoCompetitions, competitionsDemoSql, DEMO_COMPETITIONS } from "./demo/competitions.ts";
import { consultationsDemoSql } from "./demo/consultations.ts";
import { moderationDemoSql } from "./demo/moderation.ts";
import { notificationsDemoSql } from "./demo/notifications.ts";
import { proposalsDemoSql } from "./demo/proposals.ts";
import { libraryDemoSql } from "./demo/library.ts";
import { DEMO_ACCOUNTS, DEMO_PASSWORD, accountsDemoSql } from "./demo/accounts.ts";

export { DEMO_ACCOUNTS, DEMO_ORGANISATIONS, DEMO_ORGANISERS, DEMO_PASSWORD } from "./demo/accounts.ts";

export async function demoSql(now = Date.now()): Promise<string> {
  const hash = await hashPassword(DEMO_PASSWORD);
  const lines: string[] = [...accountsDemoSql(now, hash)];
  // Each module's own demo content, after the accounts and organisations it refers to.
  lines.push(...proposalsDemoSql(now), ...commentsDemoSql(now), ...moderationDemoSql(now), ...notificationsDemoSql(now));
  lines.push(...consultationsDemoSql(now));
  lines.push(...competitionsDemoSql(now, hash), ...libraryDemoSql(now));
  return lines.join("\n") + "\n";
}

export async function seedDemo(persistTo?: string) {
  const dir = join(ROOT, ".tmp");
  mkdirSync(dir, { recursive: true });
  const file = join(dir, "demo-seed.sql");
  writeFileSync(file, await demoSql());
  executeSqlFile(file, persistTo);
}

export function demoAccountsTable(): string {
  const roleRu: Record<string, string> = {
    platform_admin: "администратор платформы",
    organiser_admin: "администратор организатора (МАГ)",
    moderator: "модератор (Мэрия Новосибирска)",
    expert: "эксперт конкурса",
    member: "представитель организации",
    resident: "житель",
  };
  return DEMO_ACCOUNTS.map((a) => `  ${a.email.padEnd(28)} ${DEMO_PASSWORD}   ${roleRu[a.role]}`).join("\n");
}

/** The demo competitions by stage, and member@'s vote receipt in the ТОС contest (the same on every load). */
export function demoCompetitionsText(): string {
  const receipt = buildDemoCompetitions(Date.now()).receipt;
  const rows = Object.entries(DEMO_COMPETITIONS).map(([stage, id]) => `  ${stage.padEnd(11)} /competitions/${id}`);
  return `${rows.join("\n")}\n  member@'s vote receipt (ТОС contest): ${receipt}  → /competitions/receipt?code=${receipt}`;
}
