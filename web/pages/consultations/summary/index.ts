import type { FunctionComponent } from "preact";

/** Page components of the consultations' summary part, by id ("consultations/<page>"). */
export const summaryPageComponents = {} satisfies Record<string, FunctionComponent<any>>;
