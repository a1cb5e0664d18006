/**
 * Transfer model 2.0.0: properties of "weight is a ceiling" (docs/decisions/0003-transfer-model-2.md)
 * and separation on the demo data set. Determinism and "adding any credit never lowers any score"
 * stay covered by the properties in transfer.test.ts.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { defaultRulesAsInputs } from "~/domain/default-rules";
import { FORMAT_KEYS, GENRE_KEYS, ROLE_KEYS, type RoleKey, TASK_TYPE_KEYS, departmentOfRole } from "~/domain/taxonomy";
import {
  type CreditForScoring,
  TRANSFER_MODEL_PARAMS,
  TRANSFER_MODEL_VERSION,
  type TransferRuleInput,
  ceiling,
  scoreTransfer,
} from "~/domain/transfer";
import { generateDataset } from "../../prisma/demo/generator";

const YEAR = 2025;
const RULES = defaultRulesAsInputs();
const SEPARATION = 10; // justified in tests/unit/transfer-careers.test.ts and the decision record

const creditArb: fc.Arbitrary<Omit<CreditForScoring, "id">> = fc
  .record({
    showTitle: fc.constantFrom("Night Shift", "Parkside", "The Desk", "Harbour", "Cold Open", "night shift"),
    format: fc.constantFrom(...FORMAT_KEYS),
    genres: fc.subarray([...GENRE_KEYS], { maxLength: 3 }),
    role: fc.constantFrom(...ROLE_KEYS),
    startYear: fc.integer({ min: 1985, max: YEAR }),
    length: fc.integer({ min: 0, max: 10 }),
    ongoing: fc.boolean(),
    episodes: fc.integer({ min: 0, max: 300 }),
    verified: fc.boolean(),
  })
  .map(({ length, ongoing, ...rest }) => ({ ...rest, endYear: ongoing ? null : Math.min(YEAR, rest.startYear + length) }));
const creditsArb = (min = 0, max = 10) =>
  fc.array(creditArb, { minLength: min, maxLength: max }).map((cs) => cs.map((c, i) => ({ ...c, id: `c${i}` })));

function rule(id: string, taskType: TransferRuleInput["taskType"], weight: number, role: RoleKey | null = null): TransferRuleInput {
  return { id, role, department: role ? null : "WRITING", format: null, genre: null, taskType, weight, rationale: "Generated." };
}
const scoreOf = (credits: CreditForScoring[], rules: TransferRuleInput[], task: string) =>
  scoreTransfer(credits, rules, { currentYear: YEAR }).scores.find((s) => s.taskType === task)?.score ?? 0;

describe("model 2.0.0", () => {
  it("is versioned", () => {
    expect(TRANSFER_MODEL_VERSION).toBe("transfer-2.0.0");
    expect(TRANSFER_MODEL_PARAMS.weightExponent).toBe(2);
    expect(ceiling(0.9)).toBeCloseTo(0.81, 12);
    expect(ceiling(0)).toBe(0);
  });

  it("ceiling: a task never scores above 100 × ceiling(its best matching weight), however deep the career", () => {
    fc.assert(
      fc.property(creditsArb(0, 14), (credits) => {
        const p = scoreTransfer(credits, RULES, { currentYear: YEAR });
        for (const s of p.scores) {
          const best = Math.max(...s.evidence.map((e) => RULES.find((r) => r.id === e.ruleId)!.weight));
          expect(s.score, s.taskType).toBeLessThanOrEqual(Math.round(100 * ceiling(best)));
        }
      }),
      { numRuns: 300 },
    );
  });

  it("monotone in weight: raising one rule's weight never lowers its task's score, and leaves other tasks alone", () => {
    fc.assert(
      fc.property(
        creditsArb(1, 10),
        fc.integer({ min: 0, max: RULES.length - 1 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (credits, i, up) => {
          const raised = RULES.map((r, j) => (j === i ? { ...r, weight: Math.min(1, r.weight + up * (1 - r.weight)) } : r));
          const before = scoreTransfer(credits, RULES, { currentYear: YEAR }).scores;
          const after = new Map(scoreTransfer(credits, raised, { currentYear: YEAR }).scores.map((s) => [s.taskType, s.score]));
          for (const s of before) {
            if (s.taskType === RULES[i].taskType) expect(after.get(s.taskType) ?? 0).toBeGreaterThanOrEqual(s.score);
            else expect(after.get(s.taskType)).toBe(s.score);
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it("monotone: adding a credit that a task's rules match never lowers that task's score", () => {
    fc.assert(
      fc.property(creditsArb(0, 10), creditArb, fc.constantFrom(...TASK_TYPE_KEYS), (credits, extra, task) => {
        const added = { ...extra, id: "extra" };
        const relevant = RULES.some(
          (r) => r.taskType === task && (r.role === added.role || (r.role === null && r.department === departmentOfRole(added.role))),
        );
        fc.pre(relevant);
        expect(scoreOf([...credits, added], RULES, task)).toBeGreaterThanOrEqual(scoreOf(credits, RULES, task));
      }),
      { numRuns: 400 },
    );
  });

  it("separation: with the same evidence, a weight gap shows in full (score difference = 100 × (a² − b²) × experience, ±1)", () => {
    fc.assert(
      fc.property(
        creditsArb(1, 8).map((cs) => cs.map((c) => ({ ...c, role: "STAFF_WRITER" as RoleKey }))),
        fc.double({ min: 0.05, max: 1, noNaN: true }),
        fc.double({ min: 0.05, max: 1, noNaN: true }),
        (credits, x, y) => {
          const [a, b] = x >= y ? [x, y] : [y, x];
          const rules = [rule("hi", "DIALOGUE_DEMONSTRATION", a), rule("lo", "STORY_SCENE_WRITING", b), rule("one", "PROMPT_WRITING", 1)];
          const experience = scoreTransfer(credits, rules, { currentYear: YEAR }).scores.find((s) => s.taskType === "PROMPT_WRITING");
          const full = experience ? experience.score / 100 : 0;
          const hi = scoreOf(credits, rules, "DIALOGUE_DEMONSTRATION");
          const lo = scoreOf(credits, rules, "STORY_SCENE_WRITING");
          expect(hi).toBeGreaterThanOrEqual(lo);
          expect(Math.abs(hi - lo - 100 * (a * a - b * b) * full)).toBeLessThanOrEqual(1.5);
        },
      ),
      { numRuns: 300 },
    );
  });

  it("deterministic, including the specific reasons", () => {
    fc.assert(
      fc.property(creditsArb(0, 10), (credits) => {
        const a = scoreTransfer(credits, RULES, { currentYear: YEAR });
        const b = scoreTransfer([...credits].reverse(), RULES, { currentYear: YEAR });
        expect(b).toEqual(a);
        for (const s of a.scores) expect(s.reason).toMatch(/ Driven by .+ \(.+, \d+ episodes?(, verified)?\)/);
      }),
      { numRuns: 200 },
    );
  });
});

describe("separation on the demo data set", () => {
  it(`every demo professional with 2+ credits and a top score of 60+ has #3 at least ${SEPARATION} points above #8`, () => {
    const ds = generateDataset({ size: "demo", now: new Date("2026-06-01T00:00:00Z") });
    const byProfile = new Map<string, CreditForScoring[]>();
    for (const c of ds.credits) {
      const list = byProfile.get(c.profileId) ?? [];
      list.push({
        id: c.id,
        showTitle: c.showTitle,
        format: c.format as CreditForScoring["format"],
        genres: c.genres as CreditForScoring["genres"],
        role: c.role as RoleKey,
        startYear: c.startYear,
        endYear: c.endYear,
        episodes: c.episodes,
        verified: Boolean(c.verifiedAt),
      });
      byProfile.set(c.profileId, list);
    }
    let checked = 0;
    const failures: string[] = [];
    for (const [id, credits] of byProfile) {
      if (credits.length < 2) continue;
      const scores = scoreTransfer(credits, RULES, { currentYear: ds.currentYear }).scores;
      const at = (i: number) => scores[i]?.score ?? 0;
      if (at(0) < 60) continue;
      checked++;
      if (at(2) - at(7) < SEPARATION)
        failures.push(
          `${id}: ${scores
            .slice(0, 8)
            .map((s) => s.score)
            .join(", ")}`,
        );
    }
    expect(checked).toBeGreaterThan(80);
    expect(failures).toEqual([]);
  });
});
