import { renderToString } from "preact-render-to-string";
import { App } from "./App";
import type { PageData } from "./page-data";
import { pages, type PageId } from "./pages/registry";

/** JSON inside <script> must not be able to close the tag or start a comment. */
function safeJson(value: unknown) {
  return JSON.stringify(value)
    .replace(/</g, "\\u003c")
    .replace(/>/g, "\\u003e")
    .replace(/&/g, "\\u0026")
    .replace(/\u2028/g, "\\u2028")
    .replace(/\u2029/g, "\\u2029");
}

/** Inline icon: without one every page load asks for /favicon.ico, a 404 logged in the console. */
export const FAVICON =
  "data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 32 32'%3E%3Crect width='32' height='32' rx='6' fill='%230b5cad'/%3E%3Cpath d='M10 8v10a6 6 0 0 0 12 0V8' stroke='%23fff' stroke-width='4' fill='none'/%3E%3C/svg%3E";

const escapeAttr = (s: string) => s.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

/** Renders one full HTML document. Pure: everything comes from `data`, nothing from module state. */
export function renderDocument(data: PageData, nonce: string, origin: string): string {
  const body = renderToString(<App data={data} Page={pages[data.page as PageId]} />);
  const title = `${data.title} — ${data.locale === "ru" ? "Участие" : "Uchastie"}`;
  const description = data.description ?? (data.locale === "ru" ? "Портал общественного участия" : "Public participation portal");
  return `<!doctype html>
<html lang="${data.locale}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeAttr(title)}</title>
<meta name="description" content="${escapeAttr(description)}">
<meta property="og:title" content="${escapeAttr(title)}">
<meta property="og:description" content="${escapeAttr(description)}">
<meta property="og:type" content="website">
<meta property="og:url" content="${escapeAttr(origin + data.path)}">
<meta property="og:locale" content="${data.locale === "ru" ? "ru_RU" : "en_GB"}">
<link rel="stylesheet" href="/assets/app.css">
<link rel="icon" href="${FAVICON}">
<link rel="alternate" hreflang="ru" href="${escapeAttr(origin + data.path)}">
<link rel="alternate" type="application/atom+xml" title="${data.locale === "ru" ? "Обсуждения документов и исполнение решений" : "Consultations and implementation"}" href="/consultations/feed.atom${data.locale === "ru" ? "" : "?lang=en"}">
</head>
<body>
<div id="app">${body}</div>
<script type="application/json" id="page-data">${safeJson(data)}</script>
<script type="module" nonce="${nonce}" src="/assets/client.${data.locale}.js"></script>
</body>
</html>`;
}
