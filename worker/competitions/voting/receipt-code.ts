/**
 * Receipt codes: what a voter writes down to check later that their vote is counted as cast.
 *
 * 16 symbols of Crockford's base32 (0-9 and A-Z without I, L, O, U: nothing to confuse with 1 and 0,
 * no accidental words) = 80 random bits, shown in four groups «7KQ2-M9XD-0F3H-RT5C». 80 bits is far
 * beyond guessing (with the check limited per address, trying even a billionth of the space would take
 * longer than any competition lasts) and still short enough to copy by hand or read over the phone.
 */
export const RECEIPT_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
export const RECEIPT_SYMBOLS = 16;
export const RECEIPT_BITS = RECEIPT_SYMBOLS * 5;
const GROUP = 4;

/** A new receipt code from the platform's CSPRNG, in the canonical grouped form. */
export function newReceiptCode(random: (bytes: Uint8Array) => Uint8Array = (b) => crypto.getRandomValues(b)): string {
  const bytes = random(new Uint8Array(RECEIPT_BITS / 8));
  let bits = 0;
  let value = 0;
  let out = "";
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += RECEIPT_ALPHABET[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
    value &= (1 << bits) - 1;
  }
  return group(out);
}

const group = (symbols: string) => symbols.match(new RegExp(`.{1,${GROUP}}`, "g"))!.join("-");

/**
 * What a person typed, as the canonical code, or null when it cannot be one. Forgiving the way
 * Crockford's alphabet intends: any case, spaces and dashes anywhere, O read as 0, I and L as 1.
 */
export function normaliseReceipt(input: string): string | null {
  if (input.length > 64) return null;
  const symbols = input
    .toUpperCase()
    .replace(/[\s\-‐-―_.]/g, "")
    .replace(/O/g, "0")
    .replace(/[IL]/g, "1");
  if (symbols.length !== RECEIPT_SYMBOLS) return null;
  for (const ch of symbols) if (!RECEIPT_ALPHABET.includes(ch)) return null;
  return group(symbols);
}

/** The shape of a canonical code (for the API's path parameter description and tests). */
export const RECEIPT_PATTERN = /^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}$/;
