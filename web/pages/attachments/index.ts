import type { FunctionComponent } from "preact";
import { AttachmentsManagePage } from "./ManagePage";

/** Pages of the attachments module by id ("attachments/<page>"). Gallery and UploadForm are components other pages embed. */
export const attachmentsPageComponents = {
  "attachments/manage": AttachmentsManagePage,
} satisfies Record<string, FunctionComponent<any>>;
