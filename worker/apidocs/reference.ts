import type { ApiOperation } from "../../web/pages/apidocs/ApiReferencePage";

type Doc = { paths?: Record<string, Record<string, any>> };

/** Flattens an OpenAPI document into the operations the reference page lists. Pure. */
export function operationsOf(doc: Doc): ApiOperation[] {
  const ops: ApiOperation[] = [];
  for (const [path, item] of Object.entries(doc.paths ?? {})) {
    for (const [method, op] of Object.entries(item)) {
      if (!["get", "post", "put", "patch", "delete"].includes(method)) continue;
      const schema = op.requestBody?.content?.["application/json"]?.schema;
      ops.push({
        method,
        path,
        summary: op.summary ?? "",
        tag: op.tags?.[0] ?? "other",
        params: (op.parameters ?? []).map((p: any) => ({ name: p.name, in: p.in, required: !!p.required })),
        body: schema?.$ref ? [schema.$ref.split("/").pop()] : Object.keys(schema?.properties ?? {}),
        responses: Object.entries(op.responses ?? {}).map(([status, r]: [string, any]) => ({ status, description: r.description ?? "" })),
      });
    }
  }
  return ops;
}
