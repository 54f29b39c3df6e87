// Every module's tables, gathered for drizzle (queries with relations) and drizzle-kit (migrations).
export * from "../accounts/schema";
export * from "../organisers/schema";
export * from "../organisations/schema";
export * from "../roles/schema";
export * from "../audit/schema";
export * from "../mail/schema";
export * from "../http/rate-limit.schema";
