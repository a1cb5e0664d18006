/**
 * Who performs a use case. Every service that writes takes an `Actor` and records it in the
 * audit log (app/services/audit.server.ts); see docs/decisions/0019-conventions.md.
 */
import type { UserRole } from "~/generated/prisma/enums";

export interface Actor {
  /** The user's id; null for a system job or an API token whose creator is unknown. */
  id: string | null;
  /** The user's role, or "API_TOKEN" for a lab's API token. */
  role: string;
  ip?: string;
}

/** A signed-in user as an Actor: access rules read their role, lab and profile. */
export interface ActingUser extends Actor {
  id: string;
  role: UserRole;
  profileId?: string | null;
  labId?: string | null;
}
