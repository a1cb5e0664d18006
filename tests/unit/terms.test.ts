/** Engagement terms (issue 22): validation, the effective hourly rate, and changes against the terms. */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { canChangeStatus, gigCreateFormSchema, gigInputSchema, lowPayWarning, publishProblems } from "~/domain/gigs";
import { effectiveHourly } from "~/domain/pay";
import {
  type GigTerms,
  gigEffectiveHourly,
  missingTerms,
  reasonRequiredMessage,
  termChanges,
  termsLine,
  unpaidMinutes,
} from "~/domain/terms";

const money = (amount: number) => ({ amount, currency: "USD" });

describe("effectiveHourly", () => {
  const nominal = fc.integer({ min: 0, max: 1_000_000 });
  const hours = fc.double({ min: 0.5, max: 400, noNaN: true });
  const onboarding = fc.array(
    fc.record({ minutes: fc.integer({ min: 0, max: 20_000 }), rate: fc.option(fc.integer({ min: 0, max: 2_000_000 })) }),
    { maxLength: 3 },
  );

  it("is never above the nominal rate", () => {
    fc.assert(
      fc.property(nominal, hours, onboarding, (n, h, o) => {
        const e = effectiveHourly(money(n), h, o);
        expect(e).not.toBeNull();
        expect(e!.amount).toBeLessThanOrEqual(n);
        expect(e!.amount).toBeGreaterThanOrEqual(0);
      }),
    );
  });

  it("equals the nominal rate when nothing is unpaid (no time, or all paid at least the rate)", () => {
    fc.assert(
      fc.property(
        nominal,
        hours,
        fc.array(fc.integer({ min: 0, max: 20_000 }), { maxLength: 3 }),
        fc.integer({ min: 0, max: 1_000 }),
        (n, h, minutes, extra) => {
          expect(effectiveHourly(money(n), h, [])!.amount).toBe(n);
          expect(
            effectiveHourly(
              money(n),
              h,
              minutes.map((m) => ({ minutes: m, rate: n + extra })),
            )!.amount,
          ).toBe(n);
          expect(effectiveHourly(money(n), h, [{ minutes: 0, rate: null }])!.amount).toBe(n);
        },
      ),
    );
  });

  it("never goes up when unpaid minutes go up", () => {
    fc.assert(
      fc.property(
        nominal,
        hours,
        fc.integer({ min: 0, max: 20_000 }),
        fc.integer({ min: 0, max: 20_000 }),
        onboarding,
        (n, h, a, b, rest) => {
          const [lo, hi] = a <= b ? [a, b] : [b, a];
          const less = effectiveHourly(money(n), h, [...rest, { minutes: lo }])!;
          const more = effectiveHourly(money(n), h, [...rest, { minutes: hi }])!;
          expect(more.amount).toBeLessThanOrEqual(less.amount);
        },
      ),
    );
  });

  it("worked example: $30/h, 40 hours of work, 10 hours of unpaid training -> $24/h", () => {
    expect(effectiveHourly(money(3000), 40, [{ minutes: 600 }])).toEqual(money(2400));
    // Assessment paid at half the rate: (30*40 + 15*1) / 41
    expect(effectiveHourly(money(3000), 40, [{ minutes: 60, rate: 1500 }])!.amount).toBe(Math.floor((3000 * 40 + 1500) / 41));
    expect(effectiveHourly(null, 40, [])).toBeNull();
    expect(effectiveHourly(money(3000), null, [])).toBeNull();
  });
});

const TERMS: GigTerms = {
  payAmountCents: 6000,
  payUnit: "HOUR",
  payCurrency: "USD",
  minutesPerTask: null,
  hoursPerWeek: 10,
  startDate: new Date("2027-01-04T00:00:00Z"),
  endDate: new Date("2027-06-30T00:00:00Z"),
  noticeDays: 14,
  rateLockDays: 60,
  minimumPaidHoursPerWeek: null,
  killFeeCents: null,
  assessmentMinutes: 60,
  trainingMinutes: 120,
  screeningPaid: false,
  screeningRateCents: null,
  onboardingPaid: false,
  assessmentPaidWhen: "",
  trainingPaidWhen: "",
};

describe("gig terms", () => {
  it("names every missing term, and a gig cannot open without them", () => {
    const empty = { ...TERMS, hoursPerWeek: null, endDate: null, noticeDays: null, rateLockDays: null, assessmentMinutes: null };
    expect(missingTerms(empty).map(([f]) => f)).toEqual(["hoursPerWeek", "endDate", "noticeDays", "rateLockDays", "assessmentMinutes"]);
    const gig = {
      ...empty,
      status: "DRAFT" as const,
      title: "A gig",
      taskTypes: ["COMEDIC_TIMING_EVAL"],
      disclosureTrains: "x",
      disclosureCreativeUse: "NO",
      disclosureRetention: "y",
    };
    const problems = publishProblems(gig);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain("expected hours per week, end date, notice period (days), rate lock (days), assessment minutes");
    const refused = canChangeStatus(gig, "OPEN", { activePeople: 0, floorCentsPerHour: 0 });
    expect(refused).toMatchObject({ ok: false, code: "INCOMPLETE" });
    expect(canChangeStatus({ ...gig, ...TERMS }, "OPEN", { activePeople: 0, floorCentsPerHour: 0 })).toEqual({ ok: true });
  });

  it("the effective rate counts unpaid assessment and training over the first 4 weeks", () => {
    // 4 weeks x 10 h = 40 h at $60 = $2400 over 43 hours.
    expect(unpaidMinutes(TERMS)).toBe(180);
    expect(gigEffectiveHourly(TERMS)).toEqual(money(Math.floor(240_000 / 43)));
    const paid = {
      ...TERMS,
      screeningPaid: true,
      assessmentPaidWhen: "ON_COMPLETION",
      onboardingPaid: true,
      trainingPaidWhen: "IF_ACCEPTED",
    };
    expect(unpaidMinutes(paid)).toBe(0);
    expect(gigEffectiveHourly(paid)).toEqual(money(6000));
    expect(termsLine(TERMS)).toBe("10 h/week · 14 days' notice · rate locked 60 days · 180 min unpaid onboarding");
  });

  it("the pay-floor warning uses the effective rate", () => {
    const floor = 5800; // $58: the nominal $60 is above it, the effective ~$55.81 is not
    expect(lowPayWarning({ ...TERMS, assessmentMinutes: 0, trainingMinutes: 0 }, floor)).toBeNull();
    expect(lowPayWarning(TERMS, floor)).toContain("counting 180 minutes of unpaid onboarding");
  });

  it("validates the terms with field paths (API and form share the schema)", () => {
    const base = { title: "Valid title" };
    const bad = gigInputSchema.safeParse({ ...base, noticeDays: -1, rateLockDays: 1.5, assessmentPaidWhen: "LATER", killFee: -3 });
    expect(bad.success).toBe(false);
    expect(bad.error!.issues.map((i) => i.path.join(".")).sort()).toEqual(["assessmentPaidWhen", "killFee", "noticeDays", "rateLockDays"]);
    const paidNoWhen = gigInputSchema.safeParse({ ...base, onboardingPaid: true, trainingMinutes: 30 });
    expect(paidNoWhen.error!.issues.map((i) => i.path.join("."))).toEqual(["trainingPaidWhen"]);
    // The form's strings: "when" answers imply "paid".
    const form = gigCreateFormSchema.safeParse({
      _csrf: "x",
      title: "Valid title",
      noticeDays: "7",
      trainingMinutes: "30",
      trainingPaidWhen: "ON_COMPLETION",
      taskTypes: "COMEDIC_TIMING_EVAL",
    });
    expect(form.success).toBe(true);
    expect(form.data).toMatchObject({
      noticeDays: 7,
      trainingMinutes: 30,
      onboardingPaid: true,
      trainingPaidWhen: "ON_COMPLETION",
      taskTypes: ["COMEDIC_TIMING_EVAL"],
    });
    // A change reason is only for edits.
    expect(gigInputSchema.safeParse({ ...base, changeReason: "x" }).success).toBe(false);
  });
});

describe("changes against the terms", () => {
  const publishedAt = new Date("2027-01-01T12:00:00Z");
  const before = { ...TERMS, publishedAt };

  it("a draft promised nothing", () => {
    expect(
      termChanges({ ...before, publishedAt: null }, { ...TERMS, payAmountCents: 1000, hoursPerWeek: 1 }, new Date("2027-01-10T00:00:00Z")),
    ).toEqual([]);
  });

  it("lowering the rate during the lock breaks the promise; after it, it does not", () => {
    const during = termChanges(before, { ...TERMS, payAmountCents: 5000 }, new Date("2027-02-01T00:00:00Z"));
    expect(during).toMatchObject([
      { kind: "RATE_CUT", withinPromise: false, promisedNoticeDays: 60, before: { value: 6000 }, after: { value: 5000 } },
    ]);
    expect(reasonRequiredMessage(during)).toContain("Give a reason");
    const after = termChanges(before, { ...TERMS, payAmountCents: 5000 }, new Date("2027-03-05T00:00:00Z"));
    expect(after).toMatchObject([{ kind: "RATE_CUT", withinPromise: true }]);
    expect(reasonRequiredMessage(after)).toBeNull();
    expect(termChanges(before, { ...TERMS, payAmountCents: 7000 }, new Date("2027-02-01T00:00:00Z"))).toEqual([]);
  });

  it("ending early or cutting hours: within the promise exactly when the notice is at least the promised days", () => {
    const now = new Date("2027-02-01T09:00:00Z");
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 60 }), fc.integer({ min: 0, max: 60 }), (notice, days) => {
        const promised = { ...before, noticeDays: notice };
        const newEnd = new Date(Date.UTC(2027, 1, 1 + days));
        const [end] = termChanges(promised, { ...TERMS, noticeDays: notice, endDate: newEnd }, now);
        expect(end).toMatchObject({ kind: "END_EARLY", actualNoticeDays: days, withinPromise: days >= notice });
        const [cut] = termChanges(promised, { ...TERMS, noticeDays: notice, hoursPerWeek: 5 }, now, newEnd);
        expect(cut).toMatchObject({ kind: "HOURS_CUT", actualNoticeDays: days, withinPromise: days >= notice });
      }),
    );
  });

  it("weakening the notice period or the rate lock is itself a broken promise, judged by the old terms", () => {
    const changes = termChanges(before, { ...TERMS, noticeDays: 0, hoursPerWeek: 5 }, new Date("2027-02-01T00:00:00Z"));
    expect(changes.map((c) => [c.kind, c.withinPromise])).toEqual([
      ["HOURS_CUT", false],
      ["NOTICE_CUT", false],
    ]);
  });
});
