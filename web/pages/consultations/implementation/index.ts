import type { FunctionComponent } from "preact";
import { AdoptPage } from "./AdoptPage";
import { CommitmentPage } from "./CommitmentPage";
import { ImplementationPage } from "./ImplementationPage";
import { ImplementationPortalPage } from "./PortalPage";

/** Page components of the consultations' implementation part, by id ("consultations/<page>"). */
export const implementationPageComponents = {
  "consultations/adopt": AdoptPage,
  "consultations/implementation": ImplementationPage,
  "consultations/commitment": CommitmentPage,
  "consultations/implementation-portal": ImplementationPortalPage,
} satisfies Record<string, FunctionComponent<any>>;
