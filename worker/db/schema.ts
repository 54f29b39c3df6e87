// Every module's tables, gathered for drizzle (queries with relations) and drizzle-kit (migrations).
export * from "../accounts/schema";
export * from "../organisers/schema";
export * from "../organisations/schema";
export * from "../roles/schema";
export * from "../audit/schema";
export * from "../mail/schema";
export * from "../http/rate-limit.schema";
export * from "../proposals/schema";
export * from "../comments/schema";
export * from "../moderation/schema";
export * from "../notifications/schema";
export * from "../attachments/schema";
export * from "../consultations/schema";
export * from "../competitions/schema";
export * from "../library/schema";
