import type { FunctionComponent } from "preact";

/** Page components of the consultations' reading part, by id ("consultations/<page>"). */
export const readingPageComponents = {} satisfies Record<string, FunctionComponent<any>>;
