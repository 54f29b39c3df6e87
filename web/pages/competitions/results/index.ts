import type { FunctionComponent } from "preact";

/** Page components of the competitions' results part, by id ("competitions/<page>"). */
export const resultsPageComponents = {} satisfies Record<string, FunctionComponent<any>>;
