/**
 * JSON Resume (https://jsonresume.org/schema, validated with the official `@jsonresume/schema`)
 * for a professional's profile: export the basics and credits, import the basics. Pure: no I/O.
 *
 * Mapping: basics.name ↔ displayName, basics.label ↔ headline, basics.summary ↔ bio,
 * basics.location.city/region/countryCode ↔ location ("Burbank, CA, US"), basics.url and
 * basics.profiles[].url ↔ links. Each credit becomes a `work` entry (show, role, years, format and
 * episodes in the summary). Importing reads only `basics`: credits come from the credit form, the
 * CSV or the IMDb importer, where their role and format are read and confirmed.
 */
import { createRequire } from "node:module";
import { formatLabel, roleLabel } from "./taxonomy";

interface JsonResumeValidator {
  validate(doc: unknown, cb: (errors: { property?: string; message?: string; stack?: string }[] | null, valid: boolean) => void): void;
}
const validator = createRequire(import.meta.url)("@jsonresume/schema") as JsonResumeValidator;

export interface ResumeProfile {
  displayName: string;
  headline: string;
  bio: string;
  location: string;
  links: string[];
}

export interface ResumeCredit {
  showTitle: string;
  network: string;
  role: string;
  format: string;
  startYear: number;
  endYear: number | null;
  episodes: number;
}

/** Problems the official schema reports, as readable strings; empty when valid. */
export function validateJsonResume(doc: unknown): string[] {
  let problems: string[] = [];
  validator.validate(doc, (errors) => {
    problems = (errors ?? []).map(
      (e) => `${(e.property ?? "resume").replace(/^instance\.?/, "") || "resume"}: ${e.message ?? "is invalid"}`,
    );
  });
  return problems;
}

function networkOf(url: string): string {
  try {
    const host = new URL(url).hostname.replace(/^www\./, "");
    if (host.endsWith("imdb.com")) return "IMDb";
    if (host.endsWith("linkedin.com")) return "LinkedIn";
    return host;
  } catch {
    return "Website";
  }
}

export function profileToJsonResume(profile: ResumeProfile, credits: readonly ResumeCredit[], lastModified: Date) {
  const [city = "", region = "", countryCode = ""] = profile.location.split(",").map((s) => s.trim());
  const basics: Record<string, unknown> = { name: profile.displayName };
  if (profile.headline) basics.label = profile.headline;
  if (profile.bio) basics.summary = profile.bio;
  if (profile.location) {
    basics.location = Object.fromEntries(
      Object.entries({ city, region, countryCode: /^[A-Z]{2}$/.test(countryCode) ? countryCode : undefined }).filter(([, v]) => v),
    );
    if (countryCode && !/^[A-Z]{2}$/.test(countryCode))
      (basics.location as Record<string, string>).region = [region, countryCode].filter(Boolean).join(", ");
  }
  if (profile.links.length > 0) basics.profiles = profile.links.map((url) => ({ network: networkOf(url), url }));
  return {
    $schema: "https://raw.githubusercontent.com/jsonresume/resume-schema/v1.0.0/schema.json",
    basics,
    work: credits.map((c) => ({
      name: c.showTitle,
      position: roleLabel(c.role),
      startDate: String(c.startYear),
      ...(c.endYear !== null ? { endDate: String(c.endYear) } : {}),
      summary: `${formatLabel(c.format)}${c.network ? ` on ${c.network}` : ""}, ${c.episodes} episode${c.episodes === 1 ? "" : "s"}.`,
    })),
    meta: { version: "v1.0.0", lastModified: lastModified.toISOString().slice(0, 19) },
  };
}

export type ImportedBasics = { ok: true; profile: Partial<ResumeProfile> } | { ok: false; errors: string[] };

/** Reads `basics` from a JSON Resume document (text or parsed) after validating it. */
export function jsonResumeBasics(input: unknown): ImportedBasics {
  let doc = input;
  if (typeof input === "string") {
    try {
      doc = JSON.parse(input);
    } catch (e) {
      return { ok: false, errors: [`This is not valid JSON: ${(e as Error).message}`] };
    }
  }
  if (!doc || typeof doc !== "object" || Array.isArray(doc))
    return { ok: false, errors: ["A JSON Resume document is an object with a \u201cbasics\u201d section."] };
  const problems = validateJsonResume(doc);
  if (problems.length > 0) return { ok: false, errors: problems };
  const b = ((doc as { basics?: Record<string, unknown> }).basics ?? {}) as Record<string, unknown>;
  const str = (v: unknown) => (typeof v === "string" ? v.trim() : "");
  const loc = (b.location ?? {}) as Record<string, unknown>;
  const location = [str(loc.city), str(loc.region), str(loc.countryCode)].filter(Boolean).join(", ");
  const links = [
    str(b.url),
    ...((Array.isArray(b.profiles) ? b.profiles : []) as Record<string, unknown>[]).map((p) => str(p?.url)),
  ].filter(Boolean);
  const profile: Partial<ResumeProfile> = {};
  if (str(b.name)) profile.displayName = str(b.name);
  if (str(b.label)) profile.headline = str(b.label);
  if (str(b.summary)) profile.bio = str(b.summary);
  if (location) profile.location = location;
  if (links.length > 0) profile.links = [...new Set(links)];
  return { ok: true, profile };
}
