import type { FunctionComponent } from "preact";

/** Page components of the consultations' versions part, by id ("consultations/<page>"). */
export const versionsPageComponents = {} satisfies Record<string, FunctionComponent<any>>;
