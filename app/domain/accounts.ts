/**
 * Account rules that several services and routes share: what needs a confirmed email address,
 * and who may create a lab's API tokens (docs/decisions/0001-api-tokens-owners-only.md).
 * Pure: no I/O.
 */

/** Actions that need a confirmed email address (profile building does not). */
export type ConfirmedEmailAction = "open-gig" | "create-token" | "apply";

const ACTION_WORDS: Record<ConfirmedEmailAction, string> = {
  "open-gig": "open a gig",
  "create-token": "create an API token",
  apply: "apply to a gig",
};

/** Where a signed-in person can ask for a new confirmation link. */
export const RESEND_CONFIRMATION_PATH = "/account#confirm-email";

/** The refusal: why, and what to do next. */
export function confirmEmailMessage(action: ConfirmedEmailAction): string {
  return `Confirm your email address before you ${ACTION_WORDS[action]}: open the link we emailed you when you signed up, or send yourself a new one from your account page.`;
}

export function needsConfirmedEmail(user: { emailVerified: boolean }): boolean {
  return !user.emailVerified;
}

export interface TokenCreator {
  role: string;
  labId: string | null;
  labRole: "OWNER" | "MEMBER" | null;
  emailVerified: boolean;
}

/**
 * Who may create an API token for a lab: an owner of that lab with a confirmed email. Plain
 * members see the token list (who created each token, when it was last used) but neither create
 * nor revoke; coordinators and admins may revoke (incident response) but never create, since a
 * token acts as the lab and must belong to someone accountable inside it.
 * Returns null when allowed, else the refusal to show.
 */
export function tokenCreationRefusal(user: TokenCreator, labId: string): { reason: "not-owner" | "unconfirmed"; message: string } | null {
  if (user.role !== "LAB_MEMBER" || user.labId !== labId || user.labRole !== "OWNER") {
    return { reason: "not-owner", message: "Only the lab's owners can create API tokens. Ask an owner to create one for you." };
  }
  if (needsConfirmedEmail(user)) return { reason: "unconfirmed", message: confirmEmailMessage("create-token") };
  return null;
}

/** Who may revoke a lab's API tokens: its owners, and staff. */
export function canRevokeTokens(user: { role: string; labId: string | null; labRole: "OWNER" | "MEMBER" | null }, labId: string): boolean {
  if (user.role === "COORDINATOR" || user.role === "ADMIN") return true;
  return user.role === "LAB_MEMBER" && user.labId === labId && user.labRole === "OWNER";
}

const ROLE_NOUNS: Record<string, readonly [one: string, many: string]> = {
  PROFESSIONAL: ["professional", "professionals"],
  LAB_MEMBER: ["lab member", "lab members"],
  COORDINATOR: ["coordinator", "coordinators"],
  ADMIN: ["admin", "admins"],
};

/** "1 admin", "3 lab members": how many accounts have a role, in words (the admin page's summary line). */
export function roleCount(role: string, count: number): string {
  const [one, many] = ROLE_NOUNS[role] ?? [role.toLowerCase().replaceAll("_", " "), `${role.toLowerCase().replaceAll("_", " ")} accounts`];
  return `${count.toLocaleString("en-US")} ${count === 1 ? one : many}`;
}
