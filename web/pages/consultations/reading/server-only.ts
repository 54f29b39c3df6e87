/**
 * Long server-rendered content that is not sent twice.
 *
 * Every page is rendered on the server and hydrated in the browser from the same props, which
 * travel as JSON next to the HTML. For a document of hundreds of clauses that would double the
 * page (the clauses once as HTML, once as JSON), yet nothing in the document's text is
 * interactive. So the worker marks such a prop `serverOnly`: it renders on the server and is left
 * out of the JSON; in the browser the component renders the same element with an empty
 * `dangerouslySetInnerHTML`, which Preact does not apply while hydrating — the server's markup
 * stays as it is. The only HTML string ever given to dangerouslySetInnerHTML is the constant "".
 */
export function serverOnly<T extends object>(value: T): T {
  Object.defineProperty(value, "toJSON", { value: () => undefined, enumerable: false });
  return value;
}

/** The props of an element whose server-rendered children the browser keeps untouched. */
export const KEEP_SERVER_MARKUP = { dangerouslySetInnerHTML: { __html: "" } } as const;
