/** The lab track record's figures (issue 22): examples, suppression, and invariants. */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { daysBetween, type EngagementEvent, MIN_PEOPLE, median, trackRecord } from "~/domain/track-record";

const DAY = 86_400_000;
const NOW = new Date("2026-12-03T12:00:00Z");
const ago = (days: number) => new Date(NOW.getTime() - days * DAY);

function engagement(activeDaysAgo: number, firstWorkAfterDays: number | null): EngagementEvent {
  const activeSince = ago(activeDaysAgo);
  return { activeSince, firstWorkDate: firstWorkAfterDays === null ? null : new Date(activeSince.getTime() + firstWorkAfterDays * DAY) };
}

const engagementArb = fc
  .record({ active: fc.integer({ min: 0, max: 400 }), first: fc.option(fc.integer({ min: 0, max: 120 })) })
  .map((r) => engagement(r.active, r.first));
const changeArb = fc.record({ withinPromise: fc.boolean() });
const gigArb = fc.record({
  effectiveHourlyCents: fc.option(fc.integer({ min: 0, max: 50_000 })),
  currency: fc.constantFrom("USD", "EUR", "usd"),
});

describe("track record", () => {
  it("a worked example", () => {
    const r = trackRecord({
      changes: [{ withinPromise: true }, { withinPromise: false }, { withinPromise: true }],
      engagements: [
        engagement(30, 2),
        engagement(40, 10),
        engagement(50, 1),
        engagement(60, 5),
        engagement(20, null),
        engagement(3, null),
        engagement(200, 30),
      ],
      gigs: [
        { effectiveHourlyCents: 4000, currency: "USD" },
        { effectiveHourlyCents: 5000, currency: "USD" },
        { effectiveHourlyCents: null, currency: "USD" },
      ],
      now: NOW,
    });
    expect(r.changesWithinNotice).toEqual({ kept: 2, total: 3, share: 2 / 3 });
    // First work after 2, 10, 1, 5 and 30 days: median 5 over 5 people.
    expect(r.medianDaysToFirstPaidWork).toEqual({ shown: true, value: 5, basis: 5 });
    // Onboarded 7-90 days ago: 30, 40, 50, 60 and 20 days ago (3 days ago is too recent, 200 too old); paid within 7 days: 2, 1, 5.
    expect(r.paidWithin7Days).toEqual({ shown: true, value: 3 / 5, basis: 5 });
    expect(r.effectiveHourly).toEqual([{ currency: "USD", medianCents: 4500, gigs: 2 }]);
  });

  it("figures about fewer than MIN_PEOPLE people are not shown; the lab's own changes always are", () => {
    const r = trackRecord({ changes: [{ withinPromise: false }], engagements: [engagement(30, 2), engagement(20, 1)], gigs: [], now: NOW });
    expect(r.medianDaysToFirstPaidWork.shown).toBe(false);
    expect(r.paidWithin7Days.shown).toBe(false);
    expect(r.changesWithinNotice).toEqual({ kept: 0, total: 1, share: 0 });
    expect(trackRecord({ changes: [], engagements: [], gigs: [], now: NOW }).changesWithinNotice.share).toBeNull();
  });

  it("property: figures match an independent count, and are shown exactly when the basis is large enough", () => {
    fc.assert(
      fc.property(
        fc.array(changeArb, { maxLength: 30 }),
        fc.array(engagementArb, { maxLength: 40 }),
        fc.array(gigArb, { maxLength: 10 }),
        (changes, engagements, gigs) => {
          const r = trackRecord({ changes, engagements, gigs, now: NOW });
          let kept = 0;
          for (const c of changes) if (c.withinPromise) kept++;
          expect(r.changesWithinNotice.kept).toBe(kept);
          expect(r.changesWithinNotice.total).toBe(changes.length);

          const waits: number[] = [];
          let recent = 0;
          let fast = 0;
          for (const e of engagements) {
            const wait = e.firstWorkDate ? Math.round((e.firstWorkDate.getTime() - e.activeSince.getTime()) / DAY) : null;
            if (wait !== null) waits.push(wait);
            const age = (NOW.getTime() - e.activeSince.getTime()) / DAY;
            if (age >= 7 && age <= 90) {
              recent++;
              if (wait !== null && wait <= 7) fast++;
            }
          }
          expect(r.medianDaysToFirstPaidWork.basis).toBe(waits.length);
          expect(r.medianDaysToFirstPaidWork.shown).toBe(waits.length >= MIN_PEOPLE);
          if (r.medianDaysToFirstPaidWork.shown) {
            // Independent median: the value with at least half the waits on each side.
            const m = r.medianDaysToFirstPaidWork.value;
            expect(waits.filter((w) => w <= m).length).toBeGreaterThanOrEqual(waits.length / 2);
            expect(waits.filter((w) => w >= m).length).toBeGreaterThanOrEqual(waits.length / 2);
          }
          expect(r.paidWithin7Days.basis).toBe(recent);
          if (r.paidWithin7Days.shown) expect(r.paidWithin7Days.value).toBeCloseTo(fast / recent, 12);
          const usable = gigs.filter((g) => g.effectiveHourlyCents !== null);
          expect(r.effectiveHourly.reduce((n, x) => n + x.gigs, 0)).toBe(usable.length);
        },
      ),
      { numRuns: 500 },
    );
  });

  it("property: order does not matter, and unrelated data changes nothing", () => {
    fc.assert(
      fc.property(
        fc.array(changeArb, { maxLength: 20 }),
        fc.array(engagementArb, { maxLength: 30 }),
        fc.array(gigArb, { maxLength: 8 }),
        fc.integer({ min: 1, max: 20 }),
        (changes, engagements, gigs, extra) => {
          const r = trackRecord({ changes, engagements, gigs, now: NOW });
          expect(
            trackRecord({ changes: [...changes].reverse(), engagements: [...engagements].reverse(), gigs: [...gigs].reverse(), now: NOW }),
          ).toEqual(r);
          // People onboarded long ago without any work, and gigs without an hourly-comparable rate, do
          // not move the recent or rate figures.
          const withOld = trackRecord({
            changes,
            engagements: [...engagements, ...Array.from({ length: extra }, () => engagement(365, null))],
            gigs: [...gigs, ...Array.from({ length: extra }, () => ({ effectiveHourlyCents: null, currency: "USD" }))],
            now: NOW,
          });
          expect(withOld.paidWithin7Days).toEqual(r.paidWithin7Days);
          expect(withOld.medianDaysToFirstPaidWork).toEqual(r.medianDaysToFirstPaidWork);
          expect(withOld.effectiveHourly).toEqual(r.effectiveHourly);
          expect(withOld.changesWithinNotice).toEqual(r.changesWithinNotice);
        },
      ),
      { numRuns: 300 },
    );
  });

  it("helpers", () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 2, 3])).toBe(2.5);
    expect(daysBetween(new Date("2026-01-01T23:00:00Z"), new Date("2026-01-02T01:00:00Z"))).toBe(1);
    expect(daysBetween(new Date("2026-01-05T00:00:00Z"), new Date("2026-01-02T00:00:00Z"))).toBe(0);
  });
});
