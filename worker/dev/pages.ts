import { desc } from "drizzle-orm";
import { Hono } from "hono";
import { formatDateTime } from "../../web/i18n";
import type { AppEnv } from "../http/context";
import { notFound } from "../http/problem";
import { render } from "../http/render";
import { devOutbox } from "../mail";

/** Development-only pages. Each route refuses to exist in production. */
export const devPages = new Hono<AppEnv>();

devPages.use("/dev/*", async (c, next) => {
  if (c.env.ENVIRONMENT === "production") throw notFound();
  await next();
});

devPages.get("/dev/outbox", async (c) => {
  const rows = await c.get("db").select().from(devOutbox).orderBy(desc(devOutbox.id)).limit(50);
  return render(
    c,
    "dev/outbox",
    { mails: rows.map((m) => ({ id: m.id, to: m.to, subject: m.subject, text: m.text, at: formatDateTime(c.get("locale"), m.createdAt) })) },
    { title: c.get("t")("outbox.title") },
  );
});

/** The same outbox as JSON, for scripts and browser tests. */
devPages.get("/dev/outbox.json", async (c) => {
  const to = c.req.query("to")?.toLowerCase();
  const rows = await c.get("db").select().from(devOutbox).orderBy(desc(devOutbox.id)).limit(200);
  return c.json({ items: to ? rows.filter((r) => r.to === to) : rows });
});
