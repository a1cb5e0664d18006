import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  belowFloor,
  describePay,
  formatHourly,
  formatMoney,
  fromMinorUnits,
  hourlyEquivalent,
  minorUnitDigits,
  normalizeCurrency,
  toMinorUnits,
} from "~/domain/pay";

describe("hourlyEquivalent", () => {
  it("returns hourly pay unchanged", () => {
    expect(hourlyEquivalent({ amount: 4500, unit: "HOUR", currency: "usd" })).toEqual({ amount: 4500, currency: "USD" });
  });

  it("ignores minutesPerTask for hourly pay", () => {
    expect(hourlyEquivalent({ amount: 4500, unit: "HOUR", currency: "USD", minutesPerTask: 3 })).toEqual({
      amount: 4500,
      currency: "USD",
    });
  });

  it.each([
    [500, 10, 3000], // $5 per 10-minute task -> $30/h
    [250, 6, 2500],
    [1200, 90, 800], // long task
    [100, 7, 857], // 857.14 rounds to 857
    [0, 10, 0],
  ])("%i minor units per task at %i min/task -> %i per hour", (amount, minutes, hourly) => {
    expect(hourlyEquivalent({ amount, unit: "TASK", currency: "USD", minutesPerTask: minutes })).toEqual({
      amount: hourly,
      currency: "USD",
    });
  });

  it("handles fractional minutes", () => {
    expect(hourlyEquivalent({ amount: 100, unit: "TASK", currency: "EUR", minutesPerTask: 1.5 })?.amount).toBe(4000);
  });

  it.each([undefined, null, 0, -5, Number.NaN, Number.POSITIVE_INFINITY])(
    "is null for per-task pay when minutes per task is %s",
    (minutesPerTask) => {
      expect(hourlyEquivalent({ amount: 500, unit: "TASK", currency: "USD", minutesPerTask })).toBeNull();
    },
  );

  it.each([-1, Number.NaN, Number.POSITIVE_INFINITY])("is null for an invalid amount %s", (amount) => {
    expect(hourlyEquivalent({ amount, unit: "HOUR", currency: "USD" })).toBeNull();
    expect(hourlyEquivalent({ amount, unit: "TASK", currency: "USD", minutesPerTask: 10 })).toBeNull();
  });

  it("property: per-task hourly is within half a minor unit of amount × 60 / minutes", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1_000_000 }), fc.integer({ min: 1, max: 600 }), (amount, minutes) => {
        const h = hourlyEquivalent({ amount, unit: "TASK", currency: "USD", minutesPerTask: minutes });
        expect(h).not.toBeNull();
        expect(Number.isInteger(h?.amount)).toBe(true);
        expect(Math.abs((h?.amount ?? 0) - (amount * 60) / minutes)).toBeLessThanOrEqual(0.5);
      }),
    );
  });

  it("property: a longer task never pays more per hour", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 100_000 }),
        fc.integer({ min: 1, max: 300 }),
        fc.integer({ min: 0, max: 300 }),
        (amount, m, extra) => {
          const fast = hourlyEquivalent({ amount, unit: "TASK", currency: "USD", minutesPerTask: m });
          const slow = hourlyEquivalent({ amount, unit: "TASK", currency: "USD", minutesPerTask: m + extra });
          expect(slow?.amount).toBeLessThanOrEqual(fast?.amount as number);
        },
      ),
    );
  });
});

describe("minor units", () => {
  it("knows the minor-unit digits of common currencies", () => {
    expect(minorUnitDigits("USD")).toBe(2);
    expect(minorUnitDigits("gbp")).toBe(2);
    expect(minorUnitDigits("JPY")).toBe(0);
    expect(minorUnitDigits("KWD")).toBe(3);
    expect(minorUnitDigits("not-a-currency")).toBe(2);
  });

  it("converts between major and minor units", () => {
    expect(toMinorUnits(62.5, "USD")).toBe(6250);
    expect(toMinorUnits(19.99, "USD")).toBe(1999); // no float drift
    expect(toMinorUnits(1500, "JPY")).toBe(1500);
    expect(fromMinorUnits(6250, "USD")).toBe(62.5);
    expect(fromMinorUnits(1500, "JPY")).toBe(1500);
  });

  it("normalizes currency codes", () => {
    expect(normalizeCurrency(" usd ")).toBe("USD");
  });
});

describe("formatMoney", () => {
  it.each([
    [6000, "USD", "$60"],
    [6250, "USD", "$62.50"],
    [5, "USD", "$0.05"],
    [123456789, "USD", "$1,234,567.89"],
    [2000, "gbp", "£20"],
    [1999, "EUR", "€19.99"],
    [1500, "JPY", "¥1,500"],
    [0, "USD", "$0"],
  ])("formatMoney(%i, %s) = %s", (amount, currency, text) => {
    expect(formatMoney(amount, currency)).toBe(text);
  });

  it("can always show the minor digits", () => {
    expect(formatMoney(6000, "USD", { fraction: "always" })).toBe("$60.00");
    expect(formatMoney(1500, "JPY", { fraction: "always" })).toBe("¥1,500");
  });

  it("appends a suffix and honours the locale", () => {
    expect(formatMoney(2000, "GBP", { suffix: "/h" })).toBe("£20/h");
    expect(formatMoney(6250, "EUR", { locale: "de-DE" }).replace(/\s/g, " ")).toBe("62,50 €");
  });

  it("falls back for unknown currency codes", () => {
    expect(formatMoney(1234, "ZZZZ")).toBe("ZZZZ 12.34");
    expect(formatMoney(1200, "ZZZZ", { suffix: "/h" })).toBe("ZZZZ 12/h");
  });

  it("formats negative amounts", () => {
    expect(formatMoney(-2500, "USD")).toBe("-$25");
  });
});

describe("formatHourly / describePay", () => {
  it("formats hourly money", () => {
    expect(formatHourly({ amount: 7500, currency: "USD" })).toBe("$75/h");
  });

  it("describes hourly and per-task pay", () => {
    expect(describePay({ amount: 4500, unit: "HOUR", currency: "USD" })).toBe("$45/h");
    expect(describePay({ amount: 500, unit: "TASK", currency: "USD", minutesPerTask: 10 })).toBe("$5 per task (~$30/h)");
    expect(describePay({ amount: 500, unit: "TASK", currency: "USD" })).toBe("$5 per task");
  });
});

describe("belowFloor", () => {
  const floor = { amount: 2500, currency: "USD" };

  it("compares same-currency amounts", () => {
    expect(belowFloor({ amount: 2499, currency: "USD" }, floor)).toBe(true);
    expect(belowFloor({ amount: 2500, currency: "USD" }, floor)).toBe(false);
    expect(belowFloor({ amount: 9000, currency: "usd" }, floor)).toBe(false);
  });

  it("is null when the hourly rate is unknown", () => {
    expect(belowFloor(null, floor)).toBeNull();
    expect(belowFloor(hourlyEquivalent({ amount: 500, unit: "TASK", currency: "USD" }), floor)).toBeNull();
  });

  it("is null across currencies (we don't convert)", () => {
    expect(belowFloor({ amount: 100, currency: "GBP" }, floor)).toBeNull();
  });

  it("is null for invalid amounts", () => {
    expect(belowFloor({ amount: Number.NaN, currency: "USD" }, floor)).toBeNull();
    expect(belowFloor({ amount: 100, currency: "USD" }, { amount: -1, currency: "USD" })).toBeNull();
  });

  it("works on a per-task gig's estimate", () => {
    const hourly = hourlyEquivalent({ amount: 300, unit: "TASK", currency: "USD", minutesPerTask: 10 }); // $18/h
    expect(belowFloor(hourly, floor)).toBe(true);
  });
});
