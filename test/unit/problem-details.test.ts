import { z } from "zod";
import { describe, expect, it } from "vitest";
import { SignUpInput } from "../../worker/accounts/dto";
import { Problem, fromZod, problemBody, problemResponse, tooMany } from "../../worker/http/problem";

const issuesOf = (schema: z.ZodType, input: unknown) => {
  const r = schema.safeParse(input);
  if (r.success) throw new Error("expected the input to be invalid");
  return fromZod(r.error, input);
};

describe("fromZod: zod issues become field-level problems", () => {
  it("is a 422 validation problem", () => {
    const p = issuesOf(z.object({ a: z.string() }), {});
    expect(p).toBeInstanceOf(Problem);
    expect(p.status).toBe(422);
    expect(p.code).toBe("validation");
    expect(p.titleKey).toBe("problem.validation");
  });

  it("keeps a message key that the schema put into `message`", () => {
    const p = issuesOf(z.object({ password: z.string().min(10, "field.passwordShort") }), { password: "short" });
    expect(p.fields).toEqual([{ field: "password", code: "field.passwordShort", params: { min: 10 } }]);
  });

  it("maps zod's issue codes to generic keys, with min/max as parameters", () => {
    const schema = z.object({
      missing: z.string(),
      short: z.string().min(3),
      long: z.string().max(2),
      mail: z.email(),
      choice: z.enum(["a", "b"]),
      other: z.string().refine(() => false),
    });
    const p = issuesOf(schema, { short: "x", long: "xyz", mail: "nope", choice: "c", other: "y" });
    const byField = Object.fromEntries(p.fields.map((f) => [f.field, f]));
    expect(byField.missing.code).toBe("field.required");
    expect(byField.short).toEqual({ field: "short", code: "field.tooShort", params: { min: 3 } });
    expect(byField.long).toEqual({ field: "long", code: "field.tooLong", params: { max: 2 } });
    expect(byField.mail.code).toBe("field.invalidFormat");
    expect(byField.choice.code).toBe("field.invalidChoice");
    expect(byField.other.code).toBe("field.invalid");
  });

  it("a value of the wrong type is invalid, not missing (zod 4 drops issue.input, so the input is consulted)", () => {
    const p = issuesOf(z.object({ city: z.string(), n: z.number() }), { city: 5, n: "7" });
    expect(p.fields.map((f) => [f.field, f.code])).toEqual([
      ["city", "field.invalid"],
      ["n", "field.invalid"],
    ]);
  });

  it("names nested fields by their path, and the whole body when there is none", () => {
    expect(issuesOf(z.object({ a: z.object({ b: z.array(z.string()) }) }), { a: { b: ["x", 1] } }).fields[0].field).toBe("a.b.1");
    expect(issuesOf(z.object({ a: z.string() }), "not an object").fields[0].field).toBe("body");
  });

  it("sign-up input: every reason is a translated sentence, never zod's English", () => {
    const p = issuesOf(SignUpInput, { email: "not-an-email", password: "short", displayName: "X", consent: false, consentVersion: "2020-01-01" });
    const body = problemBody(p, "ru", "/api/accounts/signup", "req-1") as { errors: { field: string; code: string; reason: string }[] };
    expect(body.errors.map((e) => e.field).sort()).toEqual(["consent", "consentVersion", "displayName", "email", "password"]);
    for (const e of body.errors) {
      expect(e.reason, e.field).toMatch(/[А-Яа-яЁё]/);
      expect(e.reason).not.toMatch(/\{\w+\}/);
      expect(e.reason).not.toMatch(/Invalid|expected|received/);
    }
    expect(body.errors.find((e) => e.field === "password")!.reason).toContain("10");
    const en = problemBody(p, "en", "/x", "r") as { errors: { reason: string }[]; title: string };
    for (const e of en.errors) expect(e.reason).not.toMatch(/[А-Яа-яЁё]/);
  });
});

describe("problem responses", () => {
  const ctx = (locale: "ru" | "en") => ({ get: (k: string) => (k === "locale" ? locale : k === "requestId" ? "rid-1" : undefined), req: { url: "https://x.test/api/a?b=1" } }) as never;

  it("are application/problem+json in the request's language, with instance and request id", async () => {
    const res = problemResponse(ctx("en"), new Problem(404, "not-found", "problem.notFound"));
    expect(res.status).toBe(404);
    expect(res.headers.get("content-type")).toMatch(/^application\/problem\+json/);
    const body = (await res.json()) as Record<string, unknown>;
    expect(body).toEqual({ type: "https://uchastie.example/problems/not-found", title: "Page or object not found", status: 404, instance: "/api/a", requestId: "rid-1" });
  });

  it("a rate-limit problem carries Retry-After", async () => {
    const res = problemResponse(ctx("ru"), tooMany(42));
    expect(res.status).toBe(429);
    expect(res.headers.get("retry-after")).toBe("42");
    expect(((await res.json()) as { retryAfter: number }).retryAfter).toBe(42);
  });
});

describe("limits in field messages", () => {
  it("large limits are digit-grouped in the reader's language; small ones stay as they are", () => {
    const schema = z.object({ budget: z.number().max(1_000_000_000), title: z.string().max(200) });
    const parsed = schema.safeParse({ budget: 2_000_000_000, title: "x".repeat(201) });
    const p = fromZod(parsed.error!, { budget: 2_000_000_000 });
    const ru = problemBody(p, "ru", "/", "r").errors!;
    const en = problemBody(p, "en", "/", "r").errors!;
    expect(ru.find((e) => e.field === "budget")!.reason).toMatch(/1\u00a0000\u00a0000\u00a0000/);
    expect(en.find((e) => e.field === "budget")!.reason).toMatch(/1,000,000,000/);
    expect(ru.find((e) => e.field === "title")!.reason).toMatch(/200/);
    // The machine-readable code is untouched by the formatting.
    expect(ru.find((e) => e.field === "budget")!.code).toBe("field.tooLong");
  });
});
