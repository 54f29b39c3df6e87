import { createContext } from "preact";
import { useContext } from "preact/hooks";
import { translator, type Locale, type Translate } from "../i18n";
import type { PageData } from "../page-data";

export interface PageContextValue {
  t: Translate;
  locale: Locale;
  csrf: string;
  path: string;
  user: PageData["user"];
  dev: boolean;
}

/** Per-render context (never a module global), so concurrent server renders cannot mix. */
export const PageContext = createContext<PageContextValue>({
  t: translator("ru"),
  locale: "ru",
  csrf: "",
  path: "/",
  user: null,
  dev: false,
});

export const usePage = () => useContext(PageContext);
