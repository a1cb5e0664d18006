/**
 * The active phase end to end against a real server and PostgreSQL: the work-entries API
 * (idempotent by Idempotency-Key and by clientEntryId, 4xx with field errors, nothing
 * half-written, other labs get 404), the ledger totals, the queue status (bulk, all or nothing)
 * and its check-again reminder (once per date, also with concurrent sweepers), offboarding with
 * a reason code, evidence and who decided, and the appeal answered by another coordinator only.
 */
import { describe, expect, it } from "vitest";
import { db } from "~/db.server";
import type { SessionUser } from "~/session.server";
import { applyChecklistAction, transitionApplication } from "~/services/applications.server";
import { sendQueueReminders, workView } from "~/services/work.server";
import { addDays, dayOf } from "~/domain/work";
import { logIn, signUp } from "../setup/http";
import { useTestServer } from "../setup/server";
import { apiTokenFor, labWithOpenGig, rand, staff } from "./fixtures";

const base = await useTestServer();
const today = dayOf(new Date());

// biome-ignore lint/suspicious/noExplicitAny: response bodies are read loosely in assertions
type Json = Record<string, any>;

async function call(token: string, method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: { Authorization: `Bearer ${token}`, ...(body === undefined ? {} : { "Content-Type": "application/json" }), ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: (text ? JSON.parse(text) : null) as Json };
}

/** A lab with an open hourly gig ($60/h), an API token, and one professional taken to ACTIVE through the real services. */
async function activeEngagement(overrides: Record<string, unknown> = {}) {
  const lab = await labWithOpenGig(base, { title: `Rank sitcom dialogue ${rand()}`, ...overrides });
  const sessionUser = {
    id: lab.ownerUser.id,
    email: lab.ownerUser.email,
    name: lab.ownerUser.name,
    role: "LAB_MEMBER",
    emailVerified: true,
    labId: lab.labId,
    labSlug: "x",
    labRole: "OWNER",
    profileId: null,
    unreadNotifications: 0,
  } as unknown as SessionUser;
  const { token } = await apiTokenFor(lab.labId, "work", sessionUser);
  const pro = await signUp(base);
  const applied = await pro.client.post(`/gigs/${lab.gig.id}`, { intent: "apply", note: "Ten years in sitcom rooms." });
  expect(applied.status).toBe(303);
  const appId = applied.headers.get("location")!.split("/").pop()!;
  const proUser = await db().user.findUniqueOrThrow({ where: { email: pro.email }, include: { profile: true } });
  const labActor = { id: lab.ownerUser.id, role: "LAB_MEMBER" as const, labId: lab.labId, profileId: null };
  const proActor = { id: proUser.id, role: "PROFESSIONAL" as const, profileId: proUser.profile!.id, labId: null };
  const must = (r: { ok: boolean }) => expect(r, JSON.stringify(r)).toMatchObject({ ok: true });
  must(await transitionApplication(appId, "SHORTLISTED", labActor));
  must(await transitionApplication(appId, "OFFERED", labActor));
  must(await transitionApplication(appId, "CONTRACTING", proActor));
  must(await applyChecklistAction(appId, { action: "acceptContract" }, proActor));
  must(await applyChecklistAction(appId, { action: "confirmTaxForm" }, proActor));
  must(await applyChecklistAction(appId, { action: "confirmPayout" }, proActor));
  let app = await db().application.findUniqueOrThrow({ where: { id: appId } });
  if (app.stage === "TRAINING") must(await transitionApplication(appId, "ACTIVE", labActor));
  app = await db().application.findUniqueOrThrow({ where: { id: appId } });
  expect(app.stage).toBe("ACTIVE");
  return { ...lab, token, pro, proUser, appId, labActor };
}

const entries = (appId: string) => db().workEntry.findMany({ where: { applicationId: appId } });
const engagement = (appId: string) => db().engagement.findUniqueOrThrow({ where: { applicationId: appId } });

describe("work entries API", () => {
  it("records hours at the gig rate in cents; becoming ACTIVE opened the engagement with work available", async () => {
    const e = await activeEngagement();
    const eng = await engagement(e.appId);
    expect(eng.queueState).toBe("WORK_AVAILABLE");
    expect(eng.firstWorkDate).toBeNull();
    const res = await call(e.token, "POST", `/api/v1/gigs/${e.gig.id}/work-entries`, {
      applicationId: e.appId,
      workDate: today,
      hours: 2.5,
      note: "Batch 12",
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body).toMatchObject({
      unit: "HOUR",
      quantity: 150,
      hours: 2.5,
      rateCents: 6000,
      amountCents: 15000,
      review: "ACCEPTED",
      payout: "PENDING",
      source: "LAB",
    });
    expect(dayOf((await engagement(e.appId)).firstWorkDate!)).toBe(today);
    // The professional is told.
    expect(await db().notification.count({ where: { userId: e.proUser.id, kind: "work.recorded" } })).toBe(1);
    const list = await call(e.token, "GET", `/api/v1/gigs/${e.gig.id}/work-entries?applicationId=${e.appId}`);
    expect(list.body.data).toHaveLength(1);
  });

  it("is idempotent by Idempotency-Key and by clientEntryId", async () => {
    const e = await activeEngagement();
    const path = `/api/v1/gigs/${e.gig.id}/work-entries`;
    const body = { applicationId: e.appId, workDate: today, hours: 1 };
    const first = await call(e.token, "POST", path, body, { "Idempotency-Key": "k-1" });
    const again = await call(e.token, "POST", path, body, { "Idempotency-Key": "k-1" });
    expect(first.status).toBe(201);
    expect(again.status).toBe(201);
    expect(again.headers.get("idempotent-replayed")).toBe("true");
    expect(again.body.id).toBe(first.body.id);
    expect(await entries(e.appId)).toHaveLength(1);

    const withId = { applicationId: e.appId, workDate: today, hours: 0.5, clientEntryId: "sheet-row-7" };
    const a = await call(e.token, "POST", path, withId);
    const b = await call(e.token, "POST", path, withId);
    expect(a.status).toBe(201);
    expect(b.status).toBe(200);
    expect(b.body.id).toBe(a.body.id);
    // Concurrent first uses of one id: one entry.
    const [c1, c2] = await Promise.all([
      call(e.token, "POST", path, { ...withId, clientEntryId: "sheet-row-8" }),
      call(e.token, "POST", path, { ...withId, clientEntryId: "sheet-row-8" }),
    ]);
    expect([c1.status, c2.status].sort()).toEqual([200, 201]);
    // The same id for different work is refused and changes nothing.
    const clash = await call(e.token, "POST", path, { ...withId, hours: 3 });
    expect(clash.status).toBe(409);
    expect(clash.body.errors).toEqual([{ path: "clientEntryId", message: expect.any(String) }]);
    expect(await entries(e.appId)).toHaveLength(3);
  });

  it("answers 4xx with field errors and writes nothing (also not the Idempotency-Key)", async () => {
    const e = await activeEngagement();
    const path = `/api/v1/gigs/${e.gig.id}/work-entries`;
    const before = await db().event.count({ where: { action: "work.entry_recorded" } });
    const bad = await call(e.token, "POST", path, { applicationId: e.appId, workDate: "03/12/2026", hours: -2, bogus: 1 });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((x: Json) => x.path).sort()).toEqual(["bogus", "hours", "workDate"]);
    const tasks = await call(
      e.token,
      "POST",
      path,
      { applicationId: e.appId, workDate: today, tasks: 4 },
      { "Idempotency-Key": "retry-me" },
    );
    expect(tasks.status).toBe(422);
    expect(tasks.body.errors.map((x: Json) => x.path).sort()).toEqual(["hours", "tasks"]);
    const future = await call(e.token, "POST", path, { applicationId: e.appId, workDate: addDays(today, 1), hours: 1 });
    expect(future.status).toBe(422);
    expect(future.body.errors).toEqual([{ path: "workDate", message: "The work date cannot be in the future." }]);
    const tooLong = await call(e.token, "POST", path, { applicationId: e.appId, workDate: today, hours: 25 });
    expect(tooLong.status).toBe(400);
    expect(tooLong.body.errors[0].path).toBe("hours");
    expect(await entries(e.appId)).toHaveLength(0);
    expect(await db().event.count({ where: { action: "work.entry_recorded" } })).toBe(before);
    expect(await db().engagement.findUniqueOrThrow({ where: { applicationId: e.appId } })).toMatchObject({ firstWorkDate: null });
    // The refused key was not kept: the corrected request may use it.
    const fixed = await call(
      e.token,
      "POST",
      path,
      { applicationId: e.appId, workDate: today, hours: 1 },
      { "Idempotency-Key": "retry-me" },
    );
    expect(fixed.status).toBe(201);
  });

  it("other labs get 404; people not active or on another gig are refused", async () => {
    const e = await activeEngagement();
    const other = await activeEngagement();
    const path = `/api/v1/gigs/${e.gig.id}/work-entries`;
    expect((await call(other.token, "POST", path, { applicationId: e.appId, workDate: today, hours: 1 })).status).toBe(404);
    expect((await call(other.token, "GET", path)).status).toBe(404);
    // Their own gig, someone else's application: 404, not a leak.
    expect(
      (await call(other.token, "POST", `/api/v1/gigs/${other.gig.id}/work-entries`, { applicationId: e.appId, workDate: today, hours: 1 }))
        .status,
    ).toBe(404);
    expect((await call(other.token, "PUT", `/api/v1/gigs/${e.gig.id}/queue-status`, { state: "WORK_AVAILABLE" })).status).toBe(404);
    // Pages: another lab's member and another professional get 404.
    const otherLab = await logIn(base, other.owner.email);
    expect((await otherLab.get(`/coord/gigs/${e.gig.id}/work`)).status).toBe(404);
    expect((await otherLab.get(`/coord/gigs/${e.gig.id}/candidates/${e.appId}/work`)).status).toBe(404);
    const posted = await otherLab.post(`/coord/gigs/${e.gig.id}/candidates/${e.appId}/work`, {
      intent: "record",
      workDate: today,
      amount: "1",
    });
    expect(posted.status).toBe(404);
    expect((await other.pro.client.get(`/me/applications/${e.appId}/work`)).status).toBe(404);
    expect(await entries(e.appId)).toHaveLength(0);
  });
});

describe("ledger, payouts and self-reports", () => {
  it("totals equal the sum of the ledger by payout state; self-reports count once accepted", async () => {
    const e = await activeEngagement();
    const lab = await logIn(base, e.owner.email);
    const here = `/coord/gigs/${e.gig.id}/candidates/${e.appId}/work`;
    // The lab records through the form (hours as decimals); a double-submitted form records once.
    const form = { intent: "record", workDate: today, amount: "1.5", note: "", clientEntryId: "form-1" };
    expect((await lab.post(here, form)).status).toBe(303);
    expect((await lab.post(here, form)).status).toBe(303);
    expect(await entries(e.appId)).toHaveLength(1);
    const invalid = await lab.post(here, { intent: "record", workDate: "", amount: "x" });
    expect(invalid.status).toBe(400);
    // The professional self-reports; the lab accepts one and rejects another (reason needed).
    const mine = `/me/applications/${e.appId}/work`;
    expect((await e.pro.client.post(mine, { intent: "record", workDate: today, amount: "2", clientEntryId: "p-1" })).status).toBe(303);
    expect((await e.pro.client.post(mine, { intent: "record", workDate: today, amount: "0.25", clientEntryId: "p-2" })).status).toBe(303);
    const [p1, p2] = await db().workEntry.findMany({
      where: { applicationId: e.appId, source: "PROFESSIONAL" },
      orderBy: { quantity: "desc" },
    });
    expect(p1.review).toBe("SUBMITTED");
    expect((await lab.post(here, { intent: "accept", entryId: p1.id })).status).toBe(303);
    expect((await lab.post(here, { intent: "reject", entryId: p2.id, note: "" })).status).toBe(400);
    expect((await lab.post(here, { intent: "reject", entryId: p2.id, note: "Not on the timesheet" })).status).toBe(303);
    // Payouts: approve and pay the first, hold the second with a reason (required).
    const labEntry = (await db().workEntry.findFirstOrThrow({ where: { applicationId: e.appId, source: "LAB" } })).id;
    expect((await lab.post(here, { intent: "payout", entryId: labEntry, to: "PAID" })).status).toBe(400); // PENDING -> PAID skips approval
    expect((await lab.post(here, { intent: "payout", entryId: labEntry, to: "APPROVED" })).status).toBe(303);
    expect((await lab.post(here, { intent: "payout", entryId: labEntry, to: "PAID" })).status).toBe(303);
    expect((await lab.post(here, { intent: "hold", entryId: p1.id, note: "" })).status).toBe(400);
    expect((await lab.post(here, { intent: "hold", entryId: p1.id, note: "Quality check on batch 4" })).status).toBe(303);

    const rows = await entries(e.appId);
    const view = (await workView(e.appId))!;
    const accepted = rows.filter((r) => r.review === "ACCEPTED");
    expect(view.totals.earnedCents).toBe(accepted.reduce((s, r) => s + r.amountCents, 0));
    expect(view.totals.earnedCents).toBe(9000 + 12000);
    expect(view.totals.byPayout).toEqual({ PENDING: 0, APPROVED: 0, PAID: 9000, HELD: 12000 });
    expect(view.totals.minutes).toBe(90 + 120);
    expect(view.totals.rejected).toBe(1);
    // The tracker shows it to the professional.
    const html = (await (await e.pro.client.get(`/me/applications/${e.appId}`)).text()).replace(/<!-- -->/g, "");
    expect(html).toContain("Work and pay");
    expect(html).toContain("$210.00");
    expect(html).toContain("Quality check on batch 4");
    expect(html).toContain("Work available");
  });
});

describe("queue status and check-again reminders", () => {
  it("is set for the whole gig or nobody; never blank", async () => {
    const e = await activeEngagement();
    const path = `/api/v1/gigs/${e.gig.id}/queue-status`;
    const noDate = await call(e.token, "PUT", path, { state: "NO_WORK", reason: "PROJECT_PAUSED" });
    expect(noDate.status).toBe(400);
    expect(noDate.body.errors.map((x: Json) => x.path)).toEqual(["checkAgainOn"]);
    const badReason = await call(e.token, "PUT", path, { state: "NO_WORK", reason: "BORED", checkAgainOn: addDays(today, 3) });
    expect(badReason.body.errors.map((x: Json) => x.path)).toEqual(["reason"]);
    const past = await call(e.token, "PUT", path, { state: "NO_WORK", reason: "PROJECT_PAUSED", checkAgainOn: today });
    expect(past.status).toBe(422);
    expect(past.body.errors.map((x: Json) => x.path)).toEqual(["checkAgainOn"]);
    // One of the ids is not active on the gig: nothing changes.
    const mixed = await call(e.token, "PUT", path, {
      state: "NO_WORK",
      reason: "CAPACITY_FULL",
      checkAgainOn: addDays(today, 3),
      applicationIds: [e.appId, "nope"],
    });
    expect(mixed.status).toBe(422);
    expect((await engagement(e.appId)).queueState).toBe("WORK_AVAILABLE");
    // The database itself refuses a blank "no work".
    await expect(db().engagement.update({ where: { applicationId: e.appId }, data: { queueState: "NO_WORK" } })).rejects.toThrow();
    const ok = await call(e.token, "PUT", path, {
      state: "NO_WORK",
      reason: "CAPACITY_FULL",
      checkAgainOn: addDays(today, 3),
      note: "Next batch after the client's review",
    });
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    expect(ok.body.updated).toBe(1);
    expect(await engagement(e.appId)).toMatchObject({ queueState: "NO_WORK", queueReason: "CAPACITY_FULL" });
    const note = await db().notification.findFirstOrThrow({ where: { userId: e.proUser.id, kind: "engagement.queue" } });
    expect(note.body).toContain("capacity full");
  });

  it("reminds the responsible coordinator and tells the professional once per check-again date, with concurrent sweepers", async () => {
    const e = await activeEngagement();
    const named = await staff();
    await db().gig.update({ where: { id: e.gig.id }, data: { coordinatorId: named.user.id } });
    const checkOn = addDays(today, 2);
    expect(
      (
        await call(e.token, "PUT", `/api/v1/gigs/${e.gig.id}/queue-status`, {
          state: "NO_WORK",
          reason: "AWAITING_CLIENT",
          checkAgainOn: checkOn,
        })
      ).status,
    ).toBe(200);
    const reminders = () => db().event.count({ where: { action: "engagement.queue_reminder", entityId: e.appId } });
    const at = (day: string) => new Date(`${day}T12:00:00Z`);
    await sendQueueReminders({ now: at(checkOn) }); // on the date itself: not yet past
    expect(await reminders()).toBe(0);
    await Promise.all([
      sendQueueReminders({ now: at(addDays(checkOn, 1)) }),
      sendQueueReminders({ now: at(addDays(checkOn, 1)) }),
      sendQueueReminders({ now: at(addDays(checkOn, 1)) }),
    ]);
    expect(await reminders()).toBe(1);
    await sendQueueReminders({ now: at(addDays(checkOn, 5)) });
    expect(await reminders()).toBe(1);
    // (Digests about other tests' gigs may reach this coordinator too: every coordinator answers for gigs without one.)
    const coordNotes = await db().notification.findMany({
      where: { userId: named.user.id, kind: "coordinator.queue_overdue", body: { contains: e.gig.title } },
    });
    expect(coordNotes).toHaveLength(1);
    expect(coordNotes[0].body).toContain(e.gig.title);
    const proNotes = await db().notification.findMany({ where: { userId: e.proUser.id, kind: "engagement.queue_overdue" } });
    expect(proNotes).toHaveLength(1);
    expect(proNotes[0].body).toContain("not something you did");
    expect(await db().mailMessage.count({ where: { to: e.pro.email, kind: "engagement.queue_overdue" } })).toBe(1);
    // Before the date passed, the work was recorded as the lab's date, not a penalty: the past check also shows on the tracker.
    // A new date from the lab is a new wait: reminded again once it passes.
    const later = addDays(today, 10);
    await db().engagement.update({ where: { applicationId: e.appId }, data: { checkAgainOn: new Date(`${later}T00:00:00Z`) } });
    await sendQueueReminders({ now: at(addDays(later, 1)) });
    expect(await reminders()).toBe(2);
  });
});

describe("offboarding and appeals", () => {
  it("needs a reason code, evidence and who decided; the appeal is answered only by another coordinator", async () => {
    const e = await activeEngagement();
    const c1 = await staff();
    const c2 = await staff();
    const decider = await logIn(base, c1.email);
    const here = `/coord/gigs/${e.gig.id}/candidates/${e.appId}/work`;
    const version = (await db().application.findUniqueOrThrow({ where: { id: e.appId } })).version;
    // Without the record, the stage does not move (not even through the service).
    const bare = await transitionApplication(e.appId, "OFFBOARDED", { id: c1.user.id, role: "COORDINATOR" }, { reason: "Project ended" });
    expect(bare).toMatchObject({ ok: false, code: "OFFBOARD_RECORD_REQUIRED" });
    const missing = await decider.post(here, { intent: "offboard", version, reasonCode: "", evidence: "", decidedBy: "" });
    expect(missing.status).toBe(400);
    const page = await missing.text();
    expect(page).toContain("Choose a reason from the list.");
    expect((await db().application.findUniqueOrThrow({ where: { id: e.appId } })).stage).toBe("ACTIVE");
    const done = await decider.post(here, {
      intent: "offboard",
      version,
      reasonCode: "QUALITY_BELOW_STANDARD",
      evidence: "Batches 3 to 5 scored 41% agreement against the 70% bar in the written guidelines.",
      decidedBy: c1.user.name,
    });
    expect(done.status).toBe(303);
    expect((await db().application.findUniqueOrThrow({ where: { id: e.appId } })).stage).toBe("OFFBOARDED");
    expect(await engagement(e.appId)).toMatchObject({
      offboardKind: "REMOVAL",
      offboardReason: "QUALITY_BELOW_STANDARD",
      offboardDecidedBy: c1.user.name,
      offboardRecordedById: c1.user.id,
    });
    const tracker = (await (await e.pro.client.get(`/me/applications/${e.appId}`)).text()).replace(/<!-- -->/g, "");
    expect(tracker).toContain("41% agreement");
    expect(tracker).toContain(`Decided by ${c1.user.name}`);

    expect(
      (
        await e.pro.client.post(`/me/applications/${e.appId}`, {
          intent: "appeal",
          message: "Batch 4 used the old guidelines; please look again.",
        })
      ).status,
    ).toBe(303);
    const appeal = await db().appeal.findFirstOrThrow({ where: { applicationId: e.appId } });
    // The coordinator who decided cannot answer it.
    const own = await decider.post("/coord", { intent: "answer", appealId: appeal.id, outcome: "We stand by it." });
    expect(own.status).toBe(400);
    expect(await own.text()).toContain("another coordinator must answer");
    // Nor can a coordinator whose name is the one recorded as deciding (another account).
    await db().user.update({ where: { id: c2.user.id }, data: { name: c1.user.name } });
    const sameName = await logIn(base, c2.email);
    expect((await sameName.post("/coord", { intent: "answer", appealId: appeal.id, outcome: "We stand by it." })).status).toBe(400);
    expect((await db().appeal.findUniqueOrThrow({ where: { id: appeal.id } })).status).toBe("OPEN");
    await db().user.update({ where: { id: c2.user.id }, data: { name: "Another Coordinator" } });
    const other = await logIn(base, c2.email);
    expect(
      (
        await other.post("/coord", {
          intent: "answer",
          appealId: appeal.id,
          outcome: "Batch 4 is discounted; you are reinstated from Monday.",
        })
      ).status,
    ).toBe(303);
    expect(await db().appeal.findUniqueOrThrow({ where: { id: appeal.id } })).toMatchObject({
      status: "ANSWERED",
      answeredById: c2.user.id,
    });
    const after = (await (await e.pro.client.get(`/me/applications/${e.appId}`)).text()).replace(/<!-- -->/g, "");
    expect(after).toContain("you are reinstated from Monday");
  });
});
