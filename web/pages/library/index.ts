import type { FunctionComponent } from "preact";

/** Page components of the library of city practices, by id ("library/<page>"). */
export const libraryPageComponents = {} satisfies Record<string, FunctionComponent<any>>;
