import { hydrate, type FunctionComponent } from "preact";
import { App } from "./App";
import type { PageData } from "./page-data";

/** Hydrates the server's HTML with the same data and the page's component: the same tree. */
export function hydratePage(data: PageData, root: HTMLElement, Page: FunctionComponent<any>) {
  hydrate(<App data={data} Page={Page} />, root);
  document.documentElement.dataset.hydrated = "true";
  // Move focus to the error summary after a failed submission (WCAG 3.3.1).
  document.getElementById("error-summary")?.focus();
}
