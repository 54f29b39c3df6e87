import type { FunctionComponent } from "preact";

/** Page components of the consultations' remarks part, by id ("consultations/<page>"). */
export const remarksPageComponents = {} satisfies Record<string, FunctionComponent<any>>;
