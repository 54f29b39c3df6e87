import { beforeAll, describe, expect, it } from "vitest";
import { ORIGIN } from "./client";
import { count, createOrganiser, createUser, row, signedIn } from "./fixtures";

/**
 * Every unsafe request needs (1) a same-site provenance and (2) the double-submit token, whatever
 * its content type. Each refused request is checked to have written nothing.
 */
let organiserId: string;
beforeAll(async () => {
  organiserId = await createOrganiser("csrf-org");
});

async function actor() {
  const user = await createUser({ displayName: "Исходное имя" });
  const b = await signedIn(user);
  await b.csrfToken(); // the browser has the csrf cookie, as after any page view
  return b;
}

async function state(userId: string) {
  return {
    name: (await row<{ display_name: string }>("SELECT display_name FROM users WHERE id = ?", userId))!.display_name,
    audit: await count("audit_log"),
    organisations: await count("organisations"),
    memberships: await count("organisation_members"),
  };
}

async function expectCsrfRefusal(res: Response, api = true) {
  expect(res.status).toBe(403);
  if (api) {
    expect(res.headers.get("content-type")).toMatch(/^application\/problem\+json/);
    const body = (await res.json()) as { type: string; title: string };
    expect(body.type).toMatch(/\/csrf$/);
    expect(body.title).toContain("CSRF");
  } else {
    expect(res.headers.get("content-type")).toMatch(/^text\/html/);
    expect(await res.text()).toContain("CSRF");
  }
}

const orgJson = () => JSON.stringify({ organiserId, name: "ТОС «Взлом»", type: "tos", city: "Томск" });

describe("unsafe requests without the token are refused (403) and write nothing", () => {
  it("JSON (PATCH own profile) without x-csrf-token", async () => {
    const b = await actor();
    const before = await state(b.user.id);
    const res = await b.api(`/users/${b.user.id}`, { method: "PATCH", csrf: false, body: JSON.stringify({ displayName: "Взломано" }), headers: { "content-type": "application/json" } });
    await expectCsrfRefusal(res);
    expect(await state(b.user.id)).toEqual(before);
  });

  it("JSON without even the csrf cookie", async () => {
    const b = await actor();
    b.cookies.delete("csrf");
    const before = await state(b.user.id);
    const res = await b.api("/organisations", { method: "POST", csrf: false, body: orgJson(), headers: { "content-type": "application/json" } });
    await expectCsrfRefusal(res);
    expect(await state(b.user.id)).toEqual(before);
  });

  it("form-urlencoded (the profile form) without the _csrf field", async () => {
    const b = await actor();
    const before = await state(b.user.id);
    const res = await b.fetch("/me", { form: { displayName: "Взломано", city: "", locale: "ru" }, csrf: false });
    await expectCsrfRefusal(res, false);
    expect(await state(b.user.id)).toEqual(before);
  });

  it("form-urlencoded to the API", async () => {
    const b = await actor();
    const before = await state(b.user.id);
    const res = await b.api("/organisations", { form: { organiserId, name: "ТОС «Взлом»", type: "tos", city: "Томск" }, csrf: false });
    await expectCsrfRefusal(res);
    expect(await state(b.user.id)).toEqual(before);
  });

  it("text/plain (what a cross-site <form enctype=text/plain> sends)", async () => {
    const b = await actor();
    const before = await state(b.user.id);
    const res = await b.api("/organisations", { method: "POST", csrf: false, body: orgJson(), headers: { "content-type": "text/plain" } });
    await expectCsrfRefusal(res);
    expect(await state(b.user.id)).toEqual(before);
  });

  it("no content type at all", async () => {
    const b = await actor();
    const before = await state(b.user.id);
    const res = await b.api("/organisations", { method: "POST", csrf: false, body: orgJson() });
    await expectCsrfRefusal(res);
    expect(await state(b.user.id)).toEqual(before);
  });

  it("multipart/form-data without the _csrf field", async () => {
    const b = await actor();
    const before = await state(b.user.id);
    const form = new FormData();
    form.set("displayName", "Взломано");
    form.set("city", "");
    const res = await b.fetch("/me", { method: "POST", csrf: false, body: form });
    await expectCsrfRefusal(res, false);
    expect(await state(b.user.id)).toEqual(before);
  });

  it("a DELETE (account deletion) without the token", async () => {
    const b = await actor();
    const res = await b.api("/me", { method: "DELETE", csrf: false, body: JSON.stringify({ confirm: "УДАЛИТЬ" }), headers: { "content-type": "application/json" } });
    await expectCsrfRefusal(res);
    expect(await row("SELECT deleted_at FROM users WHERE id = ?", b.user.id)).toEqual({ deleted_at: null });
  });
});

describe("a wrong token is refused", () => {
  it("in the header", async () => {
    const b = await actor();
    const before = await state(b.user.id);
    const res = await b.api(`/users/${b.user.id}`, {
      method: "PATCH",
      csrf: false,
      body: JSON.stringify({ displayName: "Взломано" }),
      headers: { "content-type": "application/json", "x-csrf-token": "A".repeat(b.cookies.get("csrf")!.length) },
    });
    await expectCsrfRefusal(res);
    expect(await state(b.user.id)).toEqual(before);
  });

  it("in the form field, and another browser's token does not fit this one's cookie", async () => {
    const b = await actor();
    const other = await actor();
    const before = await state(b.user.id);
    const res = await b.fetch("/me", { form: { displayName: "Взломано", city: "", locale: "ru", _csrf: other.cookies.get("csrf")! } });
    await expectCsrfRefusal(res, false);
    expect(await state(b.user.id)).toEqual(before);
  });

  it("a multipart form with a wrong _csrf", async () => {
    const b = await actor();
    const before = await state(b.user.id);
    const form = new FormData();
    form.set("_csrf", "wrong-token-wrong-token-wrong");
    form.set("displayName", "Взломано");
    const res = await b.fetch("/me", { method: "POST", csrf: false, body: form });
    await expectCsrfRefusal(res, false);
    expect(await state(b.user.id)).toEqual(before);
  });
});

describe("provenance: a cross-site request is refused even with a valid token", () => {
  it("a foreign Origin", async () => {
    const b = await actor();
    const before = await state(b.user.id);
    const res = await b.api(`/users/${b.user.id}`, { method: "PATCH", json: { displayName: "Взломано" }, headers: { origin: "https://evil.example" } });
    await expectCsrfRefusal(res);
    expect(await state(b.user.id)).toEqual(before);
  });

  it("an Origin that only differs in scheme or port", async () => {
    const b = await actor();
    for (const origin of ["http://uchastie.test", "https://uchastie.test:8443", "https://uchastie.test.evil.example"]) {
      const res = await b.api("/organisations", { method: "POST", json: JSON.parse(orgJson()), headers: { origin } });
      await expectCsrfRefusal(res);
    }
    expect(await count("organisations")).toBe(0);
  });

  it("Sec-Fetch-Site: cross-site", async () => {
    const b = await actor();
    const before = await state(b.user.id);
    const res = await b.fetch("/me", { form: { displayName: "Взломано", city: "", locale: "ru" }, headers: { "sec-fetch-site": "cross-site" } });
    await expectCsrfRefusal(res, false);
    expect(await state(b.user.id)).toEqual(before);
  });
});

describe("the same requests pass when they carry the token from the same site (the checks are not blanket refusals)", () => {
  it("JSON with the header and the site's own Origin and Sec-Fetch-Site", async () => {
    const b = await actor();
    const res = await b.api(`/users/${b.user.id}`, { method: "PATCH", json: { displayName: "Новое имя" }, headers: { origin: ORIGIN, "sec-fetch-site": "same-origin" } });
    expect(res.status).toBe(200);
    expect((await state(b.user.id)).name).toBe("Новое имя");
  });

  it("a urlencoded form with _csrf", async () => {
    const b = await actor();
    const res = await b.fetch("/me", { form: { displayName: "Имя из формы", city: "", locale: "ru" } });
    expect(res.status).toBe(303);
    expect((await state(b.user.id)).name).toBe("Имя из формы");
  });

  it("a multipart form with _csrf", async () => {
    const b = await actor();
    const form = new FormData();
    form.set("_csrf", b.cookies.get("csrf")!);
    form.set("displayName", "Имя из multipart");
    form.set("city", "");
    const res = await b.fetch("/me", { method: "POST", csrf: false, body: form });
    expect(res.status).toBe(303);
    expect((await state(b.user.id)).name).toBe("Имя из multipart");
  });

  it("safe methods need no token", async () => {
    const b = await actor();
    expect((await b.api("/me", { csrf: false })).status).toBe(200);
    expect((await b.api("/me", { method: "HEAD", csrf: false })).status).toBe(200);
  });
});
