import type { FunctionComponent } from "preact";
import { LibraryPage } from "./LibraryPage";
import { PracticeFormPage } from "./PracticeFormPage";
import { PracticePage } from "./PracticePage";

/** Page components of the library of city practices, by id ("library/<page>"). */
export const libraryPageComponents = {
  "library/list": LibraryPage,
  "library/show": PracticePage,
  "library/new": PracticeFormPage,
} satisfies Record<string, FunctionComponent<any>>;
