/**
 * IMDb dataset import against a real PostgreSQL: the right credits with episode counts, the
 * person's format choice where IMDb's tvSeries does not say, nothing written when any row is
 * malformed or a choice is missing, and re-importing the same files is a no-op.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "~/db.server";
import { IMDB_FILES } from "~/domain/imdb";
import { importImdbCredits } from "~/services/imdb-import.server";
import { seedTransferRules } from "~/services/transfer.server";
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
    if (!bad.ok)
      expect(bad.rowErrors).toEqual([{ file: "title.principals.tsv", line: 5, message: "Expected 6 tab-separated values, found 4." }]);
    expect(await db().credit.count({ where: { profileId: pro.profileId } })).toBe(0);
  });
});

describe("IMDb upload through the import page", () => {
  async function upload(
    client: Awaited<ReturnType<typeof professional>>["client"],
    files: { principals: string; basics: string; episode: string },
  ) {
    const form = new FormData();
    form.append("_csrf", await client.csrf("/me/profile/import"));
    form.append("intent", "imdb-preview");
    form.append("nconst", ME);
    for (const [kind, text] of Object.entries(files))
      form.append(kind, new Blob([text], { type: "text/tab-separated-values" }), `title.${kind}.tsv`);
    return client.request("/me/profile/import", { method: "POST", body: form, headers: { origin: client.base } });
  }
  const others = (bytes: number) => {
    const row = ["tt9000001", "1", "nm9000001", "actor", "\\N", '["Someone"]'].join("\t");
    return Array.from({ length: Math.ceil(bytes / (row.length + 1)) }, () => row);
  };

  it("previews a 4 MB upload (over the 3 MB form limit, within the import page's 8 MB) and writes nothing", async () => {
    const pro = await professional(base);
    const principals = `${tsv("principals", PRINCIPALS)}\n${others(4_000_000).join("\n")}\n`;
    expect(principals.length).toBeGreaterThan(4_000_000);
    const res = await upload(pro.client, { principals, basics: tsv("basics", BASICS), episode: tsv("episode", EPISODES) });
    expect(res.status).toBe(200);
    const html = (await res.text()).replace(/<!-- -->/g, "");
    expect(html).toContain("Preview: your IMDb credits as we read them");
    expect(html).toContain("We read \u201cteleplay by\u201d as Writer (episode credit).");
    expect(html).toContain("2 episodes");
    expect(await db().credit.count({ where: { profileId: pro.profileId } })).toBe(0);
  });

  it("refuses a file over 6 MB with a message on that file, and a body over 8 MB with 413, writing nothing", async () => {
    const pro = await professional(base);
    const big = `${tsv("principals", PRINCIPALS)}\n${others(6_200_000).join("\n")}\n`;
    const res = await upload(pro.client, { principals: big, basics: tsv("basics", BASICS), episode: tsv("episode", EPISODES) });
    expect(res.status).toBe(400);
    expect(await res.text()).toContain("title.principals.tsv is larger than 6 MB.");
    // Last: the server answers 413 before reading the body, which spoils the keep-alive connection.
    const huge = await upload(pro.client, { principals: big, basics: big.slice(0, 2_500_000), episode: tsv("episode", EPISODES) });
    expect(huge.status).toBe(413);
    expect(await db().credit.count({ where: { profileId: pro.profileId } })).toBe(0);
  });
});
