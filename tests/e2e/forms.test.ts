/**
 * Forms as a person uses them (issue 18, items 2, 6 and 8), in Chromium, with JavaScript on and off:
 * the "Add a credit" form is empty again after a successful add (no genre leaks into the next
 * credit, no duplicate on a second press or a reload), success is a one-time flash message,
 * errors sit next to their field, mark it and focus it, and values are kept on error.
 */
import type { Locator } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "~/db.server";
import { useTestServer } from "../setup/server";
import { createGig } from "~/services/gigs.server";
import { type Tab, mainText, openTab, reload, screenshot, submit, textOf, uiLogIn, useBrowser, visit } from "./browser";
import { SITCOM_GIG, seedApplication, seedLab, seedOpenGig, seedProfessional, seedRules } from "./seed";

const base = await useTestServer();
const browser = useBrowser();

beforeAll(async () => {
  await seedRules();
});

async function creditsOf(profileId: string) {
  return db().credit.findMany({
    where: { profileId },
    orderBy: { createdAt: "asc" },
    select: { showTitle: true, genres: true, role: true },
  });
}

async function fillCredit(tab: Tab, c: { title: string; format: string; role: string; genres: string[]; start: string; episodes: string }) {
  const form = tab.page.locator("form", { has: tab.page.getByRole("heading", { name: "Add a credit" }) });
  await form.getByLabel("Show title").fill(c.title);
  await form.getByLabel("Format").selectOption({ label: c.format });
  await form.getByLabel("Your role").selectOption({ label: c.role });
  for (const g of c.genres) await form.getByLabel(g, { exact: true }).check();
  await form.getByLabel("Start year").fill(c.start);
  await form.getByLabel("Episodes").fill(c.episodes);
  return form;
}

/**
 * Presses a submit button of a form that is not valid: with JavaScript the same zod schema stops it
 * in the browser (no request), without it the server answers with the errors.
 */
async function pressInvalid(tab: Tab, button: Locator) {
  if (tab.js) await button.click();
  else await submit(tab.page, button);
}

for (const js of [true, false]) {
  describe(`"Add a credit" (JavaScript ${js ? "on" : "off"})`, () => {
    it("two credits in a row keep their own genres; a second press or a reload saves nothing twice; errors point at the field", async () => {
      const pro = await seedProfessional(base, { name: js ? "Ana Forms" : "Ben Nojs", headline: "Writer", scores: {} });
      const tab = await openTab(browser(), base, { js });
      const { page } = tab;
      await uiLogIn(tab, pro.email, "/me/profile/credits");
      await visit(tab, "/me/profile/credits");

      // 1. The first credit, with two genres.
      let form = await fillCredit(tab, {
        title: "Harbor Lights",
        format: "Multi-camera sitcom",
        role: "Staff writer",
        genres: ["Comedy", "Drama"],
        start: "2011",
        episodes: "22",
      });
      await submit(page, form.getByRole("button", { name: "Add credit" }));
      await expect.poll(() => mainText(page)).toContain("Credit added.");
      expect.soft(new URL(page.url()).search, "no ?added=1 style flag in the URL").toBe("");

      // The form is empty again: nothing of the first credit is left in it.
      form = page.locator("form", { has: page.getByRole("heading", { name: "Add a credit" }) });
      expect(await form.getByLabel("Show title").inputValue()).toBe("");
      expect(await form.getByLabel("Episodes").inputValue()).toBe("");
      expect(await form.getByLabel("Comedy", { exact: true }).isChecked()).toBe(false);
      expect(await form.getByLabel("Drama", { exact: true }).isChecked()).toBe(false);

      // 2. Pressing "Add credit" again on the emptied form saves no duplicate: it says what is missing.
      await pressInvalid(tab, form.getByRole("button", { name: "Add credit" }));
      expect(await creditsOf(pro.profileId)).toHaveLength(1);
      const title = form.getByLabel("Show title");
      await expect.poll(() => title.getAttribute("aria-invalid")).toBe("true");
      const describedBy = (await title.getAttribute("aria-describedby")) ?? "";
      expect(await page.locator(`[id="${describedBy.split(" ").at(-1)}"]`).textContent()).toContain("Enter the show's title.");
      await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute("name"))).toBe("showTitle");

      // 3. A second credit with only its own genre; an error on one field keeps the other values.
      form = await fillCredit(tab, {
        title: "Precinct Nine",
        format: "Procedural",
        role: "Story editor",
        genres: ["Crime"],
        start: "2015",
        episodes: "",
      });
      await pressInvalid(tab, form.getByRole("button", { name: "Add credit" }));
      const episodes = form.getByLabel("Episodes");
      await expect.poll(() => episodes.getAttribute("aria-invalid")).toBe("true");
      await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute("name"))).toBe("episodes");
      expect(await form.getByLabel("Show title").inputValue()).toBe("Precinct Nine");
      expect(await form.getByLabel("Crime", { exact: true }).isChecked()).toBe(true);
      expect(await form.getByLabel("Comedy", { exact: true }).isChecked()).toBe(false);
      await screenshot(page, `credit-form-error-js-${js ? "on" : "off"}`);
      await form.getByLabel("Episodes").fill("40");
      await submit(page, form.getByRole("button", { name: "Add credit" }));
      await expect.poll(() => mainText(page)).toContain("Credit added.");

      const saved = await creditsOf(pro.profileId);
      expect(saved.map((c) => [c.showTitle, [...c.genres].sort()])).toEqual([
        ["Harbor Lights", ["COMEDY", "DRAMA"]],
        ["Precinct Nine", ["CRIME"]],
      ]);

      // 4. Reload: nothing is posted again and the message is not repeated.
      await reload(page);
      expect(await creditsOf(pro.profileId)).toHaveLength(2);
      expect(await mainText(page)).not.toContain("Credit added.");
      await screenshot(page, `credit-form-after-reload-js-${js ? "on" : "off"}`);
      expect(tab.problems).toEqual([]);
      await tab.context.close();
    });
  });
}

// ------------------------------------------------------------------ item 6: errors point at something

/** Whether an element is inside the visible part of the window. */
async function inView(locator: Locator): Promise<boolean> {
  return locator.evaluate((el) => {
    const r = el.getBoundingClientRect();
    return r.bottom > 0 && r.top < window.innerHeight && r.height > 0;
  });
}

const focusedName = (page: Tab["page"]) =>
  page.evaluate(() => document.activeElement?.getAttribute("name") ?? document.activeElement?.id ?? null);

for (const js of [true, false]) {
  describe(`gig form languages (JavaScript ${js ? "on" : "off"})`, () => {
    it("accepts language names as well as codes, shows how they were read, and marks an unknown one", async () => {
      const lab = await seedLab(base, `Lang Lab ${js ? "A" : "B"}`, "Lena Lang");
      const tab = await openTab(browser(), base, { js });
      const { page } = tab;
      await uiLogIn(tab, lab.ownerEmail, `/labs/${lab.slug}/gigs/new`);
      await visit(tab, `/labs/${lab.slug}/gigs/new`);
      const form = page.locator("main form");
      await form.getByLabel("Title").fill("Rate dubbed dialogue");
      const languages = form.getByLabel(/Required languages/);
      await languages.fill("English, Klingon");
      // With JavaScript the same zod schema refuses it in the browser (no request); without, the server does.
      if (js) await form.getByRole("button", { name: "Save draft" }).click();
      else await submit(page, form.getByRole("button", { name: "Save draft" }));

      // The refusal names the value and the field, marks it and puts the cursor in it; values stay.
      await expect.poll(() => languages.getAttribute("aria-invalid")).toBe("true");
      const errorId = ((await languages.getAttribute("aria-describedby")) ?? "").split(" ").find((id) => id.endsWith("error"));
      expect(await page.locator(`[id="${errorId}"]`).textContent()).toContain('"Klingon" is not a language we know');
      expect(await mainText(page)).toContain("Required languages:");
      // The cursor goes to the field, with JavaScript and without (Conform pipeline: `autofocus`).
      await expect.poll(() => focusedName(page)).toBe("languages");
      expect(await form.getByLabel("Title").inputValue()).toBe("Rate dubbed dialogue");
      expect(await languages.inputValue()).toBe("English, Klingon");
      await screenshot(page, `gig-form-language-error-js-${js ? "on" : "off"}`);

      await languages.fill("English, spanish");
      if (js) await expect.poll(() => mainText(page)).toContain("Read as: English (en), Spanish (es)");
      await submit(page, form.getByRole("button", { name: "Save draft" }));
      await expect.poll(() => new URL(page.url()).pathname).toMatch(/^\/gigs\//);
      const gig = await db().gig.findFirstOrThrow({ where: { labId: lab.labId } });
      expect(gig.languages).toEqual(["en", "es"]);
      expect(await mainText(page)).toContain("Languages: English, Spanish");
      await tab.context.close();
    });
  });
}

describe("board and gig refusals (JavaScript on)", () => {
  it("'Message selected' works without choosing a stage, and names what is missing", async () => {
    const lab = await seedLab(base, "Board Lab", "Bo Board");
    const gig = await seedOpenGig(lab, { ...SITCOM_GIG, title: "Board message gig" });
    const pro = await seedProfessional(base, { name: "Cara Card", headline: "Story editor", scores: {} });
    await seedApplication(pro.profileId, pro.userId, gig.id, "I wrote sitcoms for ten years.");
    const tab = await openTab(browser(), base);
    const { page } = tab;
    await uiLogIn(tab, lab.ownerEmail, `/coord/gigs/${gig.id}`);
    await visit(tab, `/coord/gigs/${gig.id}`);
    const bulk = page.locator("form#bulk");
    // The button counts the ticked people once JavaScript runs ("Message 1 selected").
    const messageButton = bulk.getByRole("button", { name: /^Message (\d+ )?selected$/ });

    // One person ticked, no stage chosen: the message is sent (it used to fail on the empty stage),
    // and the bulk bar says so, in view.
    await page.getByLabel("Select Cara Card").check();
    await bulk.getByLabel("Message").fill("Welcome aboard: the calibration set is ready.");
    await submit(page, messageButton);
    const sent = bulk.getByRole("status");
    await expect.poll(() => textOf(sent)).toContain("Message sent to 1 person.");
    await expect.poll(() => inView(sent)).toBe(true);
    const notes = await db().notification.findMany({ where: { userId: pro.userId, kind: "message" } });
    // The notice names the author (issue 24: the message is in the person's conversation).
    expect(notes.map((n) => n.body)).toEqual([expect.stringMatching(/ wrote: Welcome aboard: the calibration set is ready\.$/)]);
    // The message box is empty again after sending, so a second press cannot send it twice.
    expect(await bulk.getByLabel("Message").inputValue()).toBe("");

    // Nothing ticked: the refusal says so inside the bulk form, in view.
    await page.getByLabel("Select Cara Card").uncheck();
    await bulk.getByLabel("Message").fill("Second note.");
    // The same schema checks it in the browser: no request is sent.
    await messageButton.click();
    const refusal = bulk.getByRole("alert");
    await expect.poll(() => textOf(refusal)).toContain("Select at least one person.");
    await expect.poll(() => inView(refusal)).toBe(true);
    // The earlier "sent" line does not stay beside the refusal.
    expect(await sent.count()).toBe(0);

    // Nothing written: the refusal names the message field, which is marked and focused.
    await page.getByLabel("Select Cara Card").check();
    await bulk.getByLabel("Message").fill("");
    await messageButton.click();
    await expect.poll(() => textOf(refusal)).toContain("Message: Write a message.");
    expect(await bulk.getByLabel("Message").getAttribute("aria-invalid")).toBe("true");
    await expect.poll(() => focusedName(page)).toBe("message");
    await expect.poll(() => inView(bulk.getByLabel("Message"))).toBe(true);
    expect(await db().notification.count({ where: { userId: pro.userId, kind: "message" } })).toBe(1);
    await screenshot(page, "board-bulk-message-refusal");
    expect(tab.problems).toEqual([]);
    await tab.context.close();
  });

  it("the low-pay refusal appears beside the Open button the person pressed, in view and focused", async () => {
    const lab = await seedLab(base, "Low Pay Lab", "Lou Pay");
    const created = await createGig(lab.labId, { ...SITCOM_GIG, title: "Cheap ranking gig", payAmount: 5 }, lab.actor);
    if (!created.ok) throw new Error(JSON.stringify(created.errors));
    for (const viewport of [
      { width: 1280, height: 800 },
      { width: 390, height: 844 },
    ]) {
      const tab = await openTab(browser(), base);
      const { page } = tab;
      await page.setViewportSize(viewport);
      await uiLogIn(tab, lab.ownerEmail, `/gigs/${created.gig.id}`);
      await visit(tab, `/gigs/${created.gig.id}`);
      const open = page.getByRole("button", { name: "Open gig" });
      await open.scrollIntoViewIfNeeded();
      await submit(page, open);
      const refusal = page.locator('[id$="acknowledgeLowPay-error"]');
      await expect.poll(() => refusal.count()).toBe(1);
      expect(await refusal.textContent()).toContain("Tick the box to open it anyway.");
      await expect.poll(() => inView(refusal)).toBe(true);
      expect(await inView(page.getByRole("button", { name: "Open gig" }))).toBe(true);
      await expect.poll(() => focusedName(page)).toBe("acknowledgeLowPay");
      await screenshot(page, `gig-low-pay-refusal-${viewport.width}`);
      expect((await db().gig.findUniqueOrThrow({ where: { id: created.gig.id } })).status).toBe("DRAFT");
      await tab.context.close();
    }
  });
});

// ------------------------------------------------------------------ item 8: CSV import preview

describe("CSV import preview (JavaScript on)", () => {
  it("shows how each row will be read, flags a credit added by hand, and offers to import only the new ones", async () => {
    const pro = await seedProfessional(base, { name: "Dee Import", headline: "Producer", scores: {} });
    const tab = await openTab(browser(), base);
    const { page } = tab;
    await page.setViewportSize({ width: 390, height: 844 });
    await uiLogIn(tab, pro.email, "/me/profile/credits");
    await visit(tab, "/me/profile/credits");
    const form = await fillCredit(tab, {
      title: "Night Desk",
      format: "Procedural",
      role: "Producer",
      genres: ["Crime"],
      start: "2014",
      episodes: "20",
    });
    await form.getByLabel("End year").fill("2015");
    await submit(page, form.getByRole("button", { name: "Add credit" }));
    await expect.poll(() => mainText(page)).toContain("Credit added.");

    await visit(tab, "/me/profile/import");
    const header = "show_title,network,format,genres,role,start_year,end_year,episodes";
    await page
      .getByLabel("…or paste the CSV text")
      .fill(
        [
          header,
          "Night Desk,,Procedural,police,Story producer,2014,2015,20",
          "Small Hours,Hulu,Single-camera comedy,comedy,DP,2019,,12",
          "",
        ].join("\n"),
      );
    await submit(page, page.getByRole("button", { name: "Check the file" }));
    const preview = page.getByRole("region", { name: "Preview" });
    const rows = preview.getByRole("row");
    await expect.poll(() => rows.count()).toBe(3);
    expect(await textOf(rows.nth(1))).toContain("Producer (you wrote “Story producer”)");
    expect(await textOf(rows.nth(1))).toContain("Already on your profile: skipped");
    expect(await textOf(rows.nth(2))).toContain("Director of photography (you wrote “DP”)");
    expect(await textOf(preview.getByRole("status"))).toBe("2 rows: 1 new credit, 1 row already on your profile or repeated (skipped).");
    // The page itself never scrolls sideways on a phone: the table scrolls in its own box.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await screenshot(page, "import-preview-390");
    await submit(page, preview.getByRole("button", { name: "Import 1 new credit" }));
    await expect.poll(() => mainText(page)).toContain("Imported 1 new credit.");
    expect((await db().credit.findMany({ where: { profileId: pro.profileId } })).map((c) => c.showTitle).sort()).toEqual([
      "Night Desk",
      "Small Hours",
    ]);
    expect(tab.problems).toEqual([]);
    await tab.context.close();
  });
});
