/**
 * Password hashing: PBKDF2-SHA256 through WebCrypto. Production Workers refuse more than
 * 100,000 iterations, local workerd does not — so the bound is enforced here and tested.
 * Stored format: `pbkdf2-sha256$<iterations>$<salt b64>$<hash b64>`; the iteration count travels
 * with each hash so it can be raised later without breaking old hashes.
 */
export const MAX_PBKDF2_ITERATIONS = 100_000;
export const DEFAULT_ITERATIONS = MAX_PBKDF2_ITERATIONS;

const b64 = (bytes: ArrayBuffer | Uint8Array) => btoa(String.fromCharCode(...new Uint8Array(bytes)));
const unb64 = (s: string) => Uint8Array.from(atob(s), (ch) => ch.charCodeAt(0));

async function derive(password: string, salt: BufferSource, iterations: number): Promise<ArrayBuffer> {
  if (!Number.isInteger(iterations) || iterations < 1 || iterations > MAX_PBKDF2_ITERATIONS) {
    throw new RangeError(`PBKDF2 iterations must be between 1 and ${MAX_PBKDF2_ITERATIONS}, got ${iterations}`);
  }
  const key = await crypto.subtle.importKey("raw", new TextEncoder().encode(password), "PBKDF2", false, ["deriveBits"]);
  return crypto.subtle.deriveBits({ name: "PBKDF2", hash: "SHA-256", salt, iterations }, key, 256);
}

export async function hashPassword(password: string, iterations = DEFAULT_ITERATIONS): Promise<string> {
  const salt = crypto.getRandomValues(new Uint8Array(16));
  const hash = await derive(password, salt, iterations);
  return `pbkdf2-sha256$${iterations}$${b64(salt)}$${b64(hash)}`;
}

export function iterationsOf(stored: string): number {
  return Number(stored.split("$")[1]);
}

export async function verifyPassword(password: string, stored: string | null): Promise<boolean> {
  if (!stored) return false;
  const [scheme, iter, salt, expected] = stored.split("$");
  if (scheme !== "pbkdf2-sha256" || !salt || !expected) return false;
  // A hash made with more iterations than production Workers allow can never be checked there.
  const n = Number(iter);
  if (!Number.isInteger(n) || n < 1 || n > MAX_PBKDF2_ITERATIONS) return false;
  const actual = new Uint8Array(await derive(password, unb64(salt), Number(iter)));
  const want = unb64(expected);
  if (actual.length !== want.length) return false;
  let diff = 0; // constant-time comparison
  for (let i = 0; i < actual.length; i++) diff |= actual[i] ^ want[i];
  return diff === 0;
}

/** A hash of a throwaway password, so that sign-in for an unknown e-mail costs the same time. */
export const DUMMY_HASH = "pbkdf2-sha256$100000$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=";
