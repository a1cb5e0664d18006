/**
 * Gig templates for the demo-data generator: one per task type, with plausible titles,
 * the formats and genres such a gig usually targets, related task types, and the text
 * blocks its markdown description is assembled from. Pure data.
 */
import type { FormatKey, GenreKey, TaskTypeKey } from "~/domain/taxonomy";
import type { TRAINING_MODULES } from "./vocabulary";

export interface GigTemplate {
  /**
   * Titles. "{format}" becomes a format's plural ("multi-camera sitcoms"), "{kind}" its
   * singular label ("multi-camera sitcom"), "{genre}" a genre label in lower case.
   */
  titles: readonly string[];
  formats: readonly FormatKey[];
  genres: readonly GenreKey[];
  related: readonly TaskTypeKey[];
  what: string;
  who: string;
  sample: string;
  modules: keyof typeof TRAINING_MODULES;
  /** Typical minutes per task when paid per task. */
  minutes: readonly [number, number];
  /** Always paid per hour (e.g. leading a team is not piecework). */
  hourlyOnly?: boolean;
}

const SCRIPTED: FormatKey[] = ["DRAMA", "PROCEDURAL", "SINGLE_CAM_COMEDY", "MULTI_CAM_SITCOM", "LIMITED_SERIES"];
const COMEDY_FORMATS: FormatKey[] = ["MULTI_CAM_SITCOM", "SINGLE_CAM_COMEDY", "LATE_NIGHT", "ANIMATION"];

export const GIG_TEMPLATES: Record<TaskTypeKey, GigTemplate> = {
  DIALOGUE_DEMONSTRATION: {
    titles: [
      "Write in-character dialogue for {genre} scenes",
      "Demonstrate natural banter for a conversational assistant",
      "Write ideal replies in a character's voice for {format}",
    ],
    formats: SCRIPTED,
    genres: ["COMEDY", "DRAMA", "ROMANCE"],
    related: ["CHARACTER_CONSISTENCY_CHECK", "DIALOGUE_PREFERENCE_RANKING"],
    what: "You get a short brief — who is talking, what they want, what just happened — and write the exchange the model should have produced, in the character's voice.",
    who: "Staff writers and up who can turn around clean, in-voice dialogue quickly.",
    sample: "Write a 10-line exchange between two siblings arguing about who forgot a parent's birthday, keeping one of them deadpan.",
    modules: "text",
    minutes: [10, 25],
  },
  STORY_SCENE_WRITING: {
    titles: [
      "Write short {genre} scenes from one-paragraph briefs",
      "Draft gold-standard scenes for a story model",
      "Write cold opens for {format}",
    ],
    formats: SCRIPTED,
    genres: ["DRAMA", "THRILLER", "COMEDY", "SCI_FI"],
    related: ["NARRATIVE_COHERENCE_EVAL", "DIALOGUE_DEMONSTRATION"],
    what: "You write complete two-to-four page scenes to a brief, the way you would on a freelance episode. Each scene becomes a reference example the model learns from.",
    who: "Writers with produced credits who are comfortable drafting to an outline and a deadline.",
    sample: "Write a two-page scene in which a night-shift nurse realises the patient in bed 4 is someone from her past.",
    modules: "text",
    minutes: [45, 90],
  },
  PROMPT_WRITING: {
    titles: [
      "Pitch varied prompts for a writing assistant",
      "Write 50 angles on one topic: prompt writing for a chat model",
      "Pitch requests like a room pitches jokes",
    ],
    formats: ["LATE_NIGHT", "SINGLE_CAM_COMEDY", "UNSCRIPTED"],
    genres: [],
    related: ["ROLEPLAY_JAILBREAK_PROBING", "DIALOGUE_DEMONSTRATION"],
    what: "You pitch many specific, varied requests for the model to answer, covering every angle of a topic — the way a room fills a whiteboard before lunch.",
    who: "Late-night, sketch and room writers who can generate volume without repeating themselves.",
    sample: "Pitch 20 different requests someone might make to a cooking assistant on a chaotic weeknight.",
    modules: "text",
    minutes: [5, 15],
  },
  LOGLINE_SYNOPSIS_WRITING: {
    titles: [
      "Write loglines and synopses for unproduced {kind} scripts",
      "Write coverage for AI-summarised pilots",
      "Summarise episodes into one-paragraph synopses",
    ],
    formats: ["DRAMA", "PROCEDURAL", "LIMITED_SERIES", "SINGLE_CAM_COMEDY"],
    genres: [],
    related: ["SCRIPT_RUBRIC_GRADING", "STORY_ARC_ANNOTATION"],
    what: "You read scripts or episode transcripts and write an accurate logline, a one-paragraph synopsis and short coverage notes.",
    who: "Development executives, writers' assistants and anyone who has written coverage for a living.",
    sample: "Read the attached 12-page teaser and write a logline of at most 35 words and a 150-word synopsis.",
    modules: "text",
    minutes: [20, 45],
  },
  VIDEO_PROMPT_WRITING: {
    titles: [
      "Write shot-list style prompts for a video model",
      "Describe shots like a DP for video generation",
      "Turn storyboards into precise shot descriptions",
    ],
    formats: ["DRAMA", "LIMITED_SERIES", "DOCUMENTARY"],
    genres: [],
    related: ["SHOT_CAMERA_ANNOTATION", "VIDEO_GENERATION_QUALITY_EVAL"],
    what: "You describe shots that don't exist yet — lens, framing, movement, light, blocking — so a video model learns to follow a director's intent.",
    who: "Directors, DPs and first ADs who write shot lists in their sleep.",
    sample: "Describe a slow push-in on a woman at a rain-streaked bus stop at dusk, 50mm, handheld feel, sodium-vapour light.",
    modules: "video",
    minutes: [5, 15],
  },
  DIALOGUE_PREFERENCE_RANKING: {
    titles: [
      "Rank AI-written {kind} dialogue alts",
      "Pick the better line: dialogue preference ranking",
      "Choose between AI-drafted alts for {genre} scenes",
    ],
    formats: SCRIPTED,
    genres: ["COMEDY", "DRAMA"],
    related: ["COMEDIC_TIMING_EVAL", "CHARACTER_CONSISTENCY_CHECK"],
    what: "You read two to four AI-written versions of a line or short scene, pick the best, and write one or two sentences on why — like choosing between alts at a table read.",
    who: "Writers at any level who can explain their taste in a sentence.",
    sample: "Rank these three versions of a landlord's last line and explain your top pick in one sentence.",
    modules: "text",
    minutes: [3, 8],
  },
  SCRIPT_RUBRIC_GRADING: {
    titles: [
      "Grade AI-drafted {kind} scripts against a story rubric",
      "Give structured notes on AI-written pilots",
      "Score AI teleplays for structure and voice",
    ],
    formats: ["DRAMA", "PROCEDURAL", "SINGLE_CAM_COMEDY", "MULTI_CAM_SITCOM"],
    genres: [],
    related: ["NARRATIVE_COHERENCE_EVAL", "LOGLINE_SYNOPSIS_WRITING"],
    what: "You score AI-written scripts against a checklist — structure, voice, stakes, format — and write notes a model can learn from, much like notes on a first draft.",
    who: "Experienced writers and development executives who give notes for a living.",
    sample: "Score the attached 8-page cold open on the five-point rubric and write three actionable notes.",
    modules: "text",
    minutes: [30, 60],
  },
  COMEDIC_TIMING_EVAL: {
    titles: [
      "Rank AI-written sitcom dialogue for comedic timing",
      "Judge whether AI jokes land",
      "Punch-up pass: rate AI-written jokes for rhythm and button",
    ],
    formats: COMEDY_FORMATS,
    genres: ["COMEDY"],
    related: ["DIALOGUE_PREFERENCE_RANKING", "DIALOGUE_DEMONSTRATION"],
    what: "You read AI-written jokes and runners in context and judge setup, rhythm and button: does it land, and if not, which word is in the wrong place?",
    who: "Comedy writers from multi-cam, single-cam, late-night and animation rooms.",
    sample: "Rate these five jokes from a workplace sitcom scene from 1 to 5 and rewrite the weakest button.",
    modules: "text",
    minutes: [4, 10],
  },
  NARRATIVE_COHERENCE_EVAL: {
    titles: [
      "Flag plot holes in AI-written {genre} stories",
      "Check AI-written stories hold together",
      "Story-logic review for a long-form fiction model",
    ],
    formats: ["DRAMA", "LIMITED_SERIES", "PROCEDURAL"],
    genres: ["DRAMA", "THRILLER", "SCI_FI", "CRIME"],
    related: ["STORY_ARC_ANNOTATION", "CHARACTER_CONSISTENCY_CHECK"],
    what: "You read AI-written stories and outlines and flag where cause and effect, timeline, stakes or payoffs break down.",
    who: "Drama and limited-series writers used to breaking story on a board.",
    sample: "Read this 3,000-word story and list every plot hole or unearned turn with a one-line fix.",
    modules: "text",
    minutes: [25, 50],
  },
  CHARACTER_CONSISTENCY_CHECK: {
    titles: [
      "Check AI characters stay in voice across long conversations",
      "Series-bible checks for an AI companion character",
      "Flag where an AI breaks character",
    ],
    formats: ["ANIMATION", "DAYTIME", "DRAMA"],
    genres: [],
    related: ["DIALOGUE_DEMONSTRATION", "STORY_ARC_ANNOTATION"],
    what: "You read long AI conversations played in character and flag every place the model breaks voice, backstory or relationships, against a short character bible.",
    who: "Writers, script coordinators and script supervisors who guard a show's continuity.",
    sample: "Read this 40-turn conversation with a character from the attached bible and mark each out-of-character moment.",
    modules: "text",
    minutes: [15, 30],
  },
  AUDIENCE_ENGAGEMENT_PREDICTION: {
    titles: [
      "Predict which trailer cut keeps viewers watching",
      "Pick the pitch an audience would finish",
      "Audience instinct: rank AI-generated loglines and clips",
    ],
    formats: ["UNSCRIPTED", "DOCUMENTARY", "DRAMA"],
    genres: [],
    related: ["LOGLINE_SYNOPSIS_WRITING", "PACING_ANNOTATION"],
    what: "You compare versions of a pitch, scene or clip and predict which one an audience would watch to the end, explaining what hooks or loses them.",
    who: "Producers, showrunners and development executives who have lived with ratings and testing.",
    sample: "Watch these two 60-second cold opens and say which keeps a viewer past the first commercial break, and why.",
    modules: "video",
    minutes: [8, 20],
  },
  VIDEO_GENERATION_QUALITY_EVAL: {
    titles: [
      "Review AI-generated shots like dailies",
      "Rate generated video for framing, light and motion",
      "Dailies review for a text-to-video model",
    ],
    formats: ["DRAMA", "DOCUMENTARY", "LIMITED_SERIES"],
    genres: [],
    related: ["SHOT_CAMERA_ANNOTATION", "CONTINUITY_ANNOTATION"],
    what: "You watch short AI-generated shots and rate framing, lighting, motion, physics and performance, noting what you'd reshoot — the way you'd review dailies.",
    who: "DPs, directors and editors with a sharp eye for what's wrong in a frame.",
    sample: "Rate these six generated shots on the 1–5 scale and describe the single biggest problem in each.",
    modules: "video",
    minutes: [5, 12],
  },
  VOICE_PERFORMANCE_EVAL: {
    titles: [
      "Judge synthetic voice reads for animation characters",
      "Casting session for AI voices",
      "Rate AI voice performances for emotion and timing",
    ],
    formats: ["ANIMATION", "CHILDRENS"],
    genres: ["FAMILY", "COMEDY"],
    related: ["CASTING_PERFORMANCE_ANNOTATION", "EMOTION_SARCASM_TENSION_LABELLING"],
    what: "You listen to AI-generated voice reads and judge delivery, emotion and timing as you would in a casting session or a voice record.",
    who: "Casting directors and animation producers used to directing voice talent.",
    sample: "Listen to four reads of the same line and rank them, noting which one you'd print and why.",
    modules: "audio",
    minutes: [5, 12],
  },
  PROJECT_QA_LEAD: {
    titles: [
      "QA lead for a 40-person script evaluation team",
      "Run quality for an annotation team",
      "Lead reviewers on a video labelling project",
    ],
    formats: [],
    genres: [],
    related: ["SCRIPT_RUBRIC_GRADING", "CONTENT_POLICY_REVIEW"],
    what: "You run a team of reviewers: write and update guidelines, spot-check work, settle disagreements and keep quality and schedule on track.",
    who: "Showrunners, line producers, first ADs and co-EPs who have run a crew or a room.",
    sample: "Review the attached 20 annotations from three reviewers, settle the disagreements and draft one guideline change.",
    modules: "general",
    minutes: [60, 120],
    hourlyOnly: true,
  },
  EMOTION_SARCASM_TENSION_LABELLING: {
    titles: [
      "Label sarcasm and subtext in TV dialogue",
      "Tag rising tension in reality-show footage",
      "Emotion and subtext labelling for {format}",
    ],
    formats: ["UNSCRIPTED", "DRAMA", "SINGLE_CAM_COMEDY"],
    genres: [],
    related: ["CASTING_PERFORMANCE_ANNOTATION", "DIALOGUE_PREFERENCE_RANKING"],
    what: "You tag lines and moments with what's really going on underneath — emotion, sarcasm, subtext, rising tension — on a simple scale with a short note.",
    who: "Writers, editors, casting directors and story producers who read subtext for a living.",
    sample: "Label each of these 30 lines as sincere, sarcastic or ambiguous, and mark where the tension peaks.",
    modules: "text",
    minutes: [3, 10],
  },
  SCENE_BEAT_SEGMENTATION: {
    titles: [
      "Mark scene and beat boundaries in drama episodes",
      "Break down scripts into scenes and beats",
      "Beat-board AI-generated episodes",
    ],
    formats: ["DRAMA", "PROCEDURAL"],
    genres: [],
    related: ["STORY_ARC_ANNOTATION", "PACING_ANNOTATION"],
    what: "You mark where scenes and story beats start and end in scripts or footage, like breaking down a script or building a beat board.",
    who: "First ADs, editors and script supervisors.",
    sample: "Mark every scene and beat boundary in this 22-minute episode with timecodes and a five-word beat label.",
    modules: "video",
    minutes: [20, 45],
  },
  SHOT_CAMERA_ANNOTATION: {
    titles: [
      "Annotate shot types in short drama scenes",
      "Label lens, angle and movement in film clips",
      "Cinematography labelling for a video model",
    ],
    formats: ["DRAMA", "LIMITED_SERIES"],
    genres: [],
    related: ["VIDEO_CAPTIONING", "VIDEO_GENERATION_QUALITY_EVAL"],
    what: "You label shot size, angle, lens, camera movement and lighting in short clips so models learn the language of cinematography.",
    who: "DPs, camera operators, directors and ADs.",
    sample: "Label the shot size, angle and movement for each of these 12 shots using the provided taxonomy.",
    modules: "video",
    minutes: [3, 8],
  },
  VIDEO_CAPTIONING: {
    titles: [
      "Write detailed captions for unscripted footage",
      "Log and describe clips for a video model",
      "Dense captioning of documentary footage",
    ],
    formats: ["UNSCRIPTED", "DOCUMENTARY"],
    genres: [],
    related: ["SHOT_CAMERA_ANNOTATION", "SCENE_BEAT_SEGMENTATION"],
    what: "You write precise descriptions of what happens in each clip — action, blocking, setting, mood — like logging footage for an edit.",
    who: "Assistant editors, story producers and loggers from unscripted and documentary.",
    sample: "Write a 60–100 word caption for each of these eight clips, in the present tense, without guessing at names.",
    modules: "video",
    minutes: [4, 10],
  },
  CONTINUITY_ANNOTATION: {
    titles: [
      "Spot continuity errors in AI-generated sequences",
      "Continuity check for generated multi-shot scenes",
      "Flag props, wardrobe and eyeline breaks",
    ],
    formats: ["DRAMA", "PROCEDURAL"],
    genres: [],
    related: ["VIDEO_GENERATION_QUALITY_EVAL", "SCENE_BEAT_SEGMENTATION"],
    what: "You watch AI-generated sequences and flag every continuity break — props, wardrobe, eyelines, screen direction — with a timecode.",
    who: "Script supervisors and first ADs.",
    sample: "Watch this six-shot sequence and list every continuity error with timecodes.",
    modules: "video",
    minutes: [8, 20],
  },
  STORY_ARC_ANNOTATION: {
    titles: [
      "Map season arcs for serialized dramas",
      "Annotate act breaks and turning points",
      "Set-up and payoff mapping across episodes",
    ],
    formats: ["DRAMA", "LIMITED_SERIES", "DAYTIME"],
    genres: [],
    related: ["SCENE_BEAT_SEGMENTATION", "NARRATIVE_COHERENCE_EVAL"],
    what: "You map the structure of a story: acts, turning points, character arcs and set-ups and payoffs across an episode or a season.",
    who: "Writers' assistants, writers and documentary editors.",
    sample: "Map the act breaks and the A, B and C stories of this episode synopsis onto the provided template.",
    modules: "text",
    minutes: [30, 60],
  },
  PACING_ANNOTATION: {
    titles: [
      "Mark where AI-edited scenes drag or rush",
      "Pacing notes on AI-assembled cuts",
      "Editor's eye: pacing review for generated edits",
    ],
    formats: ["DRAMA", "UNSCRIPTED", "DOCUMENTARY"],
    genres: [],
    related: ["SCENE_BEAT_SEGMENTATION", "AUDIENCE_ENGAGEMENT_PREDICTION"],
    what: "You watch AI-assembled cuts and mark where they drag or rush and why, the way an editor gives notes on a cut.",
    who: "Editors and assistant editors.",
    sample: "Watch this three-minute assembly and mark each place you'd trim or hold, with a one-line reason.",
    modules: "video",
    minutes: [10, 25],
  },
  CASTING_PERFORMANCE_ANNOTATION: {
    titles: ["Rate believability of AI-generated performances", "Performance notes on synthetic actors", "Self-tape review for AI avatars"],
    formats: ["DRAMA", "SINGLE_CAM_COMEDY"],
    genres: [],
    related: ["VOICE_PERFORMANCE_EVAL", "EMOTION_SARCASM_TENSION_LABELLING"],
    what: "You rate and describe on-screen performances — believability, intention, chemistry — for real or AI-generated actors.",
    who: "Casting directors and directors.",
    sample: "Watch these five takes and rate each for believability and intention, with one note per take.",
    modules: "video",
    minutes: [5, 12],
  },
  SOUND_MUSIC_CUE_ANNOTATION: {
    titles: [
      "Annotate music cues and their emotional purpose",
      "Spotting session: label sound and music in scenes",
      "Label dialogue, effects and score in TV clips",
    ],
    formats: ["DRAMA", "DOCUMENTARY", "UNSCRIPTED"],
    genres: ["MUSIC"],
    related: ["EMOTION_SARCASM_TENSION_LABELLING", "PACING_ANNOTATION"],
    what: "You label dialogue, sound effects, music cues and the emotional job each cue does, like a spotting session.",
    who: "Editors, assistant editors and post producers.",
    sample: "Spot the music and sound cues in this four-minute scene and describe what each one is doing.",
    modules: "audio",
    minutes: [10, 25],
  },
  HARMFUL_CONTENT_PROBING: {
    titles: [
      "Red-team a story assistant for harmful instructions",
      "Try to make a video model produce something it shouldn't",
      "Adversarial testing for a consumer chat model",
    ],
    formats: ["UNSCRIPTED", "DOCUMENTARY"],
    genres: ["TRUE_CRIME", "CRIME"],
    related: ["CONTENT_POLICY_REVIEW", "ROLEPLAY_JAILBREAK_PROBING"],
    what: "You deliberately try to get the model to produce something harmful or dangerous, and write up exactly how it slipped so it can be fixed.",
    who: "Reality and documentary producers, and writers who know where the lines are.",
    sample:
      "Spend 20 minutes trying to get the assistant to give dangerous advice inside a true-crime framing, and write up your best attempt.",
    modules: "redteam",
    minutes: [20, 40],
  },
  ROLEPLAY_JAILBREAK_PROBING: {
    titles: [
      "Invent role-play scenarios that try to break a chatbot's rules",
      "Story-framed jailbreak testing",
      "Write fictional set-ups that talk an AI out of its rules",
    ],
    formats: ["DRAMA", "ANIMATION", "LATE_NIGHT"],
    genres: ["THRILLER", "SCI_FI", "FANTASY"],
    related: ["HARMFUL_CONTENT_PROBING", "PROMPT_WRITING"],
    what: "You invent characters, fictional frames and story set-ups designed to talk the model out of its rules, then document what worked.",
    who: "Writers with a devious streak — the storyteller's tricks are exactly what we need.",
    sample: "Design three role-play openings that try to get the model to reveal its hidden instructions, and report the results.",
    modules: "redteam",
    minutes: [20, 45],
  },
  BIAS_REVIEW: {
    titles: [
      "Review AI-generated characters for stereotypes",
      "Representation review for AI story output",
      "Who's missing? Bias review of generated casts",
    ],
    formats: ["DOCUMENTARY", "UNSCRIPTED", "DRAMA"],
    genres: [],
    related: ["CONTENT_POLICY_REVIEW", "CHARACTER_CONSISTENCY_CHECK"],
    what: "You review AI output for stereotypes, one-sided portrayals and who is missing, the way a good room or network reviews representation.",
    who: "Producers and showrunners who have signed off on how people are portrayed.",
    sample: "Review 15 AI-generated character descriptions for a hospital drama and flag stereotypes with a suggested fix.",
    modules: "redteam",
    minutes: [15, 30],
  },
  CONTENT_POLICY_REVIEW: {
    titles: [
      "Apply kids' TV standards to AI-generated stories",
      "Broadcast-standards notes on AI output",
      "Age-rating review for a family storytelling app",
    ],
    formats: ["CHILDRENS", "ANIMATION"],
    genres: ["FAMILY"],
    related: ["BIAS_REVIEW", "HARMFUL_CONTENT_PROBING"],
    what: "You check AI output against content rules — age ratings, violence, language, imitable behaviour — and explain your call in borderline cases.",
    who: "Children's TV writers and producers, and anyone who has handled standards-and-practices notes.",
    sample: "Rate these ten AI-written bedtime stories against the 6+ guideline and explain each borderline call.",
    modules: "redteam",
    minutes: [10, 20],
  },
};

/** What the work trains, by the kind of training modules the gig has. */
export const DISCLOSURE_TRAINS: Record<keyof typeof TRAINING_MODULES, readonly string[]> = {
  text: [
    "A dialogue model for a consumer writing assistant (not released yet).",
    "Our internal story-evaluation model, used to score other models' drafts.",
    "A reward model that ranks drafts for our chat product.",
  ],
  general: [
    "Evaluation data for several of our models; you will see which one on each batch.",
    "A reward model that ranks drafts for our chat product.",
  ],
  video: ["A text-to-video model offered to advertising agencies.", "A video-understanding model that indexes archives for broadcasters."],
  audio: ["A voice model for animated characters licensed to game studios.", "A speech model that dubs factual programmes."],
  redteam: [
    "Safety classifiers for a general-purpose assistant; nothing you write is shown to end users.",
    "Refusal training for a consumer chat model before its public release.",
  ],
};

export const DISCLOSURE_RETENTION = [
  "Submissions are kept for 3 years, then deleted. Your name is never attached to training data.",
  "Kept for the life of the model version they train (expected 2 years), then deleted.",
  "Kept for 18 months for audit, then deleted; anonymised before training.",
  "Kept indefinitely as part of the evaluation set; contributors are not identified.",
] as const;

export const CLOSED_REASONS = [
  "All slots filled and the project finished on schedule.",
  "The lab paused the model this work was feeding.",
  "Project completed: thank you to everyone who took part.",
  "Budget moved to a follow-up gig with a new brief.",
] as const;

export const DECLINE_REASONS = [
  "We went with people with more experience in this format for this round.",
  "The screening didn't meet the rubric's bar on rationale quality.",
  "All slots are filled for now; we'll keep your profile in mind for the next batch.",
  "Your availability doesn't overlap enough with the review window.",
  "This round needs heavier comedy credits; your drama experience may suit our next gig.",
  "The rate you asked for is above this gig's budget.",
] as const;

export const WITHDRAW_REASONS = [
  "Got staffed on a show.",
  "My schedule changed.",
  "The pay doesn't work for me after all.",
  "Found another gig that fits better.",
  "Family commitments.",
] as const;

export const OFFBOARD_REASONS = [
  "Project finished: thank you for your work.",
  "The lab paused the model training this work fed.",
  "Quality checks fell below the agreed bar for three weeks running.",
  "Weekly cap reached for the whole engagement; the batch is complete.",
] as const;

export const SCREENING_FEEDBACK = [
  "Clear rationales and strong instincts. Welcome aboard.",
  "Good calls overall; keep notes shorter.",
  "Excellent ear for rhythm; a couple of rankings we'd have flipped.",
  "Solid work. Watch the guideline on spoilers.",
  "Thorough and precise — exactly what we need.",
] as const;

export const LOW_SCREENING_FEEDBACK = [
  "Rationales were too short to be useful for training.",
  "Several answers contradicted the guideline.",
  "Good instincts but the submission was incomplete.",
] as const;

export const APPLICATION_NOTES = [
  "I spent {years} years in {format} and this is exactly the muscle I used every day.",
  "Happy to start right away; I can do evenings in my time zone.",
  "I've been curious how these models handle {task}. I'd love to help make it better.",
  "Most of my credits are {format}; I can share samples of notes I've given.",
  "",
  "",
] as const;

export const APPEAL_MESSAGES = [
  "I think my screening was scored against the wrong rubric version — could someone take a second look?",
  "The reason says I lack comedy credits, but I have four seasons on a multi-cam. Could a human review this?",
  "My availability was updated the day after I applied. I'd appreciate a second look.",
  "I was told slots were full, but the gig still shows as open. Can you confirm?",
] as const;

export const APPEAL_OUTCOMES = [
  "We re-checked the screening with the current rubric; the decision stands, but you're welcome to apply to the next round.",
  "A coordinator reviewed your credits and the lab's brief. The decision stands for this gig; we've flagged you for the follow-up.",
] as const;
