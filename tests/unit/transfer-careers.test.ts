/**
 * Realistic career shapes scored with the default rules. Each case states what a
 * showrunner / hiring lead would expect to see at the top of that person's
 * profile, and what must NOT show up.
 */
import { describe, expect, it } from "vitest";
import { defaultRulesAsInputs } from "~/domain/default-rules";
import type { FormatKey, GenreKey, RoleKey, TaskTypeKey } from "~/domain/taxonomy";
import { type CreditForScoring, scoreTransfer } from "~/domain/transfer";

const YEAR = 2025;
const RULES = defaultRulesAsInputs();

type C = [show: string, format: FormatKey, role: RoleKey, start: number, end: number | null, episodes: number, genres?: GenreKey[]];

interface Career {
  name: string;
  credits: C[];
  /** Every one of these must be in the top 3. */
  top3: TaskTypeKey[];
  /** At least one of these must be in the top 3 (optional). */
  top3AnyOf?: TaskTypeKey[];
  /** Must be the single highest score (optional). */
  first?: TaskTypeKey;
  /** Must not be in the top 3. */
  notTop3?: TaskTypeKey[];
  /** Must not score at all. */
  absent?: TaskTypeKey[];
  /** Inclusive bounds on the top score (optional sanity check on magnitude). */
  topScore?: [number, number];
}

const CAREERS: Career[] = [
  {
    name: "multi-cam sitcom staff writer",
    credits: [
      ["Two Doors Down", "MULTI_CAM_SITCOM", "STAFF_WRITER", 2019, 2020, 44, ["COMEDY"]],
      ["The Landlords", "MULTI_CAM_SITCOM", "STORY_EDITOR", 2021, 2023, 60, ["COMEDY", "FAMILY"]],
    ],
    first: "COMEDIC_TIMING_EVAL",
    top3: ["COMEDIC_TIMING_EVAL", "DIALOGUE_DEMONSTRATION"],
    absent: ["SHOT_CAMERA_ANNOTATION", "PACING_ANNOTATION", "CONTINUITY_ANNOTATION"],
    topScore: [65, 95],
  },
  {
    name: "drama showrunner who came up through the room",
    credits: [
      ["Harbour Lights", "DRAMA", "STAFF_WRITER", 2005, 2007, 40],
      ["Cold Ground", "DRAMA", "SUPERVISING_PRODUCER", 2010, 2014, 60, ["CRIME"]],
      ["The Long Night", "DRAMA", "SHOWRUNNER", 2016, null, 70, ["THRILLER"]],
    ],
    top3: ["NARRATIVE_COHERENCE_EVAL", "SCRIPT_RUBRIC_GRADING"],
    notTop3: ["COMEDIC_TIMING_EVAL"],
    absent: ["SHOT_CAMERA_ANNOTATION", "PACING_ANNOTATION"],
    topScore: [85, 99],
  },
  {
    name: "documentary editor",
    credits: [
      ["Wild Coasts", "DOCUMENTARY", "EDITOR", 2015, 2019, 30, ["NATURE"]],
      ["The Vanishing", "DOCUMENTARY", "EDITOR", 2020, 2023, 16, ["TRUE_CRIME"]],
    ],
    first: "PACING_ANNOTATION",
    top3: ["PACING_ANNOTATION", "SCENE_BEAT_SEGMENTATION"],
    top3AnyOf: ["STORY_ARC_ANNOTATION", "VIDEO_CAPTIONING"],
    absent: ["DIALOGUE_DEMONSTRATION", "STORY_SCENE_WRITING", "COMEDIC_TIMING_EVAL"],
  },
  {
    name: "procedural director",
    credits: [
      ["Precinct 9", "PROCEDURAL", "DIRECTOR", 2014, 2019, 14, ["CRIME"]],
      ["Trauma Bay", "PROCEDURAL", "DIRECTOR", 2020, 2024, 9, ["MEDICAL"]],
      ["Verdict", "PROCEDURAL", "DIRECTOR", 2022, 2023, 4, ["LEGAL"]],
    ],
    first: "SHOT_CAMERA_ANNOTATION",
    top3: ["SHOT_CAMERA_ANNOTATION", "VIDEO_GENERATION_QUALITY_EVAL"],
    absent: ["DIALOGUE_DEMONSTRATION", "CONTINUITY_ANNOTATION"],
  },
  {
    name: "reality producer",
    credits: [
      ["Island Love", "UNSCRIPTED", "PRODUCER", 2016, 2019, 40, ["ROMANCE"]],
      ["Bake Off Brawl", "UNSCRIPTED", "PRODUCER", 2020, 2024, 50],
    ],
    first: "AUDIENCE_ENGAGEMENT_PREDICTION",
    top3: ["AUDIENCE_ENGAGEMENT_PREDICTION", "HARMFUL_CONTENT_PROBING"],
    top3AnyOf: ["BIAS_REVIEW"],
    absent: ["DIALOGUE_DEMONSTRATION", "SHOT_CAMERA_ANNOTATION"],
  },
  {
    name: "script supervisor on dramas",
    credits: [
      ["Harbour Lights", "DRAMA", "SCRIPT_SUPERVISOR", 2012, 2016, 50],
      ["The Long Night", "DRAMA", "SCRIPT_SUPERVISOR", 2017, 2024, 70],
    ],
    first: "CONTINUITY_ANNOTATION",
    top3: ["CONTINUITY_ANNOTATION", "CHARACTER_CONSISTENCY_CHECK"],
    absent: ["DIALOGUE_DEMONSTRATION", "PROJECT_QA_LEAD"],
    topScore: [85, 100],
  },
  {
    name: "writers' assistant with one credit",
    credits: [["Cold Ground", "DRAMA", "WRITERS_ASSISTANT", 2023, 2023, 10, ["CRIME"]]],
    top3: ["LOGLINE_SYNOPSIS_WRITING", "STORY_ARC_ANNOTATION"],
    absent: ["PROJECT_QA_LEAD", "AUDIENCE_ENGAGEMENT_PREDICTION", "SHOT_CAMERA_ANNOTATION"],
    topScore: [10, 40],
  },
  {
    name: "late-night writer",
    credits: [
      ["Tonight with Sam", "LATE_NIGHT", "STAFF_WRITER", 2017, 2021, 700, ["SATIRE"]],
      ["The Late Desk", "LATE_NIGHT", "STAFF_WRITER", 2022, null, 300, ["COMEDY"]],
    ],
    top3: ["COMEDIC_TIMING_EVAL", "PROMPT_WRITING"],
    absent: ["CONTINUITY_ANNOTATION", "PACING_ANNOTATION"],
  },
  {
    name: "animation writer",
    credits: [
      ["Space Pals", "ANIMATION", "STAFF_WRITER", 2015, 2018, 52, ["COMEDY", "SCI_FI"]],
      ["Fox & Hound Co.", "ANIMATION", "STORY_EDITOR", 2019, 2024, 78, ["COMEDY", "FAMILY"]],
    ],
    top3: ["CHARACTER_CONSISTENCY_CHECK"],
    top3AnyOf: ["COMEDIC_TIMING_EVAL", "DIALOGUE_DEMONSTRATION"],
    absent: ["SHOT_CAMERA_ANNOTATION"],
  },
  {
    name: "DP on prestige dramas",
    credits: [
      ["Harbour Lights", "DRAMA", "DIRECTOR_OF_PHOTOGRAPHY", 2012, 2016, 20],
      ["The Long Night", "DRAMA", "DIRECTOR_OF_PHOTOGRAPHY", 2018, 2022, 16, ["THRILLER"]],
      ["Empire of Salt", "LIMITED_SERIES", "DIRECTOR_OF_PHOTOGRAPHY", 2023, 2024, 6, ["HISTORICAL"]],
    ],
    first: "SHOT_CAMERA_ANNOTATION",
    top3: ["SHOT_CAMERA_ANNOTATION", "VIDEO_GENERATION_QUALITY_EVAL"],
    top3AnyOf: ["VIDEO_PROMPT_WRITING"],
    absent: ["DIALOGUE_DEMONSTRATION", "COMEDIC_TIMING_EVAL", "PROJECT_QA_LEAD"],
  },
  {
    name: "casting director",
    credits: [
      ["Harbour Lights", "DRAMA", "CASTING_DIRECTOR", 2010, 2016, 60],
      ["Two Doors Down", "MULTI_CAM_SITCOM", "CASTING_DIRECTOR", 2018, 2020, 44, ["COMEDY"]],
      ["Space Pals", "ANIMATION", "CASTING_DIRECTOR", 2021, 2024, 40],
    ],
    first: "CASTING_PERFORMANCE_ANNOTATION",
    top3: ["CASTING_PERFORMANCE_ANNOTATION", "EMOTION_SARCASM_TENSION_LABELLING"],
    absent: ["SHOT_CAMERA_ANNOTATION", "DIALOGUE_DEMONSTRATION"],
  },
  {
    name: "line producer",
    credits: [
      ["Precinct 9", "PROCEDURAL", "LINE_PRODUCER", 2013, 2018, 110],
      ["Empire of Salt", "LIMITED_SERIES", "LINE_PRODUCER", 2022, 2024, 8],
    ],
    first: "PROJECT_QA_LEAD",
    top3: ["PROJECT_QA_LEAD"],
    top3AnyOf: ["AUDIENCE_ENGAGEMENT_PREDICTION"],
    absent: ["DIALOGUE_DEMONSTRATION", "SHOT_CAMERA_ANNOTATION", "COMEDIC_TIMING_EVAL"],
  },
  {
    name: "children's TV writer",
    credits: [
      ["Puddle Jumpers", "CHILDRENS", "STAFF_WRITER", 2016, 2019, 52, ["FAMILY"]],
      ["Robo Reef", "CHILDRENS", "STORY_EDITOR", 2020, 2024, 65, ["FAMILY", "SCI_FI"]],
    ],
    first: "CONTENT_POLICY_REVIEW",
    top3: ["CONTENT_POLICY_REVIEW"],
    top3AnyOf: ["DIALOGUE_DEMONSTRATION", "STORY_SCENE_WRITING"],
    absent: ["SHOT_CAMERA_ANNOTATION"],
  },
  {
    name: "limited-series EP (writing)",
    credits: [
      ["Cold Ground", "DRAMA", "CO_EXECUTIVE_PRODUCER", 2015, 2018, 40, ["CRIME"]],
      ["Empire of Salt", "LIMITED_SERIES", "SHOWRUNNER", 2022, 2024, 8, ["HISTORICAL"]],
      ["The Quiet Year", "LIMITED_SERIES", "SHOWRUNNER", 2019, 2020, 6],
    ],
    top3: ["NARRATIVE_COHERENCE_EVAL", "SCRIPT_RUBRIC_GRADING"],
    notTop3: ["COMEDIC_TIMING_EVAL"],
    absent: ["PACING_ANNOTATION"],
  },
  {
    name: "first AD",
    credits: [
      ["Precinct 9", "PROCEDURAL", "FIRST_AD", 2012, 2017, 60],
      ["The Long Night", "DRAMA", "FIRST_AD", 2018, 2024, 40],
    ],
    first: "SCENE_BEAT_SEGMENTATION",
    top3: ["SCENE_BEAT_SEGMENTATION", "CONTINUITY_ANNOTATION"],
    absent: ["DIALOGUE_DEMONSTRATION", "VIDEO_GENERATION_QUALITY_EVAL"],
  },
  {
    name: "assistant editor on unscripted",
    credits: [
      ["Island Love", "UNSCRIPTED", "ASSISTANT_EDITOR", 2019, 2021, 36, ["ROMANCE"]],
      ["Bake Off Brawl", "UNSCRIPTED", "ASSISTANT_EDITOR", 2022, 2024, 30],
    ],
    first: "VIDEO_CAPTIONING",
    top3: ["VIDEO_CAPTIONING"],
    top3AnyOf: ["SCENE_BEAT_SEGMENTATION", "PACING_ANNOTATION"],
    absent: ["DIALOGUE_DEMONSTRATION", "VIDEO_GENERATION_QUALITY_EVAL"],
  },
  {
    name: "development executive",
    credits: [
      ["Cold Ground", "DRAMA", "DEVELOPMENT_EXECUTIVE", 2016, 2019, 30],
      ["Two Doors Down", "MULTI_CAM_SITCOM", "DEVELOPMENT_EXECUTIVE", 2020, 2023, 40],
    ],
    top3: ["LOGLINE_SYNOPSIS_WRITING", "AUDIENCE_ENGAGEMENT_PREDICTION"],
    top3AnyOf: ["SCRIPT_RUBRIC_GRADING"],
    absent: ["SHOT_CAMERA_ANNOTATION", "DIALOGUE_DEMONSTRATION"],
  },
  {
    name: "daytime soap writer",
    credits: [["Hearts of Pine Valley", "DAYTIME", "STAFF_WRITER", 2008, 2022, 1200, ["ROMANCE", "DRAMA"]]],
    first: "CHARACTER_CONSISTENCY_CHECK",
    top3: ["CHARACTER_CONSISTENCY_CHECK"],
    absent: ["SHOT_CAMERA_ANNOTATION"],
  },
  {
    name: "documentary producer",
    credits: [
      ["The Vanishing", "DOCUMENTARY", "PRODUCER", 2018, 2021, 8, ["TRUE_CRIME"]],
      ["Frontline Families", "DOCUMENTARY", "EXECUTIVE_PRODUCER", 2022, 2024, 12, ["NEWS"]],
    ],
    top3: ["BIAS_REVIEW", "AUDIENCE_ENGAGEMENT_PREDICTION"],
    top3AnyOf: ["HARMFUL_CONTENT_PROBING"],
    absent: ["DIALOGUE_DEMONSTRATION", "COMEDIC_TIMING_EVAL"],
  },
  {
    name: "multi-cam sitcom director",
    credits: [
      ["Two Doors Down", "MULTI_CAM_SITCOM", "DIRECTOR", 2016, 2022, 60, ["COMEDY"]],
      ["The Landlords", "MULTI_CAM_SITCOM", "DIRECTOR", 2023, 2024, 12, ["COMEDY"]],
    ],
    first: "SHOT_CAMERA_ANNOTATION",
    top3: ["SHOT_CAMERA_ANNOTATION", "COMEDIC_TIMING_EVAL"],
    absent: ["DIALOGUE_DEMONSTRATION"],
  },
  {
    // Issue #20: with the 1.x model this career's top eight sat within four points and
    // comedic timing came ninth.
    name: "multi-cam sitcom and late-night writer, seven credits",
    credits: [
      ["Two Doors Down", "MULTI_CAM_SITCOM", "STAFF_WRITER", 2012, 2014, 44, ["COMEDY"]],
      ["The Landlords", "MULTI_CAM_SITCOM", "STORY_EDITOR", 2015, 2017, 66, ["COMEDY", "FAMILY"]],
      ["Tonight with Sam", "LATE_NIGHT", "STAFF_WRITER", 2018, 2020, 480, ["COMEDY", "SATIRE"]],
      ["The Late Desk", "LATE_NIGHT", "HEAD_WRITER", 2021, null, 520, ["COMEDY", "TALK_SHOW"]],
      ["Harbour Lights", "DRAMA", "STORY_EDITOR", 2010, 2011, 20, ["DRAMA"]],
      ["Apartment 4B", "MULTI_CAM_SITCOM", "EXECUTIVE_STORY_EDITOR", 2019, 2020, 22, ["COMEDY"]],
      ["Space Pals", "ANIMATION", "STAFF_WRITER", 2016, 2017, 26, ["COMEDY"]],
    ],
    first: "COMEDIC_TIMING_EVAL",
    top3: ["COMEDIC_TIMING_EVAL", "PROMPT_WRITING"],
    absent: ["PACING_ANNOTATION", "SHOT_CAMERA_ANNOTATION"],
  },
];

/**
 * Separation (model 2.0.0): for every multi-credit career above, the third task type stands at
 * least SEPARATION points above the eighth (a missing eighth counts as 0). Issue #20 reported a
 * plateau of eight task types within 4 points; 10 points is one tenth of the scale, 2.5 times
 * that plateau, and the difference between two bands a person reads differently ("in the 80s"
 * vs "in the 70s"). The 1.x model gave 2 points for the seven-credit writer above.
 */
const SEPARATION = 10;

function toCredits(career: Career): CreditForScoring[] {
  return career.credits.map(([showTitle, format, role, startYear, endYear, episodes, genres], i) => ({
    id: `${career.name}#${i}`,
    showTitle,
    format,
    role,
    startYear,
    endYear,
    episodes,
    genres: genres ?? [],
    verified: false,
  }));
}

describe("career shapes with the default rules", () => {
  it("covers at least 15 distinct career shapes", () => {
    expect(CAREERS.length).toBeGreaterThanOrEqual(15);
    expect(new Set(CAREERS.map((c) => c.name)).size).toBe(CAREERS.length);
  });

  it.each(CAREERS.map((c) => [c.name, c] as const))("%s", (_name, career) => {
    const profile = scoreTransfer(toCredits(career), RULES, { currentYear: YEAR });
    expect(profile.guidance).toBeNull();
    const top3 = profile.scores.slice(0, 3).map((s) => s.taskType);
    const all = profile.scores.map((s) => s.taskType);
    const summary = profile.scores
      .slice(0, 6)
      .map((s) => `${s.taskType}=${s.score}`)
      .join(", ");

    for (const t of career.top3) expect(top3, `${t} missing from top 3: ${summary}`).toContain(t);
    if (career.top3AnyOf) {
      expect(
        career.top3AnyOf.some((t) => top3.includes(t)),
        `none of ${career.top3AnyOf.join("/")} in top 3: ${summary}`,
      ).toBe(true);
    }
    if (career.first) expect(profile.scores[0].taskType, summary).toBe(career.first);
    for (const t of career.notTop3 ?? []) expect(top3, summary).not.toContain(t);
    for (const t of career.absent ?? []) expect(all, `${t} should not score: ${summary}`).not.toContain(t);
    if (career.topScore) {
      const [lo, hi] = career.topScore;
      expect(profile.scores[0].score, summary).toBeGreaterThanOrEqual(lo);
      expect(profile.scores[0].score, summary).toBeLessThanOrEqual(hi);
    }
    for (const s of profile.scores.slice(0, 3)) {
      expect(s.evidence.length).toBeGreaterThan(0);
      expect(s.explanation).toContain(`${s.score}/100, because`);
    }
  });

  it.each(CAREERS.filter((c) => c.credits.length >= 2).map((c) => [c.name, c] as const))(
    "separation: #3 stands at least SEPARATION points above #8 — %s",
    (_name, career) => {
      const scores = scoreTransfer(toCredits(career), RULES, { currentYear: YEAR }).scores;
      const at = (i: number) => scores[i]?.score ?? 0;
      const summary = scores
        .slice(0, 8)
        .map((s) => `${s.taskType}=${s.score}`)
        .join(", ");
      expect(at(2) - at(7), summary).toBeGreaterThanOrEqual(SEPARATION);
    },
  );

  it.each(CAREERS.filter((c) => c.credits.length >= 2).map((c) => [c.name, c] as const))(
    "the top three reasons are specific: distinct, naming the show that drives each — %s",
    (_name, career) => {
      const top3 = scoreTransfer(toCredits(career), RULES, { currentYear: YEAR }).scores.slice(0, 3);
      expect(new Set(top3.map((s) => s.reason)).size).toBe(top3.length);
      for (const s of top3) {
        expect(s.reason).toContain(s.evidence[0].rationale.trim());
        expect(s.reason).toContain(`Driven by ${s.evidence[0].showTitle} (`);
        // One or two sentences.
        expect(s.reason.split(/(?<=[.!?])\s+(?=[A-Z])/).length).toBeLessThanOrEqual(2);
      }
    },
  );

  it("an editor's profile never offers dialogue writing; a writer's never offers pacing", () => {
    const editor = CAREERS.find((c) => c.name === "documentary editor")!;
    const writer = CAREERS.find((c) => c.name === "multi-cam sitcom staff writer")!;
    const e = scoreTransfer(toCredits(editor), RULES, { currentYear: YEAR }).scores.map((s) => s.taskType);
    const w = scoreTransfer(toCredits(writer), RULES, { currentYear: YEAR }).scores.map((s) => s.taskType);
    for (const t of ["DIALOGUE_DEMONSTRATION", "STORY_SCENE_WRITING", "DIALOGUE_PREFERENCE_RANKING"] as const) {
      expect(e).not.toContain(t);
    }
    expect(w).not.toContain("PACING_ANNOTATION");
  });

  it("a career that grows scores at least as high on every task", () => {
    const junior = CAREERS.find((c) => c.name === "writers' assistant with one credit")!;
    const grown: Career = {
      ...junior,
      credits: [...junior.credits, ["Harbour Lights", "DRAMA", "STAFF_WRITER", 2024, null, 18]],
    };
    const before = scoreTransfer(toCredits(junior), RULES, { currentYear: YEAR });
    const after = scoreTransfer(toCredits(grown), RULES, { currentYear: YEAR });
    const afterMap = new Map(after.scores.map((s) => [s.taskType, s.score]));
    for (const s of before.scores) expect(afterMap.get(s.taskType) ?? 0).toBeGreaterThanOrEqual(s.score);
    expect(after.scores[0].score).toBeGreaterThan(before.scores[0].score);
  });

  it("seniority shows: the showrunner outscores the writers' assistant on shared tasks", () => {
    const showrunner = scoreTransfer(toCredits(CAREERS[1]), RULES, { currentYear: YEAR });
    const assistant = scoreTransfer(toCredits(CAREERS[6]), RULES, { currentYear: YEAR });
    const sr = new Map(showrunner.scores.map((s) => [s.taskType, s.score]));
    for (const s of assistant.scores) {
      if (sr.has(s.taskType)) expect(sr.get(s.taskType)!, s.taskType).toBeGreaterThan(s.score);
    }
  });
});
