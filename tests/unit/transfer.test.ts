import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { defaultRulesAsInputs } from "~/domain/default-rules";
import {
  DEPARTMENT_KEYS,
  FORMAT_KEYS,
  GENRE_KEYS,
  ROLE_KEYS,
  TASK_TYPE_KEYS,
  type DepartmentKey,
  type FormatKey,
  type GenreKey,
  type RoleKey,
  type TaskTypeKey,
} from "~/domain/taxonomy";
import {
  type CreditForScoring,
  type TransferProfile,
  type TransferRuleInput,
  TRANSFER_MODEL_PARAMS,
  TRANSFER_MODEL_VERSION,
  depthFactor,
  joinWithAnd,
  normaliseShowTitle,
  recencyFactor,
  ruleMatches,
  scoreTransfer,
  seniorityFactor,
  summariseCareer,
  validateRule,
} from "~/domain/transfer";

const YEAR = 2025;
const DEFAULT_RULES = defaultRulesAsInputs();

let seq = 0;
function credit(overrides: Partial<CreditForScoring> = {}): CreditForScoring {
  seq += 1;
  return {
    id: `credit-${seq}`,
    showTitle: "Night Shift",
    format: "DRAMA",
    genres: [],
    role: "STAFF_WRITER",
    startYear: 2023,
    endYear: 2024,
    episodes: 20,
    verified: false,
    ...overrides,
  };
}

function rule(overrides: Partial<TransferRuleInput> = {}): TransferRuleInput {
  seq += 1;
  return {
    id: `rule-${seq}`,
    role: null,
    department: "WRITING",
    format: null,
    genre: null,
    taskType: "DIALOGUE_DEMONSTRATION",
    weight: 1,
    rationale: "Because.",
    ...overrides,
  };
}

function score(profile: TransferProfile, task: TaskTypeKey): number {
  return profile.scores.find((s) => s.taskType === task)?.score ?? 0;
}

function scoreMap(profile: TransferProfile): Map<TaskTypeKey, number> {
  return new Map(profile.scores.map((s) => [s.taskType, s.score]));
}

/** Expected strength of one credit under one rule, straight from the documented formula. */
function strength(c: CreditForScoring, weight: number, episodes = c.episodes): number {
  const p = TRANSFER_MODEL_PARAMS;
  return (
    p.base *
    weight *
    seniorityFactor(c.role) *
    depthFactor(Math.max(1, episodes)) *
    recencyFactor(c.endYear, YEAR) *
    (c.verified ? p.verifiedBoost : 1)
  );
}

// ---------------------------------------------------------------------------
// Factors
// ---------------------------------------------------------------------------

describe("model factors", () => {
  it("exports a model version", () => {
    expect(TRANSFER_MODEL_VERSION).toMatch(/\d+\.\d+/);
  });

  it("seniority rises with rank inside a department and stays in [floor, 1]", () => {
    const floor = TRANSFER_MODEL_PARAMS.seniorityFloor;
    expect(seniorityFactor("WRITERS_ASSISTANT")).toBeCloseTo(floor, 10);
    expect(seniorityFactor("SHOWRUNNER")).toBe(1);
    expect(seniorityFactor("STAFF_WRITER")).toBeLessThan(seniorityFactor("STORY_EDITOR"));
    expect(seniorityFactor("ASSISTANT_EDITOR")).toBeLessThan(seniorityFactor("EDITOR"));
    expect(seniorityFactor("FIRST_AD")).toBeLessThan(seniorityFactor("DIRECTOR"));
    // Single-role departments are department heads.
    expect(seniorityFactor("DIRECTOR_OF_PHOTOGRAPHY")).toBe(1);
    expect(seniorityFactor("CASTING_DIRECTOR")).toBe(1);
    for (const r of ROLE_KEYS) {
      expect(seniorityFactor(r)).toBeGreaterThanOrEqual(floor);
      expect(seniorityFactor(r)).toBeLessThanOrEqual(1);
    }
  });

  it("depth is 0 at 0 episodes, strictly increasing and saturating below 1", () => {
    expect(depthFactor(0)).toBe(0);
    expect(depthFactor(TRANSFER_MODEL_PARAMS.depthEpisodes)).toBeCloseTo(1 - Math.exp(-1), 10);
    let prev = 0;
    for (const e of [1, 5, 10, 22, 44, 100, 200]) {
      const d = depthFactor(e);
      expect(d).toBeGreaterThan(prev);
      expect(d).toBeLessThan(1);
      prev = d;
    }
    // Diminishing returns: the second season adds less than the first.
    expect(depthFactor(44) - depthFactor(22)).toBeLessThan(depthFactor(22) - depthFactor(0));
    expect(depthFactor(-5)).toBe(0);
    expect(depthFactor(Number.NaN)).toBe(0);
  });

  it("recency is 1 for ongoing and current credits and halves every half-life", () => {
    const h = TRANSFER_MODEL_PARAMS.recencyHalfLifeYears;
    expect(recencyFactor(null, YEAR)).toBe(1);
    expect(recencyFactor(YEAR, YEAR)).toBe(1);
    expect(recencyFactor(YEAR + 3, YEAR)).toBe(1);
    expect(recencyFactor(YEAR - h, YEAR)).toBeCloseTo(0.5, 10);
    expect(recencyFactor(YEAR - 2 * h, YEAR)).toBeCloseTo(0.25, 10);
    expect(recencyFactor(YEAR - 1, YEAR)).toBeLessThan(1);
  });

  it("joinWithAnd builds readable lists", () => {
    expect(joinWithAnd([])).toBe("");
    expect(joinWithAnd(["a"])).toBe("a");
    expect(joinWithAnd(["a", "b"])).toBe("a and b");
    expect(joinWithAnd(["a", "b", "c"])).toBe("a, b and c");
  });

  it("normaliseShowTitle folds case and whitespace", () => {
    expect(normaliseShowTitle("  The   OFFICE ")).toBe("the office");
    expect(normaliseShowTitle("The Office")).toBe(normaliseShowTitle("the office"));
    expect(normaliseShowTitle("The Office")).not.toBe(normaliseShowTitle("The Offices"));
  });
});

// ---------------------------------------------------------------------------
// Rules
// ---------------------------------------------------------------------------

describe("validateRule", () => {
  it("accepts a well-formed rule", () => {
    expect(validateRule(rule())).toEqual([]);
    expect(validateRule(rule({ role: "EDITOR", department: null, taskType: "PACING_ANNOTATION" }))).toEqual([]);
    expect(validateRule(rule({ role: "EDITOR", department: "POST_PRODUCTION" }))).toEqual([]);
    expect(validateRule(rule({ weight: 0 }))).toEqual([]);
  });

  it("requires a role or a department", () => {
    const errors = validateRule(rule({ role: null, department: null }));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/role or a department/);
  });

  it("rejects a role/department mismatch", () => {
    expect(validateRule(rule({ role: "EDITOR", department: "WRITING" })).join(" ")).toMatch(/EDITOR belongs to department POST_PRODUCTION/);
  });

  it("rejects unknown keys", () => {
    const bad = rule({
      role: "GAFFER" as RoleKey,
      department: "LIGHTING" as DepartmentKey,
      format: "FILM" as FormatKey,
      genre: "SPACE_OPERA" as GenreKey,
      taskType: "MAKE_COFFEE" as TaskTypeKey,
    });
    const errors = validateRule(bad).join("\n");
    expect(errors).toMatch(/Unknown role "GAFFER"/);
    expect(errors).toMatch(/Unknown department "LIGHTING"/);
    expect(errors).toMatch(/Unknown format "FILM"/);
    expect(errors).toMatch(/Unknown genre "SPACE_OPERA"/);
    expect(errors).toMatch(/Unknown task type "MAKE_COFFEE"/);
  });

  it.each([[-0.1], [1.01], [Number.NaN], [Number.POSITIVE_INFINITY]])("rejects weight %s", (weight) => {
    expect(validateRule(rule({ weight }))).toEqual(["Weight must be a number between 0 and 1."]);
  });

  it("requires a rationale", () => {
    expect(validateRule(rule({ rationale: "   " }))).toEqual(["A rule needs a rationale."]);
  });

  it("accepts rules without an id (seed data)", () => {
    const { id: _id, ...withoutId } = rule();
    expect(validateRule(withoutId)).toEqual([]);
  });
});

describe("ruleMatches", () => {
  const writer = credit({ role: "STAFF_WRITER", format: "DRAMA", genres: ["CRIME", "THRILLER"] });

  it("matches on role, or on department when the role is null", () => {
    expect(ruleMatches(rule({ role: "STAFF_WRITER", department: null }), writer)).toBe(true);
    expect(ruleMatches(rule({ role: "STORY_EDITOR", department: null }), writer)).toBe(false);
    expect(ruleMatches(rule({ role: null, department: "WRITING" }), writer)).toBe(true);
    expect(ruleMatches(rule({ role: null, department: "DIRECTING" }), writer)).toBe(false);
  });

  it("role rules are exact: a DIRECTOR rule does not reach a first AD, a DIRECTING rule does", () => {
    const ad = credit({ role: "FIRST_AD" });
    expect(ruleMatches(rule({ role: "DIRECTOR", department: null }), ad)).toBe(false);
    expect(ruleMatches(rule({ role: null, department: "DIRECTING" }), ad)).toBe(true);
  });

  it("format and genre narrow the match", () => {
    expect(ruleMatches(rule({ format: "DRAMA" }), writer)).toBe(true);
    expect(ruleMatches(rule({ format: "MULTI_CAM_SITCOM" }), writer)).toBe(false);
    expect(ruleMatches(rule({ genre: "THRILLER" }), writer)).toBe(true);
    expect(ruleMatches(rule({ genre: "COMEDY" }), writer)).toBe(false);
    expect(ruleMatches(rule({ format: "DRAMA", genre: "CRIME" }), writer)).toBe(true);
    expect(ruleMatches(rule({ format: "DRAMA", genre: "COMEDY" }), writer)).toBe(false);
  });

  it("invalid rules never match", () => {
    expect(ruleMatches(rule({ role: null, department: null }), writer)).toBe(false);
    expect(ruleMatches(rule({ weight: 2 }), writer)).toBe(false);
    expect(ruleMatches(rule({ role: "STAFF_WRITER", department: "CAMERA" }), writer)).toBe(false);
  });
});

// ---------------------------------------------------------------------------
// scoreTransfer: edge cases
// ---------------------------------------------------------------------------

describe("scoreTransfer: empty and non-transferring input", () => {
  it("no credits → no scores and guidance to add credits", () => {
    const p = scoreTransfer([], DEFAULT_RULES, { currentYear: YEAR });
    expect(p.scores).toEqual([]);
    expect(p.guidance).toMatch(/Add your TV credits/);
  });

  it("only OTHER credits → no scores and guidance to pick a real role", () => {
    const p = scoreTransfer([credit({ role: "OTHER", episodes: 100 }), credit({ role: "OTHER", showTitle: "B" })], DEFAULT_RULES, {
      currentYear: YEAR,
    });
    expect(p.scores).toEqual([]);
    expect(p.guidance).toMatch(/Other/);
  });

  it("credits but no rules → no scores and general guidance", () => {
    const p = scoreTransfer([credit()], [], { currentYear: YEAR });
    expect(p.scores).toEqual([]);
    expect(p.guidance).toMatch(/None of your credits matched/);
  });

  it("guidance is null whenever something transfers", () => {
    const p = scoreTransfer([credit(), credit({ role: "OTHER" })], DEFAULT_RULES, { currentYear: YEAR });
    expect(p.scores.length).toBeGreaterThan(0);
    expect(p.guidance).toBeNull();
  });

  it("weight-0 rules match but never produce a score", () => {
    const p = scoreTransfer([credit({ episodes: 200 })], [rule({ weight: 0 })], { currentYear: YEAR });
    expect(p.scores).toEqual([]);
    expect(p.guidance).not.toBeNull();
  });

  it("credits with unknown role keys (stale data) are ignored, not fatal", () => {
    const stale = credit({ role: "GAFFER" as RoleKey });
    const p = scoreTransfer([stale], DEFAULT_RULES, { currentYear: YEAR });
    expect(p.scores).toEqual([]);
    const good = credit();
    expect(scoreTransfer([stale, good], DEFAULT_RULES, { currentYear: YEAR })).toEqual(
      scoreTransfer([good], DEFAULT_RULES, { currentYear: YEAR }),
    );
  });

  it("invalid rules are skipped without throwing", () => {
    const rules = [rule({ role: null, department: null, weight: 1 }), rule({ weight: 5 })];
    expect(() => scoreTransfer([credit()], rules, { currentYear: YEAR })).not.toThrow();
    expect(scoreTransfer([credit()], rules, { currentYear: YEAR }).scores).toEqual([]);
  });

  it("odd numbers don't produce NaN: reversed years, 0 / NaN episodes, NaN current year", () => {
    const odd = [
      credit({ startYear: 2024, endYear: 2019, episodes: 30 }),
      credit({ showTitle: "Zero", episodes: 0 }),
      credit({ showTitle: "NaN", episodes: Number.NaN }),
    ];
    for (const currentYear of [YEAR, Number.NaN]) {
      const p = scoreTransfer(odd, DEFAULT_RULES, { currentYear });
      expect(p.scores.length).toBeGreaterThan(0);
      for (const s of p.scores) {
        expect(Number.isInteger(s.score)).toBe(true);
        for (const e of s.evidence) expect(Number.isFinite(e.contribution)).toBe(true);
        expect(s.explanation).not.toMatch(/NaN|undefined|Infinity/);
      }
    }
    // Reversed years behave like the ordered range.
    const reversed = scoreTransfer([credit({ id: "r", startYear: 2024, endYear: 2019 })], DEFAULT_RULES, { currentYear: YEAR });
    const ordered = scoreTransfer([credit({ id: "r", startYear: 2019, endYear: 2024 })], DEFAULT_RULES, { currentYear: YEAR });
    expect(reversed).toEqual(ordered);
  });
});

// ---------------------------------------------------------------------------
// scoreTransfer: the formula
// ---------------------------------------------------------------------------

describe("scoreTransfer: scoring formula", () => {
  it("one credit, one rule: score = round(100 × strength)", () => {
    const c = credit({ role: "STAFF_WRITER", episodes: 16, endYear: null, startYear: 2024 });
    const p = scoreTransfer([c], [rule({ weight: 1 })], { currentYear: YEAR });
    const expected = Math.round(100 * strength(c, 1));
    expect(expected).toBe(42); // 0.85 × 0.775 (staff writer, rank 4 of 13) × (1 − e^−1) ≈ 0.416
    expect(p.scores).toHaveLength(1);
    expect(p.scores[0].score).toBe(expected);
    expect(p.scores[0].evidence).toEqual([
      {
        creditId: c.id,
        showTitle: "Night Shift",
        ruleId: expect.stringMatching(/^rule-/),
        rationale: "Because.",
        contribution: expect.closeTo(strength(c, 1), 12),
      },
    ]);
  });

  it("two shows combine as w² × (1 − (1 − a)(1 − b)) (model 2: the weight is a ceiling, not a per-show factor)", () => {
    const a = credit({ showTitle: "A", episodes: 30, startYear: 2017, endYear: 2020 });
    const b = credit({ showTitle: "B", role: "STORY_EDITOR", episodes: 12, startYear: 2024, endYear: 2024 });
    const r = rule({ weight: 0.8 });
    const p = scoreTransfer([a, b], [r], { currentYear: YEAR });
    const expected = Math.round(100 * 0.8 ** 2 * (1 - (1 - strength(a, 1)) * (1 - strength(b, 1))));
    expect(p.scores[0].score).toBe(expected);
  });

  it("scales with rule weight", () => {
    const c = credit({ episodes: 40 });
    const strong = scoreTransfer([c], [rule({ weight: 1 })], { currentYear: YEAR }).scores[0].score;
    const weak = scoreTransfer([c], [rule({ weight: 0.4 })], { currentYear: YEAR }).scores[0].score;
    expect(weak).toBeLessThan(strong);
    expect(weak).toBe(Math.round(100 * strength(c, 0.4 ** TRANSFER_MODEL_PARAMS.weightExponent)));
  });

  it("more senior roles score higher for the same credit", () => {
    const base = { showTitle: "Same", episodes: 40 };
    const s = (role: RoleKey) => scoreTransfer([credit({ ...base, role })], [rule()], { currentYear: YEAR }).scores[0].score;
    expect(s("WRITERS_ASSISTANT")).toBeLessThan(s("STAFF_WRITER"));
    expect(s("STAFF_WRITER")).toBeLessThan(s("CO_EXECUTIVE_PRODUCER"));
    expect(s("CO_EXECUTIVE_PRODUCER")).toBeLessThan(s("SHOWRUNNER"));
  });

  it("more episodes score higher, with diminishing returns", () => {
    const s = (episodes: number) => scoreTransfer([credit({ episodes })], [rule()], { currentYear: YEAR }).scores[0].score;
    expect(s(1)).toBeLessThan(s(10));
    expect(s(10)).toBeLessThan(s(22));
    expect(s(22)).toBeLessThan(s(66));
    expect(s(66) - s(44)).toBeLessThan(s(22) - s(1));
  });

  it("older credits count less than recent ones", () => {
    const s = (endYear: number) =>
      scoreTransfer([credit({ startYear: endYear - 1, endYear, episodes: 40 })], [rule()], { currentYear: YEAR }).scores[0].score;
    expect(s(1995)).toBeLessThan(s(2010));
    expect(s(2010)).toBeLessThan(s(2024));
    expect(s(1995)).toBeGreaterThan(0);
  });

  it("ongoing credits count as current and say so in the explanation", () => {
    const ongoing = credit({ id: "x", startYear: 2022, endYear: null, episodes: 30 });
    const endsNow = credit({ id: "x", startYear: 2022, endYear: YEAR, episodes: 30 });
    const endedLastYear = credit({ id: "x", startYear: 2022, endYear: YEAR - 1, episodes: 30 });
    const p = scoreTransfer([ongoing], [rule()], { currentYear: YEAR });
    expect(p.scores[0].score).toBe(scoreTransfer([endsNow], [rule()], { currentYear: YEAR }).scores[0].score);
    expect(p.scores[0].evidence[0].contribution).toBeGreaterThan(
      scoreTransfer([endedLastYear], [rule()], { currentYear: YEAR }).scores[0].evidence[0].contribution,
    );
    expect(p.scores[0].explanation).toMatch(/still ongoing\.$/);
    expect(p.scores[0].explanation).toMatch(/4 years/); // 2022..2025
  });

  it("verified credits get the documented boost", () => {
    const plain = credit({ id: "v", episodes: 25 });
    const verified = { ...plain, verified: true };
    const a = scoreTransfer([plain], [rule()], { currentYear: YEAR }).scores[0];
    const b = scoreTransfer([verified], [rule()], { currentYear: YEAR }).scores[0];
    expect(b.score).toBeGreaterThan(a.score);
    expect(b.evidence[0].contribution / a.evidence[0].contribution).toBeCloseTo(TRANSFER_MODEL_PARAMS.verifiedBoost, 10);
  });

  it("no single credit reaches 100, even verified with a huge run", () => {
    const c = credit({ role: "SHOWRUNNER", episodes: 10_000, endYear: null, verified: true });
    const s = scoreTransfer([c], [rule()], { currentYear: YEAR }).scores[0].score;
    expect(s).toBeLessThan(100);
    expect(s).toBeGreaterThan(90);
  });

  it("many strong credits saturate at 100 and never exceed it", () => {
    const credits = Array.from({ length: 30 }, (_, i) =>
      credit({ showTitle: `Show ${i}`, role: "SHOWRUNNER", episodes: 100, endYear: null, verified: true }),
    );
    const s = scoreTransfer(credits, [rule()], { currentYear: YEAR }).scores[0].score;
    expect(s).toBe(100);
  });
});

// ---------------------------------------------------------------------------
// scoreTransfer: rule selection
// ---------------------------------------------------------------------------

describe("scoreTransfer: rule selection", () => {
  const sitcomWriter = () => credit({ format: "MULTI_CAM_SITCOM", genres: ["COMEDY"], episodes: 44 });

  it("a specific rule refines a general one without double counting", () => {
    const general = rule({ id: "general", taskType: "COMEDIC_TIMING_EVAL", weight: 0.35 });
    const specific = rule({ id: "specific", format: "MULTI_CAM_SITCOM", taskType: "COMEDIC_TIMING_EVAL", weight: 1 });
    const c = sitcomWriter();
    const both = scoreTransfer([c], [general, specific], { currentYear: YEAR }).scores[0];
    const onlySpecific = scoreTransfer([c], [specific], { currentYear: YEAR }).scores[0];
    expect(both.score).toBe(onlySpecific.score);
    expect(both.evidence).toHaveLength(1);
    expect(both.evidence[0].ruleId).toBe("specific");
    // A drama writer only gets the general weight.
    const drama = scoreTransfer([credit({ episodes: 44 })], [general, specific], { currentYear: YEAR }).scores[0];
    expect(drama.evidence[0].ruleId).toBe("general");
    expect(drama.score).toBeLessThan(both.score);
  });

  it("the best-weighted rule wins even when it is the general one", () => {
    const general = rule({ id: "general", weight: 0.9 });
    const specific = rule({ id: "specific", format: "DRAMA", weight: 0.5 });
    const p = scoreTransfer([credit()], [specific, general], { currentYear: YEAR }).scores[0];
    expect(p.evidence[0].ruleId).toBe("general");
  });

  it("equal weights: the more specific rule is cited, then the lower id", () => {
    const dept = rule({ id: "a-dept", weight: 0.7 });
    const role = rule({ id: "z-role", role: "STAFF_WRITER", department: null, weight: 0.7 });
    expect(scoreTransfer([credit()], [dept, role], { currentYear: YEAR }).scores[0].evidence[0].ruleId).toBe("z-role");
    const twin1 = rule({ id: "b", weight: 0.7 });
    const twin2 = rule({ id: "a", weight: 0.7 });
    expect(scoreTransfer([credit()], [twin1, twin2], { currentYear: YEAR }).scores[0].evidence[0].ruleId).toBe("a");
  });

  it("genre rules apply when the credit carries the genre", () => {
    const r = rule({ genre: "COMEDY", taskType: "COMEDIC_TIMING_EVAL" });
    expect(scoreTransfer([credit({ genres: ["COMEDY"] })], [r], { currentYear: YEAR }).scores).toHaveLength(1);
    expect(scoreTransfer([credit({ genres: ["DRAMA"] })], [r], { currentYear: YEAR }).scores).toHaveLength(0);
  });

  it("a credit contributes only to task types with a matching rule", () => {
    const rules = [
      rule({ taskType: "DIALOGUE_DEMONSTRATION" }),
      rule({ department: "POST_PRODUCTION", taskType: "PACING_ANNOTATION" }),
      rule({ role: "DIRECTOR", department: null, taskType: "SHOT_CAMERA_ANNOTATION" }),
    ];
    const p = scoreTransfer([credit({ role: "EDITOR" })], rules, { currentYear: YEAR });
    expect(p.scores.map((s) => s.taskType)).toEqual(["PACING_ANNOTATION"]);
  });
});

// ---------------------------------------------------------------------------
// scoreTransfer: same-show merging
// ---------------------------------------------------------------------------

describe("scoreTransfer: overlapping credits on the same show", () => {
  const r = [rule()];

  it("a duplicated credit (same show, any casing/spacing) does not inflate the score", () => {
    const a = credit({ id: "a", showTitle: "Night Shift", episodes: 20 });
    const dup = credit({ id: "b", showTitle: "  NIGHT   shift ", episodes: 20 });
    const single = scoreTransfer([a], r, { currentYear: YEAR }).scores[0].score;
    const doubled = scoreTransfer([a, dup], r, { currentYear: YEAR }).scores[0];
    expect(doubled.score).toBe(single);
    expect(doubled.evidence).toHaveLength(2); // both credits are still cited
    expect(doubled.explanation).toMatch(/\(20 episodes\)/);
  });

  it("an overlapping partial credit adds nothing beyond the larger one", () => {
    const big = credit({ id: "a", startYear: 2018, endYear: 2021, episodes: 40 });
    const inside = credit({ id: "b", startYear: 2019, endYear: 2020, episodes: 12 });
    expect(scoreTransfer([big, inside], r, { currentYear: YEAR }).scores[0].score).toBe(
      scoreTransfer([big], r, { currentYear: YEAR }).scores[0].score,
    );
  });

  it("consecutive seasons on one show add up like one longer credit", () => {
    const s1 = credit({ id: "a", startYear: 2018, endYear: 2018, episodes: 10 });
    const s2 = credit({ id: "b", startYear: 2019, endYear: 2019, episodes: 10 });
    const whole = credit({ id: "a", startYear: 2018, endYear: 2019, episodes: 20 });
    const split = scoreTransfer([s1, s2], r, { currentYear: YEAR }).scores[0];
    expect(split.score).toBe(scoreTransfer([whole], r, { currentYear: YEAR }).scores[0].score);
    expect(split.score).toBeGreaterThan(scoreTransfer([s2], r, { currentYear: YEAR }).scores[0].score);
  });

  it("the same two credits on different shows score higher than on one show", () => {
    const a = credit({ showTitle: "One", startYear: 2020, endYear: 2022, episodes: 30 });
    const b = credit({ showTitle: "One", startYear: 2020, endYear: 2022, episodes: 30, role: "STORY_EDITOR" });
    const sameShow = scoreTransfer([a, b], r, { currentYear: YEAR }).scores[0].score;
    const twoShows = scoreTransfer([a, { ...b, showTitle: "Two" }], r, { currentYear: YEAR }).scores[0].score;
    expect(sameShow).toBeLessThan(twoShows);
  });

  it("a second role on the same show adds only a small bonus", () => {
    const editor = credit({ id: "a", showTitle: "One", role: "STORY_EDITOR", episodes: 30 });
    const staff = credit({ id: "b", showTitle: "One", role: "STAFF_WRITER", episodes: 30 });
    const alone = scoreTransfer([editor], r, { currentYear: YEAR }).scores[0].score;
    const both = scoreTransfer([editor, staff], r, { currentYear: YEAR }).scores[0].score;
    expect(both).toBeGreaterThan(alone);
    const bonusBound = 100 * TRANSFER_MODEL_PARAMS.additionalRoleBonus * strength(staff, 1) + 1;
    expect(both - alone).toBeLessThanOrEqual(bonusBound);
  });
});

// ---------------------------------------------------------------------------
// scoreTransfer: output shape & explanation
// ---------------------------------------------------------------------------

describe("scoreTransfer: output and explanation", () => {
  it("sorts scores by score desc then task key asc, and evidence by contribution desc", () => {
    const credits = [
      credit({ showTitle: "A", format: "SINGLE_CAM_COMEDY", genres: ["COMEDY"], episodes: 60 }),
      credit({ showTitle: "B", role: "SHOWRUNNER", endYear: null, episodes: 30 }),
      credit({ showTitle: "C", role: "WRITERS_ASSISTANT", episodes: 3, endYear: 2005, startYear: 2004 }),
    ];
    const p = scoreTransfer(credits, DEFAULT_RULES, { currentYear: YEAR });
    expect(p.scores.length).toBeGreaterThan(5);
    for (let i = 1; i < p.scores.length; i++) {
      const a = p.scores[i - 1];
      const b = p.scores[i];
      expect(a.score > b.score || (a.score === b.score && a.taskType < b.taskType)).toBe(true);
    }
    for (const s of p.scores) {
      for (let i = 1; i < s.evidence.length; i++) {
        expect(s.evidence[i - 1].contribution).toBeGreaterThanOrEqual(s.evidence[i].contribution);
      }
    }
  });

  it("builds the explanation sentence from the evidence", () => {
    const credits = [
      credit({
        showTitle: "Corner Office",
        format: "SINGLE_CAM_COMEDY",
        genres: ["COMEDY"],
        role: "STAFF_WRITER",
        startYear: 2019,
        endYear: 2021,
        episodes: 52,
      }),
      credit({
        showTitle: "Parkside",
        format: "SINGLE_CAM_COMEDY",
        genres: ["COMEDY"],
        role: "STORY_EDITOR",
        startYear: 2022,
        endYear: 2024,
        episodes: 60,
      }),
    ];
    const p = scoreTransfer(credits, DEFAULT_RULES, { currentYear: YEAR });
    const timing = p.scores.find((s) => s.taskType === "COMEDIC_TIMING_EVAL")!;
    expect(timing.explanation).toBe(
      `Comedic-timing evaluation: ${timing.score}/100, because 6 years as Story editor and Staff writer on single-camera comedies (112 episodes across 2 shows), most recent 2024.`,
    );
    expect(timing.evidence.map((e) => e.showTitle)).toEqual(["Parkside", "Corner Office"]);
    expect(timing.evidence[0].rationale).toMatch(/Single-camera comedy writers/);
  });

  it("explanations summarise many roles and formats without listing everything", () => {
    const roles: RoleKey[] = ["STAFF_WRITER", "STORY_EDITOR", "CO_PRODUCER", "SHOWRUNNER", "SUPERVISING_PRODUCER"];
    const formats: FormatKey[] = ["DRAMA", "PROCEDURAL", "ANIMATION", "DAYTIME", "CHILDRENS"];
    const credits = roles.map((role, i) =>
      credit({ showTitle: `S${i}`, role, format: formats[i], startYear: 2000 + 2 * i, endYear: 2001 + 2 * i, episodes: 10 }),
    );
    const p = scoreTransfer(credits, [rule()], { currentYear: YEAR });
    const text = p.scores[0].explanation;
    expect(text).toMatch(/and 2 other roles/);
    expect(text).toMatch(/and other formats/);
    expect(text).toMatch(/50 episodes across 5 shows/);
    expect(text).toMatch(/10 years/);
    expect(text).toMatch(/most recent 2009\.$/);
  });

  it("single episode, single year use singular nouns", () => {
    const p = scoreTransfer([credit({ startYear: 2024, endYear: 2024, episodes: 1 })], [rule()], { currentYear: YEAR });
    expect(p.scores[0].explanation).toMatch(/because 1 year as Staff writer on dramas \(1 episode\), most recent 2024\./);
  });
});

// ---------------------------------------------------------------------------
// Rule families with the default rules
// ---------------------------------------------------------------------------

describe("default rule families", () => {
  const run = (...credits: CreditForScoring[]) => scoreTransfer(credits, DEFAULT_RULES, { currentYear: YEAR });

  it("writers → dialogue, scenes and story evaluation", () => {
    const p = run(credit({ role: "STAFF_WRITER", format: "DRAMA", episodes: 30 }));
    for (const t of [
      "DIALOGUE_DEMONSTRATION",
      "STORY_SCENE_WRITING",
      "NARRATIVE_COHERENCE_EVAL",
      "CHARACTER_CONSISTENCY_CHECK",
      "STORY_ARC_ANNOTATION",
      "DIALOGUE_PREFERENCE_RANKING",
      "SCRIPT_RUBRIC_GRADING",
    ] as TaskTypeKey[]) {
      expect(score(p, t), t).toBeGreaterThan(0);
    }
    expect(score(p, "SHOT_CAMERA_ANNOTATION")).toBe(0);
    expect(score(p, "PACING_ANNOTATION")).toBe(0);
  });

  it("comedy formats lift comedic timing well above drama", () => {
    const base = { role: "STAFF_WRITER" as RoleKey, episodes: 40, id: "w" };
    const sitcom = score(run(credit({ ...base, format: "MULTI_CAM_SITCOM" })), "COMEDIC_TIMING_EVAL");
    const lateNight = score(run(credit({ ...base, format: "LATE_NIGHT" })), "COMEDIC_TIMING_EVAL");
    const drama = score(run(credit({ ...base, format: "DRAMA" })), "COMEDIC_TIMING_EVAL");
    const dramedy = score(run(credit({ ...base, format: "DRAMA", genres: ["COMEDY"] })), "COMEDIC_TIMING_EVAL");
    expect(drama).toBeGreaterThan(0);
    expect(sitcom).toBeGreaterThan(2 * drama);
    expect(lateNight).toBe(sitcom);
    expect(dramedy).toBeGreaterThan(drama);
    expect(dramedy).toBeLessThan(sitcom);
  });

  it("showrunners → QA lead, audience engagement, content policy and bias review", () => {
    const p = run(credit({ role: "SHOWRUNNER", episodes: 60, endYear: null }));
    for (const t of ["PROJECT_QA_LEAD", "AUDIENCE_ENGAGEMENT_PREDICTION", "CONTENT_POLICY_REVIEW", "BIAS_REVIEW"] as TaskTypeKey[]) {
      expect(score(p, t), t).toBeGreaterThan(40);
    }
    // A staff writer with the same credit gets none of the leadership tasks.
    const staff = run(credit({ role: "STAFF_WRITER", episodes: 60, endYear: null }));
    expect(score(staff, "PROJECT_QA_LEAD")).toBe(0);
  });

  it("directors → shot/camera, video captioning, tension labelling, video-gen quality", () => {
    const p = run(credit({ role: "DIRECTOR", format: "PROCEDURAL", episodes: 12 }));
    for (const t of [
      "SHOT_CAMERA_ANNOTATION",
      "VIDEO_CAPTIONING",
      "EMOTION_SARCASM_TENSION_LABELLING",
      "VIDEO_GENERATION_QUALITY_EVAL",
    ] as TaskTypeKey[]) {
      expect(score(p, t), t).toBeGreaterThan(0);
    }
    expect(score(p, "DIALOGUE_DEMONSTRATION")).toBe(0);
  });

  it("first ADs → scene segmentation and continuity", () => {
    const p = run(credit({ role: "FIRST_AD", episodes: 40 }));
    expect(p.scores[0].taskType).toBe("SCENE_BEAT_SEGMENTATION");
    expect(score(p, "CONTINUITY_ANNOTATION")).toBeGreaterThan(0);
  });

  it("editors → pacing, beats, captioning; assistant editors the same at lower scores", () => {
    const ed = run(credit({ id: "e", role: "EDITOR", episodes: 40 }));
    const ae = run(credit({ id: "e", role: "ASSISTANT_EDITOR", episodes: 40 }));
    expect(ed.scores[0].taskType).toBe("PACING_ANNOTATION");
    for (const t of ["PACING_ANNOTATION", "SCENE_BEAT_SEGMENTATION", "VIDEO_CAPTIONING"] as TaskTypeKey[]) {
      expect(score(ed, t), t).toBeGreaterThan(0);
      expect(score(ae, t), t).toBeGreaterThan(0);
    }
    expect(score(ae, "PACING_ANNOTATION")).toBeLessThan(score(ed, "PACING_ANNOTATION"));
    expect(score(ae, "SCENE_BEAT_SEGMENTATION")).toBeLessThan(score(ed, "SCENE_BEAT_SEGMENTATION"));
  });

  it("DPs → shot/camera annotation and video-generation quality", () => {
    const p = run(credit({ role: "DIRECTOR_OF_PHOTOGRAPHY", episodes: 20 }));
    expect(p.scores.slice(0, 2).map((s) => s.taskType)).toEqual(["SHOT_CAMERA_ANNOTATION", "VIDEO_GENERATION_QUALITY_EVAL"]);
  });

  it("script supervisors → continuity and character consistency", () => {
    const p = run(credit({ role: "SCRIPT_SUPERVISOR", episodes: 20 }));
    expect(p.scores[0].taskType).toBe("CONTINUITY_ANNOTATION");
    expect(score(p, "CHARACTER_CONSISTENCY_CHECK")).toBeGreaterThan(0);
  });

  it("casting directors → performance annotation and emotion labelling", () => {
    const p = run(credit({ role: "CASTING_DIRECTOR", episodes: 20 }));
    expect(p.scores[0].taskType).toBe("CASTING_PERFORMANCE_ANNOTATION");
    expect(score(p, "EMOTION_SARCASM_TENSION_LABELLING")).toBeGreaterThan(0);
  });

  it("reality and documentary producers → harmful-content probing, bias review, audience engagement", () => {
    for (const format of ["UNSCRIPTED", "DOCUMENTARY"] as FormatKey[]) {
      const p = run(credit({ role: "PRODUCER", format, episodes: 30 }));
      for (const t of ["HARMFUL_CONTENT_PROBING", "BIAS_REVIEW", "AUDIENCE_ENGAGEMENT_PREDICTION"] as TaskTypeKey[]) {
        expect(score(p, t), `${format} ${t}`).toBeGreaterThan(0);
      }
    }
    // A drama producer gets no harmful-content probing.
    expect(score(run(credit({ role: "PRODUCER", format: "DRAMA", episodes: 30 })), "HARMFUL_CONTENT_PROBING")).toBe(0);
  });

  it("late-night writers → comedic timing and prompt writing", () => {
    const p = run(credit({ role: "STAFF_WRITER", format: "LATE_NIGHT", episodes: 150 }));
    expect(
      p.scores
        .slice(0, 2)
        .map((s) => s.taskType)
        .sort(),
    ).toEqual(["COMEDIC_TIMING_EVAL", "PROMPT_WRITING"]);
  });

  it("children's TV → content-policy review", () => {
    const writer = run(credit({ role: "STAFF_WRITER", format: "CHILDRENS", episodes: 40 }));
    const producer = run(credit({ role: "PRODUCER", format: "CHILDRENS", episodes: 40 }));
    expect(writer.scores[0].taskType).toBe("CONTENT_POLICY_REVIEW");
    expect(producer.scores[0].taskType).toBe("CONTENT_POLICY_REVIEW");
  });
});

// ---------------------------------------------------------------------------
// Career summary
// ---------------------------------------------------------------------------

describe("summariseCareer", () => {
  it("is empty for no credits", () => {
    expect(summariseCareer([])).toEqual({
      firstYear: null,
      lastYear: null,
      ongoing: false,
      yearsActive: 0,
      totalEpisodes: 0,
      distinctShows: 0,
      departments: [],
      roles: [],
      formats: [],
    });
  });

  it("counts years, shows and pooled episodes", () => {
    const credits = [
      credit({ showTitle: "A", startYear: 2010, endYear: 2012, episodes: 30, role: "STAFF_WRITER" }),
      credit({ showTitle: "a ", startYear: 2011, endYear: 2012, episodes: 20, role: "STORY_EDITOR" }), // overlaps
      credit({ showTitle: "B", startYear: 2015, endYear: null, episodes: 12, role: "DIRECTOR", format: "PROCEDURAL" }),
    ];
    expect(summariseCareer(credits, { currentYear: 2020 })).toEqual({
      firstYear: 2010,
      lastYear: 2020,
      ongoing: true,
      yearsActive: 3 + 6,
      totalEpisodes: 30 + 12,
      distinctShows: 2,
      departments: ["WRITING", "DIRECTING"],
      roles: ["STAFF_WRITER", "STORY_EDITOR", "DIRECTOR"],
      formats: ["DRAMA", "PROCEDURAL"],
    });
  });

  it("without a current year, ongoing credits end at the latest year mentioned", () => {
    const s = summariseCareer([credit({ startYear: 2018, endYear: null }), credit({ showTitle: "X", startYear: 2012, endYear: 2021 })]);
    expect(s.lastYear).toBe(2021);
    expect(s.yearsActive).toBe(10);
  });
});

// ---------------------------------------------------------------------------
// Properties
// ---------------------------------------------------------------------------

const SHOW_TITLES = ["Night Shift", "night shift", "Parkside", "The Desk", "THE DESK ", "Harbour", "Cold Open"];

const creditArb: fc.Arbitrary<Omit<CreditForScoring, "id">> = fc
  .record({
    showTitle: fc.constantFrom(...SHOW_TITLES),
    format: fc.constantFrom(...FORMAT_KEYS),
    genres: fc.subarray([...GENRE_KEYS], { maxLength: 3 }),
    role: fc.constantFrom(...ROLE_KEYS),
    startYear: fc.integer({ min: 1985, max: YEAR }),
    length: fc.integer({ min: 0, max: 12 }),
    ongoing: fc.boolean(),
    episodes: fc.integer({ min: 0, max: 250 }),
    verified: fc.boolean(),
  })
  .map(({ length, ongoing, ...rest }) => ({
    ...rest,
    endYear: ongoing ? null : Math.min(YEAR, rest.startYear + length),
  }));

const creditsArb = (maxLength = 12) => fc.array(creditArb, { maxLength }).map((cs) => cs.map((c, i) => ({ ...c, id: `c${i}` })));

const ruleArb: fc.Arbitrary<TransferRuleInput> = fc
  .record({
    role: fc.option(fc.constantFrom(...ROLE_KEYS), { nil: null }),
    department: fc.option(fc.constantFrom(...DEPARTMENT_KEYS), { nil: null }),
    format: fc.option(fc.constantFrom(...FORMAT_KEYS), { nil: null }),
    genre: fc.option(fc.constantFrom(...GENRE_KEYS), { nil: null }),
    taskType: fc.constantFrom(...TASK_TYPE_KEYS),
    weight: fc.double({ min: 0, max: 1, noNaN: true }),
  })
  .map((r) => ({ ...r, id: "", rationale: "Generated." }));

const rulesArb = fc.array(ruleArb, { maxLength: 25 }).map((rs) => rs.map((r, i) => ({ ...r, id: `r${String(i).padStart(2, "0")}` })));

/** Default rules most of the time, random (partly invalid) rule sets otherwise. */
const anyRulesArb = fc.oneof({ arbitrary: fc.constant(DEFAULT_RULES), weight: 2 }, { arbitrary: rulesArb, weight: 3 });

const RUNS = { numRuns: 300 };

describe("properties", () => {
  it("deterministic: any ordering of the same credits gives identical output", () => {
    fc.assert(
      fc.property(
        creditsArb().chain((cs) => fc.tuple(fc.constant(cs), fc.shuffledSubarray(cs, { minLength: cs.length, maxLength: cs.length }))),
        anyRulesArb,
        ([credits, shuffled], rules) => {
          const a = scoreTransfer(credits, rules, { currentYear: YEAR });
          const b = scoreTransfer(shuffled, rules, { currentYear: YEAR });
          const c = scoreTransfer(credits, rules, { currentYear: YEAR });
          expect(b).toEqual(a);
          expect(c).toEqual(a);
        },
      ),
      RUNS,
    );
  });

  it("deterministic under rule reordering", () => {
    fc.assert(
      fc.property(
        creditsArb(),
        rulesArb.chain((rs) => fc.tuple(fc.constant(rs), fc.shuffledSubarray(rs, { minLength: rs.length, maxLength: rs.length }))),
        (credits, [rules, shuffled]) => {
          expect(scoreTransfer(credits, shuffled, { currentYear: YEAR })).toEqual(scoreTransfer(credits, rules, { currentYear: YEAR }));
        },
      ),
      RUNS,
    );
  });

  it("monotone: adding a credit never lowers any task score", () => {
    fc.assert(
      fc.property(creditsArb(), creditArb, anyRulesArb, (credits, extra, rules) => {
        const before = scoreMap(scoreTransfer(credits, rules, { currentYear: YEAR }));
        const after = scoreMap(scoreTransfer([...credits, { ...extra, id: "extra" }], rules, { currentYear: YEAR }));
        for (const [task, s] of before) {
          expect(after.get(task) ?? 0, task).toBeGreaterThanOrEqual(s);
        }
      }),
      { numRuns: 500 },
    );
  });

  it("monotone: adding a credit on a show already listed never lowers any score", () => {
    fc.assert(
      fc.property(
        creditsArb().filter((cs) => cs.length > 0),
        creditArb,
        fc.nat(),
        (credits, extra, pick) => {
          const sameShow = { ...extra, id: "extra", showTitle: credits[pick % credits.length].showTitle.toUpperCase() };
          const before = scoreMap(scoreTransfer(credits, DEFAULT_RULES, { currentYear: YEAR }));
          const after = scoreMap(scoreTransfer([...credits, sameShow], DEFAULT_RULES, { currentYear: YEAR }));
          for (const [task, s] of before) expect(after.get(task) ?? 0, task).toBeGreaterThanOrEqual(s);
        },
      ),
      RUNS,
    );
  });

  it("a credit contributes only to task types with a matching rule", () => {
    fc.assert(
      fc.property(creditsArb(), anyRulesArb, (credits, rules) => {
        const p = scoreTransfer(credits, rules, { currentYear: YEAR });
        const byId = new Map(credits.map((c) => [c.id, c]));
        const ruleById = new Map(rules.map((r) => [r.id, r]));
        for (const s of p.scores) {
          expect(s.evidence.length).toBeGreaterThan(0);
          for (const e of s.evidence) {
            const r = ruleById.get(e.ruleId)!;
            const c = byId.get(e.creditId)!;
            expect(r.taskType).toBe(s.taskType);
            expect(ruleMatches(r, c)).toBe(true);
            expect(r.weight).toBeGreaterThan(0);
          }
          // One evidence row per credit and task.
          expect(new Set(s.evidence.map((e) => e.creditId)).size).toBe(s.evidence.length);
        }
        // And every task with no matching positive-weight rule is absent.
        for (const task of TASK_TYPE_KEYS) {
          const reachable = credits.some((c) => rules.some((r) => r.taskType === task && r.weight > 0 && ruleMatches(r, c)));
          if (!reachable)
            expect(
              p.scores.some((s) => s.taskType === task),
              task,
            ).toBe(false);
        }
      }),
      RUNS,
    );
  });

  it("removing every rule for one task removes that task and leaves the others untouched", () => {
    fc.assert(
      fc.property(creditsArb(), fc.constantFrom(...TASK_TYPE_KEYS), (credits, task) => {
        const all = scoreTransfer(credits, DEFAULT_RULES, { currentYear: YEAR });
        const without = scoreTransfer(
          credits,
          DEFAULT_RULES.filter((r) => r.taskType !== task),
          { currentYear: YEAR },
        );
        expect(without.scores).toEqual(all.scores.filter((s) => s.taskType !== task));
      }),
      { numRuns: 150 },
    );
  });

  it("role OTHER with no rules for it gives no scores", () => {
    fc.assert(
      fc.property(fc.array(creditArb, { maxLength: 10 }), (cs) => {
        const credits = cs.map((c, i) => ({ ...c, id: `o${i}`, role: "OTHER" as RoleKey }));
        const p = scoreTransfer(credits, DEFAULT_RULES, { currentYear: YEAR });
        expect(p.scores).toEqual([]);
        expect(p.guidance).not.toBeNull();
      }),
      { numRuns: 100 },
    );
  });

  it("bounds: scores are integers in 1..100, contributions in (0, 1), explanations well-formed", () => {
    fc.assert(
      fc.property(creditsArb(20), anyRulesArb, fc.integer({ min: 1990, max: 2040 }), (credits, rules, currentYear) => {
        const p = scoreTransfer(credits, rules, { currentYear });
        expect(p.guidance === null).toBe(p.scores.length > 0);
        const tasks = p.scores.map((s) => s.taskType);
        expect(new Set(tasks).size).toBe(tasks.length);
        for (const s of p.scores) {
          expect(Number.isInteger(s.score)).toBe(true);
          expect(s.score).toBeGreaterThanOrEqual(1);
          expect(s.score).toBeLessThanOrEqual(100);
          for (const e of s.evidence) {
            expect(e.contribution).toBeGreaterThan(0);
            expect(e.contribution).toBeLessThan(1);
          }
          expect(s.explanation).toMatch(
            new RegExp(
              `^[^:]+: ${s.score}/100, because \\d+ years? as .+ on .+ \\(\\d+ episodes?( across \\d+ shows)?\\), (still ongoing|most recent \\d{4})\\.$`,
            ),
          );
        }
      }),
      RUNS,
    );
  });

  it("a verified copy of a credit never scores lower than the unverified one", () => {
    fc.assert(
      fc.property(creditsArb(8), fc.nat(), (credits, pick) => {
        fc.pre(credits.length > 0);
        const i = pick % credits.length;
        const unverified = credits.map((c, j) => (j === i ? { ...c, verified: false } : c));
        const verified = credits.map((c, j) => (j === i ? { ...c, verified: true } : c));
        const a = scoreMap(scoreTransfer(unverified, DEFAULT_RULES, { currentYear: YEAR }));
        const b = scoreMap(scoreTransfer(verified, DEFAULT_RULES, { currentYear: YEAR }));
        for (const [task, s] of a) expect(b.get(task) ?? 0).toBeGreaterThanOrEqual(s);
      }),
      RUNS,
    );
  });
});

// ---------------------------------------------------------------------------
// Performance
// ---------------------------------------------------------------------------

describe("performance", () => {
  it("scores 40 credits against the default rules in well under a millisecond", () => {
    const roles: RoleKey[] = [
      "STAFF_WRITER",
      "EDITOR",
      "DIRECTOR",
      "PRODUCER",
      "SHOWRUNNER",
      "SCRIPT_SUPERVISOR",
      "CASTING_DIRECTOR",
      "FIRST_AD",
    ];
    const formats: FormatKey[] = ["DRAMA", "MULTI_CAM_SITCOM", "UNSCRIPTED", "DOCUMENTARY", "ANIMATION"];
    const credits = Array.from({ length: 40 }, (_, i) =>
      credit({
        showTitle: `Show ${i % 25}`,
        role: roles[i % roles.length],
        format: formats[i % formats.length],
        genres: ["COMEDY", "CRIME"],
        startYear: 1995 + (i % 25),
        endYear: i % 7 === 0 ? null : 1997 + (i % 25),
        episodes: 8 + i * 3,
        verified: i % 3 === 0,
      }),
    );
    for (let i = 0; i < 200; i++) scoreTransfer(credits, DEFAULT_RULES, { currentYear: YEAR });
    // Best of several batches, so a GC pause or a busy CI neighbour doesn't fail the test.
    const batches: number[] = [];
    for (let b = 0; b < 8; b++) {
      const runs = 50;
      const t0 = performance.now();
      for (let i = 0; i < runs; i++) scoreTransfer(credits, DEFAULT_RULES, { currentYear: YEAR });
      batches.push((performance.now() - t0) / runs);
    }
    expect(Math.min(...batches)).toBeLessThan(1);
  });
});
