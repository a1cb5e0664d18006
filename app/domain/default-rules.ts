/**
 * Seed transfer rules: which TV credits transfer to which AI-training task
 * types, and how strongly (weight 0..1). Each rule has a stable `key` so seeding
 * is idempotent and admins can edit rules without losing their identity.
 *
 * Conventions
 * - Department-wide rules are deliberately conservative; role-, format- and
 *   genre-specific rules lift them (the engine takes the best-weighted matching
 *   rule per credit and task type, so they never add up).
 * - Key shape: "<scope>-><task>", scope = department or role, optionally
 *   "+format" / "+genre" (lower case).
 */

import type { DepartmentKey, FormatKey, GenreKey, RoleKey, TaskTypeKey } from "./taxonomy";
import type { TransferRuleInput } from "./transfer";

export type DefaultTransferRule = Omit<TransferRuleInput, "id"> & { key: string };

interface Scope {
  role?: RoleKey;
  department?: DepartmentKey;
  format?: FormatKey;
  genre?: GenreKey;
}

function rule(key: string, scope: Scope, taskType: TaskTypeKey, weight: number, rationale: string): DefaultTransferRule {
  return {
    key,
    role: scope.role ?? null,
    department: scope.role ? null : (scope.department ?? null),
    format: scope.format ?? null,
    genre: scope.genre ?? null,
    taskType,
    weight,
    rationale,
  };
}

const WRITING: Scope = { department: "WRITING" };
const PRODUCING: Scope = { department: "PRODUCING" };
const POST: Scope = { department: "POST_PRODUCTION" };
const CAMERA: Scope = { department: "CAMERA" };
const SCRIPT: Scope = { department: "SCRIPT" };
const CASTING: Scope = { department: "CASTING" };
const DIRECTING: Scope = { department: "DIRECTING" };

export const DEFAULT_TRANSFER_RULES: DefaultTransferRule[] = [
  // ------------------------------------------------------------------ Writing
  rule(
    "writing->dialogue_demo",
    WRITING,
    "DIALOGUE_DEMONSTRATION",
    0.9,
    "Writers produce in-character dialogue on deadline every day; a demonstration is a line of dialogue with a brief.",
  ),
  rule(
    "writing->story_scene",
    WRITING,
    "STORY_SCENE_WRITING",
    0.9,
    "Breaking and drafting scenes to an outline is the core of the job in any writers' room.",
  ),
  rule(
    "writing->dialogue_pref",
    WRITING,
    "DIALOGUE_PREFERENCE_RANKING",
    0.85,
    "Choosing the better of two alts, and saying why, is what a room does on every punch-up pass.",
  ),
  rule(
    "writing->script_rubric",
    WRITING,
    "SCRIPT_RUBRIC_GRADING",
    0.75,
    "Writers give and receive structured notes on drafts; grading against a rubric is the same muscle.",
  ),
  rule(
    "writing->narrative_coherence",
    WRITING,
    "NARRATIVE_COHERENCE_EVAL",
    0.8,
    "Breaking story means constantly testing cause and effect, stakes and payoffs.",
  ),
  rule(
    "writing->character_consistency",
    WRITING,
    "CHARACTER_CONSISTENCY_CHECK",
    0.8,
    "Keeping a character's voice and history straight across episodes is a staff writer's daily job.",
  ),
  rule(
    "writing->story_arc",
    WRITING,
    "STORY_ARC_ANNOTATION",
    0.7,
    "Writers map acts, turns and season arcs on the board before a word is written.",
  ),
  rule(
    "writing->comedic_timing",
    WRITING,
    "COMEDIC_TIMING_EVAL",
    0.35,
    "Most writers have some feel for a joke's rhythm, even outside comedy.",
  ),
  rule(
    "writing->logline",
    WRITING,
    "LOGLINE_SYNOPSIS_WRITING",
    0.65,
    "Writers pitch and summarise stories constantly: loglines, springboards, episode summaries.",
  ),
  rule("writing->prompt_writing", WRITING, "PROMPT_WRITING", 0.6, "Generating many varied, specific takes on one idea is how rooms pitch."),
  rule(
    "writing->roleplay_jailbreak",
    WRITING,
    "ROLEPLAY_JAILBREAK_PROBING",
    0.55,
    "Inventing a character or fictional frame that makes a request feel legitimate is a storyteller's trick.",
  ),
  rule(
    "writing->emotion_labelling",
    WRITING,
    "EMOTION_SARCASM_TENSION_LABELLING",
    0.5,
    "Writers write subtext on purpose, so they can name it when they see it.",
  ),
  rule(
    "writing+genre_comedy->comedic_timing",
    { ...WRITING, genre: "COMEDY" },
    "COMEDIC_TIMING_EVAL",
    0.85,
    "Writing on a comedy, in any format, means pitching and judging jokes all day.",
  ),
  rule(
    "writing+multi_cam->comedic_timing",
    { ...WRITING, format: "MULTI_CAM_SITCOM" },
    "COMEDIC_TIMING_EVAL",
    1.0,
    "Multi-cam writers rewrite jokes at the run-through until the audience laughs — the purest timing training there is.",
  ),
  rule(
    "writing+single_cam->comedic_timing",
    { ...WRITING, format: "SINGLE_CAM_COMEDY" },
    "COMEDIC_TIMING_EVAL",
    0.95,
    "Single-camera comedy writers live on joke rhythm, buttons and alts.",
  ),
  rule(
    "writing+late_night->comedic_timing",
    { ...WRITING, format: "LATE_NIGHT" },
    "COMEDIC_TIMING_EVAL",
    1.0,
    "Late-night writers pitch and cut dozens of jokes a day against a live audience.",
  ),
  rule(
    "writing+late_night->prompt_writing",
    { ...WRITING, format: "LATE_NIGHT" },
    "PROMPT_WRITING",
    0.95,
    "Turning one topic into fifty angles by 4pm is exactly what prompt writing needs.",
  ),
  rule(
    "writing+animation->comedic_timing",
    { ...WRITING, format: "ANIMATION" },
    "COMEDIC_TIMING_EVAL",
    0.8,
    "Animation writers time jokes to the frame in boards and animatics.",
  ),
  rule(
    "writing+animation->character_consistency",
    { ...WRITING, format: "ANIMATION" },
    "CHARACTER_CONSISTENCY_CHECK",
    0.95,
    "Animated characters live for decades; writers guard their voice against the series bible.",
  ),
  rule(
    "writing+drama->narrative_coherence",
    { ...WRITING, format: "DRAMA" },
    "NARRATIVE_COHERENCE_EVAL",
    0.95,
    "Serialised drama lives or dies on plot logic across a whole season.",
  ),
  rule(
    "writing+limited->narrative_coherence",
    { ...WRITING, format: "LIMITED_SERIES" },
    "NARRATIVE_COHERENCE_EVAL",
    1.0,
    "A limited series is one closed story; every thread must pay off.",
  ),
  rule(
    "writing+limited->story_arc",
    { ...WRITING, format: "LIMITED_SERIES" },
    "STORY_ARC_ANNOTATION",
    0.95,
    "Limited-series writers design the whole arc before production.",
  ),
  rule(
    "writing+daytime->character_consistency",
    { ...WRITING, format: "DAYTIME" },
    "CHARACTER_CONSISTENCY_CHECK",
    0.95,
    "Daytime writers track decades of relationships and backstory for hundreds of characters.",
  ),
  rule(
    "writing+childrens->content_policy",
    { ...WRITING, format: "CHILDRENS" },
    "CONTENT_POLICY_REVIEW",
    1.0,
    "Children's writers work to strict standards on age-appropriateness, imitable behaviour and language.",
  ),
  rule(
    "writers_assistant->story_arc",
    { role: "WRITERS_ASSISTANT" },
    "STORY_ARC_ANNOTATION",
    0.95,
    "Writers' assistants keep the board and the room notes — a running story map.",
  ),
  rule(
    "writers_assistant->logline",
    { role: "WRITERS_ASSISTANT" },
    "LOGLINE_SYNOPSIS_WRITING",
    0.95,
    "Writers' assistants turn hours of room talk into accurate, concise notes and summaries.",
  ),
  rule(
    "script_coordinator->character_consistency",
    { role: "SCRIPT_COORDINATOR" },
    "CHARACTER_CONSISTENCY_CHECK",
    0.9,
    "Script coordinators proof every draft for name, fact and continuity errors.",
  ),
  rule(
    "showrunner->project_qa",
    { role: "SHOWRUNNER" },
    "PROJECT_QA_LEAD",
    1.0,
    "Showrunners set the standard, review everyone's work and keep a large team on schedule.",
  ),
  rule(
    "showrunner->script_rubric",
    { role: "SHOWRUNNER" },
    "SCRIPT_RUBRIC_GRADING",
    1.0,
    "Showrunners give the final notes on every draft that goes to the network.",
  ),
  rule(
    "showrunner->audience_engagement",
    { role: "SHOWRUNNER" },
    "AUDIENCE_ENGAGEMENT_PREDICTION",
    0.9,
    "Showrunners answer to ratings and network testing, and learn what keeps viewers watching.",
  ),
  rule(
    "showrunner->content_policy",
    { role: "SHOWRUNNER" },
    "CONTENT_POLICY_REVIEW",
    0.8,
    "Showrunners negotiate standards-and-practices notes on every episode.",
  ),
  rule(
    "showrunner->bias_review",
    { role: "SHOWRUNNER" },
    "BIAS_REVIEW",
    0.7,
    "Showrunners answer for how a show portrays the people in it.",
  ),
  rule(
    "head_writer->script_rubric",
    { role: "HEAD_WRITER" },
    "SCRIPT_RUBRIC_GRADING",
    0.95,
    "Head writers decide which pitches and drafts make the show and tell the room why, every day.",
  ),
  rule(
    "head_writer->project_qa",
    { role: "HEAD_WRITER" },
    "PROJECT_QA_LEAD",
    0.85,
    "Head writers run the room: assigning pieces, reviewing everyone's pages and holding the deadline.",
  ),
  rule(
    "consulting_producer->script_rubric",
    { role: "CONSULTING_PRODUCER" },
    "SCRIPT_RUBRIC_GRADING",
    0.9,
    "Consulting producers are brought in to give senior notes on outlines and drafts.",
  ),
  rule(
    "co_ep->script_rubric",
    { role: "CO_EXECUTIVE_PRODUCER" },
    "SCRIPT_RUBRIC_GRADING",
    0.95,
    "Co-EPs run rooms and rewrite drafts, giving structured notes all season.",
  ),

  // ---------------------------------------------------------------- Producing
  rule(
    "producing->audience_engagement",
    PRODUCING,
    "AUDIENCE_ENGAGEMENT_PREDICTION",
    0.85,
    "Producers decide what gets made and cut based on what will hold an audience.",
  ),
  rule(
    "producing->project_qa",
    PRODUCING,
    "PROJECT_QA_LEAD",
    0.8,
    "Producers run teams, budgets and schedules — the same job as running an annotation project.",
  ),
  rule(
    "producing->content_policy",
    PRODUCING,
    "CONTENT_POLICY_REVIEW",
    0.65,
    "Producers handle legal, clearance and broadcast-standards sign-off.",
  ),
  rule("producing->bias_review", PRODUCING, "BIAS_REVIEW", 0.55, "Producers sign off on how people and communities are portrayed."),
  rule(
    "development_exec->logline",
    { role: "DEVELOPMENT_EXECUTIVE" },
    "LOGLINE_SYNOPSIS_WRITING",
    0.95,
    "Development executives read and write coverage, loglines and synopses for a living.",
  ),
  rule(
    "development_exec->script_rubric",
    { role: "DEVELOPMENT_EXECUTIVE" },
    "SCRIPT_RUBRIC_GRADING",
    0.9,
    "Coverage is grading a script against a consistent set of criteria.",
  ),
  rule(
    "development_exec->audience_engagement",
    { role: "DEVELOPMENT_EXECUTIVE" },
    "AUDIENCE_ENGAGEMENT_PREDICTION",
    0.9,
    "Development executives bet on which pitches an audience will want.",
  ),
  rule(
    "associate_producer->project_qa",
    { role: "ASSOCIATE_PRODUCER" },
    "PROJECT_QA_LEAD",
    0.6,
    "Associate producers track deliverables, schedules and the details nobody else checks.",
  ),
  rule(
    "line_producer->project_qa",
    { role: "LINE_PRODUCER" },
    "PROJECT_QA_LEAD",
    1.0,
    "Line producers plan, staff and track a production's every day — exactly what a QA lead does for a labelling team.",
  ),
  rule(
    "executive_producer->audience_engagement",
    { role: "EXECUTIVE_PRODUCER" },
    "AUDIENCE_ENGAGEMENT_PREDICTION",
    0.95,
    "EPs answer for ratings and know what keeps an audience.",
  ),
  rule(
    "producing+unscripted->audience_engagement",
    { ...PRODUCING, format: "UNSCRIPTED" },
    "AUDIENCE_ENGAGEMENT_PREDICTION",
    1.0,
    "Reality producers build every act break around what will keep viewers from switching over.",
  ),
  rule(
    "producing+unscripted->harmful_probing",
    { ...PRODUCING, format: "UNSCRIPTED" },
    "HARMFUL_CONTENT_PROBING",
    0.9,
    "Reality producers engineer conflict and know exactly where the lines are — and how people get pushed over them.",
  ),
  rule(
    "producing+unscripted->bias_review",
    { ...PRODUCING, format: "UNSCRIPTED" },
    "BIAS_REVIEW",
    0.85,
    "Casting and editing real people means constant judgement calls about fair portrayal.",
  ),
  rule(
    "producing+unscripted->emotion_labelling",
    { ...PRODUCING, format: "UNSCRIPTED" },
    "EMOTION_SARCASM_TENSION_LABELLING",
    0.8,
    "Story producers comb footage for tension, sarcasm and emotional turns.",
  ),
  rule(
    "producing+documentary->bias_review",
    { ...PRODUCING, format: "DOCUMENTARY" },
    "BIAS_REVIEW",
    0.95,
    "Documentary producers answer for fairness, balance and accuracy in every cut.",
  ),
  rule(
    "producing+documentary->harmful_probing",
    { ...PRODUCING, format: "DOCUMENTARY" },
    "HARMFUL_CONTENT_PROBING",
    0.8,
    "Documentary producers handle sensitive subjects, misinformation and duty of care.",
  ),
  rule(
    "producing+childrens->content_policy",
    { ...PRODUCING, format: "CHILDRENS" },
    "CONTENT_POLICY_REVIEW",
    1.0,
    "Children's producers enforce age-appropriateness standards on every frame.",
  ),

  // ---------------------------------------------------------------- Directing
  rule(
    "directing->shot_camera",
    DIRECTING,
    "SHOT_CAMERA_ANNOTATION",
    0.7,
    "Everyone on the directing team speaks the language of shots and coverage.",
  ),
  rule(
    "director->shot_camera",
    { role: "DIRECTOR" },
    "SHOT_CAMERA_ANNOTATION",
    0.95,
    "Directors design every shot: size, angle, lens and movement.",
  ),
  rule(
    "director->video_gen_quality",
    { role: "DIRECTOR" },
    "VIDEO_GENERATION_QUALITY_EVAL",
    0.9,
    "Reviewing a generated shot is reviewing a take: framing, performance, motion, believability.",
  ),
  rule(
    "director->emotion_tension",
    { role: "DIRECTOR" },
    "EMOTION_SARCASM_TENSION_LABELLING",
    0.85,
    "Directors shape a scene's tension and subtext with actors beat by beat.",
  ),
  rule(
    "director->video_prompt",
    { role: "DIRECTOR" },
    "VIDEO_PROMPT_WRITING",
    0.8,
    "A shot list is a precise written description of pictures that don't exist yet.",
  ),
  rule(
    "director->video_captioning",
    { role: "DIRECTOR" },
    "VIDEO_CAPTIONING",
    0.7,
    "Directors describe action and blocking precisely for cast and crew.",
  ),
  rule(
    "director+multi_cam->comedic_timing",
    { role: "DIRECTOR", format: "MULTI_CAM_SITCOM" },
    "COMEDIC_TIMING_EVAL",
    0.9,
    "Multi-cam directors stage and time jokes in front of a live audience.",
  ),
  rule(
    "first_ad->scene_beat",
    { role: "FIRST_AD" },
    "SCENE_BEAT_SEGMENTATION",
    0.95,
    "First ADs break every script into scenes and schedule strips.",
  ),
  rule(
    "first_ad->continuity",
    { role: "FIRST_AD" },
    "CONTINUITY_ANNOTATION",
    0.8,
    "First ADs track what's been shot, in what order, and what has to match.",
  ),
  rule(
    "first_ad->project_qa",
    { role: "FIRST_AD" },
    "PROJECT_QA_LEAD",
    0.7,
    "First ADs run the floor: a big crew, a tight schedule, no missed shots.",
  ),

  // ---------------------------------------------------------- Post-production
  rule("post->pacing", POST, "PACING_ANNOTATION", 0.65, "Everyone in the cutting room learns to feel where a scene drags."),
  rule("post->scene_beat", POST, "SCENE_BEAT_SEGMENTATION", 0.65, "Editorial organises footage by scene, take and beat."),
  rule("post->captioning", POST, "VIDEO_CAPTIONING", 0.6, "Logging footage is describing what happens in each clip."),
  rule(
    "post->sound_music",
    POST,
    "SOUND_MUSIC_CUE_ANNOTATION",
    0.55,
    "Post teams spot music and sound cues and know what each one is for.",
  ),
  rule(
    "editor->pacing",
    { role: "EDITOR" },
    "PACING_ANNOTATION",
    1.0,
    "Pacing is the editor's craft: where to cut, what to lose, when to hold.",
  ),
  rule(
    "editor->scene_beat",
    { role: "EDITOR" },
    "SCENE_BEAT_SEGMENTATION",
    0.9,
    "Editors build scenes beat by beat and know exactly where each one turns.",
  ),
  rule(
    "editor->video_gen_quality",
    { role: "EDITOR" },
    "VIDEO_GENERATION_QUALITY_EVAL",
    0.75,
    "Editors judge every take for usability — motion, continuity and performance.",
  ),
  rule(
    "editor->emotion_tension",
    { role: "EDITOR" },
    "EMOTION_SARCASM_TENSION_LABELLING",
    0.7,
    "Editors choose reactions and pauses to build tension and land subtext.",
  ),
  rule(
    "post_producer->project_qa",
    { role: "POST_PRODUCER" },
    "PROJECT_QA_LEAD",
    0.85,
    "Post producers run the edit schedule, review every cut and sign off deliverables against spec.",
  ),
  rule(
    "assistant_editor->captioning",
    { role: "ASSISTANT_EDITOR" },
    "VIDEO_CAPTIONING",
    0.75,
    "Assistant editors log and describe every clip that comes in.",
  ),
  rule(
    "post+unscripted->captioning",
    { ...POST, format: "UNSCRIPTED" },
    "VIDEO_CAPTIONING",
    0.9,
    "Unscripted editorial lives on detailed logs and transcripts of hundreds of hours of footage.",
  ),
  rule(
    "post+documentary->story_arc",
    { ...POST, format: "DOCUMENTARY" },
    "STORY_ARC_ANNOTATION",
    0.8,
    "Documentary editors find the story's structure in the footage.",
  ),

  // -------------------------------------------------------------------- Camera
  rule("camera->shot_camera", CAMERA, "SHOT_CAMERA_ANNOTATION", 1.0, "DPs choose lens, angle, movement and lighting for every shot."),
  rule(
    "camera->video_gen_quality",
    CAMERA,
    "VIDEO_GENERATION_QUALITY_EVAL",
    0.95,
    "DPs can see in an instant when light, lens or motion in a generated shot is wrong.",
  ),
  rule("camera->video_prompt", CAMERA, "VIDEO_PROMPT_WRITING", 0.8, "DPs describe images precisely in camera terms before they are shot."),

  // -------------------------------------------------------------------- Script
  rule("script->continuity", SCRIPT, "CONTINUITY_ANNOTATION", 1.0, "Continuity is the script supervisor's job description."),
  rule(
    "script->character_consistency",
    SCRIPT,
    "CHARACTER_CONSISTENCY_CHECK",
    0.85,
    "Script supervisors track what every character knows, says and wears, scene to scene.",
  ),
  rule("script->scene_beat", SCRIPT, "SCENE_BEAT_SEGMENTATION", 0.7, "Script supervisors time and line every scene and take."),

  // ------------------------------------------------------------------- Casting
  rule(
    "casting->performance",
    CASTING,
    "CASTING_PERFORMANCE_ANNOTATION",
    1.0,
    "Casting directors judge performances for a living, often hundreds a week.",
  ),
  rule(
    "casting->emotion",
    CASTING,
    "EMOTION_SARCASM_TENSION_LABELLING",
    0.85,
    "Casting directors read whether an emotion is truthful in a single take.",
  ),
  rule("casting->voice", CASTING, "VOICE_PERFORMANCE_EVAL", 0.75, "Casting directors hear delivery, tone and timing in every read."),
  rule(
    "casting+animation->voice",
    { ...CASTING, format: "ANIMATION" },
    "VOICE_PERFORMANCE_EVAL",
    1.0,
    "Animation casting is voice casting: judging reads with no picture at all.",
  ),

  // --------------------------------------------------------------- Performance
  rule(
    "actor->performance",
    { role: "ACTOR" },
    "CASTING_PERFORMANCE_ANNOTATION",
    0.85,
    "Actors know from the inside whether a performance is truthful, and can say what is missing.",
  ),
  rule(
    "actor->voice",
    { role: "ACTOR" },
    "VOICE_PERFORMANCE_EVAL",
    0.8,
    "Actors hear a flat or false line reading at once, because they have given and been given notes on thousands.",
  ),
  rule(
    "actor->emotion",
    { role: "ACTOR" },
    "EMOTION_SARCASM_TENSION_LABELLING",
    0.75,
    "Actors play subtext for a living: what a line says and what the character means are their daily work.",
  ),
  rule(
    "host->audience_engagement",
    { role: "HOST" },
    "AUDIENCE_ENGAGEMENT_PREDICTION",
    0.8,
    "Hosts feel, segment by segment, when a studio or viewing audience is with them and when it drifts.",
  ),
  rule(
    "host->voice",
    { role: "HOST" },
    "VOICE_PERFORMANCE_EVAL",
    0.7,
    "Hosts and presenters are judged on delivery, pace and warmth in every read.",
  ),
  rule(
    "host+late_night->comedic_timing",
    { role: "HOST", format: "LATE_NIGHT" },
    "COMEDIC_TIMING_EVAL",
    0.85,
    "Late-night hosts deliver a monologue every night and know from the room which jokes land.",
  ),

  // ------------------------------------------------------------- Music & sound
  rule(
    "music_sound->sound_music",
    { department: "MUSIC_SOUND" },
    "SOUND_MUSIC_CUE_ANNOTATION",
    1.0,
    "Composers spot every cue with the director and know what each piece of music is doing for the scene.",
  ),
  rule(
    "music_sound->emotion",
    { department: "MUSIC_SOUND" },
    "EMOTION_SARCASM_TENSION_LABELLING",
    0.6,
    "Scoring a scene means reading its emotional temperature beat by beat.",
  ),
  rule(
    "music_sound->pacing",
    { department: "MUSIC_SOUND" },
    "PACING_ANNOTATION",
    0.5,
    "Composers time music to the cut and feel where a scene's rhythm sags.",
  ),

  // -------------------------------------------------------------- Art & design
  rule(
    "art->video_gen_quality",
    { department: "ART" },
    "VIDEO_GENERATION_QUALITY_EVAL",
    0.8,
    "Production designers spot at once when sets, props or period detail in a generated shot are wrong.",
  ),
  rule(
    "art->video_prompt",
    { department: "ART" },
    "VIDEO_PROMPT_WRITING",
    0.75,
    "Production designers describe spaces, textures and palettes precisely long before anything is built.",
  ),
  rule(
    "art->continuity",
    { department: "ART" },
    "CONTINUITY_ANNOTATION",
    0.6,
    "Art departments keep sets and props matching across scenes shot weeks apart.",
  ),
];

/** The defaults as engine inputs, using each rule's key as its id. */
export function defaultRulesAsInputs(): TransferRuleInput[] {
  return DEFAULT_TRANSFER_RULES.map(({ key, ...rest }) => ({ id: key, ...rest }));
}
