/**
 * The active phase's pure rules: pay per entry in integer cents, ledger totals (equal to the sum of
 * the ledger, whatever its order or mix), payout moves, the queue status (never blank), when the
 * check-again reminder is due (exactly once per date), and who may answer an appeal.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  type LedgerEntry,
  type QueueStatus,
  PAYOUT_STATES,
  QUEUE_REASONS,
  REVIEW_STATES,
  addDays,
  canAnswerAppeal,
  checkEntryAgainstGig,
  checkPayoutMove,
  checkQueueInput,
  entryAmountCents,
  ledgerTotals,
  offboardInputSchema,
  queueInputSchema,
  queueLabel,
  readQueue,
  reminderDue,
  workEntryInputSchema,
} from "~/domain/work";

const entryArb: fc.Arbitrary<LedgerEntry> = fc
  .record({
    unit: fc.constantFrom("HOUR" as const, "TASK" as const),
    quantity: fc.integer({ min: 1, max: 1440 }),
    rate: fc.integer({ min: 0, max: 50_000 }),
    review: fc.constantFrom(...REVIEW_STATES),
    payout: fc.constantFrom(...PAYOUT_STATES),
  })
  .map((e) => ({
    unit: e.unit,
    quantity: e.quantity,
    amountCents: entryAmountCents(e.unit, e.quantity, e.rate),
    review: e.review,
    payout: e.payout,
  }));

describe("pay per entry", () => {
  it("is exact for whole hours and tasks, rounds half up for minutes", () => {
    expect(entryAmountCents("HOUR", 120, 4500)).toBe(9000);
    expect(entryAmountCents("HOUR", 90, 4500)).toBe(6750);
    expect(entryAmountCents("HOUR", 1, 4500)).toBe(75);
    expect(entryAmountCents("HOUR", 1, 30)).toBe(1); // 0.5 cent rounds up
    expect(entryAmountCents("HOUR", 1, 29)).toBe(0);
    expect(entryAmountCents("TASK", 7, 1250)).toBe(8750);
  });

  it("is an integer within half a cent of the exact amount", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1440 }), fc.integer({ min: 0, max: 1_000_000 }), (minutes, rate) => {
        const cents = entryAmountCents("HOUR", minutes, rate);
        expect(Number.isInteger(cents)).toBe(true);
        expect(Math.abs(cents - (minutes * rate) / 60)).toBeLessThanOrEqual(0.5);
      }),
    );
  });

  it("refuses fractions and negatives", () => {
    expect(() => entryAmountCents("HOUR", 1.5, 100)).toThrow();
    expect(() => entryAmountCents("TASK", -1, 100)).toThrow();
  });
});

describe("ledger totals", () => {
  it("earned equals the sum of accepted entries and the sum over payout states, in any order", () => {
    fc.assert(
      fc.property(fc.array(entryArb, { maxLength: 60 }), (entries) => {
        const t = ledgerTotals(entries);
        const accepted = entries.filter((e) => e.review === "ACCEPTED");
        expect(t.earnedCents).toBe(accepted.reduce((s, e) => s + e.amountCents, 0));
        expect(Object.values(t.byPayout).reduce((a, b) => a + b, 0)).toBe(t.earnedCents);
        for (const p of PAYOUT_STATES)
          expect(t.byPayout[p]).toBe(accepted.filter((e) => e.payout === p).reduce((s, e) => s + e.amountCents, 0));
        expect(t.minutes).toBe(accepted.filter((e) => e.unit === "HOUR").reduce((s, e) => s + e.quantity, 0));
        expect(t.awaitingReview.count + t.rejected + accepted.length).toBe(entries.length);
        expect(ledgerTotals([...entries].reverse())).toEqual(t);
      }),
    );
  });

  it("adding an entry adds exactly its amount to one payout state (when accepted) and nothing otherwise", () => {
    fc.assert(
      fc.property(fc.array(entryArb, { maxLength: 30 }), entryArb, (entries, extra) => {
        const before = ledgerTotals(entries);
        const after = ledgerTotals([...entries, extra]);
        const added = extra.review === "ACCEPTED" ? extra.amountCents : 0;
        expect(after.earnedCents - before.earnedCents).toBe(added);
        for (const p of PAYOUT_STATES)
          expect(after.byPayout[p] - before.byPayout[p]).toBe(extra.review === "ACCEPTED" && extra.payout === p ? extra.amountCents : 0);
      }),
    );
  });
});

describe("payout moves", () => {
  it("need an accepted entry, a reason to hold, and never leave PAID", () => {
    expect(checkPayoutMove({ review: "SUBMITTED", payout: "PENDING" }, "APPROVED", null)).toMatchObject({ ok: false, field: "payout" });
    expect(checkPayoutMove({ review: "ACCEPTED", payout: "PENDING" }, "HELD", "  ")).toMatchObject({ ok: false, field: "holdReason" });
    expect(checkPayoutMove({ review: "ACCEPTED", payout: "PENDING" }, "HELD", "Quality check on batch 4")).toEqual({ ok: true });
    expect(checkPayoutMove({ review: "ACCEPTED", payout: "PENDING" }, "PAID", null)).toMatchObject({ ok: false });
    expect(checkPayoutMove({ review: "ACCEPTED", payout: "APPROVED" }, "PAID", null)).toEqual({ ok: true });
    for (const to of PAYOUT_STATES) expect(checkPayoutMove({ review: "ACCEPTED", payout: "PAID" }, to, "x").ok).toBe(false);
  });
});

describe("entries against the gig", () => {
  const ctx = { activeSince: new Date("2026-11-01T10:00:00Z"), today: "2026-12-03" };
  it("takes hours on hourly gigs and tasks on per-task gigs, never future dates or dates before active", () => {
    expect(checkEntryAgainstGig({ workDate: "2026-12-02", hours: 1.5 }, { payUnit: "HOUR", payAmountCents: 4000 }, ctx)).toEqual({
      ok: true,
      unit: "HOUR",
      quantity: 90,
      rateCents: 4000,
      amountCents: 6000,
    });
    expect(checkEntryAgainstGig({ workDate: "2026-12-02", tasks: 3 }, { payUnit: "HOUR", payAmountCents: 4000 }, ctx)).toMatchObject({
      ok: false,
      errors: expect.arrayContaining([
        { path: "tasks", message: expect.any(String) },
        { path: "hours", message: expect.any(String) },
      ]),
    });
    expect(checkEntryAgainstGig({ workDate: "2026-12-04", tasks: 3 }, { payUnit: "TASK", payAmountCents: 500 }, ctx)).toMatchObject({
      ok: false,
      errors: [{ path: "workDate" }],
    });
    expect(checkEntryAgainstGig({ workDate: "2026-10-31", tasks: 3 }, { payUnit: "TASK", payAmountCents: 500 }, ctx)).toMatchObject({
      ok: false,
      errors: [{ path: "workDate" }],
    });
  });

  it("the input schema names the bad fields", () => {
    const r = workEntryInputSchema.safeParse({ workDate: "yesterday", hours: -1, applicationId: "a", extra: 1 });
    expect(r.success).toBe(false);
    const paths = r.error!.issues.map((i) => (i.code === "unrecognized_keys" ? i.keys[0] : i.path.join(".")));
    expect(paths).toEqual(expect.arrayContaining(["workDate", "hours", "extra"]));
    expect(workEntryInputSchema.safeParse({ workDate: "2026-12-01", hours: 0.3333, applicationId: "a" }).success).toBe(false);
    expect(workEntryInputSchema.safeParse({ workDate: "2026-12-01", hours: 0.25, applicationId: "a" }).success).toBe(true);
  });
});

const rowArb = fc.record({
  queueState: fc.constantFrom("WORK_AVAILABLE", "NO_WORK", "", "garbage"),
  queueReason: fc.option(fc.oneof(fc.constantFrom(...QUEUE_REASONS), fc.string()), { nil: null }),
  checkAgainOn: fc.option(fc.date({ min: new Date("2020-01-01"), max: new Date("2030-01-01"), noInvalidDate: true }), { nil: null }),
  queueNote: fc.option(fc.string(), { nil: null }),
  queueSetAt: fc.date({ min: new Date("2020-01-01"), max: new Date("2030-01-01"), noInvalidDate: true }),
});

describe("queue status", () => {
  it("is never blank: any stored row (or none) reads as work available or no work with a reason and a date", () => {
    fc.assert(
      fc.property(fc.option(rowArb, { nil: null }), (row) => {
        const q = readQueue(row, new Date("2026-01-01T00:00:00Z"));
        expect(queueLabel(q).length).toBeGreaterThan(0);
        if (q.state === "NO_WORK") {
          expect(QUEUE_REASONS).toContain(q.reason);
          expect(q.checkAgainOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
        } else expect(q.state).toBe("WORK_AVAILABLE");
      }),
    );
  });

  it("no work needs a reason from the list and a date", () => {
    expect(queueInputSchema.safeParse({ state: "NO_WORK", reason: "PROJECT_PAUSED" }).success).toBe(false);
    expect(queueInputSchema.safeParse({ state: "NO_WORK", checkAgainOn: "2026-12-10" }).success).toBe(false);
    expect(queueInputSchema.safeParse({ state: "NO_WORK", reason: "BORED", checkAgainOn: "2026-12-10" }).success).toBe(false);
    expect(queueInputSchema.safeParse({ state: "NO_WORK", reason: "PROJECT_PAUSED", checkAgainOn: "2026-12-10" }).success).toBe(true);
    expect(queueInputSchema.safeParse({ state: "" }).success).toBe(false);
    expect(checkQueueInput({ state: "NO_WORK", reason: "CAPACITY_FULL", checkAgainOn: "2026-12-03" }, "2026-12-03")).toMatchObject({
      ok: false,
      errors: [{ path: "checkAgainOn" }],
    });
    expect(
      checkQueueInput({ state: "NO_WORK", reason: "CAPACITY_FULL", checkAgainOn: addDays("2026-12-03", 61) }, "2026-12-03"),
    ).toMatchObject({ ok: false });
  });

  it("the reminder is due exactly once per check-again date: on the first day after it, and not again until the date changes", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 3000 }).map((n) => addDays("2024-01-01", n)),
        fc.array(fc.integer({ min: 0, max: 5 }), { minLength: 1, maxLength: 40 }),
        fc.constantFrom(...QUEUE_REASONS),
        (date, steps, reason) => {
          const q: QueueStatus = { state: "NO_WORK", reason, checkAgainOn: date, note: "", setAt: new Date(`${date}T00:00:00Z`) };
          // A sweeper that runs on arbitrary later days (several runs on one day too) and records what it reminded.
          let nudgedFor: string | null = null;
          let reminders = 0;
          let day = addDays(date, -3);
          for (const s of steps) {
            day = addDays(day, s);
            if (reminderDue(q, nudgedFor, day)) {
              expect(day > date).toBe(true);
              reminders += 1;
              nudgedFor = date;
            }
          }
          expect(reminders).toBe(day > date ? 1 : 0);
          // A new date from the lab is a new wait.
          const next: QueueStatus = { ...q, checkAgainOn: addDays(day, 2) };
          expect(reminderDue(next, nudgedFor, addDays(day, 3))).toBe(true);
          expect(reminderDue({ state: "WORK_AVAILABLE", setAt: q.setAt }, null, addDays(day, 3))).toBe(false);
        },
      ),
    );
  });
});

describe("offboarding and appeals", () => {
  it("needs a reason code, evidence and who decided", () => {
    const r = offboardInputSchema.safeParse({ reasonCode: "MOOD", evidence: "short", decidedBy: "" });
    expect(r.success).toBe(false);
    expect(new Set(r.error!.issues.map((i) => i.path[0]))).toEqual(new Set(["reasonCode", "evidence", "decidedBy"]));
  });

  it("the appeal is answered by another coordinator than the one who recorded or is named as deciding", () => {
    const decision = { recordedById: "u1", decidedBy: "Dana Reyes" };
    expect(canAnswerAppeal({ id: "u1", name: "Someone", role: "COORDINATOR" }, decision).ok).toBe(false);
    expect(canAnswerAppeal({ id: "u2", name: "  dana  REYES ", role: "COORDINATOR" }, decision).ok).toBe(false);
    expect(canAnswerAppeal({ id: "u3", name: "Sam Okafor", role: "LAB_MEMBER" }, decision).ok).toBe(false);
    expect(canAnswerAppeal({ id: "u3", name: "Sam Okafor", role: "COORDINATOR" }, decision).ok).toBe(true);
  });
});
