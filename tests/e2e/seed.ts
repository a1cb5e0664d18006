/**
 * Seeding for the browser tests through the app's own services (the same code paths the UI
 * uses), with realistic people, labs and gigs. Every helper waits for nothing: call
 * `flushSearch()` after seeding anything that search or recommendations must see.
 */
import { db } from "~/db.server";
import { type ActingUser, applyChecklistAction, applyToGig, transitionApplication } from "~/services/applications.server";
import { createStaffUser } from "~/services/auth.server";
import { changeGigStatus, createGig } from "~/services/gigs.server";
import { seedTransferRules } from "~/services/transfer.server";
import { signUp } from "../setup/http";
import { PASSWORD, uniqueEmail } from "./browser";

export { PASSWORD };

/** The default transfer rules (a fresh test database has none): credits then produce scores. */
export async function seedRules() {
  await seedTransferRules(db());
}

export interface SeededLab {
  labId: string;
  slug: string;
  ownerEmail: string;
  actor: { id: string; role: "LAB_MEMBER" };
}

export async function seedLab(base: string, labName: string, ownerName: string): Promise<SeededLab> {
  const { email } = await signUp(base, { type: "LAB", name: ownerName, labName, email: uniqueEmail("lab") });
  const user = await db().user.findUniqueOrThrow({ where: { email }, include: { labMember: { include: { lab: true } } } });
  return { labId: user.labMember!.labId, slug: user.labMember!.lab.slug, ownerEmail: email, actor: { id: user.id, role: "LAB_MEMBER" } };
}

/** A complete, realistic gig: fields as the gig editor sends them (amounts in major units). */
export const SITCOM_GIG = {
  title: "Rank AI-written sitcom scenes for comedic timing",
  description:
    "You will compare two versions of the same multi-cam sitcom scene, written by a dialogue model, and pick the one that plays funnier at a table read.\n\n- About 40 pairs per session\n- Short written notes on **why** a joke lands\n- Guidelines and a calibration set are provided",
  taskTypes: ["DIALOGUE_PREFERENCE_RANKING", "COMEDIC_TIMING_EVAL"],
  modality: "TEXT",
  genres: ["COMEDY"],
  formats: ["MULTI_CAM_SITCOM", "SINGLE_CAM_COMEDY"],
  languages: ["en"],
  hoursPerWeek: 10,
  weeklyCapHours: 20,
  payAmount: 62,
  payUnit: "HOUR",
  payCurrency: "USD",
  screeningPaid: true,
  screeningRate: 62,
  onboardingPaid: true,
  slots: 8,
  startDate: "2027-01-04",
  endDate: "2027-06-30",
  noticeDays: 14,
  rateLockDays: 60,
  assessmentMinutes: 45,
  assessmentPaidWhen: "ON_COMPLETION",
  trainingMinutes: 90,
  trainingPaidWhen: "ON_COMPLETION",
  screeningRequired: true,
  screeningInstructions: "Rank 10 pairs of cold-open scenes and write one line on each choice. Takes about 45 minutes, paid.",
  ndaRequired: true,
  trainingModules: ["Rating guidelines", "Safety and sensitive content"],
  disclosureTrains: "The dialogue model behind Northlight's screenwriting assistant",
  disclosureCreativeUse: "NO",
  disclosureRetention: "Rankings and notes kept for 2 years; your name is never stored with them",
};

export const CAMERA_GIG = {
  ...SITCOM_GIG,
  title: "Annotate camera moves in hour-long drama footage",
  description: "Label shot sizes, camera movement and cuts in drama episodes so a video model learns film grammar.",
  taskTypes: ["SHOT_CAMERA_ANNOTATION"],
  modality: "VIDEO",
  genres: ["DRAMA", "CRIME"],
  formats: ["DRAMA", "PROCEDURAL"],
  payAmount: 48,
  screeningRequired: false,
  screeningInstructions: "",
  ndaRequired: false,
  trainingModules: ["Shot-size reference"],
  disclosureTrains: "A video-understanding model used for automatic scene search",
};

export const SARCASM_GIG = {
  ...SITCOM_GIG,
  title: "Label sarcasm and tension in sitcom table reads",
  description: "Mark lines in transcribed table reads where a character is sarcastic, and rate the tension of each scene.",
  taskTypes: ["EMOTION_SARCASM_TENSION_LABELLING"],
  payAmount: 45,
  screeningRequired: false,
  screeningInstructions: "",
  ndaRequired: false,
  trainingModules: [],
  disclosureTrains: "An emotion-recognition model for a captioning product",
};

export async function seedOpenGig(lab: SeededLab, input: Record<string, unknown>) {
  const created = await createGig(lab.labId, input, lab.actor);
  if (!created.ok) throw new Error(`createGig: ${JSON.stringify(created.errors)}`);
  const opened = await changeGigStatus(created.gig.id, "OPEN", lab.actor, { acknowledgeLowPay: true });
  if (!opened.ok) throw new Error(`changeGigStatus: ${JSON.stringify(opened.errors)}`);
  return opened.gig;
}

export async function seedCoordinator(name = "Priya Natarajan") {
  const email = uniqueEmail("coord");
  const user = await createStaffUser({ email, name, password: PASSWORD, role: "COORDINATOR" }, { id: null });
  const actor: ActingUser = { id: user.id, role: "COORDINATOR" };
  return { email, user, actor };
}

/**
 * A professional with a ready profile: transfer scores set directly (as the transfer engine
 * would after credits), English, visible to labs, and queued for the people index.
 */
export async function seedProfessional(
  base: string,
  p: { name: string; headline: string; scores: Record<string, number>; visibility?: "LABS" | "COORDINATORS" },
) {
  const { email, client } = await signUp(base, { name: p.name, email: uniqueEmail("pro") });
  const user = await db().user.findUniqueOrThrow({ where: { email }, include: { profile: true } });
  const profileId = user.profile!.id;
  await db().$transaction(async (tx) => {
    await tx.profile.update({
      where: { id: profileId },
      data: {
        visibility: p.visibility ?? "LABS",
        headline: p.headline,
        transferScores: p.scores,
        languages: [{ code: "en", level: "native" }],
        languageCodes: ["en"],
        hoursPerWeek: 20,
      },
    });
    await tx.outboxEvent.create({ data: { index: "people", entityId: profileId, op: "UPSERT" } });
  });
  return { email, client, userId: user.id, profileId };
}

export async function seedApplication(profileId: string, userId: string, gigId: string, note: string) {
  const r = await applyToGig(profileId, gigId, note, { id: userId, role: "PROFESSIONAL", profileId });
  if (!r.ok) throw new Error(`applyToGig: ${r.message}`);
  return r.applicationId;
}

export async function move(appId: string, to: Parameters<typeof transitionApplication>[1], actor: ActingUser, reason?: string) {
  const r = await transitionApplication(appId, to, actor, { reason });
  if (!r.ok) throw new Error(`move ${appId} to ${to}: ${r.message}`);
}

export async function stageOf(appId: string) {
  return (await db().application.findUniqueOrThrow({ where: { id: appId } })).stage;
}

/**
 * Takes an application from APPLIED to ACTIVE through the real services: the lab shortlists and
 * offers, the professional accepts, signs, confirms tax and payout details and reads the
 * training modules (screening and NDA gigs are not handled here).
 */
export async function activate(appId: string, lab: ActingUser, pro: ActingUser) {
  const ok = (r: { ok: boolean }) => {
    if (!r.ok) throw new Error(`activate: ${JSON.stringify(r)}`);
  };
  ok(await transitionApplication(appId, "SHORTLISTED", lab));
  ok(await transitionApplication(appId, "OFFERED", lab));
  ok(await transitionApplication(appId, "CONTRACTING", pro));
  for (const action of ["acceptContract", "confirmTaxForm", "confirmPayout"] as const)
    ok(await applyChecklistAction(appId, { action }, pro));
  const app = await db().application.findUniqueOrThrow({ where: { id: appId }, include: { gig: { select: { trainingModules: true } } } });
  for (const module of app.gig.trainingModules) ok(await applyChecklistAction(appId, { action: "acknowledgeModule", module }, pro));
  const now = await db().application.findUniqueOrThrow({ where: { id: appId } });
  if (now.stage === "TRAINING") ok(await transitionApplication(appId, "ACTIVE", lab));
  if ((await stageOf(appId)) !== "ACTIVE") throw new Error(`activate: ended at ${await stageOf(appId)}`);
}
