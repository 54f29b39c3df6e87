import type { FunctionComponent } from "preact";

/** Page components of the competitions' experts part, by id ("competitions/<page>"). */
export const expertsPageComponents = {} satisfies Record<string, FunctionComponent<any>>;
