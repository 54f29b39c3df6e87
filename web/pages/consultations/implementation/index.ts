import type { FunctionComponent } from "preact";

/** Page components of the consultations' implementation part, by id ("consultations/<page>"). */
export const implementationPageComponents = {} satisfies Record<string, FunctionComponent<any>>;
