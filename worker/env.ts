/** Bindings and variables the worker receives (see wrangler.toml). */
export interface Env {
  DB: D1Database;
  FILES: R2Bucket;
  /** Account mail (production) and notification e-mail copies (everywhere), see worker/mail. */
  MAIL_QUEUE: Queue<MailQueueMessage>;
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
  /** File uploads per account per hour. */
  RATE_LIMIT_UPLOAD?: string;
  /** Competition votes cast or changed per account per minute. */
  RATE_LIMIT_BALLOT?: string;
  /** Vote receipt checks per address per minute. */
  RATE_LIMIT_RECEIPT?: string;
  /**
   * Salt of the network hash kept with each vote (worker/competitions/voting/network.ts). A secret in
   * production (`wrangler secret put VOTE_NETWORK_SALT --env production`): without it the hash of a /24
   * could be reversed by trying all 2^24 of them. When it is missing in production no network is kept.
   */
  VOTE_NETWORK_SALT?: string;
  TURNSTILE_SITE_KEY?: string;
  TURNSTILE_SECRET?: string;
  /** Production mail provider (HTTP API accepting JSON {from,to,subject,text}). */
  MAIL_API_URL?: string;
  MAIL_API_TOKEN?: string;
  MAIL_FROM?: string;
  /** Where links in mail sent from the queue consumer point (it has no request to take the origin from). */
  PORTAL_ORIGIN?: string;
}

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
}

/** A notification's e-mail copy: only its id; the consumer renders it for the recipient when it runs. */
export interface NotificationMailMessage {
  type: "notification";
  id: string;
}

/** What travels on MAIL_QUEUE: a finished mail (no `type`, as before) or a notification to render. */
export type MailQueueMessage = MailMessage | NotificationMailMessage;

export const isNotificationMessage = (m: MailQueueMessage): m is NotificationMailMessage =>
  (m as NotificationMailMessage).type === "notification";

export const isDevelopment = (env: Env) => env.ENVIRONMENT !== "production";
