import { describe, expect, it } from "vitest";
import {
  type ActivePlacement,
  type ApplicationHistory,
  type FairnessCell,
  type FairnessPerson,
  type TransitionRecord,
  FAIRNESS_K,
  NOT_ANSWERED,
  fairnessReport,
  funnel,
  median,
  quantile,
  suppressGroups,
  terminalExit,
  timeInStage,
  transferMatrix,
  weekStart,
  weeklyCounts,
} from "~/domain/insights";
import type { Stage } from "~/domain/onboarding";

const T0 = Date.UTC(2027, 0, 4); // a Monday
const day = (n: number) => new Date(T0 + n * 86_400_000);

/** An application history from a path of [stage, day] pairs (reason on the last step, if given). */
function app(path: [Stage, number][], opts: { origin?: ApplicationHistory["origin"]; reason?: string } = {}): ApplicationHistory {
  const transitions: TransitionRecord[] = path.map(([stage, d], i) => ({
    fromStage: i === 0 ? null : path[i - 1][0],
    toStage: stage,
    at: day(d),
    reason: i === path.length - 1 ? (opts.reason ?? null) : null,
  }));
  return {
    origin: opts.origin ?? (path[0][0] === "INVITED" ? "INVITED" : "APPLIED"),
    stage: path[path.length - 1][0],
    createdAt: day(path[0][1]),
    transitions,
  };
}

// A hand-built history of 10 applications.
const HISTORY: ApplicationHistory[] = [
  app([["APPLIED", 0]]), // 1 still applied
  app([
    ["APPLIED", 0],
    ["SHORTLISTED", 2],
  ]), // 2 shortlisted
  app(
    [
      ["APPLIED", 0],
      ["DECLINED", 3],
    ],
    { reason: "Not enough comedy experience" },
  ), // 3
  app(
    [
      ["APPLIED", 1],
      ["SHORTLISTED", 3],
      ["SCREENING", 4],
      ["DECLINED", 9],
    ],
    { reason: "not enough comedy  experience " },
  ), // 4
  app([
    ["APPLIED", 1],
    ["SHORTLISTED", 2],
    ["OFFERED", 4],
    ["CONTRACTING", 5],
    ["PAYMENT_SETUP", 6],
    ["TRAINING", 8],
    ["ACTIVE", 10],
  ]), // 5 (no screening)
  app(
    [
      ["INVITED", 2],
      ["SHORTLISTED", 4],
      ["SCREENING", 5],
      ["OFFERED", 7],
      ["CONTRACTING", 8],
      ["PAYMENT_SETUP", 8],
      ["TRAINING", 9],
      ["ACTIVE", 12],
      ["OFFBOARDED", 40],
    ],
    { reason: "Project ended" },
  ), // 6
  app([["INVITED", 2]]), // 7 invited, pending
  app([
    ["INVITED", 3],
    ["WITHDRAWN", 4],
  ]), // 8 withdrew from invitation (no reason)
  app(
    [
      ["APPLIED", 8],
      ["SHORTLISTED", 9],
      ["SCREENING", 10],
      ["OFFERED", 13],
      ["WITHDRAWN", 14],
    ],
    { reason: "Took a staff job" },
  ), // 9
  app([
    ["APPLIED", 9],
    ["SHORTLISTED", 10],
    ["SCREENING", 12],
  ]), // 10 in screening
];

describe("funnel", () => {
  const f = funnel(HISTORY);
  const step = (s: Stage) => f.steps.find((x) => x.stage === s)!;

  it("counts every application on the entry step and splits entries by origin", () => {
    expect(f.total).toBe(10);
    expect(step("APPLIED").reached).toBe(10);
    expect(step("APPLIED").label).toBe("Applied or invited");
    expect(f.entries).toEqual({ APPLIED: 7, INVITED: 3, RECOMMENDED: 0 });
    expect(f.steps.map((s) => s.stage)).toEqual([
      "APPLIED",
      "SHORTLISTED",
      "SCREENING",
      "OFFERED",
      "CONTRACTING",
      "PAYMENT_SETUP",
      "TRAINING",
      "ACTIVE",
    ]);
  });

  it("counts applications that reached each step or beyond, and conversion from the previous step", () => {
    // shortlisted or beyond: 2,4,5,6,9,10
    expect(step("SHORTLISTED").reached).toBe(6);
    // screening or beyond: 4,5(skipped, reached offered),6,9,10
    expect(step("SCREENING").reached).toBe(5);
    expect(step("SCREENING").entered).toBe(4); // #5 skipped screening
    expect(step("OFFERED").reached).toBe(3); // 5,6,9
    expect(step("OFFERED").entered).toBe(3);
    expect(step("CONTRACTING").reached).toBe(2);
    expect(step("TRAINING").reached).toBe(2);
    expect(step("ACTIVE").reached).toBe(2); // 5 and 6 (offboarded later still reached Active)
    expect(step("APPLIED").conversion).toBeNull();
    expect(step("SHORTLISTED").conversion).toBeCloseTo(6 / 10);
    expect(step("SCREENING").conversion).toBeCloseTo(5 / 6);
    expect(step("OFFERED").conversion).toBeCloseTo(3 / 5);
    expect(step("CONTRACTING").conversion).toBeCloseTo(2 / 3);
    expect(step("ACTIVE").conversion).toBe(1);
    // monotone
    for (let i = 1; i < f.steps.length; i++) expect(f.steps[i].reached).toBeLessThanOrEqual(f.steps[i - 1].reached);
  });

  it("counts the current stage (INVITED counts on the entry step)", () => {
    expect(step("APPLIED").current).toBe(2); // #1 applied, #7 invited
    expect(step("SHORTLISTED").current).toBe(1);
    expect(step("SCREENING").current).toBe(1);
    expect(step("ACTIVE").current).toBe(1);
    const inPipeline = f.steps.reduce((s, x) => s + x.current, 0);
    const terminal = f.dropOutTotals.reduce((s, x) => s + x.count, 0);
    expect(inPipeline + terminal).toBe(10);
  });

  it("counts drop-outs by terminal stage and the stage they left from", () => {
    expect(f.dropOutTotals).toEqual([
      { stage: "WITHDRAWN", label: "Withdrawn", count: 2 },
      { stage: "DECLINED", label: "Not selected", count: 2 },
      { stage: "OFFBOARDED", label: "Offboarded", count: 1 },
    ]);
    expect(f.dropOuts).toEqual([
      { stage: "WITHDRAWN", from: "INVITED", count: 1 },
      { stage: "WITHDRAWN", from: "OFFERED", count: 1 },
      { stage: "DECLINED", from: "APPLIED", count: 1 },
      { stage: "DECLINED", from: "SCREENING", count: 1 },
      { stage: "OFFBOARDED", from: "ACTIVE", count: 1 },
    ]);
    expect(step("APPLIED").droppedHere).toBe(2); // declined from applied, withdrew from invited
    expect(step("SCREENING").droppedHere).toBe(1);
    expect(step("OFFERED").droppedHere).toBe(1);
    expect(step("ACTIVE").droppedHere).toBe(1);
  });

  it("groups reasons case- and whitespace-insensitively and ranks them", () => {
    expect(f.topReasons[0]).toEqual({ stage: "DECLINED", reason: "Not enough comedy experience", count: 2 });
    expect(f.topReasons).toHaveLength(3);
    expect(f.withoutReason).toBe(1);
    expect(funnel(HISTORY, { reasonLimit: 1 }).topReasons).toHaveLength(1);
  });

  it("falls back to the stored reason and the previous transition when the history is thin", () => {
    const thin: ApplicationHistory = {
      origin: "APPLIED",
      stage: "DECLINED",
      createdAt: day(0),
      lastReason: "Closed early",
      transitions: [
        { fromStage: null, toStage: "APPLIED", at: day(0) },
        { fromStage: null, toStage: "DECLINED", at: day(1) },
      ],
    };
    expect(terminalExit(thin)).toEqual({ stage: "DECLINED", from: "APPLIED", reason: "Closed early" });
    expect(terminalExit({ ...thin, transitions: [] })).toEqual({ stage: "DECLINED", from: null, reason: "Closed early" });
    expect(terminalExit(HISTORY[0])).toBeNull();
  });

  it("handles an empty input", () => {
    const e = funnel([]);
    expect(e.total).toBe(0);
    expect(e.steps.every((s) => s.reached === 0 && (s.conversion === null || Number.isNaN(s.conversion) === false))).toBe(true);
    expect(e.steps[1].conversion).toBeNull();
  });

  it("does not depend on the order transitions are given in", () => {
    const shuffled = HISTORY.map((a) => ({ ...a, transitions: [...a.transitions].reverse() }));
    expect(funnel(shuffled)).toEqual(f);
  });
});

describe("percentiles", () => {
  it("interpolates linearly between closest ranks", () => {
    expect(median([])).toBeNull();
    expect(median([5])).toBe(5);
    expect(median([1, 3])).toBe(2);
    expect(median([3, 1, 2])).toBe(2);
    expect(quantile([1, 2, 3, 4], 0.25)).toBeCloseTo(1.75);
    expect(quantile([1, 2, 3, 4], 0.75)).toBeCloseTo(3.25);
    expect(quantile([10, 20, 30, 40, 50], 0.25)).toBe(20);
    expect(quantile([10, 20, 30, 40, 50], 0)).toBe(10);
    expect(quantile([10, 20, 30, 40, 50], 1)).toBe(50);
  });
});

describe("time in stage", () => {
  const rows = timeInStage(HISTORY);
  const row = (s: Stage) => rows.find((r) => r.stage === s)!;

  it("measures completed stays from transition timestamps, in days", () => {
    // APPLIED stays: #2: 2, #3: 3, #4: 2, #5: 1, #9: 1, #10: 1 -> sorted 1,1,1,2,2,3
    const applied = row("APPLIED");
    expect(applied.n).toBe(6);
    expect(applied.median).toBe(1.5);
    expect(applied.p25).toBe(1);
    expect(applied.p75).toBe(2);
    expect(applied.min).toBe(1);
    expect(applied.max).toBe(3);
    // SCREENING: #4: 5, #6: 2, #9: 3 -> 2,3,5
    expect(row("SCREENING").median).toBe(3);
    expect(row("SCREENING").p25).toBe(2.5);
    expect(row("SCREENING").p75).toBe(4);
    // ACTIVE: #6 28 days, #5 ongoing
    expect(row("ACTIVE").n).toBe(1);
    expect(row("ACTIVE").median).toBe(28);
  });

  it("leaves ongoing stays out of the percentiles and counts them separately (censored)", () => {
    expect(row("APPLIED").ongoing).toBe(1); // #1
    expect(row("INVITED").ongoing).toBe(1); // #7
    expect(row("INVITED").n).toBe(2); // #6 2 days, #8 1 day
    expect(row("SHORTLISTED").ongoing).toBe(1); // #2
    expect(row("SCREENING").ongoing).toBe(1); // #10
    expect(row("ACTIVE").ongoing).toBe(1); // #5
    expect(rows.some((r) => ["WITHDRAWN", "DECLINED", "OFFBOARDED"].includes(r.stage))).toBe(false);
  });

  it("reports zero-length stays as 0 and empty stages as null", () => {
    expect(row("CONTRACTING").min).toBe(0); // #6 contracting -> payment setup the same day
    const empty = timeInStage([]);
    expect(empty.every((r) => r.n === 0 && r.median === null && r.p25 === null && r.p75 === null)).toBe(true);
  });
});

describe("weekly counts", () => {
  it("uses ISO weeks starting Monday (UTC)", () => {
    expect(weekStart(new Date("2027-01-10T23:59:00Z")).toISOString()).toBe("2027-01-04T00:00:00.000Z"); // Sunday
    expect(weekStart(new Date("2027-01-04T00:00:00Z")).toISOString()).toBe("2027-01-04T00:00:00.000Z");
    expect(weekStart(new Date("2027-01-01T12:00:00Z")).toISOString()).toBe("2026-12-28T00:00:00.000Z"); // Friday
  });

  it("counts per week and fills empty weeks with zero", () => {
    const series = weeklyCounts([day(0), day(1), day(6), day(7), day(22)]);
    expect(series).toEqual([
      { weekStart: "2027-01-04", count: 3 },
      { weekStart: "2027-01-11", count: 1 },
      { weekStart: "2027-01-18", count: 0 },
      { weekStart: "2027-01-25", count: 1 },
    ]);
    expect(series.reduce((s, w) => s + w.count, 0)).toBe(5);
  });

  it("respects a range and keeps only the most recent weeks", () => {
    const series = weeklyCounts([day(0), day(22)], { from: day(-7), to: day(30) });
    expect(series[0]).toEqual({ weekStart: "2026-12-28", count: 0 });
    expect(series).toHaveLength(6);
    const capped = weeklyCounts([day(0), day(22)], { maxWeeks: 2 });
    expect(capped).toEqual([
      { weekStart: "2027-01-18", count: 0 },
      { weekStart: "2027-01-25", count: 1 },
    ]);
    expect(weeklyCounts([])).toEqual([]);
    expect(weeklyCounts([], { from: day(0), to: day(8) })).toHaveLength(2);
  });
});

describe("transfer heat map", () => {
  const placements: ActivePlacement[] = [
    {
      roles: ["STAFF_WRITER", "STORY_EDITOR", "STAFF_WRITER"],
      formats: ["MULTI_CAM_SITCOM"],
      taskTypes: ["DIALOGUE_PREFERENCE_RANKING", "COMEDIC_TIMING_EVAL"],
    },
    { roles: ["STAFF_WRITER"], formats: ["MULTI_CAM_SITCOM", "SINGLE_CAM_COMEDY"], taskTypes: ["DIALOGUE_PREFERENCE_RANKING"] },
    { roles: ["EDITOR"], formats: ["DOCUSERIES"], taskTypes: ["VIDEO_CAPTION_REVIEW"] },
    { roles: [], formats: [], taskTypes: ["DIALOGUE_PREFERENCE_RANKING"] },
  ];

  it("counts each active application once per distinct role x task type", () => {
    const m = transferMatrix(placements, "role");
    expect(m.totalActive).toBe(4);
    expect(m.rows).toEqual([
      { key: "STAFF_WRITER", total: 2 },
      { key: "EDITOR", total: 1 },
      { key: "STORY_EDITOR", total: 1 },
    ]);
    expect(m.cols[0]).toEqual({ key: "DIALOGUE_PREFERENCE_RANKING", total: 3 });
    const cell = (r: string, c: string) => m.cells.find((x) => x.row === r && x.col === c);
    expect(cell("STAFF_WRITER", "DIALOGUE_PREFERENCE_RANKING")).toEqual({
      row: "STAFF_WRITER",
      col: "DIALOGUE_PREFERENCE_RANKING",
      count: 2,
      share: 1,
      intensity: 1,
    });
    expect(cell("STAFF_WRITER", "COMEDIC_TIMING_EVAL")).toMatchObject({ count: 1, share: 0.5, intensity: 0.5 });
    expect(cell("EDITOR", "DIALOGUE_PREFERENCE_RANKING")).toBeUndefined();
    expect(m.maxCount).toBe(2);
  });

  it("works by format and cuts to the largest rows/columns", () => {
    const m = transferMatrix(placements, "format", { maxRows: 1, maxCols: 1 });
    expect(m.rows).toEqual([{ key: "MULTI_CAM_SITCOM", total: 2 }]);
    expect(m.cols).toEqual([{ key: "DIALOGUE_PREFERENCE_RANKING", total: 3 }]);
    expect(m.cells).toEqual([{ row: "MULTI_CAM_SITCOM", col: "DIALOGUE_PREFERENCE_RANKING", count: 2, share: 1, intensity: 1 }]);
    expect(m.omittedRows).toBe(2);
    expect(m.omittedCols).toBe(2);
    expect(transferMatrix([], "role")).toMatchObject({ totalActive: 0, rows: [], cols: [], cells: [], maxCount: 0 });
  });
});

// ---------------------------------------------------------------------------
// Fairness
// ---------------------------------------------------------------------------

function people(
  n: number,
  demographics: Record<string, string> | null,
  outcome: { selected?: number; invited?: number; applicants?: number; completed?: number },
): FairnessPerson[] {
  // The first `selected` are selected, the first `invited` invited, the first `applicants` have
  // applications and the first `completed` of those completed.
  return Array.from({ length: n }, (_, i) => ({
    demographics,
    applications: i < (outcome.applicants ?? 0) ? 1 : 0,
    selected: i < (outcome.selected ?? 0),
    invited: i < (outcome.invited ?? 0),
    completed: i < (outcome.completed ?? 0),
  }));
}

function shown(cell: FairnessCell) {
  if (cell.suppressed) throw new Error("expected a shown cell");
  return cell;
}

describe("fairness", () => {
  const population = [
    ...people(20, { gender: "Woman" }, { selected: 10, invited: 8, applicants: 20, completed: 10 }),
    ...people(15, { gender: "Man" }, { selected: 6, invited: 6, applicants: 10, completed: 3 }),
    ...people(10, { gender: "Non-binary" }, { selected: 3, invited: 3, applicants: 10, completed: 5 }),
    ...people(9, { gender: "I use another term" }, { selected: 9, invited: 9, applicants: 9, completed: 9 }),
    ...people(12, { gender: "Prefer not to say" }, { selected: 12, invited: 12, applicants: 12, completed: 12 }),
    ...people(3, null, { applicants: 1 }),
  ];
  const report = fairnessReport(population);
  const gender = report.attributes.find((a) => a.key === "gender")!;
  const group = (g: string) => gender.groups.find((x) => x.group === g)!;

  it("covers every attribute, lists every group (also empty and suppressed) and never omits one", () => {
    expect(report.attributes.map((a) => a.key)).toEqual(["gender", "ethnicity", "ageBand", "disability"]);
    expect(gender.groups.map((g) => g.group)).toEqual([
      "Woman",
      "Man",
      "Non-binary",
      "I use another term",
      "Prefer not to say",
      NOT_ANSWERED,
    ]);
    expect(report.included).toBe(69);
    expect(report.k).toBe(FAIRNESS_K);
    expect(report.threshold).toBe(0.8);
  });

  it("computes rates per group with the right denominators", () => {
    expect(shown(group("Woman").cells.selection)).toMatchObject({ count: 10, denominator: 20, rate: 0.5 });
    expect(shown(group("Man").cells.invitation)).toMatchObject({ count: 6, denominator: 15, rate: 0.4 });
    // completion: among those with at least one application
    expect(shown(group("Man").cells.completion)).toMatchObject({ count: 3, denominator: 10, rate: 0.3 });
    expect(shown(group("Woman").cells.completion)).toMatchObject({ count: 10, denominator: 20, rate: 0.5 });
  });

  it("takes the highest shown rate as reference (not a non-disclosure group) and flags ratios under 4/5", () => {
    // selection: Woman .5, Man .4, Non-binary .3 ; Prefer not to say 1.0 is not a reference.
    expect(gender.reference.selection).toEqual({ group: "Woman", rate: 0.5 });
    const woman = shown(group("Woman").cells.selection);
    expect(woman).toMatchObject({ ratio: 1, isReference: true, flagged: false });
    const man = shown(group("Man").cells.selection);
    expect(man.ratio).toBeCloseTo(0.8);
    expect(man.flagged).toBe(false); // exactly 4/5 is not below it
    const nb = shown(group("Non-binary").cells.selection);
    expect(nb.ratio).toBeCloseTo(0.6);
    expect(nb.flagged).toBe(true);
    const pnts = shown(group("Prefer not to say").cells.selection);
    expect(pnts).toMatchObject({ rate: 1, ratio: 2, isReference: false, flagged: false });
    // invitation: Woman 8/20=.4, Man .4, Non-binary .3 -> ratio .75 flagged
    expect(gender.reference.invitation?.rate).toBeCloseTo(0.4);
    expect(shown(group("Man").cells.invitation).isReference).toBe(true);
    expect(shown(group("Non-binary").cells.invitation).flagged).toBe(true);
    // completion: Woman .5, Man .3 (ratio .6 flagged), Non-binary .5
    expect(shown(group("Man").cells.completion).flagged).toBe(true);
    expect(gender.flagged).toBe(3); // selection: Non-binary; invitation: Non-binary; completion: Man
  });

  it("suppresses groups below k (9 hidden, 10 shown) and keeps them out of the reference", () => {
    const small = group("I use another term"); // 9 people, all selected (rate 1.0)
    expect(small.cells.selection).toEqual({ suppressed: true, why: "small-group" });
    expect(small.cells.completion).toEqual({ suppressed: true, why: "small-group" });
    expect(shown(group("Non-binary").cells.selection).denominator).toBe(10);
    expect(gender.reference.selection?.group).toBe("Woman"); // not the hidden 100 % group
    // a suppressed cell carries no number at all
    expect(Object.keys(small.cells.selection).sort()).toEqual(["suppressed", "why"]);
  });

  it("suppresses complementary groups when the hidden total would be below k", () => {
    // Hidden: "I use another term" 9 + "Not answered" 3 = 12 >= 10: nothing more to hide.
    expect(shown(group("Man").cells.selection).denominator).toBe(15);
    // Ethnicity: everybody unanswered except ... nobody -> all in "Not answered" (69), all else empty (0).
    const eth = report.attributes.find((a) => a.key === "ethnicity")!;
    expect(eth.groups.find((g) => g.group === NOT_ANSWERED)!.cells.selection.suppressed).toBe(false);
    expect(eth.groups.filter((g) => g.cells.selection.suppressed)).toHaveLength(eth.groups.length - 1);
    // Nobody else is a reference: the only shown group is a non-disclosure group.
    expect(eth.reference.selection).toBeNull();
    expect(shown(eth.groups.find((g) => g.group === NOT_ANSWERED)!.cells.selection).ratio).toBeNull();
  });

  it("hides the smallest shown group when exactly one small group would be revealed by subtraction", () => {
    const pop = [
      ...people(12, { disability: "No" }, { selected: 6, applicants: 12 }),
      ...people(11, { disability: "Prefer not to say" }, { selected: 2, applicants: 11 }),
      ...people(6, { disability: "Yes, I identify as disabled" }, { selected: 1, applicants: 6 }),
    ];
    const d = fairnessReport(pop).attributes.find((a) => a.key === "disability")!;
    const cell = (g: string) => d.groups.find((x) => x.group === g)!.cells.selection;
    expect(cell("Yes, I identify as disabled")).toEqual({ suppressed: true, why: "small-group" });
    expect(cell("Prefer not to say")).toEqual({ suppressed: true, why: "complementary" });
    expect(cell("No").suppressed).toBe(false);
  });

  it("suppressGroups: hidden totals are 0 or at least k", () => {
    expect([
      ...suppressGroups(
        [
          { group: "a", size: 12 },
          { group: "b", size: 12 },
          { group: "c", size: 6 },
        ],
        10,
      ),
    ]).toEqual([
      ["c", "small-group"],
      ["a", "complementary"],
    ]);
    expect([
      ...suppressGroups(
        [
          { group: "a", size: 12 },
          { group: "b", size: 9 },
          { group: "c", size: 1 },
        ],
        10,
      ),
    ]).toEqual([
      ["b", "small-group"],
      ["c", "small-group"],
    ]);
    expect([
      ...suppressGroups(
        [
          { group: "a", size: 30 },
          { group: "b", size: 0 },
        ],
        10,
      ),
    ]).toEqual([["b", "small-group"]]);
    expect([
      ...suppressGroups(
        [
          { group: "a", size: 10 },
          { group: "b", size: 10 },
        ],
        10,
      ),
    ]).toEqual([]);
    expect([...suppressGroups([{ group: "a", size: 4 }], 10)]).toEqual([["a", "small-group"]]);
    // property: for random sizes the hidden total is never between 1 and k-1 unless everything is hidden
    for (let trial = 0; trial < 200; trial++) {
      const sizes = Array.from({ length: 1 + (trial % 6) }, (_, i) => ({ group: `g${i}`, size: (trial * 7 + i * 13) % 25 }));
      const hidden = suppressGroups(sizes, 10);
      const total = sizes.filter((s) => hidden.has(s.group)).reduce((a, s) => a + s.size, 0);
      const allHidden = hidden.size === sizes.length;
      expect(allHidden || total === 0 || total >= 10).toBe(true);
      for (const s of sizes) if (s.size < 10) expect(hidden.has(s.group)).toBe(true);
    }
  });

  it("uses the applicant count as the completion denominator, suppressed separately", () => {
    const pop = [
      ...people(20, { gender: "Woman" }, { selected: 5, applicants: 8, completed: 4 }),
      ...people(20, { gender: "Man" }, { selected: 5, applicants: 15, completed: 3 }),
    ];
    const g = fairnessReport(pop).attributes[0];
    const woman = g.groups.find((x) => x.group === "Woman")!;
    expect(woman.cells.selection.suppressed).toBe(false);
    expect(woman.cells.completion).toEqual({ suppressed: true, why: "small-group" });
    // Man's 15 applicants are shown? The hidden total would be 8 (< k), so Man is hidden too.
    expect(g.groups.find((x) => x.group === "Man")!.cells.completion).toEqual({ suppressed: true, why: "complementary" });
  });

  it("reports no ratio when nobody was selected and hides the population size below k", () => {
    const pop = people(12, { gender: "Woman" }, {});
    const r = fairnessReport(pop);
    const woman = shown(r.attributes[0].groups[0].cells.selection);
    expect(woman).toMatchObject({ rate: 0, ratio: null, flagged: false });
    expect(fairnessReport(people(9, { gender: "Woman" }, { selected: 9 })).included).toBeNull();
    expect(
      fairnessReport(people(9, { gender: "Woman" }, { selected: 9 })).attributes[0].groups.every((g) => g.cells.selection.suppressed),
    ).toBe(true);
  });

  it("honours a custom k and unknown answers become their own group", () => {
    const pop = [...people(5, { gender: "Woman" }, { selected: 5 }), ...people(5, { gender: "Other value" }, { selected: 1 })];
    const r = fairnessReport(pop, { k: 5 });
    expect(r.attributes[0].groups.map((g) => g.group)).toContain("Other value");
    expect(shown(r.attributes[0].groups.find((g) => g.group === "Other value")!.cells.selection).ratio).toBeCloseTo(0.2);
  });

  it("never outputs anything per person", () => {
    const json = JSON.stringify(report);
    expect(json).not.toMatch(/"demographics"/);
    expect(json).not.toMatch(/"applications"/);
  });
});
