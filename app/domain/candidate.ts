/**
 * What a lab may see of a person who is in one of its gigs' pipelines. Pure: no I/O.
 *
 * A professional chooses who sees their profile (`visibility`). Applying to a gig shares the public
 * profile and transfer scores with that gig's lab (the apply form says so); so does accepting an
 * invitation. A person who keeps their profile to coordinators and was invited, but has not
 * accepted, is shown to the lab by name and match score only. Private fields (rate, availability
 * date, email, demographic self-ID) never reach a lab, whatever the case.
 */
import type { Stage } from "./onboarding";

export interface LabViewInput {
  visibility: "LABS" | "COORDINATORS";
  origin: "APPLIED" | "INVITED" | "RECOMMENDED";
  /** The application's stage moves (who took them), oldest first. */
  history: readonly { fromStage: Stage | null; toStage: Stage; actorRole: string }[];
}

/** True when the professional accepted an invitation to this gig themself. */
export function acceptedInvitation(history: LabViewInput["history"]): boolean {
  return history.some((t) => t.fromStage === "INVITED" && t.toStage === "SHORTLISTED" && t.actorRole === "PROFESSIONAL");
}

/** Whether the gig's lab sees this applicant's public profile (bio, credits, transfer scores, reasons). */
export function labSeesProfile(input: LabViewInput): boolean {
  if (input.visibility === "LABS") return true;
  if (input.origin === "APPLIED") return true;
  return acceptedInvitation(input.history);
}

/** "Coordinator Priya Natarajan", "Lab member Lucia Ferraro", "Automatic", for the stage history. */
export function actorLabel(actorRole: string, name: string | null): string {
  switch (actorRole) {
    case "PROFESSIONAL":
      return "The professional";
    case "SYSTEM":
      return "Automatic (paperwork complete)";
    case "COORDINATOR":
    case "ADMIN":
      return name ? `Coordinator ${name}` : "A coordinator";
    case "LAB_MEMBER":
      return name ? `Lab member ${name}` : "A lab member";
    default:
      return "Someone";
  }
}
