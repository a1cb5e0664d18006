/** JSON Resume export and basics import, validated by the official @jsonresume/schema. */
import { describe, expect, it } from "vitest";
import { jsonResumeBasics, profileToJsonResume, validateJsonResume } from "~/domain/json-resume";

const PROFILE = {
  displayName: "Rosa Delgado",
  headline: "Comedy writer, 12 years in multi-cam and late night",
  bio: "Started as a writers' assistant; co-EP on Small Hours.",
  location: "Burbank, CA, US",
  links: ["https://www.imdb.com/name/nm0000001/", "https://www.linkedin.com/in/rosa"],
};
const CREDITS = [
  {
    showTitle: "The Late Desk",
    network: "Northwind",
    role: "HEAD_WRITER",
    format: "LATE_NIGHT",
    startYear: 2021,
    endYear: null,
    episodes: 520,
  },
  {
    showTitle: "Two Doors Down",
    network: "",
    role: "STAFF_WRITER",
    format: "MULTI_CAM_SITCOM",
    startYear: 2012,
    endYear: 2014,
    episodes: 44,
  },
];

describe("JSON Resume", () => {
  it("exports a document the official schema accepts, with credits as work entries", () => {
    const doc = profileToJsonResume(PROFILE, CREDITS, new Date("2026-12-03T07:00:00Z"));
    expect(validateJsonResume(doc)).toEqual([]);
    expect(doc.basics).toMatchObject({
      name: "Rosa Delgado",
      label: PROFILE.headline,
      location: { city: "Burbank", region: "CA", countryCode: "US" },
    });
    expect(doc.basics.profiles).toEqual([
      { network: "IMDb", url: PROFILE.links[0] },
      { network: "LinkedIn", url: PROFILE.links[1] },
    ]);
    expect(doc.work[0]).toEqual({
      name: "The Late Desk",
      position: "Head writer",
      startDate: "2021",
      summary: "Late-night / variety on Northwind, 520 episodes.",
    });
    expect(doc.work[1]).toMatchObject({ startDate: "2012", endDate: "2014", position: "Staff writer" });
  });

  it("round-trips the basics: export then import gives the same profile fields", () => {
    const doc = profileToJsonResume(PROFILE, CREDITS, new Date("2026-12-03T07:00:00Z"));
    expect(jsonResumeBasics(JSON.stringify(doc))).toEqual({ ok: true, profile: PROFILE });
    const minimal = { displayName: "Sam Lee", headline: "", bio: "", location: "", links: [] };
    expect(jsonResumeBasics(profileToJsonResume(minimal, [], new Date()))).toEqual({ ok: true, profile: { displayName: "Sam Lee" } });
  });

  it("refuses invalid documents with the schema's own reasons, and bad JSON in one sentence", () => {
    const bad = jsonResumeBasics({ basics: { name: 42, email: "not an email" }, work: [{ startDate: "last spring" }] });
    expect(bad.ok).toBe(false);
    if (!bad.ok) {
      expect(bad.errors.join(" | ")).toMatch(/basics\.name/);
      expect(bad.errors.join(" | ")).toMatch(/work\[0\]\.startDate/);
    }
    expect(jsonResumeBasics("{ nope")).toMatchObject({ ok: false, errors: [expect.stringMatching(/^This is not valid JSON/)] });
    expect(jsonResumeBasics([])).toMatchObject({ ok: false });
  });
});
