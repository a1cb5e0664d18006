/** IMDb dataset TSV layout → credit drafts for one person (app/domain/imdb.ts). */
import { describe, expect, it } from "vitest";
import { IMDB_FILES, MAX_IMDB_FILE_BYTES, checkImdbFile, parseImdbDatasets, relevantImdbRows } from "~/domain/imdb";

const ME = "nm0000001";
const tsv = (kind: keyof typeof IMDB_FILES, rows: string[][]) =>
  `${[IMDB_FILES[kind].join("\t"), ...rows.map((r) => r.join("\t"))].join("\n")}\n`;

// A late-night show with episodes, a sitcom, a miniseries and a TV movie.
const BASICS = [
  ["tt1000001", "tvSeries", "The Late Desk", "The Late Desk", "0", "2015", "\\N", "60", "Comedy,Talk-Show"],
  ["tt1000011", "tvEpisode", "Episode #1.1", "Episode #1.1", "0", "2016", "\\N", "60", "Comedy,Talk-Show"],
  ["tt1000012", "tvEpisode", "Episode #1.2", "Episode #1.2", "0", "2016", "\\N", "60", "Comedy,Talk-Show"],
  ["tt1000013", "tvEpisode", "Episode #2.1", "Episode #2.1", "0", "2018", "\\N", "60", "Comedy,Talk-Show"],
  ["tt2000001", "tvSeries", "Two Doors Down", "Two Doors Down", "0", "2010", "2013", "22", "Comedy,Family"],
  ["tt2000011", "tvEpisode", "Pilot", "Pilot", "0", "2010", "\\N", "22", "Comedy,Family"],
  ["tt3000001", "tvMiniSeries", "Empire of Salt", "Empire of Salt", "0", "2021", "2021", "55", "Drama,History,War"],
  ["tt4000001", "tvMovie", "A Winter Visit", "A Winter Visit", "0", "2019", "\\N", "88", "Romance,Family"],
];
const EPISODES = [
  ["tt1000011", "tt1000001", "1", "1"],
  ["tt1000012", "tt1000001", "1", "2"],
  ["tt1000013", "tt1000001", "2", "1"],
  ["tt2000011", "tt2000001", "1", "1"],
];
const PRINCIPALS = [
  ["tt1000011", "5", ME, "writer", "head writer", "\\N"],
  ["tt1000012", "5", ME, "writer", "head writer", "\\N"],
  ["tt1000013", "4", ME, "writer", "head writer", "\\N"],
  ["tt1000013", "9", ME, "producer", "consulting producer", "\\N"],
  ["tt2000011", "6", ME, "writer", "written by", "\\N"],
  ["tt3000001", "3", ME, "writer", "\\N", "\\N"],
  ["tt4000001", "8", ME, "archive_footage", "\\N", '["Herself"]'],
  ["tt4000001", "2", "nm0000002", "director", "\\N", "\\N"], // someone else: ignored
];
const files = (over: Partial<Record<keyof typeof IMDB_FILES, string[][]>> = {}) => ({
  principals: tsv("principals", over.principals ?? PRINCIPALS),
  basics: tsv("basics", over.basics ?? BASICS),
  episode: tsv("episode", over.episode ?? EPISODES),
});

describe("parseImdbDatasets", () => {
  it("groups episodes by series and role, with episode counts, years, formats and genres", () => {
    const r = parseImdbDatasets(files(), ME);
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    const byKey = Object.fromEntries(r.credits.map((c) => [`${c.showTitle}|${c.role}`, c]));
    expect(byKey["The Late Desk|HEAD_WRITER"]).toMatchObject({
      episodes: 3,
      startYear: 2016,
      endYear: 2018,
      format: null, // a tvSeries: the person chooses the format
      titleType: "tvSeries",
      genres: ["COMEDY", "TALK_SHOW"],
      roleInput: "head writer",
      roleConfidence: "exact",
    });
    expect(byKey["The Late Desk|CONSULTING_PRODUCER"]).toMatchObject({ episodes: 1, startYear: 2018, endYear: 2018 });
    expect(byKey["Two Doors Down|WRITER"]).toMatchObject({
      episodes: 1,
      startYear: 2010,
      endYear: 2010,
      genres: ["COMEDY", "FAMILY"],
      roleConfidence: "alias",
    });
    expect(byKey["Empire of Salt|WRITER"]).toMatchObject({
      format: "LIMITED_SERIES",
      episodes: 1,
      startYear: 2021,
      endYear: 2021,
      genres: ["DRAMA", "HISTORICAL", "WAR"],
    });
    expect(r.credits).toHaveLength(4);
    // Archive footage is not work on the title: listed as skipped, with the reason.
    expect(r.skipped).toEqual([
      { tconst: "tt4000001", category: "archive_footage", reason: expect.stringMatching(/not work on this title/) },
    ]);
  });

  it("reports every malformed row with its file and line, and returns no credits", () => {
    const r = parseImdbDatasets(
      files({
        principals: [...PRINCIPALS, ["tt1000011", "5", ME, "writer"], ["xx123", "1", ME, "writer", "\\N", "\\N"]],
        basics: [...BASICS, ["tt5000001", "tvSeries", "Broken Years", "Broken Years", "0", "20l5", "\\N", "30", "Drama"]],
        episode: [...EPISODES, ["tt6000001", "nope", "1", "1"]],
      }),
      ME,
    );
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors).toEqual([
      { file: "title.principals.tsv", line: 10, message: "Expected 6 tab-separated values, found 4." },
      { file: "title.principals.tsv", line: 11, message: expect.stringMatching(/"xx123" is not an IMDb title id/) },
      { file: "title.basics.tsv", line: 10, message: expect.stringMatching(/four-digit years/) },
      { file: "title.episode.tsv", line: 6, message: expect.stringMatching(/parentTconst "nope"/) },
    ]);
  });

  it("rejects a wrong header, a missing title and a bad nconst", () => {
    const badHeader = parseImdbDatasets({ ...files(), basics: "tconst\ttitle\n" }, ME);
    expect(badHeader.ok).toBe(false);
    if (!badHeader.ok) expect(badHeader.errors[0]).toMatchObject({ file: "title.basics.tsv", line: 1 });
    const missing = parseImdbDatasets(files({ basics: BASICS.filter((b) => b[0] !== "tt3000001") }), ME);
    expect(missing.ok).toBe(false);
    if (!missing.ok) expect(missing.errors[0].message).toMatch(/tt3000001 is not in title.basics.tsv/);
    expect(parseImdbDatasets(files(), "john").ok).toBe(false);
  });

  it("an unknown job falls back to the category; an unknown category is kept as unknown for the person to choose", () => {
    const r = parseImdbDatasets(
      files({
        principals: [
          ["tt3000001", "1", ME, "writer", "dialogue polish", "\\N"],
          ["tt4000001", "2", ME, "stunts", "\\N", "\\N"],
        ],
      }),
      ME,
    );
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    expect(r.credits.map((c) => [c.showTitle, c.role, c.roleInput, c.roleConfidence])).toEqual([
      ["Empire of Salt", "WRITER", "writer", "alias"],
      ["A Winter Visit", null, "stunts", "unknown"],
    ]);
    expect(r.credits[1].format).toBe("TV_MOVIE");
  });

  it("reads 50,000 principal rows of a full dataset slice in well under a second", () => {
    const principals: string[][] = [];
    const basics: string[][] = [["tt9000000", "tvSeries", "Long Runner", "Long Runner", "0", "1990", "\\N", "30", "Drama"]];
    const episodes: string[][] = [];
    for (let i = 1; i <= 50_000; i++) {
      const ep = `tt${String(9000000 + i).padStart(7, "0")}`;
      // Every tenth row is ours; the rest belong to other people, as in the real file.
      principals.push([ep, "1", i % 10 === 0 ? ME : `nm${String(1000000 + i).padStart(7, "0")}`, "writer", "\\N", "\\N"]);
      if (i % 10 === 0) {
        basics.push([ep, "tvEpisode", `Episode ${i}`, `Episode ${i}`, "0", String(1990 + (i % 30)), "\\N", "30", "Drama"]);
        episodes.push([ep, "tt9000000", "1", String(i)]);
      }
    }
    const t0 = performance.now();
    const r = parseImdbDatasets(files({ principals, basics, episode: episodes }), ME);
    const ms = performance.now() - t0;
    if (!r.ok) throw new Error(JSON.stringify(r.errors.slice(0, 3)));
    expect(r.rowsRead).toBe(50_000 + 5_001 + 5_000);
    expect(r.credits).toEqual([
      expect.objectContaining({ showTitle: "Long Runner", role: "WRITER", episodes: 5_000, startYear: 1990, endYear: 2010 }),
    ]);
    expect(ms).toBeLessThan(1000);
  });

  it("the rows kept for the confirm step give the same credits as the full files", () => {
    const others = Array.from({ length: 2000 }, (_, i) => [
      `tt${String(7000000 + i)}`,
      "1",
      `nm${String(5000000 + i)}`,
      "actor",
      "\\N",
      "\\N",
    ]);
    const full = files({
      principals: [...PRINCIPALS, ...others],
      basics: [...BASICS, ["tt7000001", "movie", "Other Film", "Other Film", "0", "2001", "\\N", "90", "Drama"]],
    });
    const kept = relevantImdbRows(full, ME);
    expect(kept.principals.split("\n").length).toBeLessThan(20);
    expect(kept.basics).not.toContain("Other Film");
    const a = parseImdbDatasets(full, ME);
    const b = parseImdbDatasets(kept, ME);
    if (!a.ok || !b.ok) throw new Error("both parse");
    expect(b.credits).toEqual(a.credits);
    expect(b.skipped).toEqual(a.skipped);
  });

  it("refuses files that are too large, not text, or have too many rows before reading rows", () => {
    expect(checkImdbFile("basics", "tconst", MAX_IMDB_FILE_BYTES + 1)?.message).toMatch(/larger than 6 MB/);
    expect(checkImdbFile("basics", "a\u0000b", 10)?.message).toMatch(/not UTF-8 text/);
    expect(checkImdbFile("episode", "x\n".repeat(100_010), 200_020)?.message).toMatch(/the limit is 100,000/);
    expect(checkImdbFile("principals", tsv("principals", PRINCIPALS), 500)).toBeNull();
  });
});
