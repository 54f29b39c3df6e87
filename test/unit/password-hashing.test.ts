import { describe, expect, it } from "vitest";
import { DEFAULT_ITERATIONS, DUMMY_HASH, MAX_PBKDF2_ITERATIONS, hashPassword, iterationsOf, verifyPassword } from "../../worker/accounts/password";

describe("password hashing (PBKDF2-SHA256)", () => {
  it("stores scheme, iteration count, salt and hash; the default is the production bound 100 000", async () => {
    const stored = await hashPassword("очень-длинный-пароль");
    expect(stored).toMatch(/^pbkdf2-sha256\$100000\$[A-Za-z0-9+/]+=*\$[A-Za-z0-9+/]+=*$/);
    expect(iterationsOf(stored)).toBe(100_000);
    expect(DEFAULT_ITERATIONS).toBe(100_000);
    expect(MAX_PBKDF2_ITERATIONS).toBe(100_000);
  });

  it("verifies the right password and refuses a wrong one", async () => {
    const stored = await hashPassword("correct horse battery", 1000);
    expect(await verifyPassword("correct horse battery", stored)).toBe(true);
    expect(await verifyPassword("correct horse batterY", stored)).toBe(false);
    expect(await verifyPassword("", stored)).toBe(false);
  });

  it("salts every hash", async () => {
    const [a, b] = await Promise.all([hashPassword("same", 1000), hashPassword("same", 1000)]);
    expect(a).not.toBe(b);
  });

  it("the iteration count travels with the hash, so old hashes keep verifying after the default changes", async () => {
    const old = await hashPassword("пароль-старый", 5000);
    expect(iterationsOf(old)).toBe(5000);
    expect(await verifyPassword("пароль-старый", old)).toBe(true);
    // Changing the count in the stored string changes the derived key: the count is really used.
    expect(await verifyPassword("пароль-старый", old.replace("$5000$", "$5001$"))).toBe(false);
  });

  it("100 000 iterations work; 100 001 are refused (production Workers cap PBKDF2 at 100k, local workerd does not)", async () => {
    await expect(hashPassword("x".repeat(12), 100_000)).resolves.toMatch(/^pbkdf2-sha256\$100000\$/);
    await expect(hashPassword("x".repeat(12), 100_001)).rejects.toThrow(RangeError);
    await expect(hashPassword("x".repeat(12), 0)).rejects.toThrow(RangeError);
    await expect(hashPassword("x".repeat(12), 1.5)).rejects.toThrow(RangeError);
  });

  it("a stored hash above the production bound is refused, not attempted", async () => {
    const stored = await hashPassword("p", 1000);
    expect(await verifyPassword("p", stored.replace("$1000$", "$100001$"))).toBe(false);
    expect(await verifyPassword("p", stored.replace("$1000$", "$0$"))).toBe(false);
  });

  it("a missing, foreign or tampered hash never verifies", async () => {
    const stored = await hashPassword("p", 1000);
    const [scheme, iter, salt, hash] = stored.split("$");
    const flipped = (hash[0] === "A" ? "B" : "A") + hash.slice(1);
    expect(await verifyPassword("p", null)).toBe(false);
    expect(await verifyPassword("p", "")).toBe(false);
    expect(await verifyPassword("p", `bcrypt$${iter}$${salt}$${hash}`)).toBe(false);
    expect(await verifyPassword("p", `${scheme}$${iter}$${salt}$${flipped}`)).toBe(false);
    expect(await verifyPassword("p", `${scheme}$${iter}$${salt}$${hash.slice(0, 8)}`)).toBe(false);
  });

  it("the dummy hash used for unknown e-mails is well-formed and at the production cost", async () => {
    expect(iterationsOf(DUMMY_HASH)).toBe(100_000);
    expect(await verifyPassword("anything", DUMMY_HASH)).toBe(false);
  });
});
