import { describe, expect, it } from "vitest";
import { BURST_MIN_NEW, HOUR_MS, hourTable, hourWindow, isBurst, REPORT_HOURS } from "../../worker/competitions/voting/anomalies";
import { networkHash, networkPrefix } from "../../worker/competitions/voting/network";
import { newReceiptCode, normaliseReceipt, RECEIPT_ALPHABET, RECEIPT_BITS, RECEIPT_PATTERN } from "../../worker/competitions/voting/receipt-code";

describe("receipt codes", () => {
  it("are 16 Crockford base32 symbols in four groups: 80 bits", () => {
    expect(RECEIPT_BITS).toBeGreaterThanOrEqual(80);
    expect(RECEIPT_ALPHABET).toHaveLength(32);
    expect(RECEIPT_ALPHABET).not.toMatch(/[ILOU]/);
    for (let i = 0; i < 200; i++) {
      const code = newReceiptCode();
      expect(code).toMatch(RECEIPT_PATTERN);
      expect(code).toHaveLength(19);
    }
  });

  it("use every bit of the random bytes: all zeros, all ones, and a known pattern", () => {
    expect(newReceiptCode((b) => b.fill(0))).toBe("0000-0000-0000-0000");
    expect(newReceiptCode((b) => b.fill(255))).toBe("ZZZZ-ZZZZ-ZZZZ-ZZZZ");
    // 0x00 0x44 0x32 0x14 0xC7 …: the bit string 00000 00001 00010 00011 00100 00101 00110 00111 … is 0 1 2 3 4 5 6 7 …
    const counting = Uint8Array.from([0x00, 0x44, 0x32, 0x14, 0xc7, 0x42, 0x54, 0xb6, 0x35, 0xcf]);
    expect(newReceiptCode((b) => (b.set(counting), b))).toBe("0123-4567-89AB-CDEF");
  });

  it("are different every time (no collisions among 10,000) and spread over the whole alphabet", () => {
    const codes = new Set(Array.from({ length: 10_000 }, () => newReceiptCode()));
    expect(codes.size).toBe(10_000);
    const firstSymbols = new Set([...codes].map((c) => c[0]));
    expect(firstSymbols.size).toBe(32);
  });

  it("are read forgivingly: any case, spaces and dashes, O as 0, I and L as 1", () => {
    expect(normaliseReceipt("7kq2-m9xd-0f3h-rt5c")).toBe("7KQ2-M9XD-0F3H-RT5C");
    expect(normaliseReceipt(" 7KQ2 M9XD 0F3H RT5C ")).toBe("7KQ2-M9XD-0F3H-RT5C");
    expect(normaliseReceipt("7KQ2M9XDOF3HRT5C")).toBe("7KQ2-M9XD-0F3H-RT5C");
    expect(normaliseReceipt("7KQ2—M9XD—0F3H—RT5C")).toBe("7KQ2-M9XD-0F3H-RT5C");
    expect(normaliseReceipt("IiLl-0000-0000-0000")).toBe("1111-0000-0000-0000");
  });

  it("refuse what cannot be a code: wrong length, U, other letters, very long input", () => {
    for (const bad of ["", "7KQ2-M9XD-0F3H", "7KQ2-M9XD-0F3H-RT5C-A", "7KQ2-M9XD-0F3H-RT5U", "7KQ2-M9XD-0F3H-RT5Я", "7KQ2-M9XD-0F3H-RT5!", "-".repeat(65)]) {
      expect(normaliseReceipt(bad), bad).toBeNull();
    }
  });
});

describe("network hashing", () => {
  it("keeps the /24 of an IPv4 address and the /48 of an IPv6 one", () => {
    expect(networkPrefix("203.0.113.7")).toBe("203.0.113.0/24");
    expect(networkPrefix("203.0.113.254")).toBe("203.0.113.0/24");
    expect(networkPrefix("2001:db8:85a3:8d3:1319:8a2e:370:7348")).toBe("2001:db8:85a3::/48");
    expect(networkPrefix("2001:DB8:85A3::1")).toBe("2001:db8:85a3::/48");
    expect(networkPrefix("2001:db8::1")).toBe("2001:db8:0::/48");
    expect(networkPrefix("[2001:db8:85a3::1]")).toBe("2001:db8:85a3::/48");
    expect(networkPrefix("fe80::1%eth0")).toBe("fe80:0:0::/48");
    expect(networkPrefix("::1")).toBe("0:0:0::/48");
  });

  it("reads an IPv4 address written in IPv6 form as its IPv4 network", () => {
    expect(networkPrefix("::ffff:203.0.113.7")).toBe("203.0.113.0/24");
    expect(networkPrefix("::ffff:cb00:7107")).toBe("203.0.113.0/24");
  });

  it("refuses what is not an address", () => {
    for (const bad of ["local", "", "256.1.1.1", "1.2.3", "1.2.3.4.5", "1:2:3:4:5:6:7:8:9", "1::2::3", "12345::", "g::1", "1.2.3.04x"]) expect(networkPrefix(bad), bad).toBeNull();
  });

  it("is a salted SHA-256 of the prefix, 64 bits in hex (known vectors)", async () => {
    expect(await networkHash("203.0.113.7", "salt-1")).toBe("22be26fbbb89a177");
    expect(await networkHash("2001:db8:85a3:1::9", "salt-1")).toBe("cd611d4a3f2f2de1");
  });

  it("one network gives one key; another network or another salt another; the address is not in it", async () => {
    const a = await networkHash("198.51.100.10", "s");
    expect(a).toMatch(/^[0-9a-f]{16}$/);
    expect(await networkHash("198.51.100.200", "s")).toBe(a);
    expect(await networkHash("198.51.101.10", "s")).not.toBe(a);
    expect(await networkHash("198.51.100.10", "t")).not.toBe(a);
    expect(a).not.toContain("198");
  });

  it("keeps nothing without an address or without a salt (an unsalted /24 hash is reversible)", async () => {
    expect(await networkHash("local", "s")).toBe("");
    expect(await networkHash("198.51.100.10", undefined)).toBe("");
    expect(await networkHash("198.51.100.10", "")).toBe("");
  });
});

describe("anomaly rules", () => {
  it("a burst: at least the minimum of new accounts' votes and at least half of the hour", () => {
    expect(isBurst({ votes: BURST_MIN_NEW, fresh: BURST_MIN_NEW })).toBe(true);
    expect(isBurst({ votes: 2 * BURST_MIN_NEW, fresh: BURST_MIN_NEW })).toBe(true);
    expect(isBurst({ votes: 2 * BURST_MIN_NEW + 1, fresh: BURST_MIN_NEW })).toBe(false);
    expect(isBurst({ votes: BURST_MIN_NEW - 1, fresh: BURST_MIN_NEW - 1 })).toBe(false);
    expect(isBurst({ votes: 0, fresh: 0 })).toBe(false);
  });

  it("the hour window: the last 48 hours of voting so far, never before it opened, with the next page's start", () => {
    const opensAt = 1000 * HOUR_MS;
    const closesAt = opensAt + 100 * HOUR_MS;
    // Three and a half hours into voting: hours 1000..1003.
    expect(hourWindow({ opensAt, closesAt }, opensAt + 3.5 * HOUR_MS, null)).toEqual({ from: 1000, to: 1004, older: null });
    // After voting: the last 48 hours before it closed, then the 48 before those, then the first 4.
    const after = closesAt + 10 * HOUR_MS;
    expect(hourWindow({ opensAt, closesAt }, after, null)).toEqual({ from: 1100 - REPORT_HOURS, to: 1100, older: 1100 - REPORT_HOURS });
    expect(hourWindow({ opensAt, closesAt }, after, 1052)).toEqual({ from: 1004, to: 1052, older: 1004 });
    expect(hourWindow({ opensAt, closesAt }, after, 1004)).toEqual({ from: 1000, to: 1004, older: null });
    // A `before` beyond the end is clamped; before voting there is nothing.
    expect(hourWindow({ opensAt, closesAt }, after, 99999).to).toBe(1100);
    expect(hourWindow({ opensAt, closesAt }, opensAt - HOUR_MS, null)).toEqual({ from: 1000, to: 1000, older: null });
  });

  it("the hour table: newest first, empty hours as zeros, bursts marked", () => {
    const t = hourTable([{ hour: 11, votes: 12, fresh: 11 }, { hour: 9, votes: 3, fresh: 0 }], 9, 12);
    expect(t).toEqual([
      { hour: 11, votes: 12, fresh: 11, burst: true },
      { hour: 10, votes: 0, fresh: 0, burst: false },
      { hour: 9, votes: 3, fresh: 0, burst: false },
    ]);
  });
});
