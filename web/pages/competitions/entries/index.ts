import type { FunctionComponent } from "preact";

/** Page components of the competitions' entries part, by id ("competitions/<page>"). */
export const entriesPageComponents = {} satisfies Record<string, FunctionComponent<any>>;
