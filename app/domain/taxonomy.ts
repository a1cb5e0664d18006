/**
 * Second Act taxonomy: the fixed vocabularies the transfer engine, the CSV
 * importer and the UI share. Pure data plus lookup helpers — no I/O.
 *
 * Keys are stable identifiers stored in the database (Credit.role,
 * TransferRule.taskType, ...). Labels may be reworded freely; keys may not be
 * renamed without a data migration.
 */

// ---------------------------------------------------------------------------
// Text normalisation shared by the parse* helpers
// ---------------------------------------------------------------------------

/**
 * Lower-cases, turns "&" into "and", drops apostrophes (so "writer's" and
 * "writers'" both become "writers"), turns every other run of
 * non-alphanumeric characters into one space and trims. `STAFF_WRITER`,
 * "Staff writer" and "  staff-WRITER " all normalise to "staff writer".
 */
export function normaliseLabel(text: string): string {
  return text
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/&/g, " and ")
    .replace(/['’`]/g, "")
    .replace(/[^a-z0-9]+/g, " ")
    .trim();
}

function buildLookup<K extends string>(
  entries: readonly { key: K; label: string; aliases?: readonly string[] }[],
): Map<string, K> {
  const map = new Map<string, K>();
  const add = (text: string, key: K) => {
    const norm = normaliseLabel(text);
    if (norm && !map.has(norm)) map.set(norm, key);
  };
  // Labels win over aliases, aliases over spelled-out keys ("executive producer"
  // is the SHOWRUNNER alias even though EXECUTIVE_PRODUCER normalises the same;
  // the exact key is matched before this lookup is consulted).
  for (const e of entries) add(e.label, e.key);
  for (const e of entries) for (const a of e.aliases ?? []) add(a, e.key);
  for (const e of entries) add(e.key, e.key);
  return map;
}

function makeParser<K extends string>(
  entries: readonly { key: K; label: string; aliases?: readonly string[] }[],
): (text: string | null | undefined) => K | null {
  const lookup = buildLookup(entries);
  const keys = new Set<string>(entries.map((e) => e.key));
  return (text) => {
    if (typeof text !== "string") return null;
    const trimmed = text.trim();
    // Exact keys, also in lower case when written key-style ("staff_writer").
    const upper = trimmed.toUpperCase();
    if (keys.has(upper) && (trimmed === upper || trimmed.includes("_"))) return upper as K;
    return lookup.get(normaliseLabel(trimmed)) ?? null;
  };
}

type KeyTuple<K> = readonly [K, ...K[]];

// ---------------------------------------------------------------------------
// Departments
// ---------------------------------------------------------------------------

export const DEPARTMENTS = [
  { key: "WRITING", label: "Writing", aliases: ["writers", "writer", "writers room", "script writing"] },
  { key: "DIRECTING", label: "Directing", aliases: ["direction", "director", "directors"] },
  { key: "PRODUCING", label: "Producing", aliases: ["production", "producer", "producers"] },
  {
    key: "POST_PRODUCTION",
    label: "Post-production",
    aliases: ["post", "editorial", "editing", "post production"],
  },
  { key: "CAMERA", label: "Camera", aliases: ["cinematography", "photography", "camera department"] },
  { key: "SCRIPT", label: "Script", aliases: ["script department", "continuity", "script supervision"] },
  { key: "CASTING", label: "Casting", aliases: ["casting department"] },
  { key: "OTHER", label: "Other", aliases: ["misc", "miscellaneous"] },
] as const satisfies readonly { key: string; label: string; aliases: readonly string[] }[];

export type DepartmentKey = (typeof DEPARTMENTS)[number]["key"];
export type DepartmentDef = (typeof DEPARTMENTS)[number];
export const DEPARTMENT_KEYS = DEPARTMENTS.map((d) => d.key) as unknown as KeyTuple<DepartmentKey>;

// ---------------------------------------------------------------------------
// Roles
// ---------------------------------------------------------------------------

export interface RoleDef {
  key: string;
  label: string;
  department: DepartmentKey;
  /** Seniority within the department; 1 = most junior. */
  rank: number;
  aliases: readonly string[];
}

export const ROLES = [
  // Writing, junior → senior (the standard US writers' room ladder).
  {
    key: "WRITERS_ASSISTANT",
    label: "Writers' assistant",
    department: "WRITING",
    rank: 1,
    aliases: ["writers assistant", "writer's assistant", "writers room assistant", "wa"],
  },
  {
    key: "SCRIPT_COORDINATOR",
    label: "Script coordinator",
    department: "WRITING",
    rank: 2,
    aliases: ["script coord", "script coordinator"],
  },
  {
    key: "STAFF_WRITER",
    label: "Staff writer",
    department: "WRITING",
    rank: 3,
    aliases: ["writer", "staff", "tv writer", "television writer"],
  },
  { key: "STORY_EDITOR", label: "Story editor", department: "WRITING", rank: 4, aliases: ["story ed"] },
  {
    key: "EXECUTIVE_STORY_EDITOR",
    label: "Executive story editor",
    department: "WRITING",
    rank: 5,
    aliases: ["exec story editor", "ese"],
  },
  { key: "CO_PRODUCER", label: "Co-producer", department: "WRITING", rank: 6, aliases: ["coproducer"] },
  {
    key: "PRODUCER_WRITER",
    label: "Producer (writing)",
    department: "WRITING",
    rank: 7,
    aliases: ["writer producer", "writing producer", "producer writer"],
  },
  {
    key: "SUPERVISING_PRODUCER",
    label: "Supervising producer",
    department: "WRITING",
    rank: 8,
    aliases: ["sup producer", "supervising prod"],
  },
  {
    key: "CO_EXECUTIVE_PRODUCER",
    label: "Co-executive producer",
    department: "WRITING",
    rank: 9,
    aliases: ["co-ep", "coep", "co-exec", "co executive producer", "co exec producer"],
  },
  {
    key: "SHOWRUNNER",
    label: "Executive producer / showrunner",
    department: "WRITING",
    rank: 10,
    aliases: [
      "showrunner",
      "show runner",
      "executive producer",
      "ep",
      "exec producer",
      "writing executive producer",
      "series creator",
      "creator",
    ],
  },
  // Directing
  {
    key: "FIRST_AD",
    label: "First assistant director",
    department: "DIRECTING",
    rank: 1,
    aliases: ["1st ad", "first ad", "1st assistant director", "1ad", "ad"],
  },
  {
    key: "DIRECTOR",
    label: "Director",
    department: "DIRECTING",
    rank: 2,
    aliases: ["episodic director", "episode director", "tv director", "dir"],
  },
  // Producing (non-writing)
  {
    key: "DEVELOPMENT_EXECUTIVE",
    label: "Development executive",
    department: "PRODUCING",
    rank: 1,
    aliases: ["development exec", "dev exec", "creative executive", "development", "vp development"],
  },
  {
    key: "LINE_PRODUCER",
    label: "Line producer",
    department: "PRODUCING",
    rank: 2,
    aliases: ["upm", "unit production manager", "production manager"],
  },
  {
    key: "PRODUCER",
    label: "Producer",
    department: "PRODUCING",
    rank: 3,
    aliases: ["field producer", "segment producer", "story producer", "non-writing producer"],
  },
  {
    key: "EXECUTIVE_PRODUCER",
    label: "Executive producer (non-writing)",
    department: "PRODUCING",
    rank: 4,
    aliases: ["non-writing executive producer", "non-writing ep", "producing executive producer"],
  },
  // Post-production
  {
    key: "ASSISTANT_EDITOR",
    label: "Assistant editor",
    department: "POST_PRODUCTION",
    rank: 1,
    aliases: ["ae", "1st assistant editor", "first assistant editor", "assistant film editor"],
  },
  {
    key: "EDITOR",
    label: "Editor",
    department: "POST_PRODUCTION",
    rank: 2,
    aliases: ["picture editor", "film editor", "video editor", "offline editor"],
  },
  // Camera
  {
    key: "DIRECTOR_OF_PHOTOGRAPHY",
    label: "Director of photography",
    department: "CAMERA",
    rank: 1,
    aliases: ["dp", "dop", "cinematographer"],
  },
  // Script
  {
    key: "SCRIPT_SUPERVISOR",
    label: "Script supervisor",
    department: "SCRIPT",
    rank: 1,
    aliases: ["scripty", "continuity supervisor", "script super"],
  },
  // Casting
  {
    key: "CASTING_DIRECTOR",
    label: "Casting director",
    department: "CASTING",
    rank: 1,
    aliases: ["casting", "cd"],
  },
  { key: "OTHER", label: "Other", department: "OTHER", rank: 1, aliases: ["other role", "crew"] },
] as const satisfies readonly RoleDef[];

export type RoleKey = (typeof ROLES)[number]["key"];
export const ROLE_KEYS = ROLES.map((r) => r.key) as unknown as KeyTuple<RoleKey>;

// ---------------------------------------------------------------------------
// Formats & genres
// ---------------------------------------------------------------------------

export const FORMATS = [
  {
    key: "MULTI_CAM_SITCOM",
    label: "Multi-camera sitcom",
    plural: "multi-camera sitcoms",
    aliases: ["multi cam", "multicam", "multi-camera", "multi cam sitcom", "sitcom", "studio sitcom"],
  },
  {
    key: "SINGLE_CAM_COMEDY",
    label: "Single-camera comedy",
    plural: "single-camera comedies",
    aliases: ["single cam", "single-camera", "single cam comedy", "half hour comedy", "half-hour comedy"],
  },
  {
    key: "DRAMA",
    label: "Drama",
    plural: "dramas",
    aliases: ["hour drama", "one hour drama", "one-hour drama", "drama series", "hour long drama"],
  },
  {
    key: "PROCEDURAL",
    label: "Procedural",
    plural: "procedurals",
    aliases: ["police procedural", "cop show", "case of the week", "crime procedural"],
  },
  {
    key: "LIMITED_SERIES",
    label: "Limited series",
    plural: "limited series",
    aliases: ["miniseries", "mini series", "mini-series", "anthology", "anthology series"],
  },
  {
    key: "ANIMATION",
    label: "Animation",
    plural: "animated series",
    aliases: ["animated", "animated series", "cartoon", "adult animation"],
  },
  {
    key: "UNSCRIPTED",
    label: "Unscripted / reality",
    plural: "unscripted / reality shows",
    aliases: ["unscripted", "reality", "reality tv", "competition", "competition series", "game show"],
  },
  {
    key: "DOCUMENTARY",
    label: "Documentary",
    plural: "documentaries",
    aliases: ["doc", "docs", "docuseries", "documentary series", "factual", "docu series"],
  },
  {
    key: "LATE_NIGHT",
    label: "Late-night / variety",
    plural: "late-night / variety shows",
    aliases: ["late night", "variety", "talk show", "sketch", "sketch comedy", "late-night"],
  },
  {
    key: "DAYTIME",
    label: "Daytime",
    plural: "daytime shows",
    aliases: ["soap", "soap opera", "daytime drama", "daytime talk"],
  },
  {
    key: "CHILDRENS",
    label: "Children's",
    plural: "children's shows",
    aliases: ["kids", "childrens", "children", "kids tv", "preschool", "childrens tv"],
  },
] as const satisfies readonly { key: string; label: string; plural: string; aliases: readonly string[] }[];

export type FormatKey = (typeof FORMATS)[number]["key"];
export type FormatDef = (typeof FORMATS)[number];
export const FORMAT_KEYS = FORMATS.map((f) => f.key) as unknown as KeyTuple<FormatKey>;

export const GENRES = [
  { key: "COMEDY", label: "Comedy", aliases: ["comedic", "humor", "humour"] },
  { key: "DRAMA", label: "Drama", aliases: ["dramatic"] },
  { key: "CRIME", label: "Crime", aliases: ["police", "detective", "mystery", "cop"] },
  { key: "THRILLER", label: "Thriller", aliases: ["suspense", "psychological thriller"] },
  { key: "SCI_FI", label: "Science fiction", aliases: ["sci-fi", "scifi", "sf", "sci fi"] },
  { key: "FANTASY", label: "Fantasy", aliases: ["fairy tale"] },
  { key: "HORROR", label: "Horror", aliases: ["scary"] },
  { key: "ROMANCE", label: "Romance", aliases: ["romantic", "love story"] },
  { key: "ACTION", label: "Action", aliases: ["action adventure", "adventure"] },
  { key: "FAMILY", label: "Family", aliases: ["family friendly", "all ages"] },
  { key: "HISTORICAL", label: "Historical / period", aliases: ["historical", "period", "period piece", "history"] },
  { key: "MEDICAL", label: "Medical", aliases: ["hospital", "medical drama"] },
  { key: "LEGAL", label: "Legal", aliases: ["courtroom", "law", "legal drama"] },
  { key: "SATIRE", label: "Satire", aliases: ["parody", "political satire"] },
  { key: "TRUE_CRIME", label: "True crime", aliases: [] },
  { key: "NATURE", label: "Nature / wildlife", aliases: ["nature", "wildlife", "natural history"] },
  { key: "NEWS", label: "News / current affairs", aliases: ["news", "current affairs", "journalism"] },
  { key: "MUSIC", label: "Music", aliases: ["musical"] },
] as const satisfies readonly { key: string; label: string; aliases: readonly string[] }[];

export type GenreKey = (typeof GENRES)[number]["key"];
export type GenreDef = (typeof GENRES)[number];
export const GENRE_KEYS = GENRES.map((g) => g.key) as unknown as KeyTuple<GenreKey>;

// ---------------------------------------------------------------------------
// Task families, modalities and task types
// ---------------------------------------------------------------------------

export const MODALITIES = [
  { key: "TEXT", label: "Text" },
  { key: "VIDEO", label: "Video" },
  { key: "AUDIO", label: "Audio" },
  { key: "MULTIMODAL", label: "Multimodal" },
] as const satisfies readonly { key: string; label: string }[];

export type Modality = (typeof MODALITIES)[number]["key"];
export const MODALITY_KEYS = MODALITIES.map((m) => m.key) as unknown as KeyTuple<Modality>;

export const TASK_FAMILIES = [
  { key: "GENERATION", label: "Generation", description: "Writing or creating the examples an AI learns from." },
  { key: "EVALUATION", label: "Evaluation", description: "Judging, ranking and giving notes on what an AI produced." },
  { key: "ANNOTATION", label: "Annotation", description: "Labelling scripts, footage and audio so an AI can learn structure." },
  { key: "RED_TEAMING", label: "Red-teaming", description: "Trying to make an AI misbehave, and reviewing it for harm and bias." },
] as const satisfies readonly { key: string; label: string; description: string }[];

export type TaskFamily = (typeof TASK_FAMILIES)[number]["key"];
export const TASK_FAMILY_KEYS = TASK_FAMILIES.map((f) => f.key) as unknown as KeyTuple<TaskFamily>;

export interface TaskTypeDef {
  key: string;
  name: string;
  family: TaskFamily;
  modality: Modality;
  description: string;
}

export const TASK_TYPES = [
  // --- Generation -----------------------------------------------------------
  {
    key: "DIALOGUE_DEMONSTRATION",
    name: "Dialogue demonstrations",
    family: "GENERATION",
    modality: "TEXT",
    description:
      "Write the ideal line or exchange an AI should produce, in a given character's voice, so the model learns natural dialogue by example.",
  },
  {
    key: "STORY_SCENE_WRITING",
    name: "Story & scene writing",
    family: "GENERATION",
    modality: "TEXT",
    description:
      "Write complete scenes, outlines or short stories to a brief, like a freelance episode, that become gold-standard examples for the model.",
  },
  {
    key: "PROMPT_WRITING",
    name: "Prompt writing",
    family: "GENERATION",
    modality: "TEXT",
    description:
      "Pitch many varied, specific requests for the AI to answer — the way a room pitches jokes — so its training covers every angle of a topic.",
  },
  {
    key: "LOGLINE_SYNOPSIS_WRITING",
    name: "Logline & synopsis writing",
    family: "GENERATION",
    modality: "TEXT",
    description:
      "Boil scripts, episodes or footage down to accurate loglines, synopses and coverage that the model learns to summarise from.",
  },
  {
    key: "VIDEO_PROMPT_WRITING",
    name: "Shot-description prompts",
    family: "GENERATION",
    modality: "VIDEO",
    description:
      "Describe shots the way you would on a shot list — lens, framing, movement, light — so video models learn to follow a director's intent.",
  },
  // --- Evaluation -----------------------------------------------------------
  {
    key: "DIALOGUE_PREFERENCE_RANKING",
    name: "Dialogue preference ranking",
    family: "EVALUATION",
    modality: "TEXT",
    description:
      "Read two or more AI-written versions of a line or scene and pick the better one, with a short note on why — like choosing between alts.",
  },
  {
    key: "SCRIPT_RUBRIC_GRADING",
    name: "Script grading against a rubric",
    family: "EVALUATION",
    modality: "TEXT",
    description:
      "Score AI-written scripts against a checklist (structure, voice, stakes, format) and give notes, much like giving notes on a draft.",
  },
  {
    key: "COMEDIC_TIMING_EVAL",
    name: "Comedic-timing evaluation",
    family: "EVALUATION",
    modality: "TEXT",
    description:
      "Judge whether AI-written jokes land: setup, rhythm, button and whether the funniest word is in the right place.",
  },
  {
    key: "NARRATIVE_COHERENCE_EVAL",
    name: "Narrative-coherence evaluation",
    family: "EVALUATION",
    modality: "TEXT",
    description:
      "Check that an AI-written story holds together — cause and effect, stakes, timeline and payoffs — and flag plot holes.",
  },
  {
    key: "CHARACTER_CONSISTENCY_CHECK",
    name: "Character-consistency checks",
    family: "EVALUATION",
    modality: "TEXT",
    description:
      "Flag where an AI breaks character: voice, backstory, relationships or knowledge the character shouldn't have, as a show bible would.",
  },
  {
    key: "AUDIENCE_ENGAGEMENT_PREDICTION",
    name: "Audience-engagement prediction",
    family: "EVALUATION",
    modality: "MULTIMODAL",
    description:
      "Predict which version of a pitch, scene or clip an audience would watch to the end, and explain what hooks or loses them.",
  },
  {
    key: "VIDEO_GENERATION_QUALITY_EVAL",
    name: "AI video quality evaluation",
    family: "EVALUATION",
    modality: "VIDEO",
    description:
      "Review AI-generated video shots for framing, lighting, motion, physics and performance the way you would review dailies.",
  },
  {
    key: "VOICE_PERFORMANCE_EVAL",
    name: "Synthetic voice performance evaluation",
    family: "EVALUATION",
    modality: "AUDIO",
    description:
      "Listen to AI-generated voice reads and judge delivery, emotion and timing as you would in a casting session or voice record.",
  },
  {
    key: "PROJECT_QA_LEAD",
    name: "Project QA lead",
    family: "EVALUATION",
    modality: "MULTIMODAL",
    description:
      "Run a team of reviewers: write the guidelines, spot-check their work, settle disagreements and keep quality and schedule on track.",
  },
  // --- Annotation -----------------------------------------------------------
  {
    key: "EMOTION_SARCASM_TENSION_LABELLING",
    name: "Emotion, sarcasm & tension labelling",
    family: "ANNOTATION",
    modality: "MULTIMODAL",
    description:
      "Tag lines and moments with what is really going on underneath — emotion, sarcasm, subtext, rising tension.",
  },
  {
    key: "SCENE_BEAT_SEGMENTATION",
    name: "Scene & beat segmentation",
    family: "ANNOTATION",
    modality: "VIDEO",
    description:
      "Mark where scenes and story beats start and end in scripts or footage, like breaking down a script or building a beat board.",
  },
  {
    key: "SHOT_CAMERA_ANNOTATION",
    name: "Shot & camera annotation",
    family: "ANNOTATION",
    modality: "VIDEO",
    description:
      "Label shot size, angle, lens, camera movement and lighting in video clips so AI models learn the language of cinematography.",
  },
  {
    key: "VIDEO_CAPTIONING",
    name: "Video captioning",
    family: "ANNOTATION",
    modality: "VIDEO",
    description:
      "Write precise descriptions of what happens in a clip — action, blocking, setting, mood — like logging footage for an edit.",
  },
  {
    key: "CONTINUITY_ANNOTATION",
    name: "Continuity annotation",
    family: "ANNOTATION",
    modality: "VIDEO",
    description:
      "Spot and label continuity errors across shots — props, wardrobe, eyelines, screen direction — in real or AI-generated video.",
  },
  {
    key: "STORY_ARC_ANNOTATION",
    name: "Story-arc annotation",
    family: "ANNOTATION",
    modality: "TEXT",
    description:
      "Map the structure of a story: acts, turning points, character arcs and set-ups and payoffs across an episode or season.",
  },
  {
    key: "PACING_ANNOTATION",
    name: "Pacing annotation",
    family: "ANNOTATION",
    modality: "VIDEO",
    description:
      "Mark where a scene or cut drags or rushes and why, the way an editor gives notes on a cut.",
  },
  {
    key: "CASTING_PERFORMANCE_ANNOTATION",
    name: "Performance annotation",
    family: "ANNOTATION",
    modality: "VIDEO",
    description:
      "Rate and describe on-screen performances — believability, intention, chemistry — for real actors or AI-generated ones.",
  },
  {
    key: "SOUND_MUSIC_CUE_ANNOTATION",
    name: "Sound & music cue annotation",
    family: "ANNOTATION",
    modality: "AUDIO",
    description:
      "Label dialogue, sound effects, music cues and their emotional purpose in a soundtrack, like a spotting session.",
  },
  // --- Red-teaming ----------------------------------------------------------
  {
    key: "HARMFUL_CONTENT_PROBING",
    name: "Harmful-content probing",
    family: "RED_TEAMING",
    modality: "MULTIMODAL",
    description:
      "Deliberately try to get an AI to produce something harmful or dangerous, and write up exactly how it slipped, so it can be fixed.",
  },
  {
    key: "ROLEPLAY_JAILBREAK_PROBING",
    name: "Role-play jailbreak probing",
    family: "RED_TEAMING",
    modality: "TEXT",
    description:
      "Invent characters, fictional set-ups and story framings that try to talk an AI out of its rules — the tricks a storyteller would think of.",
  },
  {
    key: "BIAS_REVIEW",
    name: "Bias & representation review",
    family: "RED_TEAMING",
    modality: "MULTIMODAL",
    description:
      "Review AI output for stereotypes, one-sided portrayals and who is missing, the way a good room or network reviews representation.",
  },
  {
    key: "CONTENT_POLICY_REVIEW",
    name: "Content-policy review",
    family: "RED_TEAMING",
    modality: "MULTIMODAL",
    description:
      "Check AI output against content rules (age ratings, violence, language) and explain calls in borderline cases, like broadcast standards notes.",
  },
] as const satisfies readonly TaskTypeDef[];

export type TaskTypeKey = (typeof TASK_TYPES)[number]["key"];
export const TASK_TYPE_KEYS = TASK_TYPES.map((t) => t.key) as unknown as KeyTuple<TaskTypeKey>;

// ---------------------------------------------------------------------------
// Lookups
// ---------------------------------------------------------------------------

export type Role = (typeof ROLES)[number];
export type TaskType = (typeof TASK_TYPES)[number];

const roleMap = new Map<string, Role>(ROLES.map((r) => [r.key, r]));
const departmentMap = new Map<string, DepartmentDef>(DEPARTMENTS.map((d) => [d.key, d]));
const formatMap = new Map<string, FormatDef>(FORMATS.map((f) => [f.key, f]));
const genreMap = new Map<string, GenreDef>(GENRES.map((g) => [g.key, g]));
const taskTypeMap = new Map<string, TaskType>(TASK_TYPES.map((t) => [t.key, t]));
const familySet = new Set<string>(TASK_FAMILY_KEYS);
const modalitySet = new Set<string>(MODALITY_KEYS);

const maxRankByDepartment = new Map<DepartmentKey, number>();
for (const r of ROLES) {
  maxRankByDepartment.set(r.department, Math.max(maxRankByDepartment.get(r.department) ?? 0, r.rank));
}

export function isRoleKey(value: unknown): value is RoleKey {
  return typeof value === "string" && roleMap.has(value);
}
export function isDepartmentKey(value: unknown): value is DepartmentKey {
  return typeof value === "string" && departmentMap.has(value);
}
export function isFormatKey(value: unknown): value is FormatKey {
  return typeof value === "string" && formatMap.has(value);
}
export function isGenreKey(value: unknown): value is GenreKey {
  return typeof value === "string" && genreMap.has(value);
}
export function isTaskTypeKey(value: unknown): value is TaskTypeKey {
  return typeof value === "string" && taskTypeMap.has(value);
}
export function isTaskFamily(value: unknown): value is TaskFamily {
  return typeof value === "string" && familySet.has(value);
}
export function isModality(value: unknown): value is Modality {
  return typeof value === "string" && modalitySet.has(value);
}

export function roleByKey(key: RoleKey): Role;
export function roleByKey(key: string): Role | undefined;
export function roleByKey(key: string): Role | undefined {
  return roleMap.get(key);
}
export function departmentByKey(key: DepartmentKey): DepartmentDef;
export function departmentByKey(key: string): DepartmentDef | undefined;
export function departmentByKey(key: string): DepartmentDef | undefined {
  return departmentMap.get(key);
}
export function formatByKey(key: FormatKey): FormatDef;
export function formatByKey(key: string): FormatDef | undefined;
export function formatByKey(key: string): FormatDef | undefined {
  return formatMap.get(key);
}
export function genreByKey(key: GenreKey): GenreDef;
export function genreByKey(key: string): GenreDef | undefined;
export function genreByKey(key: string): GenreDef | undefined {
  return genreMap.get(key);
}
export function taskTypeByKey(key: TaskTypeKey): TaskType;
export function taskTypeByKey(key: string): TaskType | undefined;
export function taskTypeByKey(key: string): TaskType | undefined {
  return taskTypeMap.get(key);
}

/** Label for a key; unknown keys are returned unchanged so stale data still renders. */
export function roleLabel(key: string): string {
  return roleMap.get(key)?.label ?? key;
}
export function departmentLabel(key: string): string {
  return departmentMap.get(key)?.label ?? key;
}
export function formatLabel(key: string): string {
  return formatMap.get(key)?.label ?? key;
}
/** Lower-case plural for use mid-sentence ("single-camera comedies"). */
export function formatPlural(key: string): string {
  return formatMap.get(key)?.plural ?? key.toLowerCase();
}
export function genreLabel(key: string): string {
  return genreMap.get(key)?.label ?? key;
}
export function taskTypeName(key: string): string {
  return taskTypeMap.get(key)?.name ?? key;
}
export function taskFamilyLabel(key: string): string {
  return TASK_FAMILIES.find((f) => f.key === key)?.label ?? key;
}
export function modalityLabel(key: string): string {
  return MODALITIES.find((m) => m.key === key)?.label ?? key;
}

export function departmentOfRole(key: RoleKey): DepartmentKey {
  return roleMap.get(key)!.department;
}
export function rolesInDepartment(department: DepartmentKey): Role[] {
  return ROLES.filter((r) => r.department === department).sort((a, b) => a.rank - b.rank);
}
/** Highest rank in a department (1 for single-role departments). */
export function maxRankInDepartment(department: DepartmentKey): number {
  return maxRankByDepartment.get(department) ?? 1;
}
export function taskTypesInFamily(family: TaskFamily): TaskType[] {
  return TASK_TYPES.filter((t) => t.family === family);
}

// ---------------------------------------------------------------------------
// Free-text parsing (CSV import, search)
// ---------------------------------------------------------------------------

/** Maps free text ("Co-EP", "staff writer", "DP", "SHOWRUNNER") to a role key, or null. */
export const parseRole: (text: string | null | undefined) => RoleKey | null = makeParser<RoleKey>(ROLES);
/** Maps free text ("multicam", "Unscripted / reality", "docuseries") to a format key, or null. */
export const parseFormat: (text: string | null | undefined) => FormatKey | null = makeParser<FormatKey>(FORMATS);
/** Maps free text ("sci-fi", "True crime") to a genre key, or null. */
export const parseGenre: (text: string | null | undefined) => GenreKey | null = makeParser<GenreKey>(GENRES);
/** Maps free text ("post", "Writing") to a department key, or null. */
export const parseDepartment: (text: string | null | undefined) => DepartmentKey | null =
  makeParser<DepartmentKey>(DEPARTMENTS);

/**
 * Parses a list of genres separated by commas, semicolons or pipes
 * ("Comedy; sci-fi | true crime"). Duplicates are dropped, order kept;
 * unrecognised items are returned in `unknown` so the importer can report them.
 */
export function parseGenres(text: string | null | undefined): { genres: GenreKey[]; unknown: string[] } {
  const genres: GenreKey[] = [];
  const unknown: string[] = [];
  if (typeof text !== "string") return { genres, unknown };
  for (const raw of text.split(/[,;|]/)) {
    const part = raw.trim();
    if (!part) continue;
    const key = parseGenre(part);
    if (key === null) unknown.push(part);
    else if (!genres.includes(key)) genres.push(key);
  }
  return { genres, unknown };
}

const GIG_STATUS_LABELS: Record<string, string> = { DRAFT: "Draft", OPEN: "Open", PAUSED: "Paused", CLOSED: "Closed" };
/** A gig status in people's words: "Open", not `OPEN`. */
export function gigStatusLabel(status: string): string {
  return GIG_STATUS_LABELS[status] ?? status;
}
