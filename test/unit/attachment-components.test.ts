import { h } from "preact";
import { renderToString } from "preact-render-to-string";
import { describe, expect, it } from "vitest";
import { translator } from "../../web/i18n";
import { Gallery } from "../../web/pages/attachments/Gallery";
import type { AttachmentView } from "../../web/pages/attachments/types";
import { UploadForm } from "../../web/pages/attachments/UploadForm";
import { PageContext } from "../../web/ui/context";
import { toAttachmentView } from "../../worker/attachments/view";

const XSS = `<img src=x onerror=alert(1)>.png`;
const row = (over: Partial<Parameters<typeof toAttachmentView>[0]> = {}) =>
  toAttachmentView({ id: crypto.randomUUID(), ownerType: "proposal", ownerId: "p1", r2Key: "k", thumbKey: "k.thumb", fileName: "двор.jpg", contentType: "image/jpeg", size: 1_234_567, width: 1600, height: 1200, uploadedBy: "u", createdAt: 1, ...over });

function html(node: any, locale: "ru" | "en" = "ru") {
  return renderToString(h(PageContext.Provider, { value: { t: translator(locale), locale, csrf: "tok", path: "/", user: null, dev: false } }, node));
}

describe("Gallery", () => {
  const items: AttachmentView[] = [row(), row({ fileName: "смета.pdf", contentType: "application/pdf", size: 1_572_864, width: null, height: null, thumbKey: null }), row({ fileName: XSS, contentType: "image/png" })];
  it("thumbnails with alt = file name and reserved size, linking to the original; PDFs with their size", () => {
    const out = html(h(Gallery, { items }));
    expect(out).toMatch(new RegExp(`<a href="/files/${items[0].id}"><img src="/files/${items[0].id}/thumb" alt="двор.jpg" width="480" height="360"`));
    expect(out).toContain(`<a href="/files/${items[1].id}" type="application/pdf">смета.pdf</a>`);
    expect(out).toContain("(PDF, 1,5 МБ)");
    expect(html(h(Gallery, { items }), "en")).toContain("(PDF, 1.5 MB)");
  });
  it("a file name is text, never markup", () => {
    const out = html(h(Gallery, { items }));
    expect(out).not.toContain("<img src=x");
    expect(out).toContain('alt="&lt;img src=x onerror=alert(1)>.png"');
  });
  it("nothing at all for no files", () => expect(html(h(Gallery, { items: [] }))).toBe(""));
});

describe("UploadForm", () => {
  it("a labelled file input with accept and the limits in words, a delete button per file, CSRF and next", () => {
    const items = [row(), row({ fileName: "план.pdf", contentType: "application/pdf", width: null, height: null })];
    const out = html(h(UploadForm, { ownerType: "proposal", ownerId: "p1", items, next: "/proposals/p1/edit" }));
    expect(out).toContain('<label for="f-file-p1">Добавить файл</label>');
    expect(out).toMatch(/<input type="file" id="f-file-p1" name="file" accept="image\/jpeg,image\/png,image\/webp,application\/pdf[^"]*" required aria-describedby="f-file-p1-hint"/);
    expect(out).toContain("до 5 МБ");
    expect(out).toContain("до 10 МБ");
    expect(out).toContain('enctype="multipart/form-data"');
    expect(out.match(/name="_csrf" value="tok"/g)!.length).toBe(3);
    expect(out.match(/aria-label="Удалить файл «[^"]+»"/g)!.length).toBe(2);
    expect(out).toContain(`action="/attachments/${items[0].id}/delete"`);
    expect(out.match(/name="next" value="\/proposals\/p1\/edit"/g)!.length).toBe(3);
  });
  it("shows the error by the input, and no upload form when full", () => {
    const form = { values: {}, errors: [{ field: "file", reason: "Файл слишком большой" }] };
    const out = html(h(UploadForm, { ownerType: "proposal", ownerId: "p1", items: [], next: "/", form }));
    expect(out).toContain('<p class="field__error" id="f-file-p1-error">Файл слишком большой</p>');
    expect(out).toContain('aria-invalid="true"');
    expect(out).toContain('href="#f-file-p1"');
    const full = html(h(UploadForm, { ownerType: "proposal", ownerId: "p1", items: Array.from({ length: 10 }, () => row()), next: "/" }));
    expect(full).not.toContain('type="file"');
    expect(full).toContain("Добавлено наибольшее число файлов (10)");
  });
});
