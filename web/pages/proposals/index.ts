import type { FunctionComponent } from "preact";

/** Pages of the proposals module by id ("proposals/<page>"). */
export const proposalsPageComponents = {
} satisfies Record<string, FunctionComponent<any>>;
