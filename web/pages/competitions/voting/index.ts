import type { FunctionComponent } from "preact";

/** Page components of the competitions' voting part, by id ("competitions/<page>"). */
export const votingPageComponents = {} satisfies Record<string, FunctionComponent<any>>;
