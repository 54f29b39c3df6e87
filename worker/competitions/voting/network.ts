/**
 * The voter's network as the vote log keeps it: a salted SHA-256 of the /24 (IPv4) or /48 (IPv6)
 * the request came from, never the address. Votes from one network then group together in the
 * anomaly report («many accounts from one network») without the portal holding anyone's address.
 *
 * Why these prefixes: a home router, an office or a dormitory sits behind one /24 or one /48, while
 * a person's own address changes (dynamic IPv4, IPv6 privacy addresses); a finer key would miss a
 * farm of accounts on neighbouring addresses, a coarser one would lump a whole provider together.
 * Why the salt must be secret: there are only 2^24 IPv4 /24s, so an unsalted hash is reversible by
 * trying them all. Truncated to 64 bits: plenty to keep networks apart within one nomination.
 */

/** The network prefix of an address ("203.0.113.0/24", "2001:db8:85a3::/48"), or null when it is not an address. */
export function networkPrefix(address: string): string | null {
  const ip = address.trim();
  const v4 = ipv4(ip);
  if (v4) return `${v4.slice(0, 3).join(".")}.0/24`;
  const v6 = ipv6(ip);
  if (!v6) return null;
  // An IPv4 address written in IPv6 form (::ffff:a.b.c.d) is the IPv4 network it carries.
  if (v6.slice(0, 5).every((h) => h === 0) && v6[5] === 0xffff) return `${v6[6] >> 8}.${v6[6] & 255}.${v6[7] >> 8}.0/24`;
  return `${v6.slice(0, 3).map((h) => h.toString(16)).join(":")}::/48`;
}

function ipv4(s: string): number[] | null {
  const parts = s.split(".");
  if (parts.length !== 4) return null;
  const n = parts.map((p) => (/^\d{1,3}$/.test(p) ? Number(p) : NaN));
  return n.every((x) => x >= 0 && x <= 255) ? n : null;
}

/** Eight 16-bit groups, or null. Accepts "::" compression, a trailing dotted IPv4 part and a zone (%eth0). */
function ipv6(s: string): number[] | null {
  const addr = s.replace(/^\[|\]$/g, "").split("%")[0];
  if (!addr.includes(":") || addr.length > 45) return null;
  const halves = addr.split("::");
  if (halves.length > 2) return null;
  const parse = (part: string): number[] | null => {
    if (part === "") return [];
    const out: number[] = [];
    const groups = part.split(":");
    for (let i = 0; i < groups.length; i++) {
      const g = groups[i];
      if (i === groups.length - 1 && g.includes(".")) {
        const v4 = ipv4(g);
        if (!v4) return null;
        out.push((v4[0] << 8) | v4[1], (v4[2] << 8) | v4[3]);
      } else if (/^[0-9a-fA-F]{1,4}$/.test(g)) out.push(parseInt(g, 16));
      else return null;
    }
    return out;
  };
  const head = parse(halves[0]);
  const tail = halves.length === 2 ? parse(halves[1]) : [];
  if (!head || !tail) return null;
  if (halves.length === 1) return head.length === 8 ? head : null;
  const missing = 8 - head.length - tail.length;
  return missing >= 1 ? [...head, ...Array(missing).fill(0), ...tail] : null;
}

export const NETWORK_HASH_HEX = 16;

/**
 * The network key stored with a vote: hex of SHA-256(salt ‖ prefix), first 64 bits. "" when there is
 * no address to go by (local development) or no salt (an unsalted hash could be reversed, so then
 * nothing is kept at all).
 */
export async function networkHash(address: string, salt: string | undefined): Promise<string> {
  const prefix = networkPrefix(address);
  if (!prefix || !salt) return "";
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(`${salt}\n${prefix}`)));
  return [...digest.slice(0, NETWORK_HASH_HEX / 2)].map((b) => b.toString(16).padStart(2, "0")).join("");
}
