/**
 * Authorization, in one place: the index of access rules. Every loader and action calls one of
 * these named checks; a route never compares roles itself (docs/decisions/0019-conventions.md).
 * The authorization matrix test (tests/integration/authz-matrix.test.ts) requests every route as
 * every role.
 */
import { data } from "@remix-run/node";
import type { SessionUser } from "./session.server";
import { requireUser } from "./session.server";

export type Role = SessionUser["role"];

export const isStaff = (u: SessionUser | null | undefined) => u?.role === "COORDINATOR" || u?.role === "ADMIN";

/**
 * Where each role's own home is (after log-in, after confirming an email, and instead of the
 * marketing page for someone signed in). A lab member's `/lab` goes on to their lab's page.
 */
export function homePathFor(role: Role): string {
  if (role === "PROFESSIONAL") return "/me";
  if (role === "LAB_MEMBER") return "/lab";
  if (role === "COORDINATOR") return "/coord";
  return "/admin";
}

export function deny(message = "You do not have access to this page."): never {
  throw data({ message }, { status: 403 });
}

export async function requireRole(request: Request, ...roles: Role[]): Promise<SessionUser> {
  const user = await requireUser(request);
  if (!roles.includes(user.role)) deny();
  return user;
}

export const requireStaff = (request: Request) => requireRole(request, "COORDINATOR", "ADMIN");

export async function requireProfessional(request: Request): Promise<SessionUser & { profileId: string }> {
  const user = await requireRole(request, "PROFESSIONAL");
  if (!user.profileId) deny("Your account has no profile.");
  return user as SessionUser & { profileId: string };
}

/** Only a professional with a profile applies to gigs; anyone else is refused (403). */
export function assertCanApply(user: SessionUser): asserts user is SessionUser & { profileId: string } {
  if (user.role !== "PROFESSIONAL" || !user.profileId) deny("Only professionals can apply to gigs.");
}

/** The professional whose application it is (their own application pages). */
export function ownsApplication(user: SessionUser, app: { profileId: string }) {
  return user.profileId === app.profileId;
}

/** Lab members of this lab, or staff. */
export function canManageLab(user: SessionUser | null, labId: string) {
  return Boolean(user && (isStaff(user) || (user.role === "LAB_MEMBER" && user.labId === labId)));
}

export function assertCanManageLab(user: SessionUser | null, labId: string) {
  if (!canManageLab(user, labId)) deny();
}

export function canOwnLab(user: SessionUser | null, labId: string) {
  return Boolean(user && (isStaff(user) || (user.role === "LAB_MEMBER" && user.labId === labId && user.labRole === "OWNER")));
}

export function canSeeGig(user: SessionUser | null, gig: { labId: string; status: string }) {
  return gig.status !== "DRAFT" || canManageLab(user, gig.labId);
}

/** Who may see a professional's profile at all, and who may see its private fields. */
export function profileAccess(
  user: SessionUser | null,
  profile: { id: string; visibility: "LABS" | "COORDINATORS" },
): "none" | "public" | "private" {
  if (!user) return "none";
  if (user.profileId === profile.id || isStaff(user)) return "private";
  if (user.role === "LAB_MEMBER" && profile.visibility === "LABS") return "public";
  return "none";
}

export function canSeeApplication(user: SessionUser | null, app: { profileId: string; gig: { labId: string } }) {
  if (!user) return false;
  return user.profileId === app.profileId || canManageLab(user, app.gig.labId);
}

/** Who may revoke a lab's API tokens: its owners, and staff (the rule lives in app/domain/accounts.ts). */
export { canRevokeTokens } from "./domain/accounts";
