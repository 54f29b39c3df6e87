/**
 * Format checks for Russian registration numbers (pure).
 * ИНН: 10 digits (legal entity) or 12 (individual), with the Federal Tax Service check digits.
 * ОГРН: 13 digits (legal entity) or 15 (ОГРНИП), the last digit is the remainder rule below.
 */
const digits = (s: string) => [...s].map(Number);
const weighted = (d: number[], w: number[]) => (w.reduce((acc, k, i) => acc + k * d[i], 0) % 11) % 10;

export function isValidInn(value: string): boolean {
  if (!/^\d{10}$|^\d{12}$/.test(value)) return false;
  const d = digits(value);
  if (d.length === 10) return weighted(d, [2, 4, 10, 3, 5, 9, 4, 6, 8]) === d[9];
  return weighted(d, [7, 2, 4, 10, 3, 5, 9, 4, 6, 8]) === d[10] && weighted(d, [3, 7, 2, 4, 10, 3, 5, 9, 4, 6, 8]) === d[11];
}

export function isValidOgrn(value: string): boolean {
  if (!/^\d{13}$|^\d{15}$/.test(value)) return false;
  const body = BigInt(value.slice(0, -1));
  const check = Number(value.slice(-1));
  const mod = value.length === 13 ? 11n : 13n;
  return Number((body % mod) % 10n) === check;
}
