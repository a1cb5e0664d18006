/**
 * CSV credit import through HTTP (multipart upload, like a browser without JavaScript):
 * preview → import in one transaction, idempotent re-import, partial files, and malformed
 * files that must change nothing.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "~/db.server";
import { seedTransferRules } from "~/services/transfer.server";
import { useTestServer } from "../setup/server";
import { creditsOf, labMember, outboxCount, postMultipart, professional } from "./profile-helpers";

const base = await useTestServer();

beforeAll(async () => {
  await seedTransferRules(db());
});

const HEADER = "show_title,network,format,genres,role,start_year,end_year,episodes";
const ROLES = ["Staff writer", "Showrunner", "DP", "Editor", "Script supervisor", "Co-EP", "Director", "Casting director"];
const FORMATS = ["multi-cam sitcom", "Drama", "docuseries", "Procedural", "single cam", "Animation"];

function validRows(n: number, prefix = "Show"): string[] {
  return Array.from({ length: n }, (_, i) => {
    const start = 1990 + (i % 30);
    return `"${prefix} ${i + 1}, The Series",Network ${i % 4},${FORMATS[i % FORMATS.length]},comedy; drama,${ROLES[i % ROLES.length]},${start},${start + 2},${10 + i}`;
  });
}

const csv = (rows: string[]) => `${[HEADER, ...rows].join("\r\n")}\r\n`;

/** The CSV text the preview page round-trips in its hidden field, unescaped like a browser would. */
function hiddenCsv(html: string): string {
  const m = /<input type="hidden" name="csv" value="([^"]*)"/.exec(html);
  if (!m) throw new Error("no hidden csv field in the preview");
  return m[1]
    .replace(/&quot;/g, '"')
    .replace(/&#x27;/g, "'")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&");
}

/** A successful import redirects (post/redirect/get); the next page carries the one-time message. */
async function followed(client: Parameters<typeof postMultipart>[0], res: Response): Promise<string> {
  expect(res.status).toBe(303);
  const page = await client.get(res.headers.get("location") ?? "/");
  expect(page.status).toBe(200);
  return page.text();
}

async function preview(client: Parameters<typeof postMultipart>[0], bytes: Uint8Array | string) {
  const res = await postMultipart(client, "/me/profile/import", { intent: "preview" }, { bytes });
  return { res, html: await res.text() };
}

describe("CSV import", () => {
  it("previews a valid 25-row file without changing anything, then imports all rows in one go", async () => {
    const pro = await professional(base);
    const file = csv(validRows(25));
    const { res, html } = await preview(pro.client, file);
    expect(res.status).toBe(200);
    expect(html).toContain("25 new credits");
    expect(html).toContain("Import 25 new credits");
    expect(await db().credit.count({ where: { profileId: pro.profileId } })).toBe(0);

    const outboxBefore = await outboxCount(pro.profileId);
    const imported = await postMultipart(pro.client, "/me/profile/import", { intent: "import", csv: hiddenCsv(html) });
    expect(await followed(pro.client, imported)).toContain("Imported 25 new credits.");
    const credits = await creditsOf(pro.profileId);
    expect(credits).toHaveLength(25);
    expect(credits[0]).toMatchObject({
      showTitle: "Show 1, The Series",
      role: "STAFF_WRITER",
      department: "WRITING",
      format: "MULTI_CAM_SITCOM",
      genres: ["COMEDY", "DRAMA"],
    });
    expect(credits[2]).toMatchObject({ role: "DIRECTOR_OF_PHOTOGRAPHY", format: "DOCUMENTARY", department: "CAMERA" });
    expect(credits.map((c) => c.position)).toEqual(Array.from({ length: 25 }, (_, i) => i));
    expect(credits.every((c) => typeof c.importKey === "string" && c.importKey.length === 64)).toBe(true);
    const p = await db().profile.findUniqueOrThrow({ where: { id: pro.profileId } });
    expect(Object.keys(p.transferScores as object).length).toBeGreaterThan(5);
    expect(await outboxCount(pro.profileId)).toBeGreaterThan(outboxBefore);
    expect(await db().event.count({ where: { action: "credit.imported", entityId: pro.profileId } })).toBe(1);

    // Re-importing the same file (uploaded again, or the same preview) creates nothing.
    const again = await preview(pro.client, file);
    expect(again.html).toContain("25 rows already on your profile or repeated (skipped)");
    expect(again.html).not.toContain("Import 25");
    expect(again.html).toContain("there is nothing new to import");
    const reimport = await postMultipart(pro.client, "/me/profile/import", { intent: "import" }, { bytes: file });
    const text = await followed(pro.client, reimport);
    expect(text).toContain("Imported 0 new credits.");
    expect(text).toContain("25 rows were already on your profile and skipped.");
    expect(await db().credit.count({ where: { profileId: pro.profileId } })).toBe(25);

    // Same rows with cosmetic differences (title case, spacing, aliases) are still duplicates.
    const cosmetic = csv(validRows(25).map((r) => r.replace("Show", "SHOW ").replace("DP", "Director of photography")));
    await postMultipart(pro.client, "/me/profile/import", { intent: "import" }, { bytes: cosmetic });
    expect(await db().credit.count({ where: { profileId: pro.profileId } })).toBe(25);
  });

  it("reports the bad rows of a partially valid file and imports the other 23", async () => {
    const pro = await professional(base);
    const rows = validRows(25);
    rows[4] = '"Bad Role Show",NBC,Drama,,,2001,2003,10';
    rows[17] = '"Backwards Show",NBC,Drama,,Editor,2010,2005,0';
    const file = csv(rows);
    const { res, html } = await preview(pro.client, file);
    expect(res.status).toBe(200);
    expect(html).toContain("23 new credits");
    expect(html).toContain("2 rows with errors (skipped)");
    expect(html).toContain("role: enter your role (e.g. Staff writer, Editor).");
    expect(html).toContain("end_year: The end year cannot be before the start year.");
    expect(html).toContain("episodes: Enter at least 1 episode.");
    expect(html).toContain("Import 23 new credits");
    expect(await db().credit.count({ where: { profileId: pro.profileId } })).toBe(0);

    const imported = await postMultipart(pro.client, "/me/profile/import", { intent: "import", csv: hiddenCsv(html) });
    const text = await followed(pro.client, imported);
    expect(text).toContain("Imported 23 new credits.");
    expect(text).toContain("2 rows with errors were not imported.");
    const credits = await creditsOf(pro.profileId);
    expect(credits).toHaveLength(23);
    expect(credits.some((c) => c.showTitle === "Bad Role Show" || c.showTitle === "Backwards Show")).toBe(false);
  });

  it("shows how each row will be read, flags credits already added by hand, and counts only what is new", async () => {
    const pro = await professional(base);
    // A credit added by hand in the form (no import key).
    const hand = await pro.client.post("/me/profile/credits", {
      intent: "save",
      showTitle: "Harbor Lights",
      network: "NBC",
      format: "MULTI_CAM_SITCOM",
      genres: "COMEDY",
      role: "STAFF_WRITER",
      startYear: "2011",
      endYear: "2012",
      episodes: "44",
    });
    expect(hand.status).toBe(302);
    const file = csv([
      "Harbor Lights,NBC,multi-cam sitcom,comedy,Staff writer,2011,2012,44",
      "Night Desk,CBS,Procedural,police,Story producer,2014,2015,20",
      "Night Desk,CBS,Procedural,police,Story producer,2014,2015,20",
      "Small Hours,Hulu,Single-camera comedy,comedy,DP,2019,,12",
    ]);
    const { html } = await preview(pro.client, file);
    // How it will be read: the role, format and genre as stored, with what was typed beside them.
    const shown = html.replace(/<!-- -->/g, "").replace(/<[^>]+>/g, "");
    expect(shown).toContain("Producer (you wrote “Story producer”)");
    expect(shown).toContain("Director of photography (you wrote “DP”)");
    expect(shown).toContain("Crime (you wrote “police”)");
    expect(shown).toContain("Multi-camera sitcom (you wrote “multi-cam sitcom”)");
    // The hand-added credit and the repeated row are flagged; only the two new credits count.
    expect(html).toContain("Already on your profile: skipped");
    expect(html).toContain("Repeated in this file: skipped");
    expect(html).toContain("Import 2 new credits");
    const imported = await postMultipart(pro.client, "/me/profile/import", { intent: "import", csv: hiddenCsv(html) });
    expect(await followed(pro.client, imported)).toContain("Imported 2 new credits.");
    const credits = await creditsOf(pro.profileId);
    expect(credits.map((c) => c.showTitle).sort()).toEqual(["Harbor Lights", "Night Desk", "Small Hours"]);

    // Everything is there now: no import button, and importing anyway adds nothing.
    const again = await preview(pro.client, file);
    expect(again.html).not.toMatch(/Import \d+ new credit/);
    expect(again.html).toContain("there is nothing new to import");
    await postMultipart(pro.client, "/me/profile/import", { intent: "import" }, { bytes: file });
    expect(await db().credit.count({ where: { profileId: pro.profileId } })).toBe(3);
  });

  it("the template imports nothing by accident: its examples are comments the importer ignores", async () => {
    const pro = await professional(base);
    const template = await (await pro.client.get("/credits/template.csv")).text();
    expect(template.split(/\r?\n/)[0]).toBe(HEADER);
    expect(template).toContain("# Harbor Lights");
    const { res, html } = await preview(pro.client, template);
    expect(res.status).toBe(400);
    expect(html).toContain("The file has a header but no credits below it");
    const res2 = await postMultipart(pro.client, "/me/profile/import", { intent: "import" }, { bytes: template });
    expect(res2.status).toBe(400);
    // Rows added below the examples are imported; the examples still are not.
    const filled = `${template}Precinct Nine,FOX,Procedural,crime,Co-producer,2018,2019,40\r\n`;
    await postMultipart(pro.client, "/me/profile/import", { intent: "import" }, { bytes: filled });
    expect((await creditsOf(pro.profileId)).map((c) => c.showTitle)).toEqual(["Precinct Nine"]);
  });

  it("accepts pasted CSV text", async () => {
    const pro = await professional(base);
    const res = await postMultipart(pro.client, "/me/profile/import", { intent: "import", csv: csv(validRows(3, "Pasted")) });
    expect(res.status).toBe(303);
    expect(await db().credit.count({ where: { profileId: pro.profileId } })).toBe(3);
  });

  it("rejects malformed files with a clear error and changes nothing", async () => {
    const pro = await professional(base);
    await postMultipart(pro.client, "/me/profile/import", { intent: "import" }, { bytes: csv(validRows(2, "Existing")) });
    const before = await creditsOf(pro.profileId);
    expect(before).toHaveLength(2);
    const scoresBefore = (await db().profile.findUniqueOrThrow({ where: { id: pro.profileId } })).transferScores;

    const png = new Uint8Array([
      0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52, 0xff, 0xd8, 0x00,
    ]);
    const randomJunk = new Uint8Array(4096).map((_, i) => (i * 7919 + 13) % 256);
    const latin1 = new Uint8Array([
      ...new TextEncoder().encode(`${HEADER}\r\nAm`),
      0xe9,
      ...new TextEncoder().encode("lie,TF1,Drama,,Editor,2001,2002,10\r\n"),
    ]);
    const tooMany = csv(validRows(5001, "Many"));
    const cases: [string, Uint8Array | string, RegExp][] = [
      ["binary (PNG)", png, /binary data/],
      ["random bytes", randomJunk, /binary data|not valid UTF-8|control characters/],
      ["wrong header", "title,role,year\nLost,Editor,2005\n", /Unknown columns? "title".*first row must be the header/],
      ["missing header", "Lost,ABC,Drama,,Editor,2004,2010,100\n", /Unknown column/],
      ["non-UTF-8 bytes", latin1, /not valid UTF-8/],
      ["more than 5,000 rows", tooMany, /5,001 rows; the limit is 5,000/],
      ["empty file", "", /empty|Choose a CSV file/],
      ["header only", `${HEADER}\r\n`, /no credits/],
    ];
    for (const [name, bytes, message] of cases) {
      for (const intent of ["preview", "import"]) {
        const res = await postMultipart(pro.client, "/me/profile/import", { intent }, { bytes });
        const html = await res.text();
        expect(res.status, `${name} / ${intent}`).toBe(400);
        expect(html, `${name} / ${intent}`).toContain("Nothing was imported.");
        expect(html.replace(/&quot;/g, '"').replace(/&#x27;/g, "'"), `${name} / ${intent}`).toMatch(message);
      }
    }
    const after = await creditsOf(pro.profileId);
    expect(after.map((c) => [c.id, c.updatedAt.getTime()])).toEqual(before.map((c) => [c.id, c.updatedAt.getTime()]));
    expect((await db().profile.findUniqueOrThrow({ where: { id: pro.profileId } })).transferScores).toEqual(scoresBefore);
    expect(await db().event.count({ where: { action: "credit.imported", entityId: pro.profileId } })).toBe(1);
  });

  it("is for professionals only", async () => {
    const lab = await labMember(base);
    expect((await lab.client.get("/me/profile/import")).status).toBe(403);
    const res = await postMultipart(lab.client, "/me/profile/import", { intent: "import", csv: csv(validRows(1)) });
    expect(res.status).toBe(403);
  });

  // Last in the file: the server answers 413 before reading the 2 MB body, which leaves the
  // test client's pooled keep-alive connection unusable for the next request.
  it("refuses files over the size limit", async () => {
    const pro = await professional(base);
    const big = `${HEADER}\r\n${"x".repeat(2_100_000)}`;
    const res = await postMultipart(pro.client, "/me/profile/import", { intent: "preview" }, { bytes: big });
    // Over the 2 MB CSV limit but under the 3 MB form limit: the importer refuses it (400);
    // bodies over 3 MB are refused before they are read (413).
    expect(res.status).toBe(400);
    expect(await res.text()).toContain("2 MB");
    expect(await db().credit.count({ where: { profileId: pro.profileId } })).toBe(0);
  });
});
