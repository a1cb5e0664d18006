/** Helpers shared by the onboarding modules; not re-exported by the index. */
import type { ActorRole } from "./stages";

export const STAFF: readonly ActorRole[] = ["COORDINATOR", "ADMIN"];
export const LAB_AND_STAFF: readonly ActorRole[] = ["LAB_MEMBER", "COORDINATOR", "ADMIN"];

export function joinList(items: readonly string[]): string {
  if (items.length <= 1) return items.join("");
  if (items.length === 2) return `${items[0]} and ${items[1]}`;
  return `${items.slice(0, -1).join(", ")} and ${items[items.length - 1]}`;
}

export function describeRoles(roles: readonly ActorRole[]): string {
  const names: Record<ActorRole, string> = {
    PROFESSIONAL: "the professional",
    LAB_MEMBER: "the lab",
    COORDINATOR: "a coordinator",
    ADMIN: "an admin",
    SYSTEM: "the system",
  };
  return joinList(roles.filter((r) => r !== "SYSTEM").map((r) => names[r])).replace(/ and /g, " or ");
}

export function hasText(s: string | null | undefined): s is string {
  return typeof s === "string" && s.trim().length > 0;
}
