import { describe, expect, it } from "vitest";
import { Browser } from "./client";

describe("smoke", () => {
  it("serves the home page in Russian with security headers", async () => {
    const b = new Browser();
    const res = await b.fetch("/");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-security-policy")).toContain("'nonce-");
    const html = await res.text();
    expect(html).toContain('<html lang="ru">');
  });
});
