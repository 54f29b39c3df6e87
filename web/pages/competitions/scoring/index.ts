import type { FunctionComponent } from "preact";

/** Page components of the competitions' scoring part, by id ("competitions/<page>"). */
export const scoringPageComponents = {} satisfies Record<string, FunctionComponent<any>>;
