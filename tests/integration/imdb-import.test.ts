/**
 * IMDb dataset import against a real PostgreSQL: the right credits with episode counts, the
 * person's format choice where IMDb's tvSeries does not say, nothing written when any row is
 * malformed or a choice is missing, and re-importing the same files is a no-op.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "../../app/db.server";
import { IMDB_FILES } from "../../app/domain/imdb";
import { importImdbCredits } from "../../app/services/imdb-import.server";
import { seedTransferRules } from "../../app/services/transfer.server";
import { useTestServer } from "../setup/server";
import { professional } from "./profile-helpers";

const base = await useTestServer();
beforeAll(async () => {
  await seedTransferRules(db());
});

const ME = "nm0000001";
const tsv = (kind: keyof typeof IMDB_FILES, rows: string[][]) => [IMDB_FILES[kind].join("\t"), ...rows.map((r) => r.join("\t"))].join("\n");
const BASICS = [
  ["tt1000001", "tvSeries", "The Late Desk", "The Late Desk", "0", "2015", "\\N", "60", "Comedy,Talk-Show"],
  ["tt1000011", "tvEpisode", "Episode #1.1", "Episode #1.1", "0", "2016", "\\N", "60", "Comedy"],
  ["tt1000012", "tvEpisode", "Episode #1.2", "Episode #1.2", "0", "2017", "\\N", "60", "Comedy"],
  ["tt3000001", "tvMiniSeries", "Empire of Salt", "Empire of Salt", "0", "2021", "2021", "55", "Drama,History"],
];
const EPISODES = [
  ["tt1000011", "tt1000001", "1", "1"],
  ["tt1000012", "tt1000001", "1", "2"],
];
const PRINCIPALS = [
  ["tt1000011", "5", ME, "writer", "head writer", "\\N"],
  ["tt1000012", "5", ME, "writer", "head writer", "\\N"],
  ["tt3000001", "3", ME, "writer", "teleplay by", "\\N"],
];
const input = (principals = PRINCIPALS) => ({
  nconst: ME,
  principals: tsv("principals", principals),
  basics: tsv("basics", BASICS),
  episode: tsv("episode", EPISODES),
});

describe("IMDb dataset import", () => {
  it("asks for the format IMDb does not give, writes nothing until then, then imports once", async () => {
    const pro = await professional(base);
    const actor = { id: pro.userId, role: "PROFESSIONAL" };

    const first = await importImdbCredits(pro.profileId, input(), actor);
    expect(first.ok).toBe(false);
    if (!first.ok) expect(first.needsChoice.map((d) => [d.showTitle, d.titleType])).toEqual([["The Late Desk", "tvSeries"]]);
    expect(await db().credit.count({ where: { profileId: pro.profileId } })).toBe(0);

    const done = await importImdbCredits(pro.profileId, { ...input(), formats: { tt1000001: "LATE_NIGHT" } }, actor);
    expect(done).toMatchObject({ ok: true, imported: 2, duplicates: 0 });
    const credits = await db().credit.findMany({ where: { profileId: pro.profileId }, orderBy: { showTitle: "asc" } });
    expect(credits.map((c) => [c.showTitle, c.role, c.format, c.startYear, c.endYear, c.episodes, c.genres])).toEqual([
      ["Empire of Salt", "WRITER", "LIMITED_SERIES", 2021, 2021, 1, ["DRAMA", "HISTORICAL"]],
      ["The Late Desk", "HEAD_WRITER", "LATE_NIGHT", 2016, 2017, 2, ["COMEDY", "TALK_SHOW"]],
    ]);
    const profile = await db().profile.findUniqueOrThrow({ where: { id: pro.profileId } });
    expect((profile.transferScores as Record<string, number>).COMEDIC_TIMING_EVAL).toBeGreaterThan(0);

    const again = await importImdbCredits(pro.profileId, { ...input(), formats: { tt1000001: "LATE_NIGHT" } }, actor);
    expect(again).toMatchObject({ ok: true, imported: 0, duplicates: 2 });
    expect(await db().credit.count({ where: { profileId: pro.profileId } })).toBe(2);
  });

  it("a malformed row anywhere means nothing is written, with the row named", async () => {
    const pro = await professional(base);
    const bad = await importImdbCredits(
      pro.profileId,
      { ...input([...PRINCIPALS, ["tt3000001", "4", ME, "writer"]]), formats: { tt1000001: "LATE_NIGHT" } },
      { id: pro.userId, role: "PROFESSIONAL" },
    );
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.errors).toEqual([{ file: "title.principals.tsv", line: 5, message: "Expected 6 tab-separated values, found 4." }]);
    expect(await db().credit.count({ where: { profileId: pro.profileId } })).toBe(0);
  });
});
