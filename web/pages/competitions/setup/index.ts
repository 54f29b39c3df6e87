import type { FunctionComponent } from "preact";

/** Page components of the competitions' setup part, by id ("competitions/<page>"). */
export const setupPageComponents = {} satisfies Record<string, FunctionComponent<any>>;
