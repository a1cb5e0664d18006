import { describe, expect, it } from "vitest";
import {
  CSV_TEMPLATE,
  MAX_CSV_ROWS,
  creditInputSchema,
  importIdentity,
  isHttpUrl,
  isValidTimeZone,
  profileCompleteness,
  profileFormToInput,
  profileInputSchema,
  roleOptionGroups,
  workingLanguageCodes,
} from "~/domain/profile";
import { checkCsvText, decodeCsvBytes, parseCreditsCsv } from "~/domain/profile/csv.server";
import { ROLES } from "~/domain/taxonomy";

const YEAR = 2026;
const schema = creditInputSchema(YEAR);
const base = {
  showTitle: "Harbor Lights",
  network: "Northwind",
  format: "SINGLE_CAM_COMEDY",
  genres: ["COMEDY"],
  role: "STAFF_WRITER",
  startYear: "2006",
  endYear: "2008",
  episodes: "44",
};

function errorsOf(input: Record<string, unknown>) {
  const r = schema.safeParse(input);
  if (r.success) return {};
  const out: Record<string, string[]> = {};
  for (const i of r.error.issues) {
    const key = String(i.path[0] ?? "_");
    out[key] = [...(out[key] ?? []), i.message];
  }
  return out;
}

describe("credit schema", () => {
  it("parses form strings into a credit", () => {
    const r = schema.parse(base);
    expect(r).toEqual({
      showTitle: "Harbor Lights",
      network: "Northwind",
      format: "SINGLE_CAM_COMEDY",
      genres: ["COMEDY"],
      role: "STAFF_WRITER",
      startYear: 2006,
      endYear: 2008,
      episodes: 44,
    });
  });

  it("treats an empty end year as ongoing and a single genre string as a list", () => {
    const r = schema.parse({ ...base, endYear: "", genres: "DRAMA" });
    expect(r.endYear).toBeNull();
    expect(r.genres).toEqual(["DRAMA"]);
    expect(schema.parse({ ...base, endYear: undefined, genres: undefined }).genres).toEqual([]);
  });

  it("trims the title and rejects an empty one", () => {
    expect(schema.parse({ ...base, showTitle: "  Lost  " }).showTitle).toBe("Lost");
    expect(errorsOf({ ...base, showTitle: "   " }).showTitle?.[0]).toMatch(/title/);
  });

  it("bounds years to 1950..current year", () => {
    expect(errorsOf({ ...base, startYear: "1949" }).startYear?.[0]).toBe("The start year must be 1950 or later.");
    expect(errorsOf({ ...base, startYear: "1950", endYear: "1950" })).toEqual({});
    expect(errorsOf({ ...base, startYear: String(YEAR), endYear: "" })).toEqual({});
    expect(errorsOf({ ...base, startYear: String(YEAR + 1), endYear: "" }).startYear?.[0]).toMatch(/cannot be in the future/);
    expect(errorsOf({ ...base, endYear: String(YEAR + 1) }).endYear?.[0]).toMatch(/cannot be in the future/);
    expect(errorsOf({ ...base, startYear: "20x6" }).startYear?.[0]).toMatch(/four-digit year/);
    expect(errorsOf({ ...base, startYear: "2006.5" }).startYear?.[0]).toMatch(/four-digit year/);
    expect(errorsOf({ ...base, startYear: "" }).startYear?.[0]).toMatch(/four-digit year/);
  });

  it("requires end year >= start year", () => {
    expect(errorsOf({ ...base, startYear: "2010", endYear: "2009" }).endYear).toEqual(["The end year cannot be before the start year."]);
    expect(errorsOf({ ...base, startYear: "2010", endYear: "2010" })).toEqual({});
  });

  it("bounds episodes to 1..2000 whole numbers", () => {
    expect(errorsOf({ ...base, episodes: "0" }).episodes?.[0]).toBe("Enter at least 1 episode.");
    expect(errorsOf({ ...base, episodes: "2001" }).episodes?.[0]).toBe("Enter at most 2000 episodes.");
    expect(errorsOf({ ...base, episodes: "2000" })).toEqual({});
    expect(errorsOf({ ...base, episodes: "1" })).toEqual({});
    expect(errorsOf({ ...base, episodes: "3.5" }).episodes?.[0]).toMatch(/whole number/);
    expect(errorsOf({ ...base, episodes: "" }).episodes?.[0]).toMatch(/how many episodes/);
  });

  it("rejects unknown roles, formats and genres with field errors", () => {
    const e = errorsOf({ ...base, role: "GAFFER", format: "OPERA", genres: ["COMEDY", "POLKA"] });
    expect(e.role).toEqual(["Choose your role on the show."]);
    expect(e.format).toEqual(["Choose the show's format."]);
    expect(e.genres?.[0]).toMatch(/genres from the list/);
  });

  it("groups every role under its department for the select", () => {
    const groups = roleOptionGroups();
    expect(groups.flatMap((g) => g.options.map((o) => o.value)).sort()).toEqual(ROLES.map((r) => r.key).sort());
    expect(groups[0].label).toBe("Writing");
    expect(groups[0].options[0].value).toBe("WRITERS_ASSISTANT");
  });

  it("builds the same import identity for cosmetic title differences only", () => {
    const c = schema.parse(base);
    expect(importIdentity({ ...c, showTitle: "  harbor   LIGHTS " })).toBe(importIdentity(c));
    expect(importIdentity({ ...c, episodes: 45 })).not.toBe(importIdentity(c));
    expect(importIdentity({ ...c, endYear: null })).not.toBe(importIdentity(c));
  });
});

describe("profile schema", () => {
  const form = {
    headline: " Comedy writer ",
    bio: "Twelve years in multi-cam rooms.",
    location: "Los Angeles",
    timezone: "America/Los_Angeles",
    langCode0: "en",
    langLevel0: "native",
    langCode1: "es",
    langLevel1: "conversational",
    langCode2: "",
    hoursPerWeek: "20",
    minRate: "62.50",
    rateCurrency: "usd",
    availableFrom: "2027-01-31",
    links: "https://example.com/reel\n\nhttp://imdb.com/name/nm1\n",
    aiUseConsent: "on",
    visibility: "COORDINATORS",
  };

  it("turns the editor form into a profile", () => {
    const r = profileInputSchema.parse(profileFormToInput(form));
    expect(r.headline).toBe("Comedy writer");
    expect(r.languages).toEqual([
      { code: "en", level: "native" },
      { code: "es", level: "conversational" },
    ]);
    expect(r.hoursPerWeek).toBe(20);
    expect(r.minRate).toBe(62.5);
    expect(r.rateCurrency).toBe("USD");
    expect(r.links).toEqual(["https://example.com/reel", "http://imdb.com/name/nm1"]);
    expect(r.aiUseConsent).toBe(true);
    expect(r.demographicsOptIn).toBe(false);
    expect(r.demographics).toBeNull();
    expect(r.visibility).toBe("COORDINATORS");
    expect(workingLanguageCodes(r.languages)).toEqual(["en"]);
  });

  it("drops demographics unless the person opted in", () => {
    const withAnswers = { ...form, demo_gender: "Woman", demo_ageBand: "45–54" };
    expect(profileInputSchema.parse(profileFormToInput(withAnswers)).demographics).toBeNull();
    const optedIn = profileInputSchema.parse(profileFormToInput({ ...withAnswers, demographicsOptIn: "on" }));
    expect(optedIn.demographics).toEqual({ gender: "Woman", ageBand: "45–54" });
    const bad = profileInputSchema.safeParse(profileFormToInput({ ...withAnswers, demographicsOptIn: "on", demo_gender: "Robot" }));
    expect(bad.success).toBe(false);
  });

  it("validates time zone, links, rate, hours, dates and languages", () => {
    const fail = (patch: Record<string, string>) => {
      const r = profileInputSchema.safeParse(profileFormToInput({ ...form, ...patch }));
      return r.success ? [] : r.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
    };
    expect(fail({ timezone: "Mars/Olympus_Mons" })[0]).toMatch(/^timezone: Choose a time zone/);
    expect(fail({ links: "javascript:alert(1)" })[0]).toMatch(/^links\.0: Links must start with http/);
    expect(fail({ links: "ftp://example.com/x" })[0]).toMatch(/^links\.0/);
    expect(fail({ links: Array.from({ length: 11 }, (_, i) => `https://e.com/${i}`).join("\n") })[0]).toMatch(/at most 10 links/);
    expect(fail({ minRate: "abc" })[0]).toMatch(/^minRate/);
    expect(fail({ minRate: "-5" })[0]).toMatch(/^minRate/);
    expect(fail({ hoursPerWeek: "81" })[0]).toMatch(/^hoursPerWeek/);
    expect(fail({ availableFrom: "2027-02-30" })[0]).toMatch(/^availableFrom: That date does not exist/);
    expect(fail({ langCode1: "en" })[0]).toMatch(/List each language once/);
    expect(fail({ langCode1: "xx" })[0]).toMatch(/^languages\.1\.code/);
    expect(fail({ rateCurrency: "XYZ" })[0]).toMatch(/^rateCurrency/);
    expect(fail({ visibility: "EVERYONE" })[0]).toMatch(/^visibility/);
    expect(fail({ timezone: "" })).toEqual([]);
  });

  it("knows valid IANA zones and http(s) URLs", () => {
    expect(isValidTimeZone("Europe/London")).toBe(true);
    expect(isValidTimeZone("UTC")).toBe(true);
    expect(isValidTimeZone("Not/AZone")).toBe(false);
    expect(isHttpUrl("https://example.com")).toBe(true);
    expect(isHttpUrl("http://x")).toBe(true);
    expect(isHttpUrl("mailto:a@b.c")).toBe(false);
    expect(isHttpUrl("https://")).toBe(false);
    expect(isHttpUrl("https://exa mple.com")).toBe(false);
  });
});

describe("completeness meter", () => {
  const empty = {
    headline: "",
    bio: "",
    location: "",
    languages: [],
    hoursPerWeek: null,
    minRateCents: null,
    availableFrom: null,
    links: [],
    aiUseConsentAt: null,
    creditCount: 0,
  };

  it("starts at 0% and asks for a credit first", () => {
    const c = profileCompleteness(empty);
    expect(c.percent).toBe(0);
    expect(c.next?.key).toBe("credit");
  });

  it("moves on to the next most useful item", () => {
    const c = profileCompleteness({ ...empty, creditCount: 1 });
    expect(c.percent).toBe(30);
    expect(c.next?.key).toBe("consent");
    const d = profileCompleteness({ ...empty, creditCount: 1, aiUseConsentAt: new Date() });
    expect(d.next?.key).toBe("moreCredits");
  });

  it("reaches 100% with nothing left to add", () => {
    const c = profileCompleteness({
      headline: "Writer",
      bio: "x".repeat(60),
      location: "LA",
      languages: [{ code: "en", level: "native" }],
      hoursPerWeek: 10,
      minRateCents: 5000,
      availableFrom: "2027-01-01",
      links: ["https://e.com"],
      aiUseConsentAt: new Date(),
      creditCount: 3,
    });
    expect(c.percent).toBe(100);
    expect(c.next).toBeNull();
    expect(c.items.every((i) => i.done)).toBe(true);
  });

  it("counts a short bio as missing", () => {
    expect(profileCompleteness({ ...empty, bio: "Hi." }).items.find((i) => i.key === "bio")?.done).toBe(false);
  });
});

describe("CSV import parsing", () => {
  const header = "show_title,network,format,genres,role,start_year,end_year,episodes";

  it("the template imports nothing as it is: its examples are comments", () => {
    const r = parseCreditsCsv(CSV_TEMPLATE, YEAR);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toContain("no credits below it");
  });

  it("ignores comment lines (starting with '# ') anywhere, but not a title that starts with #", () => {
    const csv = [
      "# exported from my spreadsheet",
      header,
      "# Example,NBC,Drama,,Editor,2001,2002,10",
      "#blackAF,Netflix,Single-camera comedy,,Editor,2020,2020,8",
      "",
    ].join("\n");
    const r = parseCreditsCsv(csv, YEAR);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.rows.map((row) => row.credit?.showTitle)).toEqual(["#blackAF"]);
  });

  it("the template's examples, uncommented, are valid rows", () => {
    const r = parseCreditsCsv(CSV_TEMPLATE.replace(/^# (?!Lines)/gm, "").replace(/^# Lines.*\r\n/m, ""), YEAR);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.validCount).toBe(3);
    expect(r.errorCount).toBe(0);
    expect(r.rows[2].credit).toMatchObject({ showTitle: "Planet Earth, Again", role: "EDITOR", format: "DOCUMENTARY", endYear: null });
  });

  it("understands role, format and genre aliases", () => {
    const csv = [
      header,
      "Harbor Lights,NBC,multi-cam sitcom,comedy; romance,Showrunner,1985,1990,120",
      "Planet X,BBC,docuseries,Nature | sci-fi,DP,2019,present,6",
      "Lost,ABC,hour drama,,Co-EP,2004,2010,121",
      "Kids Show,PBS,kids,family,scripty,2001,2002,40",
    ].join("\n");
    const r = parseCreditsCsv(csv, YEAR);
    if (!r.ok) throw new Error(r.error);
    expect(r.rows.map((x) => x.errors)).toEqual([[], [], [], []]);
    expect(r.rows.map((x) => [x.credit?.role, x.credit?.format])).toEqual([
      ["SHOWRUNNER", "MULTI_CAM_SITCOM"],
      ["DIRECTOR_OF_PHOTOGRAPHY", "DOCUMENTARY"],
      ["CO_EXECUTIVE_PRODUCER", "DRAMA"],
      ["SCRIPT_SUPERVISOR", "CHILDRENS"],
    ]);
    expect(r.rows[0].credit?.genres).toEqual(["COMEDY", "ROMANCE"]);
    expect(r.rows[1].credit?.genres).toEqual(["NATURE", "SCI_FI"]);
    expect(r.rows[1].credit?.endYear).toBeNull();
  });

  it("accepts headers in any order and case, with optional columns left out", () => {
    const r = parseCreditsCsv("Episodes, Role ,Show Title,FORMAT,start-year\n10,Editor,Lost,Drama,2005\n", YEAR);
    if (!r.ok) throw new Error(r.error);
    expect(r.rows[0].credit).toMatchObject({
      showTitle: "Lost",
      role: "EDITOR",
      episodes: 10,
      startYear: 2005,
      endYear: null,
      network: "",
    });
  });

  it("reports bad rows with row numbers and messages, keeping the good ones", () => {
    const csv = [
      header,
      "Good,NBC,Drama,,Editor,2010,2012,20",
      "Bad role,NBC,Drama,,Gaffer,2010,2012,20",
      "",
      "Bad years,NBC,Drama,,Editor,2012,2010,20",
      "Future,NBC,Drama,,Editor,2010,2099,20",
      ",NBC,Opera,polka,Editor,1900,,0",
      "Too many,NBC,Drama,,Editor,2010,2012,20,extra",
    ].join("\r\n");
    const r = parseCreditsCsv(csv, YEAR);
    if (!r.ok) throw new Error(r.error);
    expect(r.validCount).toBe(1);
    expect(r.errorCount).toBe(4);
    expect(r.unclearCount).toBe(1);
    const byRow = Object.fromEntries(r.rows.map((x) => [x.row, x.errors]));
    expect(byRow[2]).toEqual([]);
    // A role we do not understand is not an error and not guessed: the row waits for a choice.
    expect(byRow[3]).toEqual([]);
    expect(r.rows.find((x) => x.row === 3)).toMatchObject({
      credit: null,
      unclear: [{ column: "role", index: 0, input: "Gaffer", note: null }],
    });
    expect(byRow[5]).toEqual(["end_year: The end year cannot be before the start year."]);
    expect(byRow[6][0]).toMatch(/^end_year: .*cannot be in the future/);
    const many = byRow[7].join("\n");
    expect(r.rows.find((x) => x.row === 7)?.unclear.map((u) => [u.column, u.input])).toEqual([
      ["format", "Opera"],
      ["genre", "polka"],
    ]);
    expect(many).toMatch(/show_title: Enter the show's title/);
    expect(many).toMatch(/start_year: The start year must be 1950 or later/);
    expect(many).toMatch(/episodes: Enter at least 1 episode/);
    expect(byRow[8][0]).toMatch(/has 9 values but the header has 8 columns/);
  });

  it("imports an unclear label only as the person chose it: a role, a format, a genre or leaving a genre out", () => {
    const csv = [header, "Night Desk,CBS,Opera,police; cozy; polka,Gaffer,2014,2015,20"].join("\n");
    const open = parseCreditsCsv(csv, YEAR);
    if (!open.ok) throw new Error(open.error);
    expect(open.rows[0].credit).toBeNull();
    expect(open.rows[0].unclear.map((u) => `${u.column}${u.index}:${u.input}`)).toEqual([
      "role0:Gaffer",
      "format0:Opera",
      "genre0:cozy",
      "genre1:polka",
    ]);
    // Choices that are not keys are not choices.
    const bogus = parseCreditsCsv(csv, YEAR, { 2: { role: "GAFFER", format: "OPERA", genres: ["nope", ""] } });
    if (!bogus.ok) throw new Error(bogus.error);
    expect(bogus.rows[0].unclear.map((u) => u.input)).toEqual(["Gaffer", "Opera", "cozy"]);
    const chosen = parseCreditsCsv(csv, YEAR, { 2: { role: "OTHER", format: "DRAMA", genres: ["FAMILY", ""] } });
    if (!chosen.ok) throw new Error(chosen.error);
    expect(chosen.rows[0].unclear).toEqual([]);
    expect(chosen.rows[0].credit).toMatchObject({ role: "OTHER", format: "DRAMA", genres: ["CRIME", "FAMILY"] });
    // A choice for another row changes nothing here.
    const elsewhere = parseCreditsCsv(csv, YEAR, { 3: { role: "OTHER", format: "DRAMA", genres: ["FAMILY", ""] } });
    if (!elsewhere.ok) throw new Error(elsewhere.error);
    expect(elsewhere.rows[0].credit).toBeNull();
  });

  it("rejects a missing, unknown or duplicated header", () => {
    const noHeader = parseCreditsCsv("Lost,ABC,Drama,,Editor,2004,2010,100\n", YEAR);
    expect(noHeader).toMatchObject({ ok: false });
    expect(!noHeader.ok && noHeader.error).toMatch(/Unknown column.*first row must be the header/);
    const unknown = parseCreditsCsv(`${header},salary\nx\n`, YEAR);
    expect(!unknown.ok && unknown.error).toMatch(/Unknown column "salary"/);
    const missing = parseCreditsCsv("show_title,role,format\nLost,Editor,Drama\n", YEAR);
    expect(!missing.ok && missing.error).toMatch(/missing the required columns start_year, episodes/);
    const dup = parseCreditsCsv("show_title,show_title,role,format,start_year,episodes\n", YEAR);
    expect(!dup.ok && dup.error).toMatch(/appears twice/);
  });

  it("rejects empty files, header-only files and too many rows", () => {
    expect(parseCreditsCsv("", YEAR)).toMatchObject({ ok: false, error: expect.stringMatching(/empty/) });
    expect(parseCreditsCsv("\n\n", YEAR)).toMatchObject({ ok: false, error: expect.stringMatching(/empty/) });
    expect(parseCreditsCsv(`${header}\n`, YEAR)).toMatchObject({ ok: false, error: expect.stringMatching(/no credits/) });
    const rows = Array.from({ length: MAX_CSV_ROWS + 1 }, (_, i) => `Show ${i},,Drama,,Editor,2010,2011,10`);
    const big = parseCreditsCsv([header, ...rows].join("\n"), YEAR);
    expect(big).toMatchObject({ ok: false, error: expect.stringMatching(/5,001 rows; the limit is 5,000/) });
    const exact = parseCreditsCsv([header, ...rows.slice(0, MAX_CSV_ROWS)].join("\n"), YEAR);
    expect(exact.ok && exact.validCount).toBe(MAX_CSV_ROWS);
  });

  it("rejects an unclosed quote", () => {
    const r = parseCreditsCsv(`${header}\n"Lost,ABC,Drama,,Editor,2004,2010,100\n`, YEAR);
    expect(r).toMatchObject({ ok: false, error: expect.stringMatching(/unclosed quote/) });
  });
});

describe("CSV encoding checks", () => {
  const enc = (s: string) => new TextEncoder().encode(s);

  it("accepts UTF-8 with or without a BOM, including non-ASCII titles", () => {
    const r = decodeCsvBytes(new Uint8Array([0xef, 0xbb, 0xbf, ...enc("show_title\nAmélie – Ça va\n")]));
    expect(r).toEqual({ ok: true, text: "show_title\nAmélie – Ça va\n" });
  });

  it("rejects Latin-1 (invalid UTF-8) bytes", () => {
    const latin1 = new Uint8Array([...enc("show_title\nAm"), 0xe9, ...enc("lie\n")]);
    expect(decodeCsvBytes(latin1)).toMatchObject({ ok: false, error: expect.stringMatching(/not valid UTF-8/) });
  });

  it("rejects UTF-16, NUL bytes, binary junk and replacement characters", () => {
    expect(decodeCsvBytes(new Uint8Array([0xff, 0xfe, 0x73, 0x00]))).toMatchObject({ ok: false, error: expect.stringMatching(/UTF-16/) });
    expect(decodeCsvBytes(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0]))).toMatchObject({
      ok: false,
      error: expect.stringMatching(/binary data/),
    });
    expect(decodeCsvBytes(enc("show_title\u0007\nx"))).toMatchObject({ ok: false, error: expect.stringMatching(/control characters/) });
    expect(checkCsvText("show_title\nAm\ufffdlie")).toMatchObject({ ok: false, error: expect.stringMatching(/could not be read/) });
  });

  it("rejects empty and oversized files", () => {
    expect(decodeCsvBytes(new Uint8Array())).toMatchObject({ ok: false, error: expect.stringMatching(/empty/) });
    expect(decodeCsvBytes(enc("  \n "))).toMatchObject({ ok: false, error: expect.stringMatching(/empty/) });
    expect(decodeCsvBytes(new Uint8Array(2 * 1024 * 1024 + 1).fill(0x61))).toMatchObject({
      ok: false,
      error: expect.stringMatching(/limit is 2 MB/),
    });
  });
});
