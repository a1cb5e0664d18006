/**
 * Issue 22's journey end to end, as the people involved do it: a gig with engagement terms (the
 * form itself is driven in tests/e2e/terms.test.ts), a professional who reads the effective hourly
 * rate, applies in the browser and is onboarded; the lab records hours through the API; the
 * professional sees earnings and the queue; the lab pauses the queue with a reason and a
 * check-again date; once that date passes the responsible coordinator is reminded and the
 * professional told; the lab ends the gig early with less notice than promised (in the browser,
 * with a reason); the lab's track record shows it.
 */
import { describe, expect, it } from "vitest";
import { db } from "~/db.server";
import { changeGigStatus, createGig } from "~/services/gigs.server";
import { createApiToken } from "~/services/labs.server";
import { sendQueueReminders } from "~/services/work.server";
import type { SessionUser } from "~/session.server";
import { useTestServer } from "../setup/server";
import { checkPage, mainText, openTab, submit, textOf, uiLogIn, useBrowser, visit } from "./browser";
import { activate, seedCoordinator, seedLab, seedProfessional } from "./seed";

const base = await useTestServer();
const browser = useBrowser();
const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

describe("after Active: terms, work, queue and the track record", () => {
  it("the whole journey", async () => {
    const lab = await seedLab(base, "Meridian Journey Labs", "Hana Sato");
    await db().user.update({ where: { email: lab.ownerEmail }, data: { emailVerifiedAt: new Date() } });
    const coordinator = await seedCoordinator("Journey Coordinator");
    const created = await createGig(
      lab.labId,
      {
        title: "Rate punchlines in cold opens",
        taskTypes: ["COMEDIC_TIMING_EVAL"],
        payAmount: 50,
        hoursPerWeek: 10,
        startDate: day(-20),
        endDate: day(120),
        noticeDays: 14,
        rateLockDays: 60,
        assessmentMinutes: 60,
        trainingMinutes: 120,
        disclosureTrains: "A comedy-writing assistant.",
        disclosureCreativeUse: "NO",
        disclosureRetention: "Two years.",
      },
      lab.actor,
    );
    if (!created.ok) throw new Error(JSON.stringify(created.errors));
    const opened = await changeGigStatus(created.gig.id, "OPEN", lab.actor, { acknowledgeLowPay: true });
    if (!opened.ok) throw new Error(JSON.stringify(opened.errors));
    const gigId = created.gig.id;
    await db().gig.update({ where: { id: gigId }, data: { coordinatorId: coordinator.actor.id } });

    // The professional reads the terms and the effective rate, and applies.
    const pro = await seedProfessional(base, {
      name: "Dev Journey",
      headline: "Sitcom punch-up writer",
      scores: { COMEDIC_TIMING_EVAL: 88 },
    });
    const proTab = await openTab(browser(), base);
    await uiLogIn(proTab, pro.email);
    await visit(proTab, `/gigs/${gigId}`);
    const effective = await textOf(proTab.page.getByTestId("effective-hourly"));
    expect(effective).toMatch(/\$4\d\.\d\d\/h/); // $50/h nominal, 3 unpaid hours over the first 4 weeks
    expect(await mainText(proTab.page)).toContain("14 days");
    const apply = proTab.page.locator("form", { has: proTab.page.getByRole("heading", { name: "Apply" }) });
    await apply.getByLabel("A note for the lab").fill("Twelve seasons of punch-up; timing is my day job.");
    await submit(proTab.page, apply.getByRole("button", { name: "Apply to this gig" }));
    const application = await db().application.findFirstOrThrow({ where: { gigId, profileId: pro.profileId } });
    await activate(application.id, { ...lab.actor, labId: lab.labId }, { id: pro.userId, role: "PROFESSIONAL", profileId: pro.profileId });

    // The lab records hours through its own system, with the API.
    const owner = await db().user.findUniqueOrThrow({ where: { email: lab.ownerEmail } });
    const token = await createApiToken(lab.labId, "timesheets", {
      ...owner,
      labId: lab.labId,
      labRole: "OWNER",
      emailVerified: true,
    } as unknown as SessionUser);
    if (!token.ok) throw new Error(token.message);
    const api = (method: string, path: string, body: unknown) =>
      fetch(`${base}${path}`, {
        method,
        headers: { Authorization: `Bearer ${token.token}`, "Content-Type": "application/json" },
        body: JSON.stringify(body),
      });
    const recorded = await api("POST", `/api/v1/gigs/${gigId}/work-entries`, {
      applicationId: application.id,
      workDate: day(0),
      hours: 4,
      clientEntryId: "ts-1",
    });
    expect(recorded.status).toBe(201);
    const replay = await api("POST", `/api/v1/gigs/${gigId}/work-entries`, {
      applicationId: application.id,
      workDate: day(0),
      hours: 4,
      clientEntryId: "ts-1",
    });
    expect(replay.status).toBe(200);

    await visit(proTab, `/me/applications/${application.id}`);
    let tracker = await mainText(proTab.page);
    expect(tracker).toContain("$200"); // 4 h at $50
    expect(tracker).toContain("Work available");

    // The lab pauses the queue, with a reason and a date to check again.
    const paused = await api("PUT", `/api/v1/gigs/${gigId}/queue-status`, {
      state: "NO_WORK",
      reason: "PROJECT_PAUSED",
      checkAgainOn: day(3),
    });
    expect(paused.status).toBe(200);
    await visit(proTab, `/me/applications/${application.id}`);
    tracker = await mainText(proTab.page);
    expect(tracker).toContain("Project paused");
    expect(tracker).toContain(day(3));

    // The date passes with no update: the coordinator is reminded, the professional told, once.
    const later = new Date(Date.now() + 4 * 86_400_000);
    await sendQueueReminders({ now: later });
    await sendQueueReminders({ now: later });
    expect(await db().notification.count({ where: { userId: coordinator.actor.id, kind: "coordinator.queue_overdue" } })).toBe(1);
    expect(await db().notification.count({ where: { userId: pro.userId, kind: "engagement.queue_overdue" } })).toBe(1);

    // The lab ends the gig early, with 5 days' notice against 14 promised: only with a reason.
    const labTab = await openTab(browser(), base);
    await uiLogIn(labTab, lab.ownerEmail);
    await visit(labTab, `/gigs/${gigId}/edit`);
    const form = labTab.page.locator("main form");
    await form.getByLabel("End date").fill(day(5));
    await submit(labTab.page, form.getByRole("button", { name: "Save changes" }));
    const reason = form.getByLabel("Reason for the change");
    await expect.poll(() => reason.getAttribute("aria-invalid")).toBe("true");
    expect(await db().gigTermChange.count({ where: { gigId } })).toBe(0);
    await reason.fill("The client cancelled the season.");
    await submit(labTab.page, form.getByRole("button", { name: "Save changes" }));
    await expect.poll(() => new URL(labTab.page.url()).pathname).toBe(`/gigs/${gigId}`);
    expect(await db().gigTermChange.findFirstOrThrow({ where: { gigId } })).toMatchObject({
      kind: "END_EARLY",
      withinPromise: false,
      promisedNoticeDays: 14,
    });
    expect(await db().notification.count({ where: { userId: pro.userId, kind: "gig.terms_changed" } })).toBe(1);

    // The track record shows it to a professional deciding where to apply.
    await visit(proTab, `/labs/${lab.slug}`);
    const record = await textOf(proTab.page.locator("#track-record"));
    expect(record).toContain("0 of 1");
    expect(record).toContain("One change broke the notice it promised.");
    expect(record).toContain("Not enough people yet (1 of 5 needed)");
    await checkPage(proTab.page, "journey-track-record");
    await proTab.page.setViewportSize({ width: 390, height: 844 });
    await checkPage(proTab.page, "journey-track-record-phone");
  });
});
