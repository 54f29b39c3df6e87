import type { Piece } from "../../../worker/library/highlight";

/** Text with the matched words in <mark>: pieces are rendered as text nodes, never as HTML. */
export function Highlighted({ pieces }: { pieces: Piece[] }) {
  return <>{pieces.map((p, i) => (p.mark ? <mark key={i}>{p.text}</mark> : p.text))}</>;
}
