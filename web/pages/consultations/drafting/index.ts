import type { FunctionComponent } from "preact";

/** Page components of the consultations' drafting part, by id ("consultations/<page>"). */
export const draftingPageComponents = {} satisfies Record<string, FunctionComponent<any>>;
