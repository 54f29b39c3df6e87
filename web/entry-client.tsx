import type { PageData } from "./page-data";
import { loadPage } from "./pages/lazy";

// The server put the page's data next to its HTML; hydrating with the same data reproduces the
// same tree, so the page is usable before this script runs and interactive after (the server's HTML
// stays as it is until then). This entry is tiny and imports nothing statically: it asks for the
// core (preact, App, Layout, the catalogue: ./hydrate) and the page's own module at once, in parallel.
const node = document.getElementById("page-data");
const root = document.getElementById("app");
if (node && root) {
  const data = JSON.parse(node.textContent ?? "{}") as PageData;
  void Promise.all([import("./hydrate"), loadPage(data.page)]).then(([{ hydratePage }, Page]) => {
    if (!Page) throw new Error(`no page component for "${data.page}"`);
    hydratePage(data, root, Page);
  });
}
