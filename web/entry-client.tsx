import { hydrate } from "preact";
import { App } from "./App";
import type { PageData } from "./page-data";

// The server put the page's data next to its HTML; hydrating with the same data reproduces the
// same tree, so the page is usable before this script runs and interactive after.
const node = document.getElementById("page-data");
const root = document.getElementById("app");
if (node && root) {
  const data = JSON.parse(node.textContent ?? "{}") as PageData;
  hydrate(<App data={data} />, root);
  document.documentElement.dataset.hydrated = "true";
  // Move focus to the error summary after a failed submission (WCAG 3.3.1).
  document.getElementById("error-summary")?.focus();
}
