/**
 * Issue 20 in Chromium: importing credits from IMDb's dataset TSV layout on /me/profile/import.
 * Upload the three files, read the preview ("we read this as X", episode counts), choose what IMDb
 * does not say (nothing is written until then), confirm, and find the credits with their episode
 * counts; then the transfer profile built from them shows a top three with reasons. A 50,000-row
 * file shows a progress bar that moves and finishes; a malformed file shows an error per bad row
 * and writes nothing. The core path also without JavaScript, and the CSV preview's select for a
 * label it did not understand.
 */
import type { Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "~/db.server";
import { IMDB_FILES } from "~/domain/imdb";
import { useTestServer } from "../setup/server";
import { type Tab, checkPage, mainText, openTab, screenshot, submit, textOf, uiSignUp, useBrowser, visit } from "./browser";
import { seedRules } from "./seed";

const base = await useTestServer();
const browser = useBrowser();

beforeAll(async () => {
  await seedRules();
});

const ME = "nm0000001";
type Kind = keyof typeof IMDB_FILES;
const tsv = (kind: Kind, rows: string[][]) => `${[IMDB_FILES[kind].join("\t"), ...rows.map((r) => r.join("\t"))].join("\n")}\n`;

/**
 * A late-night show (tvSeries: IMDb does not say the format) with 40 episodes as head writer, a
 * miniseries written ("teleplay by"), and a TV movie with a category we do not understand.
 * `others` adds rows of other people to title.principals (they are ignored, but read).
 */
function imdbFiles(opts: { others?: number; principals?: string[][]; basics?: string[][] } = {}) {
  const basics = [
    ["tt1000001", "tvSeries", "The Late Desk", "The Late Desk", "0", "2015", "\\N", "60", "Comedy,Talk-Show"],
    ["tt3000001", "tvMiniSeries", "Empire of Salt", "Empire of Salt", "0", "2021", "2021", "55", "Drama,History"],
    ["tt4000001", "tvMovie", "A Winter Visit", "A Winter Visit", "0", "2019", "\\N", "88", "Romance,Family"],
  ];
  const episode: string[][] = [];
  const principals: string[][] = [];
  for (let i = 0; i < 40; i++) {
    const t = `tt11${String(i).padStart(5, "0")}`;
    basics.push([
      t,
      "tvEpisode",
      `Episode #1.${i + 1}`,
      `Episode #1.${i + 1}`,
      "0",
      String(2016 + (i % 4)),
      "\\N",
      "60",
      "Comedy,Talk-Show",
    ]);
    episode.push([t, "tt1000001", "1", String(i + 1)]);
    principals.push([t, "5", ME, "writer", "head writer", "\\N"]);
  }
  principals.push(["tt3000001", "3", ME, "writer", "teleplay by", "\\N"]);
  principals.push(["tt4000001", "6", ME, "puppeteer", "\\N", "\\N"]);
  for (let i = 0; i < (opts.others ?? 0); i++) {
    principals.push([
      `tt9${String(i % 5000).padStart(7, "0")}`,
      String((i % 10) + 1),
      `nm9${String(i).padStart(7, "0")}`,
      "actor",
      "\\N",
      '["Someone"]',
    ]);
  }
  principals.push(...(opts.principals ?? []));
  basics.push(...(opts.basics ?? []));
  return { principals: tsv("principals", principals), basics: tsv("basics", basics), episode: tsv("episode", episode) };
}

async function signedUp(js: boolean) {
  const tab = await openTab(browser(), base, { js });
  const email = await uiSignUp(tab, { name: js ? "Dana Okafor" : "Pim Janssen" });
  const user = await db().user.findUniqueOrThrow({ where: { email }, include: { profile: true } });
  return { tab, page: tab.page, profileId: user.profile!.id };
}

async function uploadImdb(tab: Tab, files: Record<Kind, string>) {
  const { page } = tab;
  const form = page.locator("form", { has: page.getByRole("button", { name: "Check the IMDb files" }) });
  await form.getByLabel("Your IMDb name id").fill(ME);
  for (const kind of ["principals", "basics", "episode"] as const) {
    await form
      .getByLabel(`title.${kind}.tsv`)
      .setInputFiles({ name: `title.${kind}.tsv`, mimeType: "text/tab-separated-values", buffer: Buffer.from(files[kind]) });
  }
  await submit(page, form.getByRole("button", { name: "Check the IMDb files" }));
}

const preview = (page: Page) => page.getByRole("region", { name: /Preview: your IMDb credits/ });
const creditItem = (page: Page, title: string, role?: RegExp) =>
  preview(page)
    .getByRole("listitem")
    .filter({ has: page.getByRole("heading", { name: new RegExp(title) }) })
    .filter(role ? { hasText: role } : {});

/** At 390x844 the page does not scroll sideways (wide tables scroll inside their own box). */
async function fitsPhone(page: Page, name: string) {
  const before = page.viewportSize();
  await page.setViewportSize({ width: 390, height: 844 });
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  await screenshot(page, `${name}-phone`);
  expect(width, `${name}: the page is ${width} px wide at 390 px`).toBeLessThanOrEqual(390);
  if (before) await page.setViewportSize(before);
}

/** The core path, the same with and without JavaScript. */
async function importCorePath(tab: Tab, profileId: string, name: string) {
  const { page } = tab;
  await visit(tab, "/me/profile/import");
  await uploadImdb(tab, imdbFiles());

  // The preview: how each label was read, episode counts, and what needs a choice.
  const status = await textOf(preview(page).getByRole("status"));
  expect(status).toMatch(/^Read 125 rows for nm0000001: 3 credits, 2 credits with a label to choose\./);
  const lateDesk = await textOf(creditItem(page, "The Late Desk"));
  expect(lateDesk).toContain("40 episodes");
  expect(lateDesk).toContain("2016–2019");
  expect(lateDesk).toContain("Head writer");
  expect(lateDesk).toMatch(/A TV series can be a sitcom, a drama, a procedural and more\. Choose the format\./);
  expect(lateDesk).toMatch(/Comedy, Talk show/);
  const empire = await textOf(creditItem(page, "Empire of Salt"));
  expect(empire).toContain("We read \u201cteleplay by\u201d as Writer (episode credit).");
  expect(empire).toContain("We read \u201ctvMiniSeries\u201d as Limited series.");
  expect(empire).toContain("Historical / period (IMDb: History)");
  const winter = await textOf(creditItem(page, "A Winter Visit"));
  expect(winter).toContain("We don\u2019t know the role \u201cpuppeteer\u201d yet. Choose the closest one.");
  expect(winter).toContain("TV movie");
  // axe runs as page script: only with JavaScript on.
  if (tab.js) await checkPage(page, `${name}-preview`);
  await screenshot(page, `${name}-preview`);
  await fitsPhone(page, `${name}-preview`);

  // Importing without choosing: nothing is written, and each missing choice is marked.
  await submit(page, preview(page).getByRole("button", { name: "Import 3 credits from IMDb" }));
  expect(await textOf(preview(page).getByRole("alert"))).toMatch(/Nothing was imported yet: choose what 2 credits marked below are\./);
  expect(await textOf(creditItem(page, "The Late Desk"))).toContain("Choose the format of The Late Desk.");
  expect(await textOf(creditItem(page, "A Winter Visit"))).toContain("Choose your role for \u201cpuppeteer\u201d.");
  expect(await db().credit.count({ where: { profileId } })).toBe(0);

  await preview(page).getByLabel("Format of The Late Desk").selectOption({ label: "Late-night / variety" });
  await preview(page).getByLabel("Your role on A Winter Visit").selectOption({ label: "Other" });
  await submit(page, preview(page).getByRole("button", { name: "Import 3 credits from IMDb" }));

  // Post/redirect/get: the credits page with a one-time message and the episode counts.
  expect(new URL(page.url()).pathname).toBe("/me/profile/credits");
  expect(await mainText(page)).toContain("Imported 3 credits from IMDb.");
  const credits = await db().credit.findMany({ where: { profileId }, orderBy: { showTitle: "asc" } });
  expect(credits.map((c) => [c.showTitle, c.role, c.format, c.startYear, c.endYear, c.episodes])).toEqual([
    ["A Winter Visit", "OTHER", "TV_MOVIE", 2019, 2019, 1],
    ["Empire of Salt", "WRITER", "LIMITED_SERIES", 2021, 2021, 1],
    ["The Late Desk", "HEAD_WRITER", "LATE_NIGHT", 2016, 2019, 40],
  ]);
  const row = page.getByRole("row").filter({ hasText: "The Late Desk" });
  expect(await textOf(row)).toMatch(/Head writer\s+2016–2019\s+40/);

  // The same files again: the credits whose role was read are flagged as already there (the
  // unknown label must be chosen again before it can be compared), and importing adds nothing.
  await visit(tab, "/me/profile/import");
  await uploadImdb(tab, imdbFiles());
  expect(await textOf(preview(page).getByRole("status"))).toMatch(/2 credits already on your profile \(skipped\)\.$/);
  expect(await textOf(creditItem(page, "The Late Desk"))).toContain("Already on your profile: will be skipped");
  await preview(page).getByLabel("Your role on A Winter Visit").selectOption({ label: "Other" });
  await submit(page, preview(page).getByRole("button", { name: "Import 1 credit from IMDb" }));
  expect(await mainText(page)).toContain("Imported 0 credits from IMDb. 3 were already on your profile and skipped.");
  expect(await db().credit.count({ where: { profileId } })).toBe(3);
}

describe("IMDb import", () => {
  it("previews, asks for what IMDb does not say, imports with episode counts; the transfer profile shows a top three with reasons", async () => {
    const { tab, page, profileId } = await signedUp(true);
    await importCorePath(tab, profileId, "imdb-js");

    // The profile built from the import: a clear top three, each with its own reason.
    await visit(tab, "/me/profile/transfer");
    const top = page
      .getByRole("list", { name: "Your strongest fits" })
      .getByRole("listitem")
      .filter({ has: page.locator("h4") });
    expect(await top.count()).toBe(3);
    const reasons = await Promise.all([0, 1, 2].map((i) => textOf(top.nth(i).locator(".fit-reason"))));
    for (const r of reasons) expect(r).toMatch(/ Driven by .*(The Late Desk|Empire of Salt)/);
    expect(new Set(reasons).size).toBe(3);
    expect(await textOf(top.nth(0).locator(".fit-strongest"))).toMatch(/^Strongest evidence: The Late Desk · /);
    expect(tab.problems).toEqual([]);
    await tab.context.close();
  });

  it("a 50,000-row file shows a progress bar that moves, then finishes", async () => {
    const { tab, page } = await signedUp(true);
    await visit(tab, "/me/profile/import");
    const files = imdbFiles({ others: 50_000 });
    expect(files.principals.split("\n").length - 2).toBeGreaterThan(50_000);
    // Record every value the bar shows (attribute changes and insertions).
    await page.evaluate(() => {
      const w = window as unknown as { __progress: number[] };
      w.__progress = [];
      const record = (el: Element) => {
        if (el instanceof HTMLProgressElement && el.id === "imdb-progress" && el.hasAttribute("value"))
          w.__progress.push(el.value / el.max);
      };
      new MutationObserver((list) => {
        for (const m of list) {
          if (m.type === "attributes") record(m.target as Element);
          for (const n of m.addedNodes) if (n instanceof Element) [n, ...n.querySelectorAll("progress")].forEach(record);
        }
      }).observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ["value", "max"] });
    });
    const started = Date.now();
    await uploadImdb(tab, files);
    const seconds = (Date.now() - started) / 1000;
    const values = await page.evaluate(() => (window as unknown as { __progress: number[] }).__progress);
    console.log(`[import] 50,000-row IMDb upload: ${values.length} progress updates, ${seconds.toFixed(1)} s to the preview`);
    expect(
      values.some((v) => v > 0 && v < 1),
      `values seen: ${values.join(", ")}`,
    ).toBe(true);
    expect(values.filter((v, i) => i > 0 && v > values[i - 1]).length).toBeGreaterThanOrEqual(3);
    expect(values[values.length - 1]).toBe(1);
    // Finished: the page says so, and the preview counts every row read.
    expect(await textOf(page.locator(".upload-progress"))).toMatch(/^Done: 50,1\d\d rows read and checked\.$/);
    expect(await textOf(preview(page).getByRole("status"))).toMatch(/^Read 50,125 rows for nm0000001: 3 credits/);
    await screenshot(page, "imdb-50k-preview");
    expect(tab.problems).toEqual([]);
    await tab.context.close();
  }, 90_000);

  it("a malformed file shows an error for each bad row and writes nothing", async () => {
    const { tab, page, profileId } = await signedUp(true);
    await visit(tab, "/me/profile/import");
    const files = imdbFiles({
      principals: [
        ["tt1100000", "7", ME, "writer"],
        ["xx123", "1", ME, "writer", "\\N", "\\N"],
      ],
      basics: [["tt5000001", "tvSeries", "Broken Years", "Broken Years", "0", "2O15", "\\N", "30", "Drama"]],
    });
    await uploadImdb(tab, files);
    const errors = page.getByRole("region", { name: /Nothing was imported: 3 problems in the IMDb files/ });
    const items = await errors.getByRole("listitem").allInnerTexts();
    expect(items).toEqual([
      "title.principals.tsv, line 44: Expected 6 tab-separated values, found 4.",
      expect.stringMatching(/^title\.principals\.tsv, line 45: "xx123" is not an IMDb title id/),
      expect.stringMatching(/^title\.basics\.tsv, line 45: startYear and endYear must be four-digit years/),
    ]);
    expect(await preview(page).count()).toBe(0);
    expect(await db().credit.count({ where: { profileId } })).toBe(0);
    await checkPage(page, "imdb-errors");
    await screenshot(page, "imdb-errors");
    expect(tab.problems).toEqual([]);
    await tab.context.close();
  });

  it("works without JavaScript: preview, choose, import", { timeout: 60_000 }, async () => {
    const { tab, profileId } = await signedUp(false);
    await importCorePath(tab, profileId, "imdb-nojs");
    await tab.context.close();
  });
});

describe("CSV import", () => {
  it("a role it does not understand is never guessed: the person chooses before the import", async () => {
    const { tab, page, profileId } = await signedUp(true);
    await visit(tab, "/me/profile/import");
    const csv = [
      "show_title,network,format,genres,role,start_year,end_year,episodes",
      "Night Desk,CBS,Procedural,police; cozy,Teleplay by,2014,2015,20",
      "Small Hours,Hulu,Single-camera comedy,comedy,Gaffer,2019,,12",
    ].join("\n");
    await page.getByLabel("…or paste the CSV text").fill(csv);
    await submit(page, page.getByRole("button", { name: "Check the file" }));
    const region = page.getByRole("region", { name: "Preview: how each row will be read" });
    expect(await textOf(region.getByRole("status"))).toBe("2 rows: 0 new credits, 2 rows with a label to choose.");
    const shown = await textOf(region);
    expect(shown).toContain("“Gaffer”: not understood, choose above");
    expect(shown).toContain("“cozy”: not understood");
    expect(shown).toContain("Writer (episode credit) (you wrote “Teleplay by”)");
    expect(shown).toContain("Crime (you wrote “police”)");
    await checkPage(page, "csv-unclear");
    await fitsPhone(page, "csv-unclear");

    await submit(page, region.getByRole("button", { name: "Import 2 new credits" }));
    expect(await textOf(region.getByRole("alert").first())).toMatch(/Choose what 2 labels mean/);
    expect(await db().credit.count({ where: { profileId } })).toBe(0);

    await region.getByLabel("Row 3: role for “Gaffer”").selectOption({ label: "Other" });
    await region.getByLabel("Row 2: genre for “cozy”").selectOption({ label: "Leave it out" });
    await submit(page, region.getByRole("button", { name: "Import 2 new credits" }));
    expect(new URL(page.url()).pathname).toBe("/me/profile/credits");
    expect(await mainText(page)).toContain("Imported 2 new credits.");
    const credits = await db().credit.findMany({ where: { profileId }, orderBy: { showTitle: "asc" } });
    expect(credits.map((c) => [c.showTitle, c.role, c.genres])).toEqual([
      ["Night Desk", "WRITER", ["CRIME"]],
      ["Small Hours", "OTHER", ["COMEDY"]],
    ]);
    expect(tab.problems).toEqual([]);
    await tab.context.close();
  });
});

describe("Add a credit: the credit as written", () => {
  const addForm = (page: Page) => page.locator("form", { has: page.getByRole("heading", { name: "Add a credit" }) });

  it("shows how the typed credit is read and proposes it as the role, which the person can change", async () => {
    const { tab, page, profileId } = await signedUp(true);
    await visit(tab, "/me/profile/credits");
    const form = addForm(page);
    await form.getByLabel("Show title").fill("Harbor Lights");
    await form.getByLabel("Format").selectOption({ label: "Drama" });
    await form.getByLabel("Your credit as written").pressSequentially("Teleplay by", { delay: 10 });
    await expect
      .poll(() => textOf(form.locator("#role-reading")))
      .toBe("We read “Teleplay by” as Writer (episode credit). You can choose another role below.");
    expect(await form.getByLabel("Your role").inputValue()).toBe("WRITER");
    // Not understood: said so, and nothing is chosen for the person.
    await form.getByLabel("Your credit as written").fill("");
    await form.getByLabel("Your credit as written").pressSequentially("Puppet wrangler", { delay: 10 });
    await expect
      .poll(() => textOf(form.locator("#role-reading")))
      .toBe("We don’t know the role “Puppet wrangler” yet. Choose the closest one.");
    expect(await form.getByLabel("Your role").inputValue()).toBe("WRITER");
    await form.getByLabel("Your role").selectOption({ label: "Staff writer" });
    await form.getByLabel("Start year").fill("2015");
    await form.getByLabel("Episodes").fill("10");
    await checkPage(page, "credit-as-written");
    await submit(page, form.getByRole("button", { name: "Add credit" }));
    expect(await mainText(page)).toContain("Credit added.");
    expect((await db().credit.findMany({ where: { profileId } })).map((c) => c.role)).toEqual(["STAFF_WRITER"]);
    expect(tab.problems).toEqual([]);
    await tab.context.close();
  });

  it("without JavaScript, a credit typed but no role chosen comes back with the reading to confirm", async () => {
    const { tab, page, profileId } = await signedUp(false);
    await visit(tab, "/me/profile/credits");
    const form = addForm(page);
    await form.getByLabel("Show title").fill("Night Desk");
    await form.getByLabel("Format").selectOption({ label: "Procedural" });
    await form.getByLabel("Your credit as written").fill("Story producer");
    await form.getByLabel("Start year").fill("2014");
    await form.getByLabel("Episodes").fill("20");
    await submit(page, form.getByRole("button", { name: "Add credit" }));
    expect(await db().credit.count({ where: { profileId } })).toBe(0);
    const again = addForm(page);
    expect(await textOf(again.locator("#role-reading"))).toBe("We read “Story producer” as Producer. You can choose another role below.");
    expect(await again.getByLabel("Your role").inputValue()).toBe("PRODUCER");
    expect(await textOf(again.getByRole("alert"))).toContain("We read “Story producer” as Producer. Check the role and save again.");
    await submit(page, again.getByRole("button", { name: "Add credit" }));
    expect(await mainText(page)).toContain("Credit added.");
    expect((await db().credit.findMany({ where: { profileId } })).map((c) => [c.showTitle, c.role])).toEqual([["Night Desk", "PRODUCER"]]);
    await tab.context.close();
  });
});
