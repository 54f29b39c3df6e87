import { usePage } from "../../ui/context";
import { formatSize } from "./size";
import type { AttachmentView } from "./types";

/**
 * An owner's files: photos as thumbnails linking to the original (alt text is the file name, the
 * only description we have; width and height reserve the space so nothing jumps when they load),
 * PDFs as links with their size. Renders nothing when there are no files.
 */
export function Gallery({ items, headingLevel = 3 }: { items: AttachmentView[]; headingLevel?: 2 | 3 | 4 }) {
  const { t, locale } = usePage();
  const images = items.filter((a) => a.kind === "image");
  const pdfs = items.filter((a) => a.kind === "pdf");
  if (!items.length) return null;
  const H = `h${headingLevel}` as "h3";
  return (
    <div class="attachments">
      {images.length > 0 && (
        <>
          <H class="attachments__heading">{t("attachments.photos")}</H>
          <ul class="gallery">
            {images.map((a) => (
              <li key={a.id} class="gallery__item">
                <a href={a.url}>
                  <img src={a.thumbUrl ?? a.url} alt={a.fileName} width={a.thumbWidth ?? undefined} height={a.thumbHeight ?? undefined} loading="lazy" decoding="async" />
                </a>
              </li>
            ))}
          </ul>
        </>
      )}
      {pdfs.length > 0 && (
        <>
          <H class="attachments__heading">{t("attachments.documents")}</H>
          <ul class="file-list">
            {pdfs.map((a) => (
              <li key={a.id}>
                <a href={a.url} type="application/pdf">
                  {a.fileName}
                </a>{" "}
                <span class="file-list__meta">({t("attachments.pdfSize", { size: formatSize(t, locale, a.size) })})</span>
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}
