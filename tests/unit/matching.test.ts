import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  type ComponentKey,
  formatUtcOffset,
  hardFilter,
  humanizeKey,
  MATCH_WEIGHTS,
  MAX_START_DELAY_DAYS,
  type MatchGig,
  type MatchPerson,
  type MatchResult,
  cardMatch,
  MATCH_LABELS,
  matchScore,
  personScorer,
  meetsMinimumRate,
  passesHardFilter,
  rankCandidates,
  rankGigsForPerson,
  scoreMatch,
  withoutPrivateFields,
} from "~/domain/matching";

// ---------------------------------------------------------------------------
// Fixtures
// ---------------------------------------------------------------------------

function person(over: Partial<MatchPerson> = {}): MatchPerson {
  return {
    id: "p1",
    transferScores: { comedic_timing: 91, script_coverage: 70 },
    formats: ["sitcom"],
    genres: ["comedy", "drama"],
    languages: [{ code: "en", level: "native" }],
    hoursPerWeek: 20,
    minRate: { amount: 6000, currency: "USD" },
    timezoneOffsetMinutes: -300,
    verifiedCreditCount: 3,
    availableFrom: "2025-01-01",
    ...over,
  };
}

function gig(over: Partial<MatchGig> = {}): MatchGig {
  return {
    id: "g1",
    taskTypes: ["comedic_timing"],
    genres: ["comedy"],
    formats: ["sitcom"],
    languages: ["en"],
    hoursPerWeek: 20,
    payHourlyEquivalent: { amount: 7500, currency: "USD" },
    timezoneWindow: { minOffsetMinutes: -480, maxOffsetMinutes: -180 },
    startDate: "2025-02-01",
    ...over,
  };
}

function component(r: MatchResult, key: ComponentKey) {
  const c = r.components.find((x) => x.key === key);
  if (!c) throw new Error(`no component ${key}`);
  return c;
}

function deepFreeze<T>(o: T): T {
  if (o && typeof o === "object") {
    for (const v of Object.values(o)) deepFreeze(v);
    Object.freeze(o);
  }
  return o;
}

// ---------------------------------------------------------------------------

describe("weights", () => {
  it("match the brief and sum to 1", () => {
    expect(MATCH_WEIGHTS).toEqual({
      transfer: 0.55,
      genreFormat: 0.15,
      availability: 0.1,
      rate: 0.1,
      timezone: 0.05,
      credits: 0.05,
    });
    expect(Object.values(MATCH_WEIGHTS).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
  });

  it("every result lists all six components, in a fixed order, with their weights", () => {
    const r = scoreMatch(person(), gig());
    expect(r.components.map((c) => c.key)).toEqual(["transfer", "genreFormat", "availability", "rate", "timezone", "credits"]);
    for (const c of r.components) {
      expect(c.weight).toBe(MATCH_WEIGHTS[c.key]);
      expect(c.label.length).toBeGreaterThan(0);
      expect(c.reason.length).toBeGreaterThan(0);
    }
  });
});

describe("hardFilter", () => {
  it("passes a person who speaks the required language natively", () => {
    expect(hardFilter(person(), gig())).toEqual({ pass: true, failures: [] });
  });

  it.each([
    ["native", true],
    ["fluent", true],
    ["conversational", false],
  ] as const)("required language at %s -> pass=%s", (level, pass) => {
    const r = hardFilter(person({ languages: [{ code: "es", level }] }), gig({ languages: ["es"] }));
    expect(r.pass).toBe(pass);
    if (!pass) expect(r.failures).toEqual(["Needs fluent Spanish (you listed conversational)"]);
  });

  it("fails when the language isn't on the profile at all", () => {
    expect(hardFilter(person(), gig({ languages: ["en", "fr"] }))).toEqual({
      pass: false,
      failures: ["Needs fluent French (not on your profile)"],
    });
  });

  it("uses the best level when a language is listed twice", () => {
    const p = person({
      languages: [
        { code: "de", level: "conversational" },
        { code: "de-AT", level: "fluent" },
      ],
    });
    expect(hardFilter(p, gig({ languages: ["de"] })).pass).toBe(true);
  });

  it("matches codes case-insensitively and by primary language when the gig gives no region", () => {
    expect(hardFilter(person({ languages: [{ code: "EN-gb", level: "fluent" }] }), gig({ languages: ["en"] })).pass).toBe(true);
    expect(hardFilter(person({ languages: [{ code: "pt", level: "fluent" }] }), gig({ languages: ["pt-BR"] })).pass).toBe(true);
    expect(hardFilter(person({ languages: [{ code: "pt-PT", level: "native" }] }), gig({ languages: ["pt-BR"] })).pass).toBe(false);
    expect(hardFilter(person({ languages: [{ code: "es", level: "native" }] }), gig({ languages: ["en"] })).pass).toBe(false);
  });

  it("needs no language when the gig lists none, and reports each missing language once", () => {
    expect(hardFilter(person({ languages: [] }), gig({ languages: [] })).pass).toBe(true);
    expect(hardFilter(person({ languages: [] }), gig({ languages: ["fr", "FR", "it"] })).failures).toHaveLength(2);
  });

  it("fails a person with 0 hours a week but not an unknown number", () => {
    expect(hardFilter(person({ hoursPerWeek: 0 }), gig())).toMatchObject({ pass: false });
    expect(hardFilter(person({ hoursPerWeek: null }), gig()).pass).toBe(true);
  });

  it(`fails a person available more than ${MAX_START_DELAY_DAYS} days after the start`, () => {
    const g = gig({ startDate: "2025-01-01" });
    expect(hardFilter(person({ availableFrom: "2025-03-02" }), g).pass).toBe(true); // 60 days
    const r = hardFilter(person({ availableFrom: "2025-03-03" }), g); // 61 days
    expect(r.pass).toBe(false);
    expect(r.failures[0]).toMatch(/2025-03-03/);
    expect(hardFilter(person({ availableFrom: null }), g).pass).toBe(true);
    expect(hardFilter(person({ availableFrom: "2026-01-01" }), gig({ startDate: null })).pass).toBe(true);
  });

  it("collects every failure", () => {
    const r = hardFilter(
      person({ languages: [], hoursPerWeek: 0, availableFrom: "2026-01-01" }),
      gig({ languages: ["en"], startDate: "2025-01-01" }),
    );
    expect(r.failures).toHaveLength(3);
  });
});

describe("transfer component", () => {
  it("uses the score for the gig's task type, with a reason naming it", () => {
    const r = scoreMatch(person(), gig());
    expect(component(r, "transfer")).toMatchObject({
      value: 0.91,
      reason: "Comedic timing: transfer score 91 (needed for this gig)",
    });
  });

  it("uses caller-supplied labels", () => {
    const r = scoreMatch(person(), gig(), { labels: { taskTypes: { comedic_timing: "Comedic-timing" } } });
    expect(r.reasons[0]).toBe("Comedic-timing: transfer score 91 (needed for this gig)");
  });

  it("averages across task types and treats a missing score as 0", () => {
    const r = scoreMatch(person(), gig({ taskTypes: ["comedic_timing", "script_coverage", "dialogue_rewrite"] }));
    const c = component(r, "transfer");
    expect(c.value).toBeCloseTo((91 + 70 + 0) / 300, 12);
    expect(c.reason).toBe("Average transfer score 54 across the gig's 3 task types");
    expect(r.reasons).toContain("No transfer score for dialogue rewrite yet (needed for this gig)");
    expect(r.reasons).toContain("Script coverage: transfer score 70 (needed for this gig)");
  });

  it("ignores duplicate task types and matches keys case-insensitively", () => {
    const r = scoreMatch(person(), gig({ taskTypes: ["COMEDIC_TIMING", "comedic_timing"] }));
    expect(component(r, "transfer").value).toBeCloseTo(0.91, 12);
  });

  it("clamps out-of-range and non-finite scores", () => {
    expect(component(scoreMatch(person({ transferScores: { comedic_timing: 150 } }), gig()), "transfer").value).toBe(1);
    expect(component(scoreMatch(person({ transferScores: { comedic_timing: -20 } }), gig()), "transfer").value).toBe(0);
    expect(component(scoreMatch(person({ transferScores: { comedic_timing: Number.NaN } }), gig()), "transfer").value).toBe(0);
  });

  it("isn't fooled by task type keys that collide with Object.prototype", () => {
    const r = scoreMatch(person({ transferScores: {} }), gig({ taskTypes: ["constructor", "toString"] }), {
      labels: { taskTypes: {} },
    });
    expect(component(r, "transfer").value).toBe(0);
    expect(r.reasons).toContain("No transfer score for constructor yet (needed for this gig)");
  });

  it("is neutral when the gig lists no task types", () => {
    const c = component(scoreMatch(person(), gig({ taskTypes: [] })), "transfer");
    expect(c.value).toBe(0.5);
    expect(c.reason).toMatch(/doesn't list/);
  });
});

describe("genre/format component", () => {
  it("is 1 with full overlap", () => {
    const c = component(scoreMatch(person(), gig()), "genreFormat");
    expect(c.value).toBe(1);
    expect(c.reason).toBe("You've worked in comedy, which this gig wants; You've worked in sitcom, which this gig wants");
  });

  it("scores partial overlap per dimension and averages genre and format", () => {
    const r = scoreMatch(person({ genres: ["comedy"], formats: [] }), gig({ genres: ["comedy", "thriller"], formats: ["sitcom"] }));
    expect(component(r, "genreFormat").value).toBeCloseTo((0.5 + 0) / 2, 12);
    expect(r.reasons).toContain("You've worked in comedy, which this gig lists");
    expect(r.reasons).toContain("No experience listed in the gig's format (sitcom)");
  });

  it("uses only genres when the gig has no formats", () => {
    const r = scoreMatch(person({ genres: ["Drama"] }), gig({ genres: ["drama"], formats: undefined }));
    expect(component(r, "genreFormat").value).toBe(1);
  });

  it("is 0 with no overlap and names what the gig wants", () => {
    const r = scoreMatch(
      person({ genres: ["news"], formats: ["documentary"] }),
      gig({ genres: ["comedy", "drama"], formats: ["sitcom"] }),
      { labels: { genres: { comedy: "Comedy", drama: "Drama" } } },
    );
    expect(component(r, "genreFormat").value).toBe(0);
    expect(component(r, "genreFormat").reason).toBe(
      "No experience listed in the gig's genres (comedy and drama); No experience listed in the gig's format (sitcom)",
    );
  });

  it("is 1 when the gig is open to anything", () => {
    const c = component(scoreMatch(person({ genres: [], formats: [] }), gig({ genres: [], formats: [] })), "genreFormat");
    expect(c).toMatchObject({ value: 1, reason: "The gig is open to any genre or format" });
  });
});

describe("availability component", () => {
  const value = (p: Partial<MatchPerson>, g: Partial<MatchGig> = {}) => component(scoreMatch(person(p), gig(g)), "availability");

  it("is 1 when hours are enough and the person can start in time", () => {
    expect(value({ hoursPerWeek: 30 }).value).toBe(1);
    expect(value({ hoursPerWeek: 30 }).reason).toBe(
      "You can give 30 h/week; the gig needs 20; You're available from 2025-01-01, before the gig starts on 2025-02-01",
    );
  });

  it("scales with hours offered (60% of the component)", () => {
    expect(value({ hoursPerWeek: 10 }).value).toBeCloseTo(0.6 * 0.5 + 0.4, 12);
    expect(value({ hoursPerWeek: 10 }).reason).toMatch(/less than the 20 the gig needs/);
  });

  it("is partly unknown when the person hasn't said their hours", () => {
    expect(value({ hoursPerWeek: null }).value).toBeCloseTo(0.6 * 0.5 + 0.4, 12);
  });

  it("doesn't penalise when the gig sets no hours or start date", () => {
    expect(value({ hoursPerWeek: 1 }, { hoursPerWeek: null, startDate: null }).value).toBe(1);
    expect(value({ availableFrom: null }).value).toBe(1);
  });

  it("penalises a late start linearly, reaching 0 for the start part at 30 days", () => {
    const g = { startDate: "2025-02-01" };
    expect(value({ availableFrom: "2025-02-16" }, g).value).toBeCloseTo(0.6 + 0.4 * 0.5, 12);
    expect(value({ availableFrom: "2025-02-16" }, g).reason).toMatch(/available 15 days after the gig starts/);
    expect(value({ availableFrom: "2025-03-15" }, g).value).toBeCloseTo(0.6, 12);
    expect(value({ availableFrom: "2025-02-02" }, g).reason).toMatch(/1 day after/);
  });
});

describe("rate component", () => {
  const rate = (p: Partial<MatchPerson>, g: Partial<MatchGig> = {}) => component(scoreMatch(person(p), gig(g)), "rate");

  it("is 1 when the person's minimum is within the gig's pay", () => {
    expect(rate({})).toMatchObject({ value: 1, reason: "Your rate $60/h is within the gig's $75/h" });
    expect(rate({ minRate: { amount: 7500, currency: "USD" } }).value).toBe(1);
  });

  it("falls off as the minimum exceeds the pay", () => {
    const c = rate({ minRate: { amount: 9000, currency: "USD" } });
    expect(c.value).toBeCloseTo(0.8, 12);
    expect(c.reason).toBe("Your rate $90/h is above the gig's $75/h");
    expect(rate({ minRate: { amount: 20000, currency: "USD" } }).value).toBe(0);
    expect(rate({}, { payHourlyEquivalent: { amount: 0, currency: "USD" } }).value).toBe(0);
  });

  it("doesn't compare across currencies, and says so", () => {
    const c = rate({ minRate: { amount: 100, currency: "gbp" } });
    expect(c.value).toBe(0.5);
    expect(c.reason).toBe("Your rate is in GBP and the gig pays in USD, so we didn't compare them");
  });

  it("compares currency codes case-insensitively", () => {
    expect(rate({ minRate: { amount: 6000, currency: "usd" } }).value).toBe(1);
  });

  it("is neutral when either side is unknown", () => {
    expect(rate({ minRate: null })).toMatchObject({
      value: 0.5,
      reason: "You haven't set a minimum rate; the gig pays $75/h",
    });
    expect(rate({}, { payHourlyEquivalent: null })).toMatchObject({
      value: 0.5,
      reason: "The gig hasn't published an hourly pay estimate",
    });
  });
});

describe("timezone component", () => {
  const tz = (offset: number | null, window: MatchGig["timezoneWindow"] = { minOffsetMinutes: -480, maxOffsetMinutes: -180 }) =>
    component(scoreMatch(person({ timezoneOffsetMinutes: offset }), gig({ timezoneWindow: window })), "timezone");

  it("is 1 inside the window (inclusive) with the brief's wording", () => {
    expect(tz(-300)).toMatchObject({ value: 1, reason: "Works in UTC-5, inside the gig's UTC-8..UTC-3 window" });
    expect(tz(-480).value).toBe(1);
    expect(tz(-180).value).toBe(1);
  });

  it("decays outside the window, reaching 0 six hours out", () => {
    expect(tz(0).value).toBeCloseTo(0.5, 12);
    expect(tz(0).reason).toBe("Works in UTC, 3 hours outside the gig's UTC-8..UTC-3 window");
    expect(tz(-540).value).toBeCloseTo(1 - 60 / 360, 12);
    expect(tz(-540).reason).toMatch(/1 hour outside/);
    expect(tz(330).value).toBe(0);
  });

  it("handles windows that wrap around the date line", () => {
    const wrap = { minOffsetMinutes: 600, maxOffsetMinutes: -600 };
    expect(tz(720, wrap).value).toBe(1);
    expect(tz(-660, wrap).value).toBe(1);
    expect(tz(540, wrap).value).toBeCloseTo(1 - 60 / 360, 12);
  });

  it("is neutral when the person's timezone is unknown and 1 when the gig has no window", () => {
    expect(tz(null).value).toBe(0.5);
    expect(tz(-300, null)).toMatchObject({ value: 1, reason: "The gig works across all timezones" });
  });

  it("formats offsets", () => {
    expect(formatUtcOffset(0)).toBe("UTC");
    expect(formatUtcOffset(-300)).toBe("UTC-5");
    expect(formatUtcOffset(330)).toBe("UTC+5:30");
    expect(formatUtcOffset(-570)).toBe("UTC-9:30");
  });
});

describe("credits component", () => {
  it.each([
    [0, 0, "No verified credits yet"],
    [1, 0.2, "1 verified credit on your profile"],
    [3, 0.6, "3 verified credits on your profile"],
    [5, 1, "5 verified credits on your profile"],
    [40, 1, "40 verified credits on your profile"],
    [-2, 0, "No verified credits yet"],
  ])("%i credits -> %f", (n, v, reason) => {
    const c = component(scoreMatch(person({ verifiedCreditCount: n }), gig()), "credits");
    expect(c.value).toBeCloseTo(v, 12);
    expect(c.reason).toBe(reason);
  });
});

describe("scoreMatch", () => {
  it("combines components into an integer score", () => {
    const r = scoreMatch(person(), gig());
    // 0.55×0.91 + 0.15 + 0.10 + 0.10 + 0.05 + 0.05×0.6 = 0.9305
    expect(r.score).toBe(93);
    const raw = r.components.reduce((a, c) => a + c.weight * c.value, 0);
    expect(r.score).toBe(Math.round(raw * 100));
  });

  it("a perfect fit scores 100 and an empty profile scores low", () => {
    expect(scoreMatch(person({ transferScores: { comedic_timing: 100 }, verifiedCreditCount: 5 }), gig()).score).toBe(100);
    const empty = person({
      transferScores: {},
      genres: [],
      formats: [],
      hoursPerWeek: null,
      minRate: null,
      timezoneOffsetMinutes: null,
      verifiedCreditCount: 0,
      availableFrom: null,
    });
    // 0 + 0 + 0.1×0.7 + 0.1×0.5 + 0.05×0.5 + 0 = 0.145
    expect(scoreMatch(empty, gig()).score).toBe(15);
  });

  it("orders reasons strongest first", () => {
    expect(scoreMatch(person(), gig()).reasons).toEqual([
      "Comedic timing: transfer score 91 (needed for this gig)",
      "Your rate $60/h is within the gig's $75/h",
      "You've worked in comedy, which this gig wants",
      "You've worked in sitcom, which this gig wants",
      "You can give 20 h/week; the gig needs 20",
      "Works in UTC-5, inside the gig's UTC-8..UTC-3 window",
      "You're available from 2025-01-01, before the gig starts on 2025-02-01",
      "3 verified credits on your profile",
    ]);
  });

  it("puts weaknesses after strengths", () => {
    const r = scoreMatch(person({ transferScores: { comedic_timing: 5 }, minRate: { amount: 50000, currency: "USD" } }), gig());
    expect(r.reasons.indexOf("Your rate $500/h is above the gig's $75/h")).toBe(r.reasons.length - 1);
    expect(r.reasons[0]).toBe("You've worked in comedy, which this gig wants");
  });

  it("doesn't mutate its inputs", () => {
    const p = deepFreeze(person());
    const g = deepFreeze(gig());
    expect(() => scoreMatch(p, g)).not.toThrow();
    expect(() => rankCandidates([p], g, 5)).not.toThrow();
  });

  it("humanizes keys", () => {
    expect(humanizeKey("comedic_timing")).toBe("Comedic timing");
    expect(humanizeKey("SCRIPT-COVERAGE")).toBe("Script coverage");
    expect(humanizeKey("dialogueRewrite")).toBe("Dialogue rewrite");
  });
});

describe("rankCandidates", () => {
  const people = [
    person({ id: "b", transferScores: { comedic_timing: 80 } }),
    person({ id: "a", transferScores: { comedic_timing: 80 } }),
    person({ id: "c", transferScores: { comedic_timing: 95 } }),
    person({ id: "x", languages: [{ code: "en", level: "conversational" }], transferScores: { comedic_timing: 100 } }),
    person({ id: "d", transferScores: { comedic_timing: 10 } }),
  ];

  it("filters, then sorts by score desc and id asc", () => {
    const r = rankCandidates(people, gig(), 10);
    expect(r.map((c) => c.person.id)).toEqual(["c", "a", "b", "d"]);
    expect(r[1].score).toBe(r[2].score);
    for (const c of r) expect(c.score).toBe(c.match.score);
  });

  it("respects the limit", () => {
    expect(rankCandidates(people, gig(), 2).map((c) => c.person.id)).toEqual(["c", "a"]);
    expect(rankCandidates(people, gig(), 0)).toEqual([]);
    expect(rankCandidates(people, gig(), -3)).toEqual([]);
    expect(rankCandidates(people, gig(), 2.9)).toHaveLength(2);
    expect(rankCandidates(people, gig())).toHaveLength(4);
    expect(rankCandidates(people, gig(), Number.POSITIVE_INFINITY)).toHaveLength(4);
  });

  it("sorts ids by code unit, not locale", () => {
    const r = rankCandidates([person({ id: "b" }), person({ id: "B" }), person({ id: "a" })], gig(), 10);
    expect(r.map((c) => c.person.id)).toEqual(["B", "a", "b"]);
  });

  it("keeps the caller's person type", () => {
    const extended = [{ ...person(), displayName: "Ana" }];
    const r = rankCandidates(extended, gig(), 1);
    expect(r[0].person.displayName).toBe("Ana");
  });
});

// ---------------------------------------------------------------------------
// Properties
// ---------------------------------------------------------------------------

const TASKS = ["comedic_timing", "script_coverage", "dialogue_rewrite", "fact_check"];
const GENRES = ["comedy", "drama", "news", "thriller"];
const FORMATS = ["sitcom", "feature", "documentary"];
const LANGS = ["en", "es", "fr"];

const moneyArb = fc.option(fc.record({ amount: fc.integer({ min: 0, max: 30000 }), currency: fc.constantFrom("USD", "GBP") }), {
  nil: null,
});
const dateArb = fc.option(
  fc.integer({ min: 0, max: 200 }).map((d) => new Date(Date.UTC(2025, 0, 1) + d * 86_400_000).toISOString().slice(0, 10)),
  { nil: null },
);

const personArb = (id: fc.Arbitrary<string>): fc.Arbitrary<MatchPerson> =>
  fc.record({
    id,
    transferScores: fc.dictionary(fc.constantFrom(...TASKS), fc.integer({ min: 0, max: 100 })),
    formats: fc.subarray(FORMATS),
    genres: fc.subarray(GENRES),
    languages: fc.array(
      fc.record({
        code: fc.constantFrom(...LANGS),
        level: fc.constantFrom("native" as const, "fluent" as const, "conversational" as const),
      }),
      { maxLength: 3 },
    ),
    hoursPerWeek: fc.option(fc.integer({ min: 0, max: 60 }), { nil: null }),
    minRate: moneyArb,
    timezoneOffsetMinutes: fc.option(fc.integer({ min: -12 * 60, max: 14 * 60 }), { nil: null }),
    verifiedCreditCount: fc.integer({ min: 0, max: 20 }),
    availableFrom: dateArb,
  });

const gigArb: fc.Arbitrary<MatchGig> = fc.record({
  id: fc.constant("g"),
  taskTypes: fc.subarray(TASKS),
  genres: fc.subarray(GENRES),
  formats: fc.option(fc.subarray(FORMATS), { nil: undefined }),
  languages: fc.subarray(LANGS, { maxLength: 1 }),
  hoursPerWeek: fc.option(fc.integer({ min: 1, max: 40 }), { nil: null }),
  payHourlyEquivalent: moneyArb,
  timezoneWindow: fc.option(
    fc
      .tuple(fc.integer({ min: -720, max: 840 }), fc.integer({ min: -720, max: 840 }))
      .map(([a, b]) => ({ minOffsetMinutes: Math.min(a, b), maxOffsetMinutes: Math.max(a, b) })),
    { nil: null },
  ),
  startDate: dateArb,
});

describe("properties", () => {
  it("score is an integer in 0..100, component values in 0..1, reasons non-empty and unique", () => {
    fc.assert(
      fc.property(personArb(fc.constant("p")), gigArb, (p, g) => {
        const r = scoreMatch(p, g);
        expect(Number.isInteger(r.score)).toBe(true);
        expect(r.score).toBeGreaterThanOrEqual(0);
        expect(r.score).toBeLessThanOrEqual(100);
        for (const c of r.components) {
          expect(c.value).toBeGreaterThanOrEqual(0);
          expect(c.value).toBeLessThanOrEqual(1);
          expect(c.reason.length).toBeGreaterThan(0);
        }
        expect(r.reasons.length).toBeGreaterThan(0);
        expect(new Set(r.reasons).size).toBe(r.reasons.length);
        for (const s of r.reasons) expect(s.trim().length).toBeGreaterThan(0);
        const f = hardFilter(p, g);
        expect(f.pass).toBe(f.failures.length === 0);
      }),
      { numRuns: 500 },
    );
  });

  it("cardMatch gives scoreMatch's score and first reason (ties included), with and without labels", () => {
    let tied = 0;
    fc.assert(
      fc.property(personArb(fc.constant("p")), gigArb, fc.boolean(), (p, g, labelled) => {
        const options = labelled ? MATCH_LABELS : {};
        const full = scoreMatch(p, g, options);
        expect(cardMatch(p, g, options)).toEqual({ score: full.score, reason: full.reasons[0] });
        if (full.components.filter((c) => c.value * MATCH_WEIGHTS[c.key] === 0.05).length > 1) tied++;
      }),
      { numRuns: 3000 },
    );
    // equal contributions do occur (timezone and credits both full: 0.05 each), so the tie order is exercised
    expect(tied).toBeGreaterThan(10);
    // a tie on the top contribution: the earlier component's reason wins, as in scoreMatch's sort
    const g = gig({ taskTypes: ["script_coverage", "comedic_timing"] });
    const p = person({ transferScores: { comedic_timing: 91, script_coverage: 91 } });
    expect(scoreMatch(p, g).reasons.slice(0, 2)).toEqual([
      "Script coverage: transfer score 91 (needed for this gig)",
      "Comedic timing: transfer score 91 (needed for this gig)",
    ]);
    expect(cardMatch(p, g).reason).toBe("Script coverage: transfer score 91 (needed for this gig)");
  });

  it("is deterministic: same input, same output", () => {
    fc.assert(
      fc.property(personArb(fc.constant("p")), gigArb, (p, g) => {
        expect(scoreMatch(p, g)).toEqual(scoreMatch(structuredClone(p), structuredClone(g)));
      }),
      { numRuns: 200 },
    );
  });

  it("ranking doesn't depend on input order", () => {
    const peopleArb = fc.uniqueArray(personArb(fc.string({ minLength: 1, maxLength: 4 })), {
      selector: (p) => p.id,
      maxLength: 25,
    });
    fc.assert(
      fc.property(peopleArb, gigArb, fc.integer({ min: 0, max: 30 }), fc.func(fc.integer()), (people, g, limit, keyFn) => {
        const shuffled = [...people]
          .map((p, i) => ({ p, k: keyFn(p.id, i) }))
          .sort((a, b) => a.k - b.k)
          .map((x) => x.p);
        const a = rankCandidates(people, g, limit).map((c) => [c.person.id, c.score]);
        const b = rankCandidates(shuffled, g, limit).map((c) => [c.person.id, c.score]);
        expect(b).toEqual(a);
        // sorted: score desc, then id asc
        for (let i = 1; i < a.length; i++) {
          const [prevId, prevScore] = a[i - 1] as [string, number];
          const [id, score] = a[i] as [string, number];
          expect(prevScore > score || (prevScore === score && prevId < id)).toBe(true);
        }
        // only people passing the hard filter
        for (const [id] of a) {
          const p = people.find((x) => x.id === id);
          expect(p && hardFilter(p, g).pass).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  });

  it("raising a required task type's transfer score never lowers the match score", () => {
    fc.assert(
      fc.property(
        personArb(fc.constant("p")),
        gigArb.filter((g) => g.taskTypes.length > 0),
        fc.nat(),
        fc.integer({ min: 0, max: 100 }),
        fc.integer({ min: 0, max: 100 }),
        (p, g, pick, s1, s2) => {
          const task = g.taskTypes[pick % g.taskTypes.length];
          const [lo, hi] = s1 <= s2 ? [s1, s2] : [s2, s1];
          const low = scoreMatch({ ...p, transferScores: { ...p.transferScores, [task]: lo } }, g);
          const high = scoreMatch({ ...p, transferScores: { ...p.transferScores, [task]: hi } }, g);
          expect(high.score).toBeGreaterThanOrEqual(low.score);
          expect(component(high, "transfer").value).toBeGreaterThanOrEqual(component(low, "transfer").value);
        },
      ),
      { numRuns: 500 },
    );
  });

  it("adding a missing score for a required task type never lowers the match score", () => {
    fc.assert(
      fc.property(
        personArb(fc.constant("p")),
        gigArb.filter((g) => g.taskTypes.length > 0),
        fc.integer({ min: 0, max: 100 }),
        (p, g, s) => {
          const task = g.taskTypes[0];
          const without = { ...p.transferScores };
          delete without[task];
          const a = scoreMatch({ ...p, transferScores: without }, g).score;
          const b = scoreMatch({ ...p, transferScores: { ...without, [task]: s } }, g).score;
          expect(b).toBeGreaterThanOrEqual(a);
        },
      ),
      { numRuns: 200 },
    );
  });
});

// ---------------------------------------------------------------------------
// The score-only path that rankCandidates uses must agree with scoreMatch exactly.
// Wider inputs than above: key spelling variants, out-of-range and non-finite numbers,
// windows that wrap around the date line, mixed currencies.
// ---------------------------------------------------------------------------

const keyVariant = (keys: string[]) =>
  fc
    .tuple(
      fc.constantFrom(...keys),
      fc.constantFrom(
        (k: string) => k,
        (k: string) => k.toUpperCase(),
        (k: string) => ` ${k} `,
      ),
    )
    .map(([k, f]) => f(k));
const oddNumber = fc.oneof(fc.integer({ min: -10, max: 120 }), fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, -0, 0.5, 99.5));
const wideMoney = fc.option(
  fc.record({
    amount: fc.oneof(fc.integer({ min: 0, max: 30000 }), fc.constantFrom(-1, Number.NaN)),
    currency: fc.constantFrom("USD", "usd ", "GBP"),
  }),
  { nil: null },
);
const widePersonArb: fc.Arbitrary<MatchPerson> = fc.record({
  id: fc.string({ minLength: 1, maxLength: 3 }),
  transferScores: fc.dictionary(keyVariant(TASKS), oddNumber),
  formats: fc.array(keyVariant(FORMATS), { maxLength: 4 }),
  genres: fc.array(keyVariant(GENRES), { maxLength: 5 }),
  languages: fc.array(
    fc.record({
      code: fc.constantFrom("en", "EN", "en-GB", "es", "pt-BR", "pt"),
      level: fc.constantFrom("native" as const, "fluent" as const, "conversational" as const),
    }),
    { maxLength: 3 },
  ),
  hoursPerWeek: fc.option(oddNumber, { nil: null }),
  minRate: wideMoney,
  timezoneOffsetMinutes: fc.option(fc.oneof(fc.integer({ min: -12 * 60, max: 14 * 60 }), fc.constant(Number.NaN)), { nil: null }),
  verifiedCreditCount: oddNumber,
  availableFrom: fc.option(
    fc.oneof(
      dateArb.map((d) => d ?? "2025-01-01"),
      fc.constantFrom("2025-03-01T12:00:00Z", "not a date"),
    ),
    { nil: null },
  ),
});
const wideGigArb: fc.Arbitrary<MatchGig> = fc.record({
  id: fc.constant("g"),
  taskTypes: fc.array(keyVariant(TASKS), { maxLength: 4 }),
  genres: fc.array(keyVariant(GENRES), { maxLength: 3 }),
  formats: fc.option(fc.array(keyVariant(FORMATS), { maxLength: 3 }), { nil: undefined }),
  languages: fc.subarray(["en", "es", "pt-BR", "en-US"], { maxLength: 2 }),
  hoursPerWeek: fc.option(oddNumber, { nil: null }),
  payHourlyEquivalent: wideMoney,
  timezoneWindow: fc.option(
    fc
      .tuple(fc.integer({ min: -720, max: 840 }), fc.integer({ min: -720, max: 840 }))
      .map(([a, b]) => ({ minOffsetMinutes: a, maxOffsetMinutes: b })),
    { nil: null },
  ),
  startDate: dateArb,
});

describe("score-only ranking path", () => {
  it("personScorer(person) scores and compares pay exactly as matchScore and meetsMinimumRate, for every gig in turn", () => {
    fc.assert(
      fc.property(widePersonArb, fc.array(wideGigArb, { maxLength: 6 }), (p, gigs) => {
        const scorer = personScorer(p);
        for (const g of gigs) {
          expect(scorer.score(g)).toBe(matchScore(p, g));
          expect(scorer.meetsMinimumRate(g)).toBe(meetsMinimumRate(p, g));
        }
      }),
      { numRuns: 3000 },
    );
  });

  it("matchScore equals scoreMatch(...).score and passesHardFilter equals hardFilter(...).pass", () => {
    fc.assert(
      fc.property(widePersonArb, wideGigArb, (p, g) => {
        expect(matchScore(p, g)).toBe(scoreMatch(p, g).score);
        expect(passesHardFilter(p, g)).toBe(hardFilter(p, g).pass);
      }),
      { numRuns: 3000 },
    );
  });

  it("rankCandidates equals scoring everyone with scoreMatch, filtering with hardFilter and sorting", () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(widePersonArb, { selector: (p) => p.id, maxLength: 30 }),
        wideGigArb,
        fc.integer({ min: 0, max: 35 }),
        (people, g, limit) => {
          const expected = people
            .filter((p) => hardFilter(p, g).pass)
            .map((p) => ({ person: p, match: scoreMatch(p, g) }))
            .sort((a, b) => b.match.score - a.match.score || (a.person.id < b.person.id ? -1 : a.person.id > b.person.id ? 1 : 0))
            .slice(0, limit);
          const got = rankCandidates(people, g, limit);
          expect(got.map((c) => c.person.id)).toEqual(expected.map((c) => c.person.id));
          expect(got.map((c) => c.match)).toEqual(expected.map((c) => c.match));
          expect(got.map((c) => c.score)).toEqual(expected.map((c) => c.match.score));
        },
      ),
      { numRuns: 500 },
    );
  });
});

// ---------------------------------------------------------------------------
// What labs see never depends on the private minimum rate (issue #17, item 6).
// ---------------------------------------------------------------------------

describe("lab audience", () => {
  it("the lab score leaves the rate out and rescales the other weights", () => {
    const g = gig({ payHourlyEquivalent: { amount: 5000, currency: "USD" } });
    const within = scoreMatch(person({ minRate: { amount: 4000, currency: "USD" } }), g);
    const above = scoreMatch(person({ minRate: { amount: 9000, currency: "USD" } }), g);
    // The professional's own score reflects the rate; the lab score does not.
    expect(within.score).toBeGreaterThan(above.score);
    expect(within.labScore).toBe(above.labScore);
    const shared = within.components.filter((c) => c.key !== "rate").reduce((a, c) => a + c.weight * c.value, 0);
    expect(within.labScore).toBe(Math.round((shared / (1 - MATCH_WEIGHTS.rate)) * 100));
  });

  it("property: labScore, sharedReasons and the lab ranking are identical for any two private rates", () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(widePersonArb, { selector: (p) => p.id, minLength: 1, maxLength: 20 }),
        wideGigArb,
        fc.nat(),
        wideMoney,
        fc.integer({ min: 0, max: 25 }),
        (people, g, which, otherRate, limit) => {
          const i = which % people.length;
          const repriced = people.map((p, j) => (j === i ? { ...p, minRate: otherRate } : p));
          const a = scoreMatch(people[i], g);
          const b = scoreMatch(repriced[i], g);
          expect(b.labScore).toBe(a.labScore);
          expect(b.sharedReasons).toEqual(a.sharedReasons);
          expect(matchScore(repriced[i], g, "lab")).toBe(matchScore(people[i], g, "lab"));
          const view = (xs: MatchPerson[]) =>
            rankCandidates(xs, g, limit, { audience: "lab" }).map((c) => [c.person.id, c.score, c.match.labScore, c.match.sharedReasons]);
          expect(view(repriced)).toEqual(view(people));
        },
      ),
      { numRuns: 1000 },
    );
  });

  it("property: re-pricing the gig moves the lab score of nobody (a lab learns nothing by editing pay)", () => {
    fc.assert(
      fc.property(widePersonArb, wideGigArb, wideMoney, (p, g, pay) => {
        expect(scoreMatch(p, { ...g, payHourlyEquivalent: pay }).labScore).toBe(scoreMatch(p, g).labScore);
      }),
      { numRuns: 1000 },
    );
  });

  it("matchScore(..., 'lab') equals scoreMatch(...).labScore, and rankCandidates sorts on it", () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(widePersonArb, { selector: (p) => p.id, maxLength: 30 }),
        wideGigArb,
        fc.integer({ min: 0, max: 35 }),
        (people, g, limit) => {
          for (const p of people) expect(matchScore(p, g, "lab")).toBe(scoreMatch(p, g).labScore);
          const expected = people
            // The lab-side hard filter reads no private field (the available-from rule is the person's own).
            .filter((p) => hardFilter(withoutPrivateFields(p), g).pass)
            .map((p) => ({ person: p, match: scoreMatch(p, g) }))
            .sort((a, b) => b.match.labScore - a.match.labScore || (a.person.id < b.person.id ? -1 : a.person.id > b.person.id ? 1 : 0))
            .slice(0, limit);
          const got = rankCandidates(people, g, limit, { audience: "lab" });
          expect(got.map((c) => c.person.id)).toEqual(expected.map((c) => c.person.id));
          expect(got.map((c) => c.score)).toEqual(expected.map((c) => c.match.labScore));
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe("the minimum rate: the person's promise, and nothing a lab sees depends on it", () => {
  const usd = (amount: number) => ({ amount, currency: "USD" });

  it("meetsMinimumRate: true at or above the minimum, false below, null when it cannot be told", () => {
    expect(meetsMinimumRate(person({ minRate: usd(5500) }), gig({ payHourlyEquivalent: usd(5500) }))).toBe(true);
    expect(meetsMinimumRate(person({ minRate: usd(5500) }), gig({ payHourlyEquivalent: usd(1200) }))).toBe(false);
    expect(meetsMinimumRate(person({ minRate: null }), gig({ payHourlyEquivalent: usd(1200) }))).toBeNull();
    expect(meetsMinimumRate(person({ minRate: usd(5500) }), gig({ payHourlyEquivalent: null }))).toBeNull();
    expect(meetsMinimumRate(person({ minRate: { amount: 5500, currency: "GBP" } }), gig({ payHourlyEquivalent: usd(1200) }))).toBeNull();
  });

  it("the issue's case: a $55/h minimum keeps a $12/h gig out of recommendations and after every other gig in a match sort", () => {
    const p = person({ minRate: usd(5500), transferScores: { comedic_timing: 95 } });
    const cheap = gig({ id: "cheap", payHourlyEquivalent: usd(1200) });
    const fair = gig({ id: "fair", payHourlyEquivalent: usd(6000), genres: [], formats: [], taskTypes: ["script_coverage"] });
    // Without the rule the cheap gig would rank first on skills alone.
    expect(scoreMatch(p, cheap).score).toBeGreaterThan(scoreMatch(p, fair).score);
    expect(rankGigsForPerson(p, [cheap, fair], { belowMinimum: "exclude" }).map((r) => r.gig.id)).toEqual(["fair"]);
    const sorted = rankGigsForPerson(p, [cheap, fair], { belowMinimum: "last" });
    expect(sorted.map((r) => [r.gig.id, r.belowMinimum])).toEqual([
      ["fair", false],
      ["cheap", true],
    ]);
    expect(rankGigsForPerson(p, [cheap, fair], { belowMinimum: "last", exclude: new Set(["fair"]) }).map((r) => r.gig.id)).toEqual([
      "cheap",
    ]);
  });

  const gigsArb = fc.uniqueArray(
    gigArb.chain((g) => fc.string({ minLength: 1, maxLength: 3 }).map((id) => ({ ...g, id }))),
    { selector: (g) => g.id, maxLength: 12 },
  );

  it("property: recommendations never hold a gig below the minimum or one the person applied to; the rest keep score order", () => {
    fc.assert(
      fc.property(
        personArb(fc.constant("p")),
        gigsArb,
        fc.array(fc.string({ minLength: 1, maxLength: 3 }), { maxLength: 4 }),
        (p, gigs, applied) => {
          const exclude = new Set(applied);
          const got = rankGigsForPerson(p, gigs, { belowMinimum: "exclude", exclude });
          for (const r of got) {
            expect(meetsMinimumRate(p, r.gig)).not.toBe(false);
            expect(exclude.has(r.gig.id)).toBe(false);
            expect(r.belowMinimum).toBe(false);
          }
          // Nothing else is dropped.
          const kept = gigs.filter((g) => !exclude.has(g.id) && meetsMinimumRate(p, g) !== false);
          expect(got.map((r) => r.gig.id).sort()).toEqual(kept.map((g) => g.id).sort());
          for (let i = 1; i < got.length; i++) expect(got[i - 1].match.score).toBeGreaterThanOrEqual(got[i].match.score);
        },
      ),
      { numRuns: 500 },
    );
  });

  it("property: ranking on matchScore and building reasons for the kept gigs only gives what scoring every gig in full gave", () => {
    // The reference is the earlier implementation: scoreMatch for every gig, sort, then cut.
    const reference = (
      p: MatchPerson,
      gigs: MatchGig[],
      opts: { belowMinimum: "exclude" | "last"; exclude?: ReadonlySet<string>; limit?: number },
    ) => {
      const all = gigs
        .filter((g) => !opts.exclude?.has(g.id))
        .map((g) => ({ gig: g, belowMinimum: meetsMinimumRate(p, g) === false }))
        .filter((x) => opts.belowMinimum === "last" || !x.belowMinimum)
        .map((x) => ({ ...x, match: scoreMatch(p, x.gig) }))
        .sort(
          (a, b) =>
            Number(a.belowMinimum) - Number(b.belowMinimum) ||
            b.match.score - a.match.score ||
            (a.gig.id < b.gig.id ? -1 : a.gig.id > b.gig.id ? 1 : 0),
        );
      return opts.limit === undefined ? all : all.slice(0, Math.max(0, Math.floor(opts.limit)));
    };
    fc.assert(
      fc.property(
        personArb(fc.constant("p")),
        gigsArb,
        fc.constantFrom("exclude" as const, "last" as const),
        fc.option(fc.integer({ min: 0, max: 8 }), { nil: undefined }),
        fc.array(fc.string({ minLength: 1, maxLength: 3 }), { maxLength: 3 }),
        (p, gigs, belowMinimum, limit, applied) => {
          const opts = { belowMinimum, limit, exclude: new Set(applied) };
          expect(rankGigsForPerson(p, gigs, opts)).toEqual(reference(p, gigs, opts));
        },
      ),
      { numRuns: 500 },
    );
  });

  it("property: in a match sort every gig below the minimum comes after every gig that meets it, and is flagged", () => {
    fc.assert(
      fc.property(personArb(fc.constant("p")), gigsArb, (p, gigs) => {
        const got = rankGigsForPerson(p, gigs, { belowMinimum: "last" });
        expect(got).toHaveLength(gigs.length);
        const firstBelow = got.findIndex((r) => r.belowMinimum);
        if (firstBelow >= 0) expect(got.slice(firstBelow).every((r) => r.belowMinimum)).toBe(true);
        for (const r of got) expect(r.belowMinimum).toBe(meetsMinimumRate(p, r.gig) === false);
      }),
      { numRuns: 500 },
    );
  });

  it("property: what labs see (labScore, sharedReasons, the lab-side ranking) does not depend on the minimum rate", () => {
    fc.assert(
      fc.property(personArb(fc.constant("p")), moneyArb, gigArb, (p, otherRate, g) => {
        const a = scoreMatch(p, g);
        const b = scoreMatch({ ...p, minRate: otherRate }, g);
        expect(b.labScore).toBe(a.labScore);
        expect(b.sharedReasons).toEqual(a.sharedReasons);
        expect(scoreMatch(withoutPrivateFields(p), g).labScore).toBe(a.labScore);
      }),
      { numRuns: 1000 },
    );
    fc.assert(
      fc.property(
        fc.uniqueArray(personArb(fc.string({ minLength: 1, maxLength: 3 })), { selector: (p) => p.id, maxLength: 20 }),
        fc.array(moneyArb, { minLength: 20, maxLength: 20 }),
        gigArb,
        (people, rates, g) => {
          const lab = (ps: MatchPerson[]) => rankCandidates(ps.map(withoutPrivateFields), g, 10).map((c) => [c.person.id, c.score]);
          expect(lab(people.map((p, i) => ({ ...p, minRate: rates[i] })))).toEqual(lab(people));
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe("the available-from date is private: labs never read it in the reasons", () => {
  it("the professional reads the date; the shared reasons (labs, stored applications) leave it out", () => {
    const p = person({ availableFrom: "2026-11-25" });
    const g = gig({ startDate: "2026-12-02" });
    const m = scoreMatch(p, g);
    expect(m.reasons.some((r) => r.includes("2026-11-25"))).toBe(true);
    expect(m.sharedReasons.some((r) => r.includes("2026-11-25"))).toBe(false);
    const late = scoreMatch(person({ availableFrom: "2027-01-10" }), g);
    expect(late.reasons.some((r) => /after the gig starts/.test(r))).toBe(true);
    expect(late.sharedReasons.some((r) => /available/.test(r) && /after the gig starts/.test(r))).toBe(false);
  });

  it("property: the lab score and the lab-side ranking (hard filter included) do not depend on the available-from date", () => {
    const day = (offset: number) => new Date(Date.UTC(2026, 0, 1) + offset * 86_400_000).toISOString().slice(0, 10);
    fc.assert(
      fc.property(personArb(fc.constant("p")), gigArb, fc.integer({ min: 0, max: 400 }), fc.integer({ min: 0, max: 400 }), (p, g, a, b) => {
        const gg = { ...g, startDate: "2026-03-01" };
        expect(scoreMatch({ ...p, availableFrom: day(a) }, gg).labScore).toBe(scoreMatch({ ...p, availableFrom: day(b) }, gg).labScore);
        expect(matchScore({ ...p, availableFrom: day(a) }, gg, "lab")).toBe(matchScore({ ...p, availableFrom: day(b) }, gg, "lab"));
      }),
      { numRuns: 500 },
    );
    fc.assert(
      fc.property(
        fc.uniqueArray(personArb(fc.string({ minLength: 1, maxLength: 3 })), { selector: (p) => p.id, maxLength: 20 }),
        fc.array(fc.integer({ min: 0, max: 400 }), { minLength: 20, maxLength: 20 }),
        gigArb,
        (people, offsets, g) => {
          const gg = { ...g, startDate: "2026-03-01" };
          const lab = (ps: MatchPerson[]) => rankCandidates(ps, gg, 10, { audience: "lab" }).map((c) => [c.person.id, c.score]);
          expect(lab(people.map((p, i) => ({ ...p, availableFrom: day(offsets[i]) })))).toEqual(
            lab(people.map((p) => ({ ...p, availableFrom: null }))),
          );
        },
      ),
      { numRuns: 300 },
    );
  });

  it("a late start still counts for the professional's own score and hard filter", () => {
    const g = gig({ startDate: "2026-03-01" });
    const late = person({ availableFrom: "2026-09-01" });
    expect(hardFilter(late, g).pass).toBe(false);
    expect(rankCandidates([late], g, 10, { audience: "lab" })).toHaveLength(1);
    expect(scoreMatch(late, g).score).toBeLessThan(scoreMatch(person({ availableFrom: "2026-02-01" }), g).score);
  });

  it("property: no shared reason names the person's available-from date or how late it is", () => {
    fc.assert(
      fc.property(personArb(fc.constant("p")), gigArb, fc.integer({ min: 0, max: 400 }), (p, g, offset) => {
        const from = new Date(Date.UTC(2026, 0, 1) + offset * 86_400_000).toISOString().slice(0, 10);
        const m = scoreMatch({ ...p, availableFrom: from }, { ...g, startDate: "2026-06-01" });
        for (const r of m.sharedReasons) expect(r).not.toMatch(/You're available/);
      }),
      { numRuns: 500 },
    );
  });
});
