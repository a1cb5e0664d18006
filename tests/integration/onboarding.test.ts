import { describe, expect, it } from "vitest";
import { db } from "~/db.server";
import { applyChecklistAction, bulkTransition, transitionApplication } from "~/services/applications.server";
import { logIn, signUp } from "../setup/http";
import { useTestServer } from "../setup/server";
import { labWithOpenGig, staff } from "./fixtures";

const base = await useTestServer();

async function applyAs(gigId: string) {
  const pro = await signUp(base);
  const res = await pro.client.post(`/gigs/${gigId}`, { intent: "apply", note: "I wrote on a sitcom for six seasons." });
  expect(res.status).toBe(303);
  const appId = res.headers.get("location")!.split("/").pop()!;
  return { ...pro, appId };
}

async function version(appId: string) {
  return (await db().application.findUniqueOrThrow({ where: { id: appId } })).version;
}

describe("applications", () => {
  it("a professional applies once; duplicates and parallel applies create one application", async () => {
    const { gig } = await labWithOpenGig(base);
    const pro = await signUp(base);
    const token = await pro.client.csrf(`/gigs/${gig.id}`);
    const results = await Promise.all(
      Array.from({ length: 8 }, () => pro.client.post(`/gigs/${gig.id}`, { intent: "apply", note: "" }, { csrf: token })),
    );
    expect(results.filter((r) => r.status === 303)).toHaveLength(1);
    expect(results.filter((r) => r.status === 409)).toHaveLength(7);
    const profile = await db().profile.findFirstOrThrow({ where: { user: { email: pro.email } } });
    expect(await db().application.count({ where: { gigId: gig.id, profileId: profile.id } })).toBe(1);
  });

  it("the lab is notified of a new applicant, and the professional can see only their own application", async () => {
    const { gig, ownerUser } = await labWithOpenGig(base);
    const a = await applyAs(gig.id);
    expect(await db().notification.count({ where: { userId: ownerUser.id, kind: "application.new" } })).toBe(1);
    const other = await signUp(base);
    expect((await other.client.get(`/me/applications/${a.appId}`)).status).toBe(404);
    expect((await a.client.get(`/me/applications/${a.appId}`)).status).toBe(200);
  });
});

describe("invitations", () => {
  it("an invitation from the recommended candidates is recorded as RECOMMENDED (fairness audit), a plain one as INVITED; both start at Invited", async () => {
    const { gig, owner } = await labWithOpenGig(base);
    const recommended = await signUp(base);
    const invited = await signUp(base);
    const profileOf = async (email: string) => (await db().profile.findFirstOrThrow({ where: { user: { email } } })).id;
    // (The browser journey tests/e2e/journey-lab.test.ts clicks Invite in the recommended list itself.)
    const r1 = await owner.client.post(`/coord/gigs/${gig.id}`, {
      intent: "invite",
      profileId: await profileOf(recommended.email),
      source: "recommendation",
    });
    const r2 = await owner.client.post(`/coord/gigs/${gig.id}`, { intent: "invite", profileId: await profileOf(invited.email) });
    // Post/redirect/get: back to the board with that card in view.
    expect([r1.status, r2.status]).toEqual([303, 303]);
    expect(r1.headers.get("location")).toMatch(new RegExp(`^/coord/gigs/${gig.id}#card-`));
    const bad = await owner.client.post(`/coord/gigs/${gig.id}`, {
      intent: "invite",
      profileId: await profileOf(invited.email),
      source: "magic",
    });
    expect(bad.status).toBe(400);
    const apps = await db().application.findMany({ where: { gigId: gig.id }, include: { profile: { include: { user: true } } } });
    const byEmail = new Map(apps.map((a) => [a.profile.user.email, a]));
    expect(byEmail.get(recommended.email)).toMatchObject({ origin: "RECOMMENDED", stage: "INVITED" });
    expect(byEmail.get(invited.email)).toMatchObject({ origin: "INVITED", stage: "INVITED" });
    for (const who of [recommended, invited]) {
      const app = byEmail.get(who.email)!;
      const tracker = (await (await who.client.get(`/me/applications/${app.id}`)).text()).replace(/<!-- -->/g, "");
      expect(tracker).toContain("Accept or decline the invitation");
      expect(await db().notification.count({ where: { userId: app.profile.userId, kind: "application.invited" } })).toBe(1);
    }
    const board = (await (await owner.client.get(`/coord/gigs/${gig.id}`)).text()).replace(/<!-- -->/g, "");
    expect(board).toContain(">recommended<");
    expect(board).toContain(">invited<");
  });
});

describe("the gig's named coordinator", () => {
  it("hears about what professionals do on the gig (new applicant, screening submitted, withdrawal), like the lab does", async () => {
    const { gig, ownerUser } = await labWithOpenGig(base, { screeningRequired: true, screeningInstructions: "Rank 5 scenes." });
    const named = await staff();
    const bystander = await staff();
    const coord = await logIn(base, named.email);
    expect((await coord.post(`/coord/gigs/${gig.id}`, { intent: "assign", coordinatorId: named.user.id })).status).toBe(303);
    const pro = await applyAs(gig.id);
    const actor = { id: named.user.id, role: "COORDINATOR" as const };
    for (const to of ["SHORTLISTED", "SCREENING"] as const) {
      expect((await transitionApplication(pro.appId, to, actor, { expectedVersion: await version(pro.appId) })).ok).toBe(true);
    }
    const submitted = await pro.client.post(`/me/applications/${pro.appId}`, {
      intent: "check",
      action: "submitScreening",
      version: await version(pro.appId),
    });
    expect(submitted.status).toBe(303);
    const withdrawn = await pro.client.post(`/me/applications/${pro.appId}`, {
      intent: "move",
      to: "WITHDRAWN",
      version: await version(pro.appId),
      reason: "Took another job.",
    });
    expect(withdrawn.status).toBe(303);
    // (The screening notice links to the candidate view under the board: /coord/gigs/:id/candidates/:app#screening.)
    const kinds = async (userId: string) =>
      (await db().notification.findMany({ where: { userId, link: { startsWith: `/coord/gigs/${gig.id}` } }, select: { kind: true } }))
        .map((n) => n.kind)
        .sort();
    const expected = ["application.new", "application.screening_submitted", "application.withdrawn"];
    expect(await kinds(named.user.id)).toEqual(expected);
    expect(await kinds(ownerUser.id)).toEqual(expected);
    expect(await kinds(bystander.user.id)).toEqual([]);
  });
});

describe("the pipeline, end to end", () => {
  it("takes an applicant from APPLIED to ACTIVE with screening, NDA, payment and training", async () => {
    const { gig } = await labWithOpenGig(base, {
      screeningRequired: true,
      screeningInstructions: "Rank 10 pairs of scenes.",
      ndaRequired: true,
      trainingModules: ["Rating guidelines", "Safety basics"],
    });
    const { email } = await staff();
    const coord = await logIn(base, email);
    const pro = await applyAs(gig.id);
    const board = `/coord/gigs/${gig.id}`;

    const move = async (to: string, extra: Record<string, string> = {}) =>
      coord.post(board, { intent: "move", applicationId: pro.appId, version: await version(pro.appId), to, ...extra });
    const check = async (action: string, extra: Record<string, string> = {}) =>
      pro.client.post(`/me/applications/${pro.appId}`, { intent: "check", action, version: await version(pro.appId), ...extra });

    // Board moves redirect back to the board (post/redirect/get); refusals answer 4xx.
    expect((await move("SHORTLISTED")).status).toBe(303);
    expect((await move("OFFERED")).status).toBe(422); // screening required first
    expect((await move("SCREENING")).status).toBe(303);
    expect((await move("OFFERED")).status).toBe(422); // not yet submitted and scored
    expect((await check("submitScreening", { answer: "Pair 1: B. Pair 2: A." })).status).toBe(303);
    // Scored from the candidate view, which shows the answer.
    const candidate = `${board}/candidates/${pro.appId}`;
    expect(await (await coord.get(candidate)).text()).toContain("Pair 1: B. Pair 2: A.");
    const score = await coord.post(candidate, {
      intent: "score",
      version: await version(pro.appId),
      score: "82",
      feedback: "Sharp sense of timing.",
    });
    expect(score.status).toBe(303);
    expect(score.headers.get("location")).toBe(`${candidate}#screening`);
    expect((await move("OFFERED")).status).toBe(303);
    const accept = await pro.client.post(`/me/applications/${pro.appId}`, {
      intent: "move",
      to: "CONTRACTING",
      version: await version(pro.appId),
    });
    expect(accept.status).toBe(303);
    expect((await check("acceptContract")).status).toBe(303);
    let app = await db().application.findUniqueOrThrow({ where: { id: pro.appId } });
    expect(app.stage).toBe("CONTRACTING"); // NDA still missing
    expect((await check("acceptNda")).status).toBe(303);
    app = await db().application.findUniqueOrThrow({ where: { id: pro.appId } });
    expect(app.stage).toBe("PAYMENT_SETUP"); // advanced on its own
    await check("confirmTaxForm");
    await check("confirmPayout");
    expect((await db().application.findUniqueOrThrow({ where: { id: pro.appId } })).stage).toBe("TRAINING");
    await check("acknowledgeModule", { module: "Rating guidelines" });
    expect((await db().application.findUniqueOrThrow({ where: { id: pro.appId } })).stage).toBe("TRAINING");
    await check("acknowledgeModule", { module: "Safety basics" });
    app = await db().application.findUniqueOrThrow({ where: { id: pro.appId } });
    expect(app.stage).toBe("ACTIVE");

    const path = await db().stageTransition.findMany({ where: { applicationId: pro.appId }, orderBy: { at: "asc" } });
    expect(path.map((t) => t.toStage)).toEqual([
      "APPLIED",
      "SHORTLISTED",
      "SCREENING",
      "OFFERED",
      "CONTRACTING",
      "PAYMENT_SETUP",
      "TRAINING",
      "ACTIVE",
    ]);
    const consents = await db().consentRecord.findMany({ where: { applicationId: pro.appId } });
    expect(consents.map((c) => c.kind).sort()).toEqual(["CONTRACT", "NDA"]);
    expect(await db().event.count({ where: { entityType: "Application", entityId: pro.appId } })).toBeGreaterThanOrEqual(12);
    const user = await db().user.findUniqueOrThrow({ where: { email: pro.email } });
    expect(await db().notification.count({ where: { userId: user.id } })).toBeGreaterThanOrEqual(5);
    const tracker = await (await pro.client.get(`/me/applications/${pro.appId}`)).text();
    expect(tracker.replace(/<!-- -->/g, "")).toContain("Score 82/100");
  });

  it("declining needs a reason the professional sees, and they can ask for a human review", async () => {
    const { gig } = await labWithOpenGig(base);
    const { email } = await staff();
    const coord = await logIn(base, email);
    const pro = await applyAs(gig.id);
    const noReason = await coord.post(`/coord/gigs/${gig.id}`, {
      intent: "move",
      applicationId: pro.appId,
      version: await version(pro.appId),
      to: "DECLINED",
    });
    // Refused by the move form's schema: a field error on the reason, and nothing moves.
    expect(noReason.status).toBe(400);
    expect(await noReason.text()).toContain("Give a reason: the person will read it.");
    expect((await db().application.findUniqueOrThrow({ where: { id: pro.appId } })).stage).toBe("APPLIED");
    const ok = await coord.post(`/coord/gigs/${gig.id}`, {
      intent: "move",
      applicationId: pro.appId,
      version: await version(pro.appId),
      to: "DECLINED",
      reason: "We need multi-cam experience.",
    });
    expect(ok.status).toBe(303);
    expect(ok.headers.get("location")).toBe(`/coord/gigs/${gig.id}#card-${pro.appId}`);
    const page = await (await pro.client.get(`/me/applications/${pro.appId}`)).text();
    expect(page).toContain("We need multi-cam experience.");
    const appeal = await pro.client.post(`/me/applications/${pro.appId}`, {
      intent: "appeal",
      message: "I co-wrote two multi-cam pilots.",
    });
    expect(appeal.status).toBe(303);
    const queue = await (await coord.get("/coord")).text();
    expect(queue).toContain("I co-wrote two multi-cam pilots.");
  });
});

describe("concurrency", () => {
  it("20 parallel transitions on one application: exactly one wins, the others get a conflict", async () => {
    const { gig } = await labWithOpenGig(base);
    const { user } = await staff();
    const pro = await applyAs(gig.id);
    const v = await version(pro.appId);
    const actor = { id: user.id, role: "COORDINATOR" as const };
    const results = await Promise.all(
      Array.from({ length: 20 }, () => transitionApplication(pro.appId, "SHORTLISTED", actor, { expectedVersion: v })),
    );
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok && r.code === "CONFLICT")).toHaveLength(19);
    expect(await db().stageTransition.count({ where: { applicationId: pro.appId, toStage: "SHORTLISTED" } })).toBe(1);
    expect((await db().application.findUniqueOrThrow({ where: { id: pro.appId } })).version).toBe(v + 1);
  });

  it("a stale version through the board gives a clear conflict message", async () => {
    const { gig } = await labWithOpenGig(base);
    const { email } = await staff();
    const [c1, c2] = [await logIn(base, email), await logIn(base, email)];
    const pro = await applyAs(gig.id);
    const v = await version(pro.appId);
    const first = await c1.post(`/coord/gigs/${gig.id}`, { intent: "move", applicationId: pro.appId, version: v, to: "SHORTLISTED" });
    const second = await c2.post(`/coord/gigs/${gig.id}`, {
      intent: "move",
      applicationId: pro.appId,
      version: v,
      to: "DECLINED",
      reason: "Not a fit",
    });
    expect(first.status).toBe(303);
    expect(second.status).toBe(409);
    expect(await second.text()).toContain("Someone else changed this application");
  });

  it("bulk moves are all or nothing", async () => {
    const { gig } = await labWithOpenGig(base);
    const { user } = await staff();
    const a = await applyAs(gig.id);
    const b = await applyAs(gig.id);
    const actor = { id: user.id, role: "COORDINATOR" as const };
    const stale = await bulkTransition(
      [
        { applicationId: a.appId, expectedVersion: await version(a.appId) },
        { applicationId: b.appId, expectedVersion: (await version(b.appId)) + 5 },
      ],
      "SHORTLISTED",
      actor,
    );
    expect(stale.ok).toBe(false);
    expect((await db().application.findUniqueOrThrow({ where: { id: a.appId } })).stage).toBe("APPLIED");
    const ok = await bulkTransition(
      [
        { applicationId: a.appId, expectedVersion: await version(a.appId) },
        { applicationId: b.appId, expectedVersion: await version(b.appId) },
      ],
      "SHORTLISTED",
      actor,
    );
    expect(ok.ok).toBe(true);
    expect(await db().application.count({ where: { gigId: gig.id, stage: "SHORTLISTED" } })).toBe(2);
  });

  it("checklist actions check who may act", async () => {
    const { gig } = await labWithOpenGig(base);
    const pro = await applyAs(gig.id);
    const other = await signUp(base);
    const otherUser = await db().user.findUniqueOrThrow({ where: { email: other.email }, include: { profile: true } });
    const r = await applyChecklistAction(
      pro.appId,
      { action: "confirmTaxForm" },
      { id: otherUser.id, role: "PROFESSIONAL", profileId: otherUser.profile!.id },
    );
    expect(r.ok).toBe(false);
  });
});
