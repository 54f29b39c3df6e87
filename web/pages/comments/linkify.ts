/**
 * Plain text with clickable links, without ever interpreting HTML: the text is split into text and
 * link segments, and the component renders links as <a> elements and everything else as text
 * (preact escapes it). Only http and https addresses become links — `javascript:`, `data:` and
 * anything else stay text.
 */
export type Segment = { kind: "text"; text: string } | { kind: "link"; text: string; href: string };

// A candidate: http(s):// followed by anything up to whitespace or characters that never belong to
// an address written in prose (quotes and angle brackets, including the Russian «ёлочки»).
const CANDIDATE = /https?:\/\/[^\s<>"'«»“”]+/gi;
// Punctuation that ends a sentence rather than the address: "see https://a.ru/x." or "(https://a.ru)".
const TRAILING = /[.,;:!?…)\]}*]$/;

/** Drops trailing punctuation; a closing bracket stays when it closes one opened inside the address (Wikipedia's "Foo_(bar)"). */
function trimTrailing(url: string): string {
  let u = url;
  while (TRAILING.test(u)) {
    const last = u[u.length - 1];
    const open = { ")": "(", "]": "[", "}": "{" }[last];
    if (open && count(u, open) >= count(u, last)) break;
    u = u.slice(0, -1);
  }
  return u;
}

const count = (s: string, ch: string) => s.split(ch).length - 1;

function isWebAddress(candidate: string): boolean {
  try {
    const u = new URL(candidate);
    return (u.protocol === "http:" || u.protocol === "https:") && u.hostname.length > 0;
  } catch {
    return false;
  }
}

export function linkify(text: string): Segment[] {
  const out: Segment[] = [];
  let last = 0;
  const push = (s: string) => {
    if (!s) return;
    const prev = out[out.length - 1];
    if (prev && prev.kind === "text") prev.text += s;
    else out.push({ kind: "text", text: s });
  };
  for (const m of text.matchAll(CANDIDATE)) {
    const start = m.index!;
    // Inside a word ("xhttp://…") it is not an address someone meant to link.
    if (start > 0 && /[\p{L}\p{N}_]/u.test(text[start - 1])) continue;
    const url = trimTrailing(m[0]);
    if (!isWebAddress(url)) continue;
    push(text.slice(last, start));
    out.push({ kind: "link", text: url, href: url });
    last = start + url.length;
  }
  push(text.slice(last));
  return out;
}
