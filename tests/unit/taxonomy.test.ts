import { describe, expect, it } from "vitest";
import { DEFAULT_TRANSFER_RULES, defaultRulesAsInputs } from "~/domain/default-rules";
import {
  DEPARTMENTS,
  DEPARTMENT_KEYS,
  FORMATS,
  FORMAT_KEYS,
  GENRES,
  GENRE_KEYS,
  MODALITIES,
  ROLES,
  ROLE_KEYS,
  TASK_FAMILIES,
  TASK_TYPES,
  TASK_TYPE_KEYS,
  departmentOfRole,
  formatLabel,
  formatPlural,
  genreLabel,
  isDepartmentKey,
  isFormatKey,
  isGenreKey,
  isModality,
  isRoleKey,
  isTaskFamily,
  isTaskTypeKey,
  maxRankInDepartment,
  normaliseLabel,
  parseDepartment,
  parseFormat,
  parseGenre,
  parseGenres,
  parseRole,
  roleByKey,
  roleLabel,
  rolesInDepartment,
  taskTypeByKey,
  taskTypeName,
  taskTypesInFamily,
} from "~/domain/taxonomy";
import { validateRule } from "~/domain/transfer";

function duplicates(values: readonly string[]): string[] {
  return values.filter((v, i) => values.indexOf(v) !== i);
}

describe("taxonomy: keys and labels", () => {
  it.each([
    ["departments", DEPARTMENTS.map((d) => d.key)],
    ["roles", ROLES.map((r) => r.key)],
    ["formats", FORMATS.map((f) => f.key)],
    ["genres", GENRES.map((g) => g.key)],
    ["modalities", MODALITIES.map((m) => m.key)],
    ["task families", TASK_FAMILIES.map((f) => f.key)],
    ["task types", TASK_TYPES.map((t) => t.key)],
  ])("%s have unique, UPPER_SNAKE keys", (_name, keys) => {
    expect(duplicates(keys)).toEqual([]);
    for (const k of keys) expect(k).toMatch(/^[A-Z][A-Z0-9_]*$/);
  });

  it("labels are unique within each vocabulary", () => {
    expect(duplicates(ROLES.map((r) => r.label))).toEqual([]);
    expect(duplicates(FORMATS.map((f) => f.label))).toEqual([]);
    expect(duplicates(GENRES.map((g) => g.label))).toEqual([]);
    expect(duplicates(TASK_TYPES.map((t) => t.name))).toEqual([]);
    expect(duplicates(DEPARTMENTS.map((d) => d.label))).toEqual([]);
  });

  it("exposes the required departments, formats and task families", () => {
    expect([...DEPARTMENT_KEYS]).toEqual([
      "WRITING",
      "DIRECTING",
      "PRODUCING",
      "POST_PRODUCTION",
      "CAMERA",
      "SCRIPT",
      "CASTING",
      "PERFORMANCE",
      "MUSIC_SOUND",
      "ART",
      "OTHER",
    ]);
    expect([...FORMAT_KEYS]).toEqual([
      "MULTI_CAM_SITCOM",
      "SINGLE_CAM_COMEDY",
      "DRAMA",
      "PROCEDURAL",
      "LIMITED_SERIES",
      "ANIMATION",
      "UNSCRIPTED",
      "DOCUMENTARY",
      "LATE_NIGHT",
      "DAYTIME",
      "CHILDRENS",
      "TV_MOVIE",
      "TV_SPECIAL",
      "WEB_SERIES",
      "FEATURE_FILM",
      "SHORT_FILM",
    ]);
    expect(formatLabel("MULTI_CAM_SITCOM")).toBe("Multi-camera sitcom");
    expect(formatLabel("UNSCRIPTED")).toBe("Unscripted / reality");
    expect(formatLabel("LATE_NIGHT")).toBe("Late-night / variety");
    expect(formatLabel("CHILDRENS")).toBe("Children's");
    expect(TASK_FAMILIES.map((f) => f.key)).toEqual(["GENERATION", "EVALUATION", "ANNOTATION", "RED_TEAMING"]);
    expect(MODALITIES.map((m) => m.key)).toEqual(["TEXT", "VIDEO", "AUDIO", "MULTIMODAL"]);
    expect(GENRE_KEYS.length).toBeGreaterThanOrEqual(14);
  });

  it("every format has a lower-case plural for sentences", () => {
    for (const f of FORMATS) {
      expect(formatPlural(f.key)).toBe(f.plural);
      expect(f.plural).toBe(f.plural.toLowerCase());
    }
  });

  it("label helpers fall back to the raw key for unknown values", () => {
    expect(roleLabel("NOT_A_ROLE")).toBe("NOT_A_ROLE");
    expect(genreLabel("NOPE")).toBe("NOPE");
    expect(taskTypeName("NOPE")).toBe("NOPE");
    expect(genreLabel("SCI_FI")).toBe("Science fiction");
  });
});

describe("taxonomy: roles", () => {
  it("contains the required roles with the right departments", () => {
    const expected: Record<string, string> = {
      WRITERS_ASSISTANT: "WRITING",
      SCRIPT_COORDINATOR: "WRITING",
      STAFF_WRITER: "WRITING",
      STORY_EDITOR: "WRITING",
      EXECUTIVE_STORY_EDITOR: "WRITING",
      CO_PRODUCER: "WRITING",
      PRODUCER_WRITER: "WRITING",
      SUPERVISING_PRODUCER: "WRITING",
      CO_EXECUTIVE_PRODUCER: "WRITING",
      SHOWRUNNER: "WRITING",
      FIRST_AD: "DIRECTING",
      DIRECTOR: "DIRECTING",
      DEVELOPMENT_EXECUTIVE: "PRODUCING",
      LINE_PRODUCER: "PRODUCING",
      PRODUCER: "PRODUCING",
      EXECUTIVE_PRODUCER: "PRODUCING",
      ASSISTANT_EDITOR: "POST_PRODUCTION",
      EDITOR: "POST_PRODUCTION",
      DIRECTOR_OF_PHOTOGRAPHY: "CAMERA",
      SCRIPT_SUPERVISOR: "SCRIPT",
      CASTING_DIRECTOR: "CASTING",
      OTHER: "OTHER",
    };
    for (const [key, dept] of Object.entries(expected)) {
      expect(isRoleKey(key), key).toBe(true);
      expect(roleByKey(key)?.department, key).toBe(dept);
    }
    expect(roleLabel("PRODUCER_WRITER")).toBe("Producer (writing)");
    expect(roleLabel("SHOWRUNNER")).toBe("Executive producer / showrunner");
  });

  it("every role's department exists", () => {
    for (const r of ROLES) expect(isDepartmentKey(r.department), r.key).toBe(true);
    for (const r of ROLES) expect(departmentOfRole(r.key)).toBe(r.department);
  });

  it("ranks within each department are 1..n with no gaps or duplicates", () => {
    for (const d of DEPARTMENTS) {
      const ranks = rolesInDepartment(d.key).map((r) => r.rank);
      expect(ranks.length, d.key).toBeGreaterThan(0);
      expect(ranks).toEqual(ranks.map((_, i) => i + 1));
      expect(maxRankInDepartment(d.key)).toBe(ranks.length);
    }
  });

  it("the writing ladder runs from writers' assistant to showrunner", () => {
    expect(rolesInDepartment("WRITING").map((r) => r.key)).toEqual([
      "WRITERS_ASSISTANT",
      "SCRIPT_COORDINATOR",
      "WRITER",
      "STAFF_WRITER",
      "STORY_EDITOR",
      "EXECUTIVE_STORY_EDITOR",
      "CO_PRODUCER",
      "PRODUCER_WRITER",
      "SUPERVISING_PRODUCER",
      "CONSULTING_PRODUCER",
      "HEAD_WRITER",
      "CO_EXECUTIVE_PRODUCER",
      "SHOWRUNNER",
    ]);
    expect(roleByKey("ASSISTANT_EDITOR").rank).toBeLessThan(roleByKey("EDITOR").rank);
    expect(roleByKey("FIRST_AD").rank).toBeLessThan(roleByKey("DIRECTOR").rank);
  });

  it("includes the documented aliases", () => {
    expect(roleByKey("SHOWRUNNER").aliases).toEqual(expect.arrayContaining(["showrunner", "executive producer", "ep"]));
    expect(roleByKey("DIRECTOR_OF_PHOTOGRAPHY").aliases).toEqual(expect.arrayContaining(["dp", "dop", "cinematographer"]));
  });
});

describe("taxonomy: task types", () => {
  it("has at least 22 task types covering all four families and every modality", () => {
    expect(TASK_TYPES.length).toBeGreaterThanOrEqual(22);
    for (const f of TASK_FAMILIES) expect(taskTypesInFamily(f.key).length, f.key).toBeGreaterThanOrEqual(2);
    for (const m of MODALITIES)
      expect(
        TASK_TYPES.some((t) => t.modality === m.key),
        m.key,
      ).toBe(true);
  });

  it("each task type has a valid family, modality, name and a 1-2 sentence description", () => {
    for (const t of TASK_TYPES) {
      expect(isTaskFamily(t.family), t.key).toBe(true);
      expect(isModality(t.modality), t.key).toBe(true);
      expect(t.name.trim().length, t.key).toBeGreaterThan(3);
      expect(t.description.length, t.key).toBeGreaterThan(40);
      expect(t.description.length, t.key).toBeLessThan(260);
      expect(t.description.trim().endsWith("."), t.key).toBe(true);
      const sentences = t.description.split(/[.!?](\s|$)/).filter((s) => s.trim().length > 0);
      expect(sentences.length, t.key).toBeLessThanOrEqual(2);
    }
  });

  it("includes the required task types in the right family", () => {
    const required: Record<string, string[]> = {
      GENERATION: ["DIALOGUE_DEMONSTRATION", "STORY_SCENE_WRITING", "PROMPT_WRITING", "LOGLINE_SYNOPSIS_WRITING"],
      EVALUATION: [
        "DIALOGUE_PREFERENCE_RANKING",
        "SCRIPT_RUBRIC_GRADING",
        "COMEDIC_TIMING_EVAL",
        "NARRATIVE_COHERENCE_EVAL",
        "CHARACTER_CONSISTENCY_CHECK",
        "AUDIENCE_ENGAGEMENT_PREDICTION",
        "VIDEO_GENERATION_QUALITY_EVAL",
        "PROJECT_QA_LEAD",
      ],
      ANNOTATION: [
        "EMOTION_SARCASM_TENSION_LABELLING",
        "SCENE_BEAT_SEGMENTATION",
        "SHOT_CAMERA_ANNOTATION",
        "VIDEO_CAPTIONING",
        "CONTINUITY_ANNOTATION",
        "STORY_ARC_ANNOTATION",
        "PACING_ANNOTATION",
        "CASTING_PERFORMANCE_ANNOTATION",
      ],
      RED_TEAMING: ["HARMFUL_CONTENT_PROBING", "BIAS_REVIEW", "CONTENT_POLICY_REVIEW"],
    };
    for (const [family, keys] of Object.entries(required)) {
      for (const key of keys) {
        expect(isTaskTypeKey(key), key).toBe(true);
        expect(taskTypeByKey(key)?.family, key).toBe(family);
      }
    }
    expect(taskTypeName("COMEDIC_TIMING_EVAL")).toBe("Comedic-timing evaluation");
  });

  it("key tuples mirror the definition arrays (usable as zod enums)", () => {
    expect([...TASK_TYPE_KEYS]).toEqual(TASK_TYPES.map((t) => t.key));
    expect([...ROLE_KEYS]).toEqual(ROLES.map((r) => r.key));
    expect([...GENRE_KEYS]).toEqual(GENRES.map((g) => g.key));
  });

  it("type guards reject non-strings and near misses", () => {
    for (const guard of [isRoleKey, isFormatKey, isGenreKey, isTaskTypeKey, isDepartmentKey]) {
      expect(guard(undefined)).toBe(false);
      expect(guard(null)).toBe(false);
      expect(guard(42)).toBe(false);
      expect(guard("")).toBe(false);
    }
    expect(isRoleKey("staff_writer")).toBe(false);
    expect(isRoleKey("STAFF_WRITER")).toBe(true);
    expect(isRoleKey("toString")).toBe(false);
  });
});

describe("taxonomy: free-text parsing", () => {
  it("normaliseLabel folds case, punctuation, apostrophes and accents", () => {
    expect(normaliseLabel("  Writer’s  Assistant ")).toBe("writers assistant");
    expect(normaliseLabel("STAFF_WRITER")).toBe("staff writer");
    expect(normaliseLabel("Co-E.P.")).toBe("co e p");
    expect(normaliseLabel("Sound & Music")).toBe("sound and music");
    expect(normaliseLabel("Café")).toBe("cafe");
  });

  it.each([
    ["STAFF_WRITER", "STAFF_WRITER"],
    ["staff writer", "STAFF_WRITER"],
    ["  Staff   Writer ", "STAFF_WRITER"],
    ["Staff-Writer", "STAFF_WRITER"],
    ["Writers' assistant", "WRITERS_ASSISTANT"],
    ["writer's assistant", "WRITERS_ASSISTANT"],
    ["Producer (writing)", "PRODUCER_WRITER"],
    ["producer", "PRODUCER"],
    ["Executive producer / showrunner", "SHOWRUNNER"],
    ["showrunner", "SHOWRUNNER"],
    ["Executive Producer", "SHOWRUNNER"],
    ["EP", "SHOWRUNNER"],
    ["Co-EP", "CO_EXECUTIVE_PRODUCER"],
    ["co-executive producer", "CO_EXECUTIVE_PRODUCER"],
    ["Executive producer (non-writing)", "EXECUTIVE_PRODUCER"],
    ["DP", "DIRECTOR_OF_PHOTOGRAPHY"],
    ["dop", "DIRECTOR_OF_PHOTOGRAPHY"],
    ["Cinematographer", "DIRECTOR_OF_PHOTOGRAPHY"],
    ["1st AD", "FIRST_AD"],
    ["first assistant director", "FIRST_AD"],
    ["Script Supervisor", "SCRIPT_SUPERVISOR"],
    ["scripty", "SCRIPT_SUPERVISOR"],
    ["AE", "ASSISTANT_EDITOR"],
    ["picture editor", "EDITOR"],
    ["Casting", "CASTING_DIRECTOR"],
    ["Dev exec", "DEVELOPMENT_EXECUTIVE"],
    ["UPM", "LINE_PRODUCER"],
    ["other", "OTHER"],
  ])("parseRole(%j) → %s", (text, key) => {
    expect(parseRole(text)).toBe(key);
  });

  it.each([["gaffer"], [""], ["   "], ["writer writer"], ["showrunnerx"]])("parseRole(%j) → null", (text) => {
    expect(parseRole(text)).toBeNull();
  });

  it("parseRole tolerates null/undefined", () => {
    expect(parseRole(null)).toBeNull();
    expect(parseRole(undefined)).toBeNull();
  });

  it("every role key, label and alias parses back to its own role (no ambiguous aliases)", () => {
    const seen = new Map<string, string>();
    for (const r of ROLES) {
      expect(parseRole(r.key)).toBe(r.key);
      expect(parseRole(r.key.toLowerCase())).toBe(r.key);
      for (const text of [r.label, ...r.aliases]) {
        const norm = normaliseLabel(text);
        const owner = seen.get(norm);
        if (owner !== undefined) expect(owner, `"${text}" claimed by ${owner} and ${r.key}`).toBe(r.key);
        seen.set(norm, r.key);
        expect(parseRole(text), text).toBe(r.key);
        expect(parseRole(text.toUpperCase()), text).toBe(r.key);
      }
    }
  });

  it("'executive producer' in free text means the writing EP; the key still reaches the producing EP", () => {
    expect(parseRole("executive producer")).toBe("SHOWRUNNER");
    expect(parseRole("EXECUTIVE_PRODUCER")).toBe("EXECUTIVE_PRODUCER");
    expect(parseRole("executive_producer")).toBe("EXECUTIVE_PRODUCER");
    expect(parseRole("non-writing EP")).toBe("EXECUTIVE_PRODUCER");
  });

  it("every format and genre key, label and alias parses back to itself", () => {
    for (const f of FORMATS) for (const t of [f.key, f.label, ...f.aliases]) expect(parseFormat(t), t).toBe(f.key);
    for (const g of GENRES) for (const t of [g.key, g.label, ...g.aliases]) expect(parseGenre(t), t).toBe(g.key);
    for (const d of DEPARTMENTS) for (const t of [d.key, d.label, ...d.aliases]) expect(parseDepartment(t), t).toBe(d.key);
  });

  it.each([
    ["multicam", "MULTI_CAM_SITCOM"],
    ["Multi-camera sitcom", "MULTI_CAM_SITCOM"],
    ["single cam", "SINGLE_CAM_COMEDY"],
    ["unscripted / reality", "UNSCRIPTED"],
    ["Reality", "UNSCRIPTED"],
    ["docuseries", "DOCUMENTARY"],
    ["late night", "LATE_NIGHT"],
    ["Late-night / variety", "LATE_NIGHT"],
    ["miniseries", "LIMITED_SERIES"],
    ["Children's", "CHILDRENS"],
    ["kids", "CHILDRENS"],
    ["soap opera", "DAYTIME"],
    ["cartoon", "ANIMATION"],
  ])("parseFormat(%j) → %s", (text, key) => {
    expect(parseFormat(text)).toBe(key);
  });

  it("parseFormat rejects unknown text", () => {
    expect(parseFormat("tv series")).toBeNull();
    expect(parseFormat("hologram opera")).toBeNull();
    expect(parseFormat("")).toBeNull();
  });

  it.each([
    ["sci-fi", "SCI_FI"],
    ["Science Fiction", "SCI_FI"],
    ["true crime", "TRUE_CRIME"],
    ["TRUE_CRIME", "TRUE_CRIME"],
    ["period", "HISTORICAL"],
    ["Courtroom", "LEGAL"],
    ["wildlife", "NATURE"],
    ["comedy", "COMEDY"],
  ])("parseGenre(%j) → %s", (text, key) => {
    expect(parseGenre(text)).toBe(key);
  });

  it("parseGenres splits lists, dedupes and reports unknowns", () => {
    expect(parseGenres("Comedy; sci-fi | true crime, comedy, space opera")).toEqual({
      genres: ["COMEDY", "SCI_FI", "TRUE_CRIME"],
      unknown: ["space opera"],
    });
    expect(parseGenres("")).toEqual({ genres: [], unknown: [] });
    expect(parseGenres(null)).toEqual({ genres: [], unknown: [] });
  });
});

describe("default transfer rules", () => {
  it("has 50-110 rules with unique, stable keys", () => {
    expect(DEFAULT_TRANSFER_RULES.length).toBeGreaterThanOrEqual(50);
    expect(DEFAULT_TRANSFER_RULES.length).toBeLessThanOrEqual(110);
    const keys = DEFAULT_TRANSFER_RULES.map((r) => r.key);
    expect(duplicates(keys)).toEqual([]);
    for (const k of keys) expect(k).toMatch(/^[a-z_]+(\+[a-z_]+)?->[a-z_]+$/);
  });

  it("every rule references valid keys and passes validateRule", () => {
    for (const r of DEFAULT_TRANSFER_RULES) {
      expect(validateRule(r), r.key).toEqual([]);
      expect(isTaskTypeKey(r.taskType), r.key).toBe(true);
      if (r.role !== null) expect(isRoleKey(r.role), r.key).toBe(true);
      if (r.department !== null) expect(isDepartmentKey(r.department), r.key).toBe(true);
      if (r.format !== null) expect(isFormatKey(r.format), r.key).toBe(true);
      if (r.genre !== null) expect(isGenreKey(r.genre), r.key).toBe(true);
    }
  });

  it("weights are within 0.3..1.0 and every rule has a full-sentence rationale", () => {
    for (const r of DEFAULT_TRANSFER_RULES) {
      expect(r.weight, r.key).toBeGreaterThanOrEqual(0.3);
      expect(r.weight, r.key).toBeLessThanOrEqual(1);
      expect(r.rationale.length, r.key).toBeGreaterThan(20);
      expect(r.rationale.trim().endsWith("."), r.key).toBe(true);
    }
  });

  it("no two rules share the same scope and task type (they would be redundant)", () => {
    const scopes = DEFAULT_TRANSFER_RULES.map((r) => [r.role, r.department, r.format, r.genre, r.taskType].join("|"));
    expect(duplicates(scopes)).toEqual([]);
  });

  it("every task type can be reached by at least one default rule", () => {
    const reached = new Set(DEFAULT_TRANSFER_RULES.map((r) => r.taskType));
    expect(TASK_TYPES.filter((t) => !reached.has(t.key)).map((t) => t.key)).toEqual([]);
  });

  it("every department except OTHER has at least one rule, and OTHER has none", () => {
    const covered = new Set(DEFAULT_TRANSFER_RULES.map((r) => (r.role !== null ? departmentOfRole(r.role) : r.department)));
    for (const d of DEPARTMENTS) expect(covered.has(d.key), d.key).toBe(d.key !== "OTHER");
  });

  it("format-specific comedic-timing rules outrank the department-wide one", () => {
    const general = DEFAULT_TRANSFER_RULES.find((r) => r.key === "writing->comedic_timing")!;
    const multiCam = DEFAULT_TRANSFER_RULES.find((r) => r.key === "writing+multi_cam->comedic_timing")!;
    expect(multiCam.format).toBe("MULTI_CAM_SITCOM");
    expect(multiCam.department).toBe("WRITING");
    expect(multiCam.taskType).toBe("COMEDIC_TIMING_EVAL");
    expect(multiCam.weight).toBe(1);
    expect(general.weight).toBeLessThan(multiCam.weight);
  });

  it("defaultRulesAsInputs uses each key as the id and returns fresh copies", () => {
    const inputs = defaultRulesAsInputs();
    expect(inputs.map((r) => r.id)).toEqual(DEFAULT_TRANSFER_RULES.map((r) => r.key));
    expect(inputs[0]).not.toHaveProperty("key");
    inputs[0].weight = 0;
    expect(DEFAULT_TRANSFER_RULES[0].weight).toBeGreaterThan(0);
  });
});
