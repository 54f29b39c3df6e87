import type { FunctionComponent } from "preact";
import { draftingPageComponents } from "./drafting";
import { readingPageComponents } from "./reading";
import { remarksPageComponents } from "./remarks";
import { summaryPageComponents } from "./summary";
import { versionsPageComponents } from "./versions";
import { implementationPageComponents } from "./implementation";

/** Pages of the consultations module by id ("consultations/<page>"), gathered from its parts. */
export const consultationsPageComponents = {
  ...draftingPageComponents,
  ...readingPageComponents,
  ...remarksPageComponents,
  ...summaryPageComponents,
  ...versionsPageComponents,
  ...implementationPageComponents,
} satisfies Record<string, FunctionComponent<any>>;
