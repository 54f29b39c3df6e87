import type { Role } from "../roles/schema";

export interface RoleGrantView {
  id: string;
  role: Role;
  scope: string;
  organiserId: string | null;
  competitionId: string | null;
}

/** The signed-in person as every route sees them. */
export interface SessionUser {
  id: string;
  email: string;
  displayName: string;
  city: string | null;
  locale: "ru" | "en";
  emailConfirmed: boolean;
  showMemberships: boolean;
  blockedUntil: number | null;
  roles: RoleGrantView[];
  /** Unread notifications, counted up to 100 (shown as "99+"), read with the session in the same query. */
  unreadNotifications: number;
}
