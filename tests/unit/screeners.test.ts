/** Saved screeners, the pure part: criteria schema and form, normalisation, the private-field rule, version rules. */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  EMPTY_CRITERIA,
  LAB_RATE_REFUSAL,
  type ScreenerCriteria,
  criteriaFormValues,
  criteriaToQuery,
  decideVersion,
  describeChanges,
  normalizeCriteria,
  ownerErrors,
  readCriteria,
  sameCriteria,
  screenerCriteriaSchema,
  screenerFormSchema,
  screenerInputSchema,
  searchParamsToCriteria,
} from "~/domain/screeners";
import { TASK_TYPE_KEYS, type TaskTypeKey } from "~/domain/taxonomy";

describe("criteria schema (JSON API)", () => {
  it("reads language names and codes, sorts and de-duplicates them", () => {
    const c = screenerCriteriaSchema.parse({ languages: ["Spanish", "en", "EN", "english"] });
    expect(c.languages).toEqual(["en", "es"]);
    expect(c.tasks).toEqual([]);
    expect(c.maxRate).toBeNull();
  });

  it("refuses unknown fields, duplicate task types, more than 3 task types, an inverted time-zone window", () => {
    expect(screenerCriteriaSchema.safeParse({ minRate: 5 }).success).toBe(false);
    const dup = screenerCriteriaSchema.safeParse({
      tasks: [
        { taskType: "BIAS_REVIEW", min: 50 },
        { taskType: "BIAS_REVIEW", min: 60 },
      ],
    });
    expect(dup.success).toBe(false);
    expect(dup.error?.issues[0].path).toEqual(["tasks"]);
    const four = TASK_TYPE_KEYS.slice(0, 4).map((taskType) => ({ taskType, min: 10 }));
    expect(screenerCriteriaSchema.safeParse({ tasks: four }).success).toBe(false);
    const tz = screenerCriteriaSchema.safeParse({ tzMin: 3, tzMax: -5 });
    expect(tz.success).toBe(false);
    expect(tz.error?.issues[0].path).toEqual(["tzMax"]);
    expect(screenerCriteriaSchema.safeParse({ tasks: [{ taskType: "BIAS_REVIEW", min: 101 }] }).success).toBe(false);
    expect(screenerCriteriaSchema.safeParse({ languages: ["Klingonese"] }).success).toBe(false);
  });

  it("needs a name", () => {
    expect(screenerInputSchema.safeParse({ name: " " }).success).toBe(false);
    expect(screenerInputSchema.parse({ name: " Comedy raters " })).toEqual({ name: "Comedy raters", criteria: EMPTY_CRITERIA });
  });
});

describe("the form", () => {
  it("drops task rows set to Any, keeps the others in order, and reports errors at the row", () => {
    const ok = screenerFormSchema.parse({
      name: "Raters",
      tasks: [
        { taskType: "", min: "70" },
        { taskType: "COMEDIC_TIMING_EVAL", min: "65" },
      ],
      languages: "English, es",
      minHours: "10",
      tzMax: "2",
      verifiedOnly: "on",
    });
    expect(ok.criteria).toEqual({
      tasks: [{ taskType: "COMEDIC_TIMING_EVAL", min: 65 }],
      languages: ["en", "es"],
      minHours: 10,
      tzMin: null,
      tzMax: 2,
      verifiedOnly: true,
      maxRate: null,
    });
    const bad = screenerFormSchema.safeParse({
      name: "Raters",
      tasks: [
        { taskType: "BIAS_REVIEW", min: "" },
        { taskType: "NOPE", min: "5" },
      ],
      minHours: "many",
    });
    expect(bad.success).toBe(false);
    const paths = bad.error?.issues.map((i) => i.path.join(".")) ?? [];
    expect(paths).toContain("tasks.0.min");
    expect(paths).toContain("tasks.1.taskType");
    expect(paths).toContain("minHours");
  });

  it("round-trips: form values of saved criteria parse back to the same criteria", () => {
    const arb = criteriaArb();
    fc.assert(
      fc.property(arb, (c) => {
        const values = criteriaFormValues("A name", c) as { tasks: { taskType: string; min: string }[] } & Record<string, unknown>;
        const parsed = screenerFormSchema.parse(values);
        expect(parsed.criteria).toEqual(normalizeCriteria(c));
      }),
      { numRuns: 200 },
    );
  });
});

function criteriaArb(): fc.Arbitrary<ScreenerCriteria> {
  return fc
    .record({
      tasks: fc.uniqueArray(fc.record({ taskType: fc.constantFrom(...TASK_TYPE_KEYS), min: fc.integer({ min: 0, max: 100 }) }), {
        maxLength: 3,
        selector: (t) => t.taskType,
      }),
      languages: fc.uniqueArray(fc.constantFrom("en", "es", "fr", "de", "ja"), { maxLength: 4 }),
      minHours: fc.option(fc.integer({ min: 0, max: 80 }), { nil: null }),
      tz: fc.option(fc.tuple(fc.integer({ min: -12, max: 14 }), fc.integer({ min: -12, max: 14 })), { nil: null }),
      verifiedOnly: fc.boolean(),
      maxRate: fc.option(fc.integer({ min: 0, max: 500 }), { nil: null }),
    })
    .map(({ tz, ...c }) => ({
      ...c,
      tasks: c.tasks.map((t) => ({ taskType: t.taskType as TaskTypeKey, min: t.min })),
      tzMin: tz ? Math.min(...tz) : null,
      tzMax: tz ? Math.max(...tz) : null,
    }));
}

describe("normalisation", () => {
  it("is idempotent, and equal criteria compare equal whatever the language order", () => {
    fc.assert(
      fc.property(criteriaArb(), (c) => {
        const n = normalizeCriteria(c);
        expect(normalizeCriteria(n)).toEqual(n);
        expect(sameCriteria(c, { ...c, languages: [...c.languages].reverse() })).toBe(true);
        expect(readCriteria(JSON.parse(JSON.stringify(n)))).toEqual(n);
      }),
    );
  });

  it("task order matters (the first task type sorts the results)", () => {
    const a: ScreenerCriteria = {
      ...EMPTY_CRITERIA,
      tasks: [
        { taskType: "BIAS_REVIEW", min: 1 },
        { taskType: "PACING_ANNOTATION", min: 2 },
      ],
    };
    expect(sameCriteria(a, { ...a, tasks: [...a.tasks].reverse() })).toBe(false);
  });
});

describe("labs never filter on a private field", () => {
  it("a lab's criteria with a rate are refused with a field error; coordinators' are not", () => {
    expect(ownerErrors("LAB", { maxRate: 50 })).toEqual({ maxRate: [LAB_RATE_REFUSAL] });
    expect(ownerErrors("LAB", { maxRate: 0 })).toEqual({ maxRate: [LAB_RATE_REFUSAL] });
    expect(ownerErrors("LAB", { maxRate: null })).toEqual({});
    expect(ownerErrors("COORDINATORS", { maxRate: 50 })).toEqual({});
  });

  it("a lab's talent query never carries the rate, whatever the criteria", () => {
    fc.assert(
      fc.property(criteriaArb(), (c) => {
        expect(criteriaToQuery(c, "LAB").has("maxRate")).toBe(false);
        expect(criteriaToQuery(c, "COORDINATORS").has("maxRate")).toBe(c.maxRate != null);
      }),
    );
  });

  it("a talent URL read for a lab drops the rate", () => {
    const sp = new URLSearchParams(
      "task=COMEDIC_TIMING_EVAL&min=70&task=&min=70&task=BIAS_REVIEW&min=30&maxRate=40&languages=en&verified=1&minHours=abc",
    );
    const lab = searchParamsToCriteria(sp, "LAB");
    expect(lab).toEqual({
      tasks: [
        { taskType: "COMEDIC_TIMING_EVAL", min: 70 },
        { taskType: "BIAS_REVIEW", min: 30 },
      ],
      languages: ["en"],
      minHours: null,
      tzMin: null,
      tzMax: null,
      verifiedOnly: true,
      maxRate: null,
    });
    expect(searchParamsToCriteria(sp, "COORDINATORS").maxRate).toBe(40);
  });
});

describe("version rules", () => {
  const current = { version: 3, name: "Raters", criteria: { ...EMPTY_CRITERIA, languages: ["en"] } };

  it("an edit that changes nothing keeps the version", () => {
    expect(decideVersion(current, { name: "Raters", criteria: { ...EMPTY_CRITERIA, languages: ["en"] } })).toEqual({
      ok: true,
      changed: false,
    });
    expect(decideVersion(current, { name: "Raters", criteria: current.criteria, baseVersion: 3 })).toEqual({ ok: true, changed: false });
  });

  it("a change becomes the next version, with what changed in words", () => {
    const d = decideVersion(current, {
      name: "Raters",
      criteria: { ...current.criteria, languages: ["en", "es"], minHours: 10 },
      baseVersion: 3,
    });
    expect(d).toEqual({
      ok: true,
      changed: true,
      version: 4,
      changes: ["Languages: English → English, Spanish", "Hours per week: none → 10"],
    });
  });

  it("an edit of an older version is refused (409), whatever it changes", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 50 }).filter((n) => n !== 3),
        criteriaArb(),
        (base, c) => {
          const d = decideVersion(current, { name: "X", criteria: c, baseVersion: base });
          expect(d.ok).toBe(false);
          if (!d.ok) expect(d.status).toBe(409);
        },
      ),
    );
  });

  it("the version only ever grows by one, and describeChanges is empty exactly when nothing changed", () => {
    fc.assert(
      fc.property(criteriaArb(), criteriaArb(), (a, b) => {
        const d = decideVersion({ version: 7, name: "n", criteria: a }, { name: "n", criteria: b });
        expect(d.ok).toBe(true);
        if (d.ok && d.changed) expect(d.version).toBe(8);
        expect(d.ok && !d.changed).toBe(sameCriteria(a, b));
        expect(describeChanges({ name: "n", criteria: a }, { name: "n", criteria: b }).length === 0).toBe(sameCriteria(a, b));
      }),
    );
  });
});
