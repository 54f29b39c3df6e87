// Builds the browser side: the hydration bundle and the stylesheet, into web/dist (served as static assets).
import * as esbuild from "esbuild";
import { copyFileSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const out = join(root, "web/dist/assets");
mkdirSync(out, { recursive: true });

// One bundle per language: a page needs only its reader's catalogue, and the catalogues are most of
// the script. In the Russian bundle the English catalogue module is replaced by an empty one (and the
// other way round); the per-module catalogues it imported are then dropped by tree-shaking.
// Code splitting: the entry (client.<locale>.js, about 1 KB) imports at once, in parallel, the core
// (web/hydrate.tsx: preact, App, Layout, ui, the catalogue) and the page's own module (web/pages/lazy.ts),
// chunks under <locale>/ with what modules share; so a page downloads the core and its module's pages
// only. The CSP's 'strict-dynamic' lets the nonce'd entry load them. Chunks are named after their
// module ("proposals-<hash>.js"): bench/run.ts counts a page's chunks by those names.
const LOCALES = ["ru", "en"] as const;
for (const locale of LOCALES) {
  const other = locale === "ru" ? "en" : "ru";
  rmSync(join(out, locale), { recursive: true, force: true });
  await esbuild.build({
    entryPoints: { [`client.${locale}`]: join(root, "web/entry-client.tsx") },
    bundle: true,
    splitting: true,
    format: "esm",
    minify: true,
    target: "es2020",
    jsx: "automatic",
    jsxImportSource: "preact",
    outdir: out,
    chunkNames: `${locale}/[name]-[hash]`,
    // Cyrillic as UTF-8 (2 bytes a letter) rather than \uXXXX escapes (6); module scripts are always UTF-8.
    charset: "utf8",
    legalComments: "none",
    logLevel: "warning",
    plugins: [
      {
        name: `only-${locale}-catalogue`,
        setup(build) {
          build.onResolve({ filter: new RegExp(`^\\./${other}$`) }, (args) =>
            args.importer.endsWith(join("web", "i18n", "index.ts")) ? { path: other, namespace: "empty-catalogue" } : undefined,
          );
          build.onLoad({ filter: /.*/, namespace: "empty-catalogue" }, (args) => ({ contents: `export const ${args.path} = {};`, loader: "js" }));
        },
      },
    ],
  });
}
copyFileSync(join(root, "web/ui/styles.css"), join(out, "app.css"));

// Static assets bypass the worker, so their security headers are declared here.
writeFileSync(
  join(root, "web/dist/_headers"),
  `/assets/*
  X-Content-Type-Options: nosniff
  Cross-Origin-Resource-Policy: same-origin
  Cache-Control: public, max-age=300, must-revalidate
`,
);
writeFileSync(join(root, "web/dist/robots.txt"), "User-agent: *\nDisallow: /admin\nDisallow: /me\nDisallow: /dev\n");
console.log(`web: built ${LOCALES.map((l) => `web/dist/assets/client.${l}.js (chunks in ${l}/)`).join(", ")} and app.css`);
