import type { FormState } from "../../page-data";
import { usePage } from "../../ui/context";
import { UploadForm } from "./UploadForm";
import type { AttachmentView } from "./types";

/**
 * Shown when an upload from another module's page is refused (the form posts here, not to that
 * page): the reason, the same form to try again, and the way back.
 */
export function AttachmentsManagePage(p: { ownerType: string; ownerId: string; items: AttachmentView[]; next: string; form: FormState }) {
  const { t } = usePage();
  return (
    <>
      <h1>{t("attachments.notAdded")}</h1>
      <UploadForm {...p} />
      <p>
        <a href={p.next}>{t("attachments.back")}</a>
      </p>
    </>
  );
}
