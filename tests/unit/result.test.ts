/**
 * The one result shape's field errors and the REST API's ordered `{ path, message }` list: the
 * work ledger's checks answer a list, the service stores it as field errors and the API sends it
 * back as a list. The API's bodies must stay byte-for-byte the same, so the round trip must be
 * exact for every list the domain's checks can produce.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { checkEntryAgainstGig, checkQueueInput } from "~/domain/work";
import { errorList, errorsByField } from "~/services/result";

describe("errorsByField / errorList", () => {
  it("groups by field in first-seen order, the empty path as _form, and lists them back", () => {
    const list = [
      { path: "", message: "No rate." },
      { path: "hours", message: "Give the hours." },
      { path: "workDate", message: "Future." },
      { path: "workDate", message: "Before active." },
    ];
    const grouped = errorsByField(list);
    expect(grouped).toEqual({ _form: ["No rate."], hours: ["Give the hours."], workDate: ["Future.", "Before active."] });
    expect(Object.keys(grouped)).toEqual(["_form", "hours", "workDate"]);
    expect(JSON.stringify(errorList(grouped))).toBe(JSON.stringify(list));
    expect(errorList({ rule: ["Bad."], _form: ["Whole."] }, (f) => `criteria.${f}`)).toEqual([
      { path: "criteria.rule", message: "Bad." },
      { path: "", message: "Whole." },
    ]);
  });

  it("is exact for every list the work entry and queue checks produce", () => {
    const day = fc.integer({ min: 0, max: 60 }).map((n) => new Date(Date.UTC(2026, 10, 1 + n)).toISOString().slice(0, 10));
    fc.assert(
      fc.property(
        day,
        day,
        day,
        fc.option(fc.double({ min: 0.1, max: 24, noNaN: true }), { nil: undefined }),
        fc.option(fc.integer({ min: 1, max: 500 }), { nil: undefined }),
        fc.constantFrom("HOUR" as const, "TASK" as const),
        fc.option(fc.integer({ min: 1, max: 10_000 }), { nil: null }),
        (workDate, since, today, hours, tasks, payUnit, payAmountCents) => {
          const r = checkEntryAgainstGig(
            { workDate, hours, tasks },
            { payUnit, payAmountCents },
            { activeSince: new Date(`${since}T00:00:00Z`), today },
          );
          if (r.ok) return;
          expect(JSON.stringify(errorList(errorsByField(r.errors)))).toBe(JSON.stringify(r.errors));
        },
      ),
    );
    fc.assert(
      fc.property(day, day, (checkAgainOn, today) => {
        const r = checkQueueInput({ state: "NO_WORK", reason: "PROJECT_PAUSED", checkAgainOn } as never, today);
        if (r.ok) return;
        expect(JSON.stringify(errorList(errorsByField(r.errors)))).toBe(JSON.stringify(r.errors));
      }),
    );
  });
});
