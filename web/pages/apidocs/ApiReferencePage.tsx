import { usePage } from "../../ui/context";

export interface ApiOperation {
  method: string;
  path: string;
  summary: string;
  tag: string;
  params: { name: string; in: string; required: boolean }[];
  body: string[];
  responses: { status: string; description: string }[];
}

/** A readable reference rendered from the generated OpenAPI document (no third-party viewer, no CDN). */
export function ApiReferencePage(p: { operations: ApiOperation[] }) {
  const { t } = usePage();
  const tags = [...new Set(p.operations.map((o) => o.tag))];
  return (
    <>
      <h1>{t("api.title")}</h1>
      <p class="lead">
        {t("api.lead", { url: "/api/openapi.json" })} <a href="/api/openapi.json">openapi.json</a>
      </p>
      {tags.map((tag) => (
        <section key={tag} aria-labelledby={`tag-${tag}`}>
          <h2 id={`tag-${tag}`}>{tag}</h2>
          {p.operations
            .filter((o) => o.tag === tag)
            .map((o) => (
              <article class="card" key={`${o.method} ${o.path}`}>
                <h3 class="card__title">
                  <code>{o.method.toUpperCase()}</code> <code>{o.path}</code>
                </h3>
                <p>{o.summary}</p>
                {o.params.length > 0 && (
                  <p>
                    {t("api.params")}: {o.params.map((x) => `${x.name} (${x.in}${x.required ? ", *" : ""})`).join(", ")}
                  </p>
                )}
                {o.body.length > 0 && (
                  <p>
                    {t("api.body")}: {o.body.join(", ")}
                  </p>
                )}
                <p>
                  {t("api.responses")}: {o.responses.map((r) => `${r.status} ${r.description}`).join("; ")}
                </p>
              </article>
            ))}
        </section>
      ))}
    </>
  );
}
