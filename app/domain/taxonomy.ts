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

type Via = "label" | "alias" | "key";

function buildLookup<K extends string>(
  entries: readonly { key: K; label: string; aliases?: readonly string[] }[],
): Map<string, { key: K; via: Via }> {
  const map = new Map<string, { key: K; via: Via }>();
  const add = (text: string, key: K, via: Via) => {
    const norm = normaliseLabel(text);
    if (norm && !map.has(norm)) map.set(norm, { key, via });
  };
  // Labels win over aliases, aliases over spelled-out keys ("executive producer"
  // is the SHOWRUNNER alias even though EXECUTIVE_PRODUCER normalises the same;
  // the exact key is matched before this lookup is consulted).
  for (const e of entries) add(e.label, e.key, "label");
  for (const e of entries) for (const a of e.aliases ?? []) add(a, e.key, "alias");
  for (const e of entries) add(e.key, e.key, "key");
  return map;
}

/** How sure the importer is about a label it read: the label itself, a known alias, or not understood. */
export type ReadConfidence = "exact" | "alias" | "unknown";

export interface LabelReading<K extends string> {
  /** The text as typed (trimmed). */
  input: string;
  /** null when the label was not understood: the UI asks the person to choose. */
  key: K | null;
  /** Our label for `key` ("Head writer"), null when unknown. */
  label: string | null;
  confidence: ReadConfidence;
  /** Why a recognised label is still not mapped (e.g. IMDb's archive_footage), else null. */
  note: string | null;
}

/**
 * Labels we recognise but deliberately do not map, because every key would mean something
 * different: the reader returns `unknown` with this note so the UI can explain and ask.
 */
const UNMAPPED_ROLE_NOTES: Record<string, string> = {
  "archive footage":
    "IMDb lists this because older footage of you was reused; it is not work on this title. Choose your role if you did work on it.",
  "archive sound":
    "IMDb lists this because an older recording of you was reused; it is not work on this title. Choose your role if you did work on it.",
};
const UNMAPPED_FORMAT_NOTES: Record<string, string> = {
  "tv series": "A TV series can be a sitcom, a drama, a procedural and more. Choose the format.",
  tvseries: "A TV series can be a sitcom, a drama, a procedural and more. Choose the format.",
  series: "A series can be a sitcom, a drama, a procedural and more. Choose the format.",
  "tv show": "A TV show can be a sitcom, a drama, a talk show and more. Choose the format.",
  "tv episode": "An episode can belong to any format. Choose the format of the show.",
  tvepisode: "An episode can belong to any format. Choose the format of the show.",
  "tv pilot": "A pilot can be of any format. Choose the format of the show.",
  tvpilot: "A pilot can be of any format. Choose the format of the show.",
  video: "IMDb's \u201cvideo\u201d covers many kinds of work. Choose the closest format.",
  "video game": "Video games are not a TV format we score yet. Choose the closest format, or Other.",
  videogame: "Video games are not a TV format we score yet. Choose the closest format, or Other.",
};

function makeReader<K extends string>(
  entries: readonly { key: K; label: string; aliases?: readonly string[] }[],
  notes: Record<string, string> = {},
): (text: string | null | undefined) => LabelReading<K> {
  const lookup = buildLookup(entries);
  const keys = new Set<string>(entries.map((e) => e.key));
  const labels = new Map<string, string>(entries.map((e) => [e.key, e.label]));
  return (text) => {
    const input = typeof text === "string" ? text.trim() : "";
    const unknown = (note: string | null = null): LabelReading<K> => ({ input, key: null, label: null, confidence: "unknown", note });
    if (input === "") return unknown();
    // Exact keys, also in lower case when written key-style ("staff_writer").
    const upper = input.toUpperCase();
    if (keys.has(upper) && (input === upper || input.includes("_"))) {
      return { input, key: upper as K, label: labels.get(upper) ?? upper, confidence: "exact", note: null };
    }
    const norm = normaliseLabel(input);
    const hit = lookup.get(norm);
    if (hit) {
      return {
        input,
        key: hit.key,
        label: labels.get(hit.key) ?? hit.key,
        confidence: hit.via === "alias" ? "alias" : "exact",
        note: null,
      };
    }
    return unknown(notes[norm] ?? null);
  };
}

function parserOf<K extends string>(reader: (text: string | null | undefined) => LabelReading<K>) {
  return (text: string | null | undefined): K | null => (typeof text === "string" ? reader(text).key : null);
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
  {
    key: "PERFORMANCE",
    label: "Performance / on camera",
    aliases: ["cast", "acting", "on camera", "on screen", "talent", "performers"],
  },
  { key: "MUSIC_SOUND", label: "Music & sound", aliases: ["music", "sound", "music department", "score"] },
  { key: "ART", label: "Art & design", aliases: ["art department", "production design", "design"] },
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
  // Writing, junior → senior (the standard US writers' room ladder; credited and consulting
  // writers and head writers slotted in where they sit in practice).
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
    // IMDb's `writer` category and the WGA on-screen credits ("Written by", "Teleplay by",
    // "Story by") say that someone wrote an episode, not which staff position they held.
    key: "WRITER",
    label: "Writer (episode credit)",
    department: "WRITING",
    rank: 3,
    aliases: [
      "writer",
      "written by",
      "teleplay by",
      "teleplay",
      "story by",
      "screenplay by",
      "screenplay",
      "screenwriter",
      "freelance writer",
      "episode writer",
      "tv writer",
      "television writer",
      "writer episode credit",
    ],
  },
  {
    key: "STAFF_WRITER",
    label: "Staff writer",
    department: "WRITING",
    rank: 4,
    aliases: ["staff", "staff writer"],
  },
  { key: "STORY_EDITOR", label: "Story editor", department: "WRITING", rank: 5, aliases: ["story ed"] },
  {
    key: "EXECUTIVE_STORY_EDITOR",
    label: "Executive story editor",
    department: "WRITING",
    rank: 6,
    aliases: ["exec story editor", "ese"],
  },
  { key: "CO_PRODUCER", label: "Co-producer", department: "WRITING", rank: 7, aliases: ["coproducer"] },
  {
    key: "PRODUCER_WRITER",
    label: "Producer (writing)",
    department: "WRITING",
    rank: 8,
    aliases: ["writer producer", "writing producer", "producer writer", "writer and producer"],
  },
  {
    key: "SUPERVISING_PRODUCER",
    label: "Supervising producer",
    department: "WRITING",
    rank: 9,
    aliases: ["sup producer", "supervising prod"],
  },
  {
    key: "CONSULTING_PRODUCER",
    label: "Consulting producer",
    department: "WRITING",
    rank: 10,
    aliases: ["consulting prod", "creative consultant", "executive consultant"],
  },
  {
    key: "HEAD_WRITER",
    label: "Head writer",
    department: "WRITING",
    rank: 11,
    aliases: ["head of writing", "head writer", "co head writer", "co-head writer"],
  },
  {
    key: "CO_EXECUTIVE_PRODUCER",
    label: "Co-executive producer",
    department: "WRITING",
    rank: 12,
    aliases: ["co-ep", "coep", "co-exec", "co executive producer", "co exec producer"],
  },
  {
    key: "SHOWRUNNER",
    label: "Executive producer / showrunner",
    department: "WRITING",
    rank: 13,
    aliases: [
      "showrunner",
      "show runner",
      "executive producer",
      "ep",
      "exec producer",
      "writing executive producer",
      "series creator",
      "creator",
      "created by",
      "developed by",
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
    aliases: ["episodic director", "episode director", "tv director", "dir", "directed by"],
  },
  // Producing (non-writing)
  {
    key: "ASSOCIATE_PRODUCER",
    label: "Associate producer",
    department: "PRODUCING",
    rank: 1,
    aliases: ["ap", "assoc producer", "associate prod"],
  },
  {
    key: "DEVELOPMENT_EXECUTIVE",
    label: "Development executive",
    department: "PRODUCING",
    rank: 2,
    aliases: ["development exec", "dev exec", "creative executive", "development", "vp development"],
  },
  {
    key: "LINE_PRODUCER",
    label: "Line producer",
    department: "PRODUCING",
    rank: 3,
    aliases: ["upm", "unit production manager", "production manager"],
  },
  {
    key: "PRODUCER",
    label: "Producer",
    department: "PRODUCING",
    rank: 4,
    aliases: ["field producer", "segment producer", "story producer", "non-writing producer", "produced by"],
  },
  {
    key: "EXECUTIVE_PRODUCER",
    label: "Executive producer (non-writing)",
    department: "PRODUCING",
    rank: 5,
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
    key: "POST_PRODUCER",
    label: "Post producer",
    department: "POST_PRODUCTION",
    rank: 2,
    aliases: ["post production producer", "post-production supervisor", "post supervisor", "post production supervisor"],
  },
  {
    key: "EDITOR",
    label: "Editor",
    department: "POST_PRODUCTION",
    rank: 3,
    aliases: ["picture editor", "film editor", "video editor", "offline editor", "edited by"],
  },
  // Camera
  {
    key: "CAMERA_OPERATOR",
    label: "Camera operator",
    department: "CAMERA",
    rank: 1,
    aliases: ["camera op", "cameraman", "camerawoman", "camera person", "steadicam operator", "a camera operator"],
  },
  {
    key: "DIRECTOR_OF_PHOTOGRAPHY",
    label: "Director of photography",
    department: "CAMERA",
    rank: 2,
    aliases: ["dp", "dop", "cinematographer", "cinematography by"],
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
    key: "CASTING_ASSOCIATE",
    label: "Casting associate",
    department: "CASTING",
    rank: 1,
    aliases: ["casting assistant", "associate casting director", "casting associate"],
  },
  {
    key: "CASTING_DIRECTOR",
    label: "Casting director",
    department: "CASTING",
    rank: 2,
    aliases: ["casting", "cd", "casting by"],
  },
  // Performance / on camera (IMDb's actor, actress and self categories)
  {
    key: "ON_CAMERA_SELF",
    label: "On camera as yourself",
    department: "PERFORMANCE",
    rank: 1,
    aliases: ["self", "himself", "herself", "themselves", "contestant", "interviewee", "as self"],
  },
  {
    key: "HOST",
    label: "Host / presenter",
    department: "PERFORMANCE",
    rank: 2,
    aliases: ["presenter", "anchor", "talk show host", "tv host", "late night host"],
  },
  {
    key: "ACTOR",
    label: "Actor",
    department: "PERFORMANCE",
    rank: 3,
    aliases: ["actress", "performer", "cast member", "voice actor", "voice actress", "voice artist"],
  },
  // Music & sound
  {
    key: "COMPOSER",
    label: "Composer",
    department: "MUSIC_SOUND",
    rank: 1,
    aliases: ["music by", "original music", "score composer", "music composer"],
  },
  // Art & design
  {
    key: "PRODUCTION_DESIGNER",
    label: "Production designer",
    department: "ART",
    rank: 1,
    aliases: ["production design", "production design by"],
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
    aliases: [
      "miniseries",
      "mini series",
      "mini-series",
      "anthology",
      "anthology series",
      "tv mini series",
      "tv miniseries",
      "tv mini-series",
      "tvminiseries",
      "limited",
    ],
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
    aliases: [
      "unscripted",
      "reality",
      "reality tv",
      "reality series",
      "reality show",
      "competition",
      "competition series",
      "game show",
      "gameshow",
      "docusoap",
      "dating show",
    ],
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
    aliases: [
      "late night",
      "variety",
      "talk show",
      "sketch",
      "sketch comedy",
      "late-night",
      "late night talk show",
      "late-night talk show",
      "late night show",
      "variety show",
      "sketch show",
      "talk",
    ],
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
    aliases: ["kids", "childrens", "children", "kids tv", "preschool", "childrens tv", "childrens television"],
  },
  {
    key: "TV_MOVIE",
    label: "TV movie",
    plural: "television movies",
    aliases: ["tv movie", "tvmovie", "made for tv movie", "made-for-tv movie", "television film", "tv film", "movie of the week"],
  },
  {
    key: "TV_SPECIAL",
    label: "TV special",
    plural: "television specials",
    aliases: ["special", "tvspecial", "tv special", "stand up special", "comedy special", "awards show", "variety special"],
  },
  {
    key: "WEB_SERIES",
    label: "Web series",
    plural: "web series",
    aliases: ["web series", "webseries", "online series", "digital series", "youtube series"],
  },
  {
    key: "FEATURE_FILM",
    label: "Feature film",
    plural: "feature films",
    aliases: ["movie", "film", "feature", "theatrical feature"],
  },
  {
    key: "SHORT_FILM",
    label: "Short film",
    plural: "short films",
    aliases: ["short", "tvshort", "tv short", "short film"],
  },
] as const satisfies readonly { key: string; label: string; plural: string; aliases: readonly string[] }[];

export type FormatKey = (typeof FORMATS)[number]["key"];
export type FormatDef = (typeof FORMATS)[number];
export const FORMAT_KEYS = FORMATS.map((f) => f.key) as unknown as KeyTuple<FormatKey>;

export const GENRES = [
  // Every genre of IMDb's title.basics list has a key of its own (IMDb's spelling is the
  // label or an alias), plus TV-specific genres IMDb does not have.
  { key: "ACTION", label: "Action", aliases: ["action adventure", "action-adventure"] },
  { key: "ADULT", label: "Adult (explicit)", aliases: ["adult", "explicit", "adult content"] },
  { key: "ADVENTURE", label: "Adventure", aliases: [] },
  { key: "ANIMATION", label: "Animation", aliases: ["animated", "cartoon"] },
  { key: "BIOGRAPHY", label: "Biography", aliases: ["biographical", "biopic", "bio"] },
  { key: "COMEDY", label: "Comedy", aliases: ["comedic", "humor", "humour"] },
  { key: "CRIME", label: "Crime", aliases: ["police", "detective", "cop"] },
  { key: "DOCUMENTARY", label: "Documentary", aliases: ["doc", "documentaries", "non fiction", "nonfiction", "factual"] },
  { key: "DRAMA", label: "Drama", aliases: ["dramatic"] },
  { key: "FAMILY", label: "Family", aliases: ["family friendly", "all ages"] },
  { key: "FANTASY", label: "Fantasy", aliases: ["fairy tale"] },
  { key: "FILM_NOIR", label: "Film noir", aliases: ["film-noir", "noir", "neo noir", "neo-noir"] },
  { key: "GAME_SHOW", label: "Game show", aliases: ["game-show", "gameshow", "quiz show", "quiz"] },
  { key: "HISTORICAL", label: "Historical / period", aliases: ["historical", "period", "period piece", "history"] },
  { key: "HORROR", label: "Horror", aliases: ["scary"] },
  { key: "MUSIC", label: "Music", aliases: ["music documentary", "concert"] },
  { key: "MUSICAL", label: "Musical", aliases: ["musical comedy", "musical drama"] },
  { key: "MYSTERY", label: "Mystery", aliases: ["whodunit", "whodunnit", "murder mystery"] },
  { key: "NEWS", label: "News / current affairs", aliases: ["news", "current affairs", "journalism"] },
  { key: "REALITY", label: "Reality", aliases: ["reality-tv", "reality tv", "reality television"] },
  { key: "ROMANCE", label: "Romance", aliases: ["romantic", "love story"] },
  { key: "SCI_FI", label: "Science fiction", aliases: ["sci-fi", "scifi", "sf", "sci fi"] },
  { key: "SHORT", label: "Short", aliases: ["short form", "short-form", "shorts"] },
  { key: "SPORT", label: "Sport", aliases: ["sports", "sporting"] },
  { key: "TALK_SHOW", label: "Talk show", aliases: ["talk-show", "talk", "chat show"] },
  { key: "THRILLER", label: "Thriller", aliases: ["suspense", "psychological thriller"] },
  { key: "WAR", label: "War", aliases: ["military", "war drama"] },
  { key: "WESTERN", label: "Western", aliases: ["westerns", "cowboy"] },
  { key: "MEDICAL", label: "Medical", aliases: ["hospital", "medical drama"] },
  { key: "LEGAL", label: "Legal", aliases: ["courtroom", "law", "legal drama"] },
  { key: "SATIRE", label: "Satire", aliases: ["parody", "political satire"] },
  { key: "TRUE_CRIME", label: "True crime", aliases: [] },
  { key: "NATURE", label: "Nature / wildlife", aliases: ["nature", "wildlife", "natural history"] },
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
    description: "Judge whether AI-written jokes land: setup, rhythm, button and whether the funniest word is in the right place.",
  },
  {
    key: "NARRATIVE_COHERENCE_EVAL",
    name: "Narrative-coherence evaluation",
    family: "EVALUATION",
    modality: "TEXT",
    description: "Check that an AI-written story holds together — cause and effect, stakes, timeline and payoffs — and flag plot holes.",
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
    description: "Review AI-generated video shots for framing, lighting, motion, physics and performance the way you would review dailies.",
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
    description: "Tag lines and moments with what is really going on underneath — emotion, sarcasm, subtext, rising tension.",
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
    description: "Map the structure of a story: acts, turning points, character arcs and set-ups and payoffs across an episode or season.",
  },
  {
    key: "PACING_ANNOTATION",
    name: "Pacing annotation",
    family: "ANNOTATION",
    modality: "VIDEO",
    description: "Mark where a scene or cut drags or rushes and why, the way an editor gives notes on a cut.",
  },
  {
    key: "CASTING_PERFORMANCE_ANNOTATION",
    name: "Performance annotation",
    family: "ANNOTATION",
    modality: "VIDEO",
    description: "Rate and describe on-screen performances — believability, intention, chemistry — for real actors or AI-generated ones.",
  },
  {
    key: "SOUND_MUSIC_CUE_ANNOTATION",
    name: "Sound & music cue annotation",
    family: "ANNOTATION",
    modality: "AUDIO",
    description: "Label dialogue, sound effects, music cues and their emotional purpose in a soundtrack, like a spotting session.",
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

/** How a role label was read ("Head Writer" → Head writer, alias), with a confidence flag. */
export const readRole: (text: string | null | undefined) => LabelReading<RoleKey> = makeReader<RoleKey>(ROLES, UNMAPPED_ROLE_NOTES);
/** How a format label was read ("TV mini series" → Limited series, alias). */
export const readFormat: (text: string | null | undefined) => LabelReading<FormatKey> = makeReader<FormatKey>(
  FORMATS,
  UNMAPPED_FORMAT_NOTES,
);
/** How a genre label was read ("Reality-TV" → Reality, alias). */
export const readGenre: (text: string | null | undefined) => LabelReading<GenreKey> = makeReader<GenreKey>(GENRES);
/** How a department label was read. */
export const readDepartment: (text: string | null | undefined) => LabelReading<DepartmentKey> = makeReader<DepartmentKey>(DEPARTMENTS);

export type LabelKind = "role" | "format" | "genre" | "department";

/** One entry point for UIs: how `text` was read as a `kind`. */
export function readLabel(kind: LabelKind, text: string | null | undefined): LabelReading<string> {
  switch (kind) {
    case "role":
      return readRole(text);
    case "format":
      return readFormat(text);
    case "genre":
      return readGenre(text);
    case "department":
      return readDepartment(text);
  }
}

/**
 * A sentence for the "we read this as X" hint: null when the label was typed exactly as we
 * name it (nothing to confirm), otherwise how it was read or why it needs a choice.
 */
export function describeReading(kind: LabelKind, reading: LabelReading<string>): string | null {
  if (reading.input === "") return null;
  if (reading.confidence === "exact" && normaliseLabel(reading.input) === normaliseLabel(reading.label ?? "")) return null;
  if (reading.key !== null) return `We read \u201c${reading.input}\u201d as ${reading.label}.`;
  return reading.note
    ? `We could not map \u201c${reading.input}\u201d to a ${kind}: ${reading.note}`
    : `We don\u2019t know the ${kind} \u201c${reading.input}\u201d yet. Choose the closest one.`;
}

/** Maps free text ("Co-EP", "staff writer", "DP", "SHOWRUNNER") to a role key, or null. */
export const parseRole: (text: string | null | undefined) => RoleKey | null = parserOf(readRole);
/** Maps free text ("multicam", "Unscripted / reality", "docuseries") to a format key, or null. */
export const parseFormat: (text: string | null | undefined) => FormatKey | null = parserOf(readFormat);
/** Maps free text ("sci-fi", "True crime") to a genre key, or null. */
export const parseGenre: (text: string | null | undefined) => GenreKey | null = parserOf(readGenre);
/** Maps free text ("post", "Writing") to a department key, or null. */
export const parseDepartment: (text: string | null | undefined) => DepartmentKey | null = parserOf(readDepartment);

/**
 * IMDb's `title.principals` categories (the published list), each read as a role. The
 * dataset's `job` column, when present, is more specific ("head writer", "teleplay by")
 * and is read first by importers; the category is the fallback.
 */
export const IMDB_PRINCIPAL_CATEGORIES = [
  "actor",
  "actress",
  "archive_footage",
  "archive_sound",
  "casting_director",
  "cinematographer",
  "composer",
  "director",
  "editor",
  "producer",
  "production_designer",
  "self",
  "writer",
] as const;

/** IMDb's `title.basics` genre list (28 genres). */
export const IMDB_GENRES = [
  "Action",
  "Adult",
  "Adventure",
  "Animation",
  "Biography",
  "Comedy",
  "Crime",
  "Documentary",
  "Drama",
  "Family",
  "Fantasy",
  "Film-Noir",
  "Game-Show",
  "History",
  "Horror",
  "Music",
  "Musical",
  "Mystery",
  "News",
  "Reality-TV",
  "Romance",
  "Sci-Fi",
  "Short",
  "Sport",
  "Talk-Show",
  "Thriller",
  "War",
  "Western",
] as const;

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
