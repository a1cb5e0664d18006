/**
 * A lab's track record over real recorded events (issue 22): every figure equals a value computed
 * independently from the database rows, the page shows it to a signed-in professional, small
 * numbers are suppressed, and another lab's events change nothing.
 */
import { describe, expect, it } from "vitest";
import { db } from "~/db.server";
import { gigEffectiveHourly } from "~/domain/terms";
import { recordWork } from "~/services/work.server";
import { labTrackRecord } from "~/services/track-record.server";
import { signUp } from "../setup/http";
import { useTestServer } from "../setup/server";
import { labWithOpenGig } from "./fixtures";

const base = await useTestServer();
const DAY = 86_400_000;
const dayString = (d: Date) => d.toISOString().slice(0, 10);
const text = async (res: Response) => (await res.text()).replace(/<!-- -->/g, "");

async function engage(gigId: string, labId: string, labUserId: string, activeDaysAgo: number, firstWorkAfter: number | null) {
  const pro = await signUp(base);
  const res = await pro.client.post(`/gigs/${gigId}`, { intent: "apply", note: "Story editor, twelve seasons." });
  expect(res.status).toBe(303);
  const appId = res.headers.get("location")!.split("/").pop()!;
  const activeSince = new Date(Date.now() - activeDaysAgo * DAY);
  await db().application.update({ where: { id: appId }, data: { stage: "ACTIVE", stageEnteredAt: activeSince } });
  if (firstWorkAfter !== null) {
    const r = await recordWork(
      gigId,
      { applicationId: appId, workDate: dayString(new Date(activeSince.getTime() + firstWorkAfter * DAY)), hours: 2, note: "" },
      { id: labUserId, role: "LAB_MEMBER", labId },
      { source: "LAB" },
    );
    if (!r.ok) throw new Error(JSON.stringify(r));
  } else {
    // Active with no work yet: the lab sets the queue (the engagement opens with it).
    await db().engagement.create({ data: { applicationId: appId, gigId, activeSince, queueSetAt: activeSince } });
  }
  return pro;
}

describe("lab track record", () => {
  it("every figure matches an independent computation from the recorded rows, and the page shows it", async () => {
    const { gig, labId, ownerUser } = await labWithOpenGig(base);
    // Six people: onboarded 10-80 days ago, first paid work after 1, 3, 9, 2, 20 days; one without work.
    const plan: [number, number | null][] = [
      [10, 1],
      [20, 3],
      [30, 9],
      [40, 2],
      [80, 20],
      [15, null],
    ];
    for (const [ago, first] of plan) await engage(gig.id, labId, ownerUser.id, ago, first);
    await db().gigTermChange.createMany({
      data: [
        {
          gigId: gig.id,
          labId,
          kind: "HOURS_CUT",
          before: { value: 10 },
          after: { value: 5 },
          promisedNoticeDays: 14,
          actualNoticeDays: 3,
          effectiveAt: new Date(),
          withinPromise: false,
          reason: "Client cut scope",
          actorRole: "LAB_MEMBER",
        },
        {
          gigId: gig.id,
          labId,
          kind: "END_EARLY",
          before: { value: "2027-06-01" },
          after: { value: "2027-05-01" },
          promisedNoticeDays: 14,
          actualNoticeDays: 30,
          effectiveAt: new Date(),
          withinPromise: true,
          reason: "",
          actorRole: "LAB_MEMBER",
        },
      ],
    });
    // Another lab's events must not move this lab's figures.
    const other = await labWithOpenGig(base);
    await db().gigTermChange.create({
      data: {
        gigId: other.gig.id,
        labId: other.labId,
        kind: "RATE_CUT",
        before: { value: 1 },
        after: { value: 0 },
        promisedNoticeDays: 30,
        actualNoticeDays: 0,
        effectiveAt: new Date(),
        withinPromise: false,
        actorRole: "LAB_MEMBER",
      },
    });

    const record = await labTrackRecord(labId);

    // Independently, from the rows.
    const changes = await db().gigTermChange.findMany({ where: { gig: { labId } } });
    expect(record.changesWithinNotice).toEqual({ kept: changes.filter((c) => c.withinPromise).length, total: changes.length, share: 0.5 });
    const engagements = await db().engagement.findMany({ where: { gigId: gig.id } });
    expect(engagements).toHaveLength(6);
    const waits = engagements
      .filter((e) => e.firstWorkDate)
      .map((e) => Math.round((Date.parse(dayString(e.firstWorkDate!)) - Date.parse(dayString(e.activeSince))) / DAY))
      .sort((a, b) => a - b);
    expect(waits).toEqual([1, 2, 3, 9, 20]);
    expect(record.medianDaysToFirstPaidWork).toEqual({ shown: true, value: waits[2], basis: 5 });
    const now = Date.now();
    const cohort = engagements.filter((e) => now - e.activeSince.getTime() >= 7 * DAY && now - e.activeSince.getTime() <= 90 * DAY);
    const fast = cohort.filter(
      (e) => e.firstWorkDate && Math.round((Date.parse(dayString(e.firstWorkDate)) - Date.parse(dayString(e.activeSince))) / DAY) <= 7,
    );
    expect(cohort).toHaveLength(6);
    expect(record.paidWithin7Days).toEqual({ shown: true, value: fast.length / cohort.length, basis: 6 });
    expect(fast.length).toBe(3);
    const stored = await db().gig.findUniqueOrThrow({ where: { id: gig.id } });
    const effective = gigEffectiveHourly(stored);
    expect(effective).not.toBeNull();
    expect(record.effectiveHourly).toEqual([{ currency: effective!.currency, medianCents: effective!.amount, gigs: 1 }]);

    // The lab page shows it to a signed-in professional; anonymous visitors do not get it.
    const pro = await signUp(base);
    const slug = (await db().lab.findUniqueOrThrow({ where: { id: labId } })).slug;
    const html = await text(await pro.client.get(`/labs/${slug}`));
    expect(html).toContain("track record");
    expect(html).toContain("1 of 2");
    expect(html).toContain("One change broke the notice it promised.");
    expect(html).toContain("50%");
    expect(await text(await fetch(new URL(`/labs/${slug}`, base)))).not.toContain("Changes made with the promised notice");
  });

  it("figures about fewer than five people are not shown", async () => {
    const { gig, labId, ownerUser } = await labWithOpenGig(base);
    await engage(gig.id, labId, ownerUser.id, 20, 2);
    const record = await labTrackRecord(labId);
    expect(record.medianDaysToFirstPaidWork.shown).toBe(false);
    expect(record.paidWithin7Days.shown).toBe(false);
    expect(record.changesWithinNotice.total).toBe(0);
  });
});
