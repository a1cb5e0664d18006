/**
 * What the talent page's filter form sends: three task-type rows, each `task` + `min`, with rows
 * left on "Any" sending `task=`. Those rows must not invalidate the search (they used to: "Invalid
 * option", and every other filter was dropped with them), and each chosen row keeps its own minimum.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { TASK_TYPE_KEYS } from "~/domain/taxonomy";
import { paramsToObject, talentSearchSchema } from "~/services/search.server";

const parse = (qs: string) => talentSearchSchema.safeParse(paramsToObject(new URLSearchParams(qs)));

describe("talent search parameters from the filter form", () => {
  it("rows left on Any are dropped with their minimum; the other filters stay", () => {
    const r = parse("q=&task=&min=70&task=COMEDIC_TIMING_EVAL&min=55&task=&min=70&languages=es&minHours=10");
    expect(r.success).toBe(true);
    if (!r.success) return;
    expect(r.data.task).toEqual(["COMEDIC_TIMING_EVAL"]);
    expect(r.data.min).toEqual([55]);
    expect(r.data.languages).toEqual(["es"]);
    expect(r.data.minHours).toBe(10);
  });

  it("all three rows on Any: no task filter, nothing refused", () => {
    const r = parse("task=&min=70&task=&min=70&task=&min=70&formats=DRAMA");
    expect(r.success).toBe(true);
    if (r.success) expect([r.data.task, r.data.min, r.data.formats]).toEqual([[], [], ["DRAMA"]]);
  });

  it("an unknown task type is still refused", () => {
    expect(parse("task=NOT_A_TASK&min=50").success).toBe(false);
  });

  it("any mix of chosen and Any rows keeps each chosen task paired with its own minimum (property)", () => {
    const row = fc.record({
      task: fc.option(fc.constantFrom(...TASK_TYPE_KEYS), { nil: undefined }),
      min: fc.integer({ min: 0, max: 100 }),
    });
    fc.assert(
      fc.property(fc.array(row, { minLength: 3, maxLength: 3 }), (rows) => {
        const qs = new URLSearchParams();
        for (const r of rows) {
          qs.append("task", r.task ?? "");
          qs.append("min", String(r.min));
        }
        const chosen = rows.filter((r) => r.task !== undefined);
        const parsed = talentSearchSchema.safeParse(paramsToObject(qs));
        expect(parsed.success).toBe(true);
        if (!parsed.success) return;
        expect(parsed.data.task).toEqual(chosen.map((r) => r.task));
        expect(parsed.data.min).toEqual(chosen.map((r) => r.min));
      }),
      { numRuns: 300 },
    );
  });
});
