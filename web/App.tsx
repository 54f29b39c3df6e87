import { translator } from "./i18n";
import type { PageData } from "./page-data";
import { pages, type PageId } from "./pages/registry";
import { PageContext } from "./ui/context";
import { Layout } from "./ui/Layout";

/** The whole page tree, the same on the server and in the browser. */
export function App({ data }: { data: PageData }) {
  const t = translator(data.locale);
  const Page = pages[data.page as PageId] as (props: any) => any;
  return (
    <PageContext.Provider value={{ t, locale: data.locale, csrf: data.csrf, path: data.path, user: data.user, dev: data.dev }}>
      <Layout flash={data.flash ? t(data.flash) : undefined}>
        <Page {...(data.props as object)} />
      </Layout>
    </PageContext.Provider>
  );
}
