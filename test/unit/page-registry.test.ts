import { describe, expect, it } from "vitest";
import { loadPage, moduleLoaders, loadCorePages } from "../../web/pages/lazy";
import { pages } from "../../web/pages/registry";

// The server renders from web/pages/registry.ts, the browser hydrates from web/pages/lazy.ts (a chunk
// per module): both must give every page id the same component, or hydration would differ.
describe("the browser's lazy page registry", () => {
  it.each(Object.keys(pages))("%s loads the server's component", async (id) => {
    expect(await loadPage(id)).toBe(pages[id as keyof typeof pages]);
  });

  it("lists no page the server does not have, and each module only its own ids", async () => {
    for (const [module, load] of Object.entries(moduleLoaders)) {
      for (const id of Object.keys(await load())) {
        expect(id.startsWith(`${module}/`), `${id} in module ${module}`).toBe(true);
        expect(Object.keys(pages)).toContain(id);
      }
    }
    for (const id of Object.keys(await loadCorePages())) {
      expect(Object.keys(moduleLoaders)).not.toContain(id.split("/")[0]);
      expect(Object.keys(pages)).toContain(id);
    }
  });
});
