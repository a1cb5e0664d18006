/** Shared fixtures for integration tests: a lab with an open gig, staff users. */
import { randomBytes } from "node:crypto";
import { db } from "~/db.server";
import { createStaffUser } from "~/services/auth.server";
import { createApiToken } from "~/services/labs.server";
import { changeGigStatus, createGig } from "~/services/gigs.server";
import { PASSWORD, signUp, uniqueEmail } from "../setup/http";

export const FULL_GIG = {
  title: "Rank generated sitcom dialogue",
  description: "Compare two AI-written scenes and pick the funnier one.",
  taskTypes: ["DIALOGUE_PREFERENCE_RANKING", "COMEDIC_TIMING_EVAL"],
  modality: "TEXT",
  genres: ["COMEDY"],
  formats: ["MULTI_CAM_SITCOM"],
  languages: ["en"],
  hoursPerWeek: 10,
  weeklyCapHours: 20,
  payAmount: 60,
  payUnit: "HOUR",
  payCurrency: "USD",
  screeningPaid: true,
  slots: 5,
  startDate: "2027-01-04",
  endDate: "2027-06-30",
  noticeDays: 14,
  rateLockDays: 30,
  assessmentMinutes: 0,
  trainingMinutes: 60,
  disclosureTrains: "A dialogue model for a writing assistant",
  disclosureCreativeUse: "NO",
  disclosureRetention: "Ratings kept for 2 years; no personal data in the training set",
};

export async function labWithOpenGig(base: string, overrides: Record<string, unknown> = {}) {
  const owner = await signUp(base, { type: "LAB" });
  const user = await db().user.findUniqueOrThrow({ where: { email: owner.email }, include: { labMember: true } });
  const labId = user.labMember!.labId;
  const actor = { id: user.id, role: "LAB_MEMBER" };
  const created = await createGig(labId, { ...FULL_GIG, ...overrides }, actor);
  if (!created.ok) throw new Error(JSON.stringify(created.errors));
  const opened = await changeGigStatus(created.gig.id, "OPEN", actor);
  if (!opened.ok) throw new Error(JSON.stringify(opened.errors));
  return { owner, labId, ownerUser: user, gig: opened.gig };
}

export async function staff(role: "COORDINATOR" | "ADMIN" = "COORDINATOR") {
  const email = uniqueEmail(role.toLowerCase());
  const user = await createStaffUser({ email, name: `Test ${role}`, password: PASSWORD, role }, { id: null });
  return { email, user };
}

export const rand = () => randomBytes(3).toString("hex");

/** Creates an API token as a confirmed lab owner, failing the test on a refusal. */
export async function apiTokenFor(...args: Parameters<typeof createApiToken>) {
  const created = await createApiToken(...args);
  if (!created.ok) throw new Error(`token refused: ${created.message}`);
  return created;
}
