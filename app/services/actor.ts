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

/**
 * A signed-in user acting on a lab, with what the lab's rules and mails read besides the ActingUser:
 * their name (an invitation names the inviter), their address and whether it is confirmed, and
 * their lab role (only a confirmed owner creates API tokens; app/domain/accounts.ts).
 */
export interface LabActor extends ActingUser {
  name: string;
  email: string;
  emailVerified: boolean;
  labId: string | null;
  labRole: "OWNER" | "MEMBER" | null;
}

/** The Actor for the signed-in user of a request (the session's user plus the request's ip). */
export function actingUser(user: Omit<LabActor, "ip">, ip?: string): LabActor {
  return {
    id: user.id,
    role: user.role,
    profileId: user.profileId ?? null,
    labId: user.labId,
    labRole: user.labRole,
    name: user.name,
    email: user.email,
    emailVerified: user.emailVerified,
    ...(ip === undefined ? {} : { ip }),
  };
}
