/**
 * Word lists for the demo-data generator. Every person, show, network and lab built
 * from these is fictional: surnames are assembled from syllables, show titles from
 * deliberately odd word pairs and invented places, networks and labs are made up.
 * Pure data.
 */
import type { FormatKey, GenreKey } from "~/domain/taxonomy";

export const FIRST_NAMES = [
  "Aaliyah",
  "Abel",
  "Ada",
  "Adaeze",
  "Aiko",
  "Alba",
  "Alejandro",
  "Amara",
  "Anders",
  "Anika",
  "Arjun",
  "Ava",
  "Bastian",
  "Beatriz",
  "Bodhi",
  "Bronwen",
  "Caleb",
  "Camila",
  "Chidi",
  "Clara",
  "Dalia",
  "Dario",
  "Deshawn",
  "Devika",
  "Diego",
  "Eamon",
  "Eleni",
  "Elif",
  "Emeka",
  "Esme",
  "Ezra",
  "Farah",
  "Felix",
  "Freya",
  "Gabriel",
  "Greta",
  "Hana",
  "Hector",
  "Idris",
  "Imani",
  "Ines",
  "Isaac",
  "Jae",
  "Jamal",
  "Jonah",
  "Josefina",
  "Jude",
  "Kai",
  "Kalani",
  "Keiko",
  "Kenji",
  "Kiran",
  "Lachlan",
  "Laila",
  "Lena",
  "Leon",
  "Lucia",
  "Luka",
  "Mabel",
  "Mateo",
  "Maya",
  "Mei",
  "Milan",
  "Mira",
  "Nadia",
  "Nico",
  "Nia",
  "Noor",
  "Oisin",
  "Olu",
  "Omar",
  "Paloma",
  "Pia",
  "Priya",
  "Quinn",
  "Rafael",
  "Rania",
  "Reuben",
  "Rosa",
  "Rowan",
  "Sabine",
  "Sami",
  "Sanjay",
  "Saoirse",
  "Selin",
  "Silas",
  "Sofia",
  "Tariq",
  "Tess",
  "Theo",
  "Tomas",
  "Uma",
  "Valentina",
  "Vikram",
  "Wren",
  "Xavier",
  "Yara",
  "Yusuf",
  "Zadie",
  "Zane",
  "Alex",
  "Robin",
  "Sam",
  "Jordan",
  "Riley",
  "Avery",
  "Casey",
  "Morgan",
  "Jesse",
  "Taylor",
] as const;

const SURNAME_HEADS = [
  "Ash",
  "Bel",
  "Bren",
  "Cal",
  "Cor",
  "Dal",
  "Dun",
  "El",
  "Fen",
  "Gar",
  "Hal",
  "Hol",
  "Iver",
  "Jas",
  "Kel",
  "Lan",
  "Lor",
  "Mar",
  "Mor",
  "Nor",
  "Oak",
  "Pem",
  "Quen",
  "Ral",
  "Ros",
  "Sel",
  "Tam",
  "Tor",
  "Ul",
  "Var",
  "Wen",
  "Yar",
  "Zel",
  "Brae",
  "Cam",
  "Ondr",
  "Ves",
  "Tal",
  "Kest",
  "Mab",
] as const;

const SURNAME_TAILS = [
  "wick",
  "dale",
  "more",
  "ford",
  "by",
  "ton",
  "well",
  "stead",
  "lowe",
  "ridge",
  "hart",
  "vane",
  "mere",
  "croft",
  "ley",
  "wood",
  "ner",
  "ick",
  "ova",
  "anez",
  "ini",
  "aro",
  "sen",
  "ak",
  "ette",
  "quist",
  "ado",
  "ulu",
  "enko",
  "ari",
  "iyo",
  "ashi",
  "ane",
  "opoulos",
  "ssen",
] as const;

/** All syllable surnames, e.g. "Brenwick", "Talvane", "Kestaro". */
export const SURNAMES: readonly string[] = SURNAME_HEADS.flatMap((h) =>
  SURNAME_TAILS.map((t) => {
    const joined = h.endsWith(t[0]) ? `${h}${t.slice(1)}` : `${h}${t}`;
    return joined.charAt(0).toUpperCase() + joined.slice(1).toLowerCase();
  }),
);

/** Invented places for show titles and bios. */
export const PLACES = [
  "Port Averly",
  "Calder Falls",
  "Wrenmouth",
  "Eastmere",
  "Halloway Bay",
  "North Tamsin",
  "Greyholt",
  "Marrow Point",
  "Ivelton",
  "Saltreach",
  "Bellmoor",
  "Cinder Cove",
  "Oakhurst Flats",
  "Vantry",
  "Kessel Ridge",
  "Low Harrow",
  "Fenwick Hollow",
  "Amberline",
  "Duskwater",
  "Pellham Heights",
  "Rookford",
  "Silvercombe",
  "Tollgate",
  "Westerly",
  "Quarry Bend",
  "Lark Island",
  "Morrow Creek",
] as const;

const TITLE_ADJECTIVES = [
  "Velvet",
  "Copper",
  "Hollow",
  "Quiet",
  "Crooked",
  "Lantern",
  "Salt",
  "Amber",
  "Paper",
  "Iron",
  "Borrowed",
  "Second",
  "Winter",
  "Glass",
  "Restless",
  "Tidal",
  "Burning",
  "Patient",
  "Sunken",
  "Narrow",
  "Feral",
  "Gilded",
  "Bitter",
  "Distant",
  "Hidden",
  "Last",
  "Open",
  "Silver",
  "Small",
] as const;

const TITLE_NOUNS = [
  "Orchard",
  "Parish",
  "Ledger",
  "Harbor",
  "Meridian",
  "Lighthouse",
  "Tenement",
  "Quarry",
  "Vigil",
  "Signal",
  "Margin",
  "Current",
  "Almanac",
  "Threshold",
  "Crossing",
  "Furnace",
  "Estate",
  "Frontier",
  "Reckoning",
  "Verdict",
  "Inheritance",
  "Covenant",
  "Drift",
  "Hours",
  "Weather",
  "Circuit",
  "Tide",
] as const;

const ANIMALS = ["Otter", "Badger", "Heron", "Marmot", "Puffin", "Lynx", "Gecko", "Walrus", "Tapir", "Wombat", "Moose", "Newt"] as const;
const WORKPLACES = [
  "Motors",
  "Diner",
  "Hardware",
  "Realty",
  "Dental",
  "Bakery",
  "Storage",
  "Laundromat",
  "Pharmacy",
  "Bowling",
  "Car Wash",
  "Travel",
] as const;
const TOPICS = [
  "Waters",
  "Frontiers",
  "Machines",
  "Kitchens",
  "Rivers",
  "Skies",
  "Cities",
  "Empires",
  "Islands",
  "Voices",
  "Tracks",
  "Borders",
] as const;

export interface TitleParts {
  first: string;
  surname: string;
  place: string;
  adjective: string;
  noun: string;
  animal: string;
  workplace: string;
  topic: string;
  n: number;
}

export const TITLE_WORDS = {
  adjectives: TITLE_ADJECTIVES,
  nouns: TITLE_NOUNS,
  animals: ANIMALS,
  workplaces: WORKPLACES,
  topics: TOPICS,
} as const;

/**
 * The formats and departments the demo careers are drawn from: the TV formats the generator was
 * written for. Formats and departments added to the taxonomy later (TV movies, web series,
 * performers, composers...) are not generated, so the demo data stays the same.
 */
export type DemoFormat = Exclude<FormatKey, "TV_MOVIE" | "TV_SPECIAL" | "WEB_SERIES" | "FEATURE_FILM" | "SHORT_FILM">;
export const DEMO_FORMATS: readonly DemoFormat[] = [
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
];

/** Title patterns per format; each turns random parts into a fictional show title. */
export const TITLE_PATTERNS: Record<DemoFormat, readonly ((p: TitleParts) => string)[]> = {
  MULTI_CAM_SITCOM: [
    (p) => `The ${p.surname}s`,
    (p) => `${p.surname} ${p.workplace}`,
    (p) => `${p.first} & ${p.surname}`,
    (p) => `Apartment ${p.n}${"ABCD"[p.n % 4]}`,
    (p) => `Meet the ${p.surname}s`,
  ],
  SINGLE_CAM_COMEDY: [
    (p) => `${p.place} ${p.workplace}`,
    (p) => `${p.adjective} ${p.first}`,
    (p) => `Everybody Knows ${p.first}`,
    (p) => `${p.first} Starts Over`,
    (p) => `The ${p.place} Committee`,
  ],
  DRAMA: [
    (p) => `${p.adjective} ${p.noun}`,
    (p) => `The ${p.noun} at ${p.place}`,
    (p) => `${p.place}`,
    (p) => `House of ${p.surname}`,
    (p) => `The ${p.adjective} ${p.noun}`,
  ],
  PROCEDURAL: [
    (p) => `${p.place} Homicide`,
    (p) => `${p.surname} Legal`,
    (p) => `${p.place} Mercy`,
    (p) => `Precinct ${p.n + 10}`,
    (p) => `${p.place} Trauma`,
    (p) => `The ${p.surname} Files`,
  ],
  LIMITED_SERIES: [
    (p) => `The ${p.surname} ${p.noun}`,
    (p) => `${p.adjective} ${p.noun}`,
    (p) => `What Happened in ${p.place}`,
    (p) => `The Last Days of ${p.place}`,
  ],
  ANIMATION: [
    (p) => `${p.animal} Republic`,
    (p) => `Captain ${p.animal}`,
    (p) => `The ${p.surname}s of Planet ${p.n}`,
    (p) => `${p.adjective} ${p.animal}`,
  ],
  UNSCRIPTED: [
    (p) => `${p.place} Bake Battle`,
    (p) => `Island of ${p.noun.endsWith("s") ? p.noun : `${p.noun}s`}`,
    (p) => `${p.adjective} Renovation`,
    (p) => `Love in ${p.place}`,
    (p) => `The ${p.noun} Challenge`,
  ],
  DOCUMENTARY: [
    (p) => `${p.adjective} ${p.topic}`,
    (p) => `The ${p.surname} Case`,
    (p) => `Wild ${p.place}`,
    (p) => `Inside ${p.place}`,
    (p) => `${p.topic} of ${p.place}`,
  ],
  LATE_NIGHT: [
    (p) => `Late with ${p.first} ${p.surname}`,
    (p) => `Tonight from ${p.place}`,
    (p) => `The ${p.n + 1}th Hour`,
    (p) => `After Dark with ${p.first}`,
  ],
  DAYTIME: [
    (p) => `Hearts of ${p.place}`,
    (p) => `${p.place} Lane`,
    (p) => `The ${p.surname} Inheritance`,
    (p) => `Mornings with ${p.first}`,
  ],
  CHILDRENS: [
    (p) => `${p.animal} Academy`,
    (p) => `${p.first} and the ${p.animal}`,
    (p) => `Tiny ${p.topic}`,
    (p) => `The ${p.animal} Club`,
  ],
};

/** Genre combinations that go with each format: a required genre set plus optional extras. */
export const FORMAT_GENRES: Record<DemoFormat, { base: readonly (readonly GenreKey[])[]; extra: readonly GenreKey[] }> = {
  MULTI_CAM_SITCOM: { base: [["COMEDY"]], extra: ["FAMILY", "ROMANCE"] },
  SINGLE_CAM_COMEDY: { base: [["COMEDY"]], extra: ["SATIRE", "ROMANCE", "DRAMA"] },
  DRAMA: { base: [["DRAMA"]], extra: ["THRILLER", "SCI_FI", "FANTASY", "HISTORICAL", "ROMANCE", "FAMILY", "HORROR", "ACTION"] },
  PROCEDURAL: { base: [["CRIME"], ["LEGAL"], ["MEDICAL"], ["CRIME", "THRILLER"]], extra: ["DRAMA"] },
  LIMITED_SERIES: { base: [["DRAMA"]], extra: ["THRILLER", "HISTORICAL", "CRIME", "HORROR"] },
  ANIMATION: { base: [["COMEDY"], ["FAMILY"]], extra: ["FANTASY", "SCI_FI", "SATIRE", "ACTION"] },
  UNSCRIPTED: { base: [[], ["ROMANCE"], ["FAMILY"], ["MUSIC"]], extra: ["COMEDY"] },
  DOCUMENTARY: { base: [["TRUE_CRIME"], ["NATURE"], ["HISTORICAL"], ["MUSIC"], ["NEWS"]], extra: [] },
  LATE_NIGHT: { base: [["COMEDY"]], extra: ["SATIRE", "NEWS", "MUSIC"] },
  DAYTIME: { base: [["DRAMA", "ROMANCE"], ["NEWS"]], extra: [] },
  CHILDRENS: { base: [["FAMILY"]], extra: ["COMEDY", "FANTASY", "MUSIC"] },
};

/** Episodes per season (or per run for a documentary) for each format. */
export const EPISODES_PER_SEASON: Record<DemoFormat, readonly [number, number]> = {
  MULTI_CAM_SITCOM: [10, 22],
  SINGLE_CAM_COMEDY: [10, 22],
  DRAMA: [8, 13],
  PROCEDURAL: [10, 22],
  LIMITED_SERIES: [4, 10],
  ANIMATION: [10, 22],
  UNSCRIPTED: [6, 16],
  DOCUMENTARY: [1, 8],
  LATE_NIGHT: [120, 200],
  DAYTIME: [100, 250],
  CHILDRENS: [13, 52],
};

/** How many seasons a show runs: [min, max]. */
export const SHOW_RUN_YEARS: Record<DemoFormat, readonly [number, number]> = {
  MULTI_CAM_SITCOM: [1, 10],
  SINGLE_CAM_COMEDY: [1, 7],
  DRAMA: [1, 7],
  PROCEDURAL: [1, 14],
  LIMITED_SERIES: [1, 1],
  ANIMATION: [1, 16],
  UNSCRIPTED: [1, 10],
  DOCUMENTARY: [1, 2],
  LATE_NIGHT: [2, 20],
  DAYTIME: [4, 30],
  CHILDRENS: [1, 8],
};

/** Fictional networks and streamers. */
export const NETWORKS = [
  "Northwind",
  "Channel 9 Atlantic",
  "Brightwater TV",
  "Kestrel+",
  "Harborline",
  "Meridian Network",
  "Cobalt Stream",
  "Fernhill Broadcasting",
  "Paloma TV",
  "Redcliff One",
  "Summit Eight",
  "Lanternbox",
  "Vireo",
  "Ashgrove Channel",
  "Tidewater Pictures TV",
  "Quillon",
  "Open Sky Network",
  "Marble Arch TV",
  "Gullwing",
  "Stonebridge Broadcasting",
  "Polar Stream",
  "Copperline",
  "Everbright",
  "Nightjar",
] as const;

export interface Place {
  city: string;
  timezone: string;
  /** Standard-time UTC offset in minutes (daylight saving ignored for demo scoring). */
  offset: number;
  /** Native language of most people there. */
  language: string;
  weight: number;
}

export const LOCATIONS: readonly Place[] = [
  { city: "Los Angeles, CA", timezone: "America/Los_Angeles", offset: -480, language: "en", weight: 30 },
  { city: "Burbank, CA", timezone: "America/Los_Angeles", offset: -480, language: "en", weight: 5 },
  { city: "New York, NY", timezone: "America/New_York", offset: -300, language: "en", weight: 18 },
  { city: "Atlanta, GA", timezone: "America/New_York", offset: -300, language: "en", weight: 5 },
  { city: "Chicago, IL", timezone: "America/Chicago", offset: -360, language: "en", weight: 3 },
  { city: "Albuquerque, NM", timezone: "America/Denver", offset: -420, language: "en", weight: 2 },
  { city: "Toronto, ON", timezone: "America/Toronto", offset: -300, language: "en", weight: 6 },
  { city: "Vancouver, BC", timezone: "America/Vancouver", offset: -480, language: "en", weight: 4 },
  { city: "Mexico City", timezone: "America/Mexico_City", offset: -360, language: "es", weight: 3 },
  { city: "London", timezone: "Europe/London", offset: 0, language: "en", weight: 9 },
  { city: "Manchester", timezone: "Europe/London", offset: 0, language: "en", weight: 2 },
  { city: "Dublin", timezone: "Europe/Dublin", offset: 0, language: "en", weight: 2 },
  { city: "Berlin", timezone: "Europe/Berlin", offset: 60, language: "de", weight: 3 },
  { city: "Paris", timezone: "Europe/Paris", offset: 60, language: "fr", weight: 2 },
  { city: "Madrid", timezone: "Europe/Madrid", offset: 60, language: "es", weight: 2 },
  { city: "São Paulo", timezone: "America/Sao_Paulo", offset: -180, language: "pt", weight: 2 },
  { city: "Sydney", timezone: "Australia/Sydney", offset: 600, language: "en", weight: 3 },
  { city: "Melbourne", timezone: "Australia/Melbourne", offset: 600, language: "en", weight: 1 },
  { city: "Auckland", timezone: "Pacific/Auckland", offset: 720, language: "en", weight: 1 },
];

export const SECOND_LANGUAGES = ["es", "fr", "de", "pt", "it", "ja", "ko", "zh", "hi", "ar", "nl", "sv"] as const;

/** Hand-picked names for the first labs (the demo size uses exactly these). */
export const LAB_NAMES = [
  "Lumen Foundry",
  "Quill & Circuit",
  "Halcyon Loop",
  "Paperlight Labs",
  "Marigold Machines",
  "Tessel & Tone",
  "Brightfield Cognition",
  "Corvid Works",
  "Sable Vector",
  "Kiln Intelligence",
] as const;

const LAB_HEADS = [
  "Amber",
  "Basalt",
  "Cinder",
  "Delta",
  "Ember",
  "Fable",
  "Garnet",
  "Helix",
  "Indigo",
  "Juniper",
  "Kite",
  "Loom",
  "Mosaic",
  "Nimbus",
  "Opal",
  "Prism",
  "Quartz",
  "Reverie",
  "Sorrel",
  "Thistle",
  "Umber",
  "Vellum",
  "Willow",
  "Xenon",
  "Yarrow",
  "Zephyr",
] as const;
const LAB_MIDS = [
  "Story",
  "Frame",
  "Voice",
  "Signal",
  "Script",
  "Lens",
  "Echo",
  "Draft",
  "Reel",
  "Scene",
  "Cue",
  "Margin",
  "Thread",
  "Canvas",
  "Pixel",
  "Verse",
] as const;
const LAB_TAILS = ["Labs", "AI", "Research", "Systems", "Foundry", "Collective", "Works", "Studio"] as const;

/** Generated lab names beyond the hand-picked ones, e.g. "Amber Frame Research". */
export const LAB_NAME_PARTS = { heads: LAB_HEADS, mids: LAB_MIDS, tails: LAB_TAILS } as const;

export const LAB_FOCUS = [
  {
    key: "text",
    blurb: "builds writing assistants and story models",
    detail: "Our models draft, punch up and give notes on scripts; we hire working writers to teach them what a good scene is.",
  },
  {
    key: "video",
    blurb: "trains video generation and video understanding models",
    detail: "We need people who can look at a shot and say exactly what is wrong with it, in the language of a set.",
  },
  {
    key: "audio",
    blurb: "builds synthetic voice and sound models",
    detail: "Our voice models perform characters; casting and post people help us hear the difference between a read and a performance.",
  },
  {
    key: "safety",
    blurb: "runs evaluation and red-teaming for other AI companies",
    detail: "We stress-test models before release, and storytellers are the best people we have found at getting around rules.",
  },
  {
    key: "multimodal",
    blurb: "builds multimodal models that watch, read and listen",
    detail: "We label scripts, footage and soundtracks together so our models learn how a story is put together.",
  },
] as const;

export const VERIFICATION_NOTES = [
  "Checked against the production's crew list",
  "Confirmed with the show's line producer",
  "Matches the published end credits",
  "Pay stubs reviewed by a coordinator",
  "Confirmed via union work history",
] as const;

export const TRAINING_MODULES = {
  general: ["Platform basics and time tracking", "Confidentiality in practice", "Wellbeing and sensitive content"],
  text: ["Style guide: dialogue and voice", "Rubric walkthrough with examples", "Writing rationales reviewers can use"],
  video: ["Annotation tool tour", "Shot taxonomy primer", "Reviewing generated video: common artefacts"],
  audio: ["Listening setup and calibration", "Voice performance scale explained"],
  redteam: ["Red-team rules of engagement", "Reporting a finding", "Harm categories and severity"],
} as const;
