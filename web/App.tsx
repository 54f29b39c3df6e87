import type { FunctionComponent } from "preact";
import { translator } from "./i18n";
import type { PageData } from "./page-data";
import { PageContext } from "./ui/context";
import { Layout } from "./ui/Layout";

/** The whole page tree, the same on the server and in the browser. `Page` is the component of
 * `data.page`: the server takes it from pages/registry.ts, the browser loads its chunk (pages/lazy.ts)
 * first, so this module (in the browser's entry) imports no page. */
export function App({ data, Page }: { data: PageData; Page: FunctionComponent<any> }) {
  const t = translator(data.locale);
  return (
    <PageContext.Provider value={{ t, locale: data.locale, csrf: data.csrf, path: data.path, user: data.user, dev: data.dev }}>
      <Layout flash={data.flash ? t(data.flash) : undefined}>
        <Page {...(data.props as object)} />
      </Layout>
    </PageContext.Provider>
  );
}
