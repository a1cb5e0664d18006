/**
 * The two search indexes, declared once for both engines. Meilisearch settings (searchable,
 * filterable, sortable attributes, faceting, synonyms, ranking rules) are derived from these
 * definitions and applied idempotently on start.
 */
import { TASK_TYPE_KEYS } from "~/domain/taxonomy";
import type { FieldDefinition, IndexDefinition } from "./engine.server";

export const GIGS_INDEX = "gigs";
export const PEOPLE_INDEX = "people";

/** Field name of a person's transfer score for a task type. */
export const scoreField = (taskType: string) => `ts_${taskType}`;

const SYNONYMS: Record<string, string[]> = {
  showrunner: ["executive producer"],
  "executive producer": ["showrunner"],
  dp: ["cinematographer", "director of photography"],
  cinematographer: ["dp", "director of photography"],
  "first ad": ["assistant director"],
  sitcom: ["multi-camera", "comedy"],
  reality: ["unscripted"],
  unscripted: ["reality"],
  editor: ["editing"],
};

export const PAY_BANDS = [
  { key: "under_25", label: "Under $25/h", max: 2500 },
  { key: "25_50", label: "$25-50/h", max: 5000 },
  { key: "50_75", label: "$50-75/h", max: 7500 },
  { key: "75_plus", label: "$75/h and more", max: Number.POSITIVE_INFINITY },
] as const;

export const HOURS_BANDS = [
  { key: "up_to_10", label: "Up to 10 h/week", max: 10 },
  { key: "11_20", label: "11-20 h/week", max: 20 },
  { key: "21_plus", label: "More than 20 h/week", max: Number.POSITIVE_INFINITY },
] as const;

export const gigsIndex: IndexDefinition = {
  name: GIGS_INDEX,
  primaryKey: "id",
  fields: {
    title: { type: "text" },
    labName: { type: "text" },
    description: { type: "text" },
    taskText: { type: "text" },
    taskTypes: { type: "keyword[]", facet: true },
    modality: { type: "keyword", facet: true },
    genres: { type: "keyword[]", facet: true },
    languages: { type: "keyword[]", facet: true },
    payBand: { type: "keyword", facet: true },
    hoursBand: { type: "keyword", facet: true },
    labId: { type: "keyword", filterable: true },
    payHourlyCents: { type: "number", filterable: true, sortable: true },
    hoursPerWeek: { type: "number", filterable: true, sortable: true },
    publishedAt: { type: "number", sortable: true },
    screeningPaid: { type: "boolean", filterable: true },
  },
  searchableOrder: ["title", "taskText", "labName", "description"],
  synonyms: SYNONYMS,
};

const scoreFields: Record<string, FieldDefinition> = Object.fromEntries(
  TASK_TYPE_KEYS.map((k) => [scoreField(k), { type: "number", filterable: true, sortable: true } satisfies FieldDefinition]),
);

export const peopleIndex: IndexDefinition = {
  name: PEOPLE_INDEX,
  primaryKey: "id",
  fields: {
    displayName: { type: "text" },
    headline: { type: "text" },
    creditText: { type: "text" },
    bio: { type: "text" },
    topTasks: { type: "keyword[]", facet: true },
    languages: { type: "keyword[]", facet: true },
    formats: { type: "keyword[]", facet: true },
    genres: { type: "keyword[]", facet: true },
    departments: { type: "keyword[]", facet: true },
    visibility: { type: "keyword", filterable: true },
    hoursPerWeek: { type: "number", filterable: true, sortable: true },
    // Private: only coordinators' queries may filter on it (see app/services/search.server.ts);
    // it is never returned to a client from the index.
    minRateCents: { type: "number", filterable: true, displayed: false },
    timezoneOffset: { type: "number", filterable: true },
    verifiedCredits: { type: "number", filterable: true, sortable: true },
    hasVerified: { type: "boolean", facet: true },
    totalEpisodes: { type: "number", sortable: true },
    /** The person's highest transfer score over every task type (talent search "sort by score"). */
    bestScore: { type: "number", sortable: true },
    ...scoreFields,
  },
  searchableOrder: ["displayName", "headline", "creditText", "bio"],
  synonyms: SYNONYMS,
};

export const INDEXES = [gigsIndex, peopleIndex];
