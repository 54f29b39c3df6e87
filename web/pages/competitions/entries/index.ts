import type { FunctionComponent } from "preact";
import { EnterPage } from "./EnterPage";
import { EntriesListPage } from "./EntriesListPage";
import { EntryPage } from "./EntryPage";
import { MyEntriesPage } from "./MyEntriesPage";

/** Page components of the competitions' entries part, by id ("competitions/<page>"). */
export const entriesPageComponents = {
  "competitions/enter": EnterPage,
  "competitions/entries": EntriesListPage,
  "competitions/entry": EntryPage,
  "competitions/mine": MyEntriesPage,
} satisfies Record<string, FunctionComponent<any>>;
