/** Reference lists for the profile editor: language levels, currencies, visibility, self-identification choices, time zones. */

export const LANGUAGE_LEVELS = [
  { value: "native", label: "Native" },
  { value: "fluent", label: "Fluent" },
  { value: "conversational", label: "Conversational" },
] as const;
export type LanguageLevel = (typeof LANGUAGE_LEVELS)[number]["value"];

export { LANGUAGES, describeLanguages, languageName, readLanguages, type LanguageReading } from "~/domain/languages";

export const CURRENCIES = [
  "USD",
  "CAD",
  "GBP",
  "EUR",
  "AUD",
  "NZD",
  "SEK",
  "NOK",
  "DKK",
  "CHF",
  "JPY",
  "KRW",
  "INR",
  "MXN",
  "BRL",
  "ZAR",
] as const;

export const PROFILE_VISIBILITY = [
  { value: "LABS", label: "Labs and coordinators", hint: "Members of AI labs on Second Act can find you and see your public profile." },
  {
    value: "COORDINATORS",
    label: "Coordinators only",
    hint: "Only Second Act coordinators see your profile; they may introduce you to labs.",
  },
] as const;

/** Self-identification choices. Every list includes "prefer not to say". */
export const DEMOGRAPHIC_FIELDS = [
  {
    key: "gender",
    label: "Gender",
    options: ["Woman", "Man", "Non-binary", "I use another term", "Prefer not to say"],
  },
  {
    key: "ethnicity",
    label: "Ethnicity",
    options: [
      "Asian",
      "Black",
      "Hispanic or Latino/a/e",
      "Indigenous",
      "Middle Eastern or North African",
      "Pacific Islander",
      "White",
      "Multiple ethnicities",
      "I use another term",
      "Prefer not to say",
    ],
  },
  {
    key: "ageBand",
    label: "Age band",
    options: ["Under 25", "25–34", "35–44", "45–54", "55–64", "65 or older", "Prefer not to say"],
  },
  {
    key: "disability",
    label: "Disability",
    options: ["Yes, I identify as disabled", "No", "Prefer not to say"],
  },
] as const;
export type DemographicKey = (typeof DEMOGRAPHIC_FIELDS)[number]["key"];
export type Demographics = Partial<Record<DemographicKey, string>>;

/** Text shown next to the demographics opt-in; its version is recorded as a ConsentRecord. */
export const DEMOGRAPHICS_NOTICE = {
  version: "demographics-2026-11",
  text: "Optional. Answers are used only in aggregate fairness reports about who gets matched, invited and hired; any group smaller than 10 people is suppressed. Labs never see them, they are not shown on your profile and they never affect matching. You can change or delete them at any time.",
} as const;

export function isValidTimeZone(tz: string): boolean {
  if (!tz || tz.length > 64) return false;
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

/** IANA zones for the select (UTC first). */
export function timeZoneOptions(): string[] {
  let zones: string[] = [];
  try {
    zones = (Intl as unknown as { supportedValuesOf?: (k: string) => string[] }).supportedValuesOf?.("timeZone") ?? [];
  } catch {
    zones = [];
  }
  return ["UTC", ...zones.filter((z) => z !== "UTC")];
}
