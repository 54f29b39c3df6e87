// Builds the browser side: the hydration bundle and the stylesheet, into web/dist (served as static assets).
import * as esbuild from "esbuild";
import { copyFileSync, mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const out = join(root, "web/dist/assets");
mkdirSync(out, { recursive: true });

await esbuild.build({
  entryPoints: [join(root, "web/entry-client.tsx")],
  bundle: true,
  format: "esm",
  minify: true,
  target: "es2020",
  jsx: "automatic",
  jsxImportSource: "preact",
  outfile: join(out, "client.js"),
  legalComments: "none",
  logLevel: "warning",
});
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
console.log("web: built web/dist/assets/client.js and app.css");
