/** Bindings and variables the worker receives (see wrangler.toml). */
export interface Env {
  DB: D1Database;
  FILES: R2Bucket;
  MAIL_QUEUE: Queue<MailMessage>;
  ASSETS?: Fetcher;
  ENVIRONMENT: "development" | "test" | "production";
  RATE_LIMIT_SIGNIN: string;
  RATE_LIMIT_SIGNUP: string;
  RATE_LIMIT_RESET: string;
  /** Reports (of proposals and comments) per account per hour. */
  RATE_LIMIT_REPORT?: string;
  /** Comments (posts and edits) and comment votes per account per minute. */
  RATE_LIMIT_COMMENT?: string;
  RATE_LIMIT_VOTE?: string;
  /** Proposal supports (and taking them back) per account per minute. */
  RATE_LIMIT_SUPPORT?: string;
  TURNSTILE_SITE_KEY?: string;
  TURNSTILE_SECRET?: string;
  /** Production mail provider (HTTP API accepting JSON {from,to,subject,text}). */
  MAIL_API_URL?: string;
  MAIL_API_TOKEN?: string;
  MAIL_FROM?: string;
}

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
}

export const isDevelopment = (env: Env) => env.ENVIRONMENT !== "production";
