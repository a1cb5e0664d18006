/**
 * Forms as a person uses them (issue 18, items 2, 6 and 8), in Chromium, with JavaScript on and off:
 * the "Add a credit" form is empty again after a successful add (no genre leaks into the next
 * credit, no duplicate on a second press or a reload), success is a one-time flash message,
 * errors sit next to their field, mark it and focus it, and values are kept on error.
 */
import type { Locator } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "../../app/db.server";
import { useTestServer } from "../setup/server";
import { type Tab, mainText, openTab, reload, screenshot, submit, uiLogIn, useBrowser, visit } from "./browser";
import { seedProfessional, seedRules } from "./seed";

const base = await useTestServer();
const browser = useBrowser();

beforeAll(async () => {
  await seedRules();
});

async function creditsOf(profileId: string) {
  return db().credit.findMany({ where: { profileId }, orderBy: { createdAt: "asc" }, select: { showTitle: true, genres: true, role: true } });
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
      let form = await fillCredit(tab, { title: "Harbor Lights", format: "Multi-camera sitcom", role: "Staff writer", genres: ["Comedy", "Drama"], start: "2011", episodes: "22" });
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
      form = await fillCredit(tab, { title: "Precinct Nine", format: "Procedural", role: "Story editor", genres: ["Crime"], start: "2015", episodes: "" });
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

