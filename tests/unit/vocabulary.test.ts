/**
 * Table-driven tests for the labels professionals actually write: IMDb's published genre list
 * (title.basics) and principal categories (title.principals), WGA/DGA/PGA-style credit titles,
 * LinkedIn job titles and format names. Each entry says which key it must be read as and how
 * sure the reader is; labels with no honest mapping must come back `unknown` (never silently
 * turned into something else) so the UI can ask.
 */
import { describe, expect, it } from "vitest";
import {
  DEPARTMENTS,
  FORMATS,
  GENRES,
  IMDB_GENRES,
  IMDB_PRINCIPAL_CATEGORIES,
  ROLES,
  type ReadConfidence,
  describeReading,
  formatLabel,
  genreLabel,
  readDepartment,
  readFormat,
  readGenre,
  readLabel,
  readRole,
  roleLabel,
} from "~/domain/taxonomy";

type Row = [input: string, key: string | null, confidence: ReadConfidence];

const IMDB_GENRE_TABLE: Row[] = [
  ["Action", "ACTION", "exact"],
  ["Adult", "ADULT", "alias"],
  ["Adventure", "ADVENTURE", "exact"],
  ["Animation", "ANIMATION", "exact"],
  ["Biography", "BIOGRAPHY", "exact"],
  ["Comedy", "COMEDY", "exact"],
  ["Crime", "CRIME", "exact"],
  ["Documentary", "DOCUMENTARY", "exact"],
  ["Drama", "DRAMA", "exact"],
  ["Family", "FAMILY", "exact"],
  ["Fantasy", "FANTASY", "exact"],
  ["Film-Noir", "FILM_NOIR", "exact"],
  ["Game-Show", "GAME_SHOW", "exact"],
  ["History", "HISTORICAL", "alias"],
  ["Horror", "HORROR", "exact"],
  ["Music", "MUSIC", "exact"],
  ["Musical", "MUSICAL", "exact"],
  ["Mystery", "MYSTERY", "exact"],
  ["News", "NEWS", "alias"],
  ["Reality-TV", "REALITY", "alias"],
  ["Romance", "ROMANCE", "exact"],
  ["Sci-Fi", "SCI_FI", "alias"],
  ["Short", "SHORT", "exact"],
  ["Sport", "SPORT", "exact"],
  ["Talk-Show", "TALK_SHOW", "exact"],
  ["Thriller", "THRILLER", "exact"],
  ["War", "WAR", "exact"],
  ["Western", "WESTERN", "exact"],
];

const IMDB_CATEGORY_TABLE: Row[] = [
  ["actor", "ACTOR", "exact"],
  ["actress", "ACTOR", "alias"],
  // Reused footage or sound of the person is not work on the title: no honest role.
  ["archive_footage", null, "unknown"],
  ["archive_sound", null, "unknown"],
  ["casting_director", "CASTING_DIRECTOR", "exact"],
  ["cinematographer", "DIRECTOR_OF_PHOTOGRAPHY", "alias"],
  ["composer", "COMPOSER", "exact"],
  ["director", "DIRECTOR", "exact"],
  ["editor", "EDITOR", "exact"],
  ["producer", "PRODUCER", "exact"],
  ["production_designer", "PRODUCTION_DESIGNER", "exact"],
  ["self", "ON_CAMERA_SELF", "alias"],
  ["writer", "WRITER", "alias"],
];

const CREDIT_TITLE_TABLE: Row[] = [
  ["Head Writer", "HEAD_WRITER", "exact"],
  ["Consulting Producer", "CONSULTING_PRODUCER", "exact"],
  ["Associate Producer", "ASSOCIATE_PRODUCER", "exact"],
  ["Co-Executive Producer", "CO_EXECUTIVE_PRODUCER", "exact"],
  ["Supervising Producer", "SUPERVISING_PRODUCER", "exact"],
  ["Teleplay by", "WRITER", "alias"],
  ["Written by", "WRITER", "alias"],
  ["Story by", "WRITER", "alias"],
  ["Screenplay by", "WRITER", "alias"],
  ["Camera Operator", "CAMERA_OPERATOR", "exact"],
  ["Director of Photography", "DIRECTOR_OF_PHOTOGRAPHY", "exact"],
  ["Script Supervisor", "SCRIPT_SUPERVISOR", "exact"],
  ["Story Editor", "STORY_EDITOR", "exact"],
  ["Executive Story Editor", "EXECUTIVE_STORY_EDITOR", "exact"],
  ["Showrunner", "SHOWRUNNER", "alias"],
  ["Line Producer", "LINE_PRODUCER", "exact"],
  ["Post Producer", "POST_PRODUCER", "exact"],
  ["Assistant Editor", "ASSISTANT_EDITOR", "exact"],
  ["Casting Associate", "CASTING_ASSOCIATE", "exact"],
  ["Staff Writer", "STAFF_WRITER", "exact"],
  ["Co-Producer", "CO_PRODUCER", "exact"],
  ["Executive Producer", "SHOWRUNNER", "alias"],
  ["Created by", "SHOWRUNNER", "alias"],
  ["Directed by", "DIRECTOR", "alias"],
  ["Edited by", "EDITOR", "alias"],
  ["Casting by", "CASTING_DIRECTOR", "alias"],
  ["Music by", "COMPOSER", "alias"],
  ["Writers' Assistant", "WRITERS_ASSISTANT", "exact"],
  ["Script Coordinator", "SCRIPT_COORDINATOR", "exact"],
  ["First Assistant Director", "FIRST_AD", "exact"],
  ["Host", "HOST", "exact"],
  ["Writer/Producer", "PRODUCER_WRITER", "alias"],
  // LinkedIn-style and unknown titles stay unknown rather than being guessed.
  ["Gaffer", null, "unknown"],
  ["Key Grip", null, "unknown"],
  ["Art Director", null, "unknown"],
  ["Second Assistant Director", null, "unknown"],
];

const FORMAT_TABLE: Row[] = [
  ["Late-night talk show", "LATE_NIGHT", "alias"],
  ["TV movie", "TV_MOVIE", "exact"],
  ["tvMovie", "TV_MOVIE", "alias"],
  ["TV mini series", "LIMITED_SERIES", "alias"],
  ["tvMiniSeries", "LIMITED_SERIES", "alias"],
  ["TV special", "TV_SPECIAL", "exact"],
  ["tvSpecial", "TV_SPECIAL", "alias"],
  ["Web series", "WEB_SERIES", "exact"],
  ["Feature film", "FEATURE_FILM", "exact"],
  ["movie", "FEATURE_FILM", "alias"],
  ["Short film", "SHORT_FILM", "exact"],
  ["tvShort", "SHORT_FILM", "alias"],
  ["Multi-camera sitcom", "MULTI_CAM_SITCOM", "exact"],
  ["Sitcom", "MULTI_CAM_SITCOM", "alias"],
  ["Single-camera comedy", "SINGLE_CAM_COMEDY", "exact"],
  ["Reality TV", "UNSCRIPTED", "alias"],
  ["Game show", "UNSCRIPTED", "alias"],
  ["Docuseries", "DOCUMENTARY", "alias"],
  ["Sketch comedy", "LATE_NIGHT", "alias"],
  ["Soap opera", "DAYTIME", "alias"],
  ["Limited series", "LIMITED_SERIES", "exact"],
  // A series or an episode says nothing about the format: ask.
  ["tvSeries", null, "unknown"],
  ["TV series", null, "unknown"],
  ["tvEpisode", null, "unknown"],
  ["videoGame", null, "unknown"],
];

function check(
  reader: (t: string) => { key: string | null; confidence: ReadConfidence; label: string | null },
  [input, key, confidence]: Row,
) {
  const r = reader(input);
  expect(r.key, input).toBe(key);
  expect(r.confidence, input).toBe(confidence);
  expect(r.label === null, input).toBe(key === null);
}

describe("IMDb title.basics genres", () => {
  it("the table covers IMDb's whole published list", () => {
    expect(IMDB_GENRE_TABLE.map((r) => r[0]).sort()).toEqual([...IMDB_GENRES].sort());
    expect(IMDB_GENRES).toHaveLength(28);
  });
  it.each(IMDB_GENRE_TABLE)("%s → %s (%s)", (...row) => check(readGenre, row));
  it("no two IMDb genres collapse into one key (nothing is silently merged)", () => {
    const keys = IMDB_GENRE_TABLE.map((r) => r[1]);
    expect(new Set(keys).size).toBe(keys.length);
  });
});

describe("IMDb title.principals categories", () => {
  it("the table covers every published category", () => {
    expect(IMDB_CATEGORY_TABLE.map((r) => r[0]).sort()).toEqual([...IMDB_PRINCIPAL_CATEGORIES].sort());
  });
  it.each(IMDB_CATEGORY_TABLE)("%s → %s (%s)", (...row) => check(readRole, row));
  it("archive categories explain why they are not mapped", () => {
    for (const c of ["archive_footage", "archive_sound"]) {
      const r = readRole(c);
      expect(r.note).toMatch(/not work on this title/);
      expect(describeReading("role", r)).toMatch(/We could not map .* to a role: IMDb lists this/);
    }
  });
});

describe("credit titles (WGA/DGA/PGA conventions, LinkedIn)", () => {
  it.each(CREDIT_TITLE_TABLE)("%s → %s (%s)", (...row) => check(readRole, row));
});

describe("format names", () => {
  it.each(FORMAT_TABLE)("%s → %s (%s)", (...row) => check(readFormat, row));
  it("series and episodes say why they need a choice", () => {
    expect(readFormat("tvSeries").note).toMatch(/Choose the format/);
  });
});

describe("every vocabulary entry reads back as itself", () => {
  it.each(ROLES.map((r) => [r.key, r] as const))("role %s", (_k, r) => {
    expect(readRole(r.label)).toMatchObject({ key: r.key, confidence: "exact", label: r.label });
    expect(readRole(r.key)).toMatchObject({ key: r.key, confidence: "exact" });
    for (const a of r.aliases) {
      const read = readRole(a);
      expect(read.key, a).toBe(r.key);
      expect(["exact", "alias"]).toContain(read.confidence);
    }
  });
  it.each(FORMATS.map((f) => [f.key, f] as const))("format %s", (_k, f) => {
    expect(readFormat(f.label)).toMatchObject({ key: f.key, confidence: "exact", label: f.label });
    for (const a of f.aliases) expect(readFormat(a).key, a).toBe(f.key);
  });
  it.each(GENRES.map((g) => [g.key, g] as const))("genre %s", (_k, g) => {
    expect(readGenre(g.label)).toMatchObject({ key: g.key, confidence: "exact", label: g.label });
    for (const a of g.aliases) expect(readGenre(a).key, a).toBe(g.key);
  });
  it.each(DEPARTMENTS.map((d) => [d.key, d] as const))("department %s", (_k, d) => {
    expect(readDepartment(d.label)).toMatchObject({ key: d.key, confidence: "exact" });
    for (const a of d.aliases) expect(readDepartment(a).key, a).toBe(d.key);
  });
});

describe("describeReading: the 'we read this as X' hint", () => {
  it("says nothing when the label was typed as we name it", () => {
    expect(describeReading("role", readRole("Staff writer"))).toBeNull();
    expect(describeReading("genre", readGenre("comedy"))).toBeNull();
    expect(describeReading("role", readRole(""))).toBeNull();
  });
  it("names the reading for aliases and for keys typed key-style", () => {
    expect(describeReading("role", readRole("Teleplay by"))).toBe(`We read \u201cTeleplay by\u201d as ${roleLabel("WRITER")}.`);
    expect(describeReading("format", readFormat("TV mini series"))).toBe(
      `We read \u201cTV mini series\u201d as ${formatLabel("LIMITED_SERIES")}.`,
    );
    expect(describeReading("genre", readGenre("Reality-TV"))).toBe(`We read \u201cReality-TV\u201d as ${genreLabel("REALITY")}.`);
    expect(describeReading("format", readFormat("tvMovie"))).toBe("We read \u201ctvMovie\u201d as TV movie.");
    // IMDb's key-style spelling of our own label needs no confirmation.
    expect(describeReading("role", readRole("casting_director"))).toBeNull();
  });
  it("asks when a label is not understood", () => {
    expect(describeReading("role", readRole("Gaffer"))).toBe("We don\u2019t know the role \u201cGaffer\u201d yet. Choose the closest one.");
  });
  it("readLabel dispatches by kind", () => {
    expect(readLabel("role", "Head Writer").key).toBe("HEAD_WRITER");
    expect(readLabel("format", "TV movie").key).toBe("TV_MOVIE");
    expect(readLabel("genre", "Western").key).toBe("WESTERN");
    expect(readLabel("department", "Music & sound").key).toBe("MUSIC_SOUND");
    expect(readLabel("role", null)).toMatchObject({ key: null, confidence: "unknown", input: "" });
  });
});
