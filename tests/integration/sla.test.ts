/**
 * Stage SLAs and reminders: configurable per stage (/coord/sla), one reminder per wait past the
 * SLA to the responsible coordinator (a digest) and to the professional (where it stands), audit
 * entries, concurrency between several sweepers, and the tracker's honest wording.
 *
 * The sweep looks at every application in this file's database, so assertions are per
 * application or per gig, never global counts.
 */
import { describe, expect, it } from "vitest";
import { db } from "~/db.server";
import { transitionApplication } from "~/services/applications.server";
import { sendOverdueReminders, startSlaReminders } from "~/services/sla.server";
import { logIn, signUp } from "../setup/http";
import { useTestServer } from "../setup/server";
import { labWithOpenGig, staff } from "./fixtures";

const base = await useTestServer();
const DAY = 86_400_000;

async function applyAs(gigId: string) {
  const pro = await signUp(base);
  const res = await pro.client.post(`/gigs/${gigId}`, { intent: "apply", note: "Six seasons in a sitcom room." });
  expect(res.status).toBe(303);
  const appId = res.headers.get("location")!.split("/").pop()!;
  const user = await db().user.findUniqueOrThrow({ where: { email: pro.email } });
  return { ...pro, appId, userId: user.id };
}

const app = (id: string) => db().application.findUniqueOrThrow({ where: { id } });
const later = (from: Date, days: number) => new Date(from.getTime() + days * DAY);
const remindersFor = (appId: string) => db().event.count({ where: { action: "application.sla_reminder", entityId: appId } });
const notes = (userId: string, kind: string) => db().notification.findMany({ where: { userId, kind }, orderBy: { createdAt: "asc" } });
const text = async (res: Response) => (await res.text()).replace(/<!-- -->/g, "");

async function backdate(appId: string, days: number) {
  const a = await app(appId);
  const at = new Date(a.stageEnteredAt.getTime() - days * DAY);
  await db().application.update({ where: { id: appId }, data: { stageEnteredAt: at } });
  return at;
}

describe("SLA reminders", () => {
  it("remind the named coordinator and the professional once per wait, with an audit entry, without touching the application", async () => {
    const { gig } = await labWithOpenGig(base);
    const named = await staff();
    const coord = await logIn(base, named.email);
    const assign = await coord.post(`/coord/gigs/${gig.id}`, { intent: "assign", coordinatorId: named.user.id });
    expect(assign.status).toBe(303);
    expect((await db().gig.findUniqueOrThrow({ where: { id: gig.id } })).coordinatorId).toBe(named.user.id);

    const pro = await applyAs(gig.id);
    const before = await app(pro.appId);

    // Day 4 of a 5-day SLA: nothing yet.
    await sendOverdueReminders({ now: later(before.stageEnteredAt, 4) });
    expect(await remindersFor(pro.appId)).toBe(0);

    // Day 6: one reminder each.
    const day6 = later(before.stageEnteredAt, 6);
    await sendOverdueReminders({ now: day6 });
    const after = await app(pro.appId);
    expect(after.slaNudgedStageAt?.getTime()).toBe(before.stageEnteredAt.getTime());
    expect(after.slaNudgedAt?.getTime()).toBe(day6.getTime());
    expect(after.version).toBe(before.version); // open boards don't get a conflict
    expect(after.updatedAt.getTime()).toBe(before.updatedAt.getTime());
    expect(await remindersFor(pro.appId)).toBe(1);

    const mine = await notes(pro.userId, "application.overdue");
    expect(mine).toHaveLength(1);
    expect(mine[0].title).toContain("taking longer");
    expect(mine[0].body).toContain("6 days; we aim for 5");
    expect(mine[0].body).toContain("waiting on the coordinator, not on you");
    expect(mine[0].link).toBe(`/me/applications/${pro.appId}`);
    const digest = (await notes(named.user.id, "coordinator.overdue")).filter((n) => n.body.includes(gig.title));
    expect(digest).toHaveLength(1);
    expect(digest[0].link).toBe(`/coord/gigs/${gig.id}?stale=1`);
    expect(await db().mailMessage.count({ where: { to: pro.email, kind: "application.overdue" } })).toBe(1);
    const event = await db().event.findFirstOrThrow({ where: { action: "application.sla_reminder", entityId: pro.appId } });
    expect(event.actorRole).toBe("SYSTEM");
    expect(event.after).toMatchObject({ stage: "APPLIED", days: 6, slaDays: 5, coordinators: [named.user.id] });

    // Later sweeps do not repeat it.
    await sendOverdueReminders({ now: later(before.stageEnteredAt, 9) });
    await sendOverdueReminders({ now: later(before.stageEnteredAt, 30) });
    expect(await remindersFor(pro.appId)).toBe(1);
    expect(await notes(pro.userId, "application.overdue")).toHaveLength(1);

    // The board marks the card as overdue and reminded (real time: backdate the stage entry).
    const sixDaysAgo = new Date(Date.now() - 6 * DAY);
    await db().application.update({ where: { id: pro.appId }, data: { stageEnteredAt: sixDaysAgo, slaNudgedStageAt: sixDaysAgo } });
    const board = await text(await coord.get(`/coord/gigs/${gig.id}?stale=1`));
    expect(board).toContain("overdue");
    expect(board).toContain(">reminded<");
  });

  it("a new stage is a new wait; without a named coordinator the last coordinator who moved it is reminded", async () => {
    const { gig } = await labWithOpenGig(base);
    const mover = await staff();
    const other = await staff();
    const pro = await applyAs(gig.id);
    const a0 = await app(pro.appId);
    await sendOverdueReminders({ now: later(a0.stageEnteredAt, 6) });
    expect(await remindersFor(pro.appId)).toBe(1);

    const moved = await transitionApplication(
      pro.appId,
      "SHORTLISTED",
      { id: mover.user.id, role: "COORDINATOR" },
      { expectedVersion: a0.version },
    );
    expect(moved.ok).toBe(true);
    const a1 = await app(pro.appId);
    expect(a1.slaNudgedStageAt?.getTime()).not.toBe(a1.stageEnteredAt.getTime());
    await sendOverdueReminders({ now: later(a1.stageEnteredAt, 2) }); // SHORTLISTED SLA is 3 days
    expect(await remindersFor(pro.appId)).toBe(1);
    await sendOverdueReminders({ now: later(a1.stageEnteredAt, 4) });
    expect(await remindersFor(pro.appId)).toBe(2);
    const last = await db().event.findFirstOrThrow({
      where: { action: "application.sla_reminder", entityId: pro.appId },
      orderBy: { at: "desc" },
    });
    expect(last.after).toMatchObject({ stage: "SHORTLISTED", coordinators: [mover.user.id] });
    expect((await notes(mover.user.id, "coordinator.overdue")).some((n) => n.body.includes(gig.title))).toBe(true);
    expect(
      (await notes(other.user.id, "coordinator.overdue")).some((n) => n.body.includes(gig.title) && n.createdAt >= a1.stageEnteredAt),
    ).toBe(false);

    // A disabled named coordinator is skipped in favour of the last mover.
    const gone = await staff();
    await db().gig.update({ where: { id: gig.id }, data: { coordinatorId: gone.user.id } });
    await db().user.update({ where: { id: gone.user.id }, data: { disabledAt: new Date() } });
    const back = await transitionApplication(
      pro.appId,
      "OFFERED",
      { id: mover.user.id, role: "COORDINATOR" },
      { expectedVersion: a1.version },
    );
    expect(back.ok).toBe(true);
    const a2 = await app(pro.appId);
    await sendOverdueReminders({ now: later(a2.stageEnteredAt, 6) });
    const third = await db().event.findFirstOrThrow({
      where: { action: "application.sla_reminder", entityId: pro.appId },
      orderBy: { at: "desc" },
    });
    expect(third.after).toMatchObject({ stage: "OFFERED", coordinators: [mover.user.id] });
    expect(await notes(gone.user.id, "coordinator.overdue")).toHaveLength(0);
  });

  it("nobody named and no coordinator has touched it: every active coordinator is reminded", async () => {
    const { gig } = await labWithOpenGig(base);
    await staff();
    const pro = await applyAs(gig.id);
    const a0 = await app(pro.appId);
    await sendOverdueReminders({ now: later(a0.stageEnteredAt, 6) });
    const coordinators = await db().user.findMany({ where: { role: "COORDINATOR", disabledAt: null }, select: { id: true } });
    const event = await db().event.findFirstOrThrow({ where: { action: "application.sla_reminder", entityId: pro.appId } });
    expect((event.after as { coordinators: string[] }).coordinators.sort()).toEqual(coordinators.map((c) => c.id).sort());
  });

  it("when the step is the professional's, the reminder says so and names it", async () => {
    const { gig } = await labWithOpenGig(base, { ndaRequired: true });
    const { user } = await staff();
    const pro = await applyAs(gig.id);
    const actor = { id: user.id, role: "COORDINATOR" as const };
    for (const to of ["SHORTLISTED", "OFFERED"] as const) {
      const r = await transitionApplication(pro.appId, to, actor, { expectedVersion: (await app(pro.appId)).version });
      expect(r.ok).toBe(true);
    }
    const accept = await pro.client.post(`/me/applications/${pro.appId}`, {
      intent: "move",
      to: "CONTRACTING",
      version: (await app(pro.appId)).version,
    });
    expect(accept.status).toBe(303);
    const a = await app(pro.appId);
    expect(a.stage).toBe("CONTRACTING");
    await sendOverdueReminders({ now: later(a.stageEnteredAt, 6) });
    const [n] = await notes(pro.userId, "application.overdue");
    expect(n.title).toContain("waiting on you");
    expect(n.body).toContain("Sign the NDA");
    const digest = (await notes(user.id, "coordinator.overdue")).find((d) => d.body.includes(gig.title));
    expect(digest?.body).toContain("(waiting on them)");
  });

  it("four sweepers at once remind each of 25 overdue applications exactly once", async () => {
    const { gig } = await labWithOpenGig(base, { slots: 30 });
    const pros = [];
    for (let i = 0; i < 25; i++) pros.push(await applyAs(gig.id));
    const ids = pros.map((p) => p.appId);
    const newest = Math.max(...(await db().application.findMany({ where: { id: { in: ids } } })).map((a) => a.stageEnteredAt.getTime()));
    const now = later(new Date(newest), 6);
    const runs = await Promise.all(Array.from({ length: 4 }, () => sendOverdueReminders({ now, batchSize: 7 })));
    expect(runs.reduce((n, r) => n + r.reminded, 0)).toBeGreaterThanOrEqual(25);
    const events = await db().event.groupBy({
      by: ["entityId"],
      where: { action: "application.sla_reminder", entityId: { in: ids } },
      _count: true,
    });
    expect(events).toHaveLength(25);
    expect(events.every((e) => e._count === 1)).toBe(true);
    const proNotes = await db().notification.groupBy({
      by: ["userId"],
      where: { kind: "application.overdue", userId: { in: pros.map((p) => p.userId) } },
      _count: true,
    });
    expect(proNotes).toHaveLength(25);
    expect(proNotes.every((e) => e._count === 1)).toBe(true);
  });

  it("the periodic job in the app process sends reminders on its own", async () => {
    const { gig } = await labWithOpenGig(base);
    const pro = await applyAs(gig.id);
    await backdate(pro.appId, 8);
    const job = startSlaReminders({ intervalMs: 60_000, firstDelayMs: 20, log: () => {} });
    try {
      for (let i = 0; i < 200 && (await remindersFor(pro.appId)) === 0; i++) await new Promise((r) => setTimeout(r, 50));
    } finally {
      await job.stop();
    }
    expect(await remindersFor(pro.appId)).toBe(1);
  });
});

describe("the professional's tracker", () => {
  it("says honestly whether the coordinator has been reminded", async () => {
    const { gig } = await labWithOpenGig(base);
    const pro = await applyAs(gig.id);
    expect(await text(await pro.client.get(`/me/applications/${pro.appId}`))).not.toContain('data-testid="overdue"');
    await backdate(pro.appId, 7);
    const before = await text(await pro.client.get(`/me/applications/${pro.appId}`));
    expect(before).toContain("7 days; we aim for 5");
    expect(before).toContain("has not been reminded yet");
    expect(before).not.toContain("We reminded");
    await sendOverdueReminders();
    const after = await text(await pro.client.get(`/me/applications/${pro.appId}`));
    expect(after).toContain(`We reminded the coordinator on ${new Date().toISOString().slice(0, 10)}`);
    expect(after).toContain("waiting on the coordinator, not on you");
  });
});

describe("configuring SLAs", () => {
  it("coordinators change the SLA per stage; bad values get field errors and change nothing; empty turns it off", async () => {
    const { email, user } = await staff();
    const coord = await logIn(base, email);
    const page = await text(await coord.get("/coord/sla"));
    expect(page).toContain("Stage SLAs");
    expect(page).toContain('name="APPLIED"');
    expect(page).not.toContain('name="ACTIVE"');

    const bad = await coord.post("/coord/sla", { APPLIED: "0", SHORTLISTED: "abc", SCREENING: "5" });
    expect(bad.status).toBe(400);
    const badBody = await text(bad);
    expect(badBody).toContain("Use 1 to 90 days");
    expect(badBody).toContain("Use a whole number of days");
    expect(await db().stageSla.count()).toBe(0);

    try {
      const ok = await coord.post("/coord/sla", {
        APPLIED: "1",
        SHORTLISTED: "",
        SCREENING: "5",
        OFFERED: "5",
        INVITED: "7",
        CONTRACTING: "5",
        PAYMENT_SETUP: "5",
        TRAINING: "7",
      });
      expect(ok.status).toBe(303);
      expect((await db().stageSla.findUniqueOrThrow({ where: { stage: "APPLIED" } })).days).toBe(1);
      expect((await db().stageSla.findUniqueOrThrow({ where: { stage: "SHORTLISTED" } })).days).toBeNull();
      const audit = await db().event.findFirstOrThrow({ where: { action: "sla.updated", actorId: user.id } });
      expect(audit.after).toMatchObject({ APPLIED: 1, SHORTLISTED: null });

      const { gig } = await labWithOpenGig(base);
      const pro = await applyAs(gig.id);
      const a0 = await app(pro.appId);
      await sendOverdueReminders({ now: later(a0.stageEnteredAt, 2) }); // 2 days > the new 1-day SLA
      expect(await remindersFor(pro.appId)).toBe(1);
      const moved = await transitionApplication(
        pro.appId,
        "SHORTLISTED",
        { id: user.id, role: "COORDINATOR" },
        { expectedVersion: a0.version },
      );
      expect(moved.ok).toBe(true);
      await sendOverdueReminders({ now: later(new Date(), 365) }); // SHORTLISTED has no SLA now
      expect(await remindersFor(pro.appId)).toBe(1);
      await backdate(pro.appId, 30);
      const board = await text(await coord.get(`/coord/gigs/${gig.id}`));
      expect(board).toContain("Only overdue (0)");
    } finally {
      await db().stageSla.deleteMany();
    }
  });
});
