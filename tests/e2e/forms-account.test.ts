/**
 * Account and tracker forms on the one Conform + zod pipeline (issue 18, items 2, 6 and 12), in
 * Chromium with JavaScript on and off: the profile editor, sign-up and the application tracker's
 * actions. Each shows an error next to the field it is about (marked, described, focused) and keeps
 * what the person typed; success is a one-time flash after a redirect (a reload neither repeats it
 * nor posts again); and the form starts afresh after a success.
 */
import type { Locator } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "~/db.server";
import { useTestServer } from "../setup/server";
import { type Tab, mainText, openTab, reload, screenshot, submit, textOf, uiLogIn, uniqueEmail, useBrowser, visit } from "./browser";
import {
  PASSWORD,
  SITCOM_GIG,
  move,
  seedApplication,
  seedCoordinator,
  seedLab,
  seedOpenGig,
  seedProfessional,
  seedRules,
  stageOf,
} from "./seed";

const base = await useTestServer();
const browser = useBrowser();

beforeAll(async () => {
  await seedRules();
});

/**
 * With JavaScript the same zod schema stops an invalid form in the browser; without it the server
 * answers. The button is reached from the keyboard: leaving a field the person typed in shows its
 * error at once (validation on blur), which moves the button down under a mouse pointer.
 */
async function pressInvalid(tab: Tab, button: Locator) {
  if (tab.js) {
    await button.focus();
    await button.press("Enter");
  } else await submit(tab.page, button);
}

const focusedName = (tab: Tab) => tab.page.evaluate(() => document.activeElement?.getAttribute("name") ?? null);
const focusedRole = (tab: Tab) => tab.page.evaluate(() => document.activeElement?.getAttribute("role") ?? null);

/** The error text a field points at through aria-describedby. */
async function describedError(tab: Tab, field: Locator) {
  const ids = ((await field.getAttribute("aria-describedby")) ?? "").split(" ").filter((id) => id.endsWith("error"));
  if (!ids.length) return "";
  return (await tab.page.locator(`[id="${ids[0]}"]`).textContent()) ?? "";
}

async function inView(locator: Locator): Promise<boolean> {
  return locator.evaluate((el) => {
    const r = el.getBoundingClientRect();
    return r.bottom > 0 && r.top < window.innerHeight && r.height > 0;
  });
}

for (const js of [true, false]) {
  const on = js ? "on" : "off";

  describe(`profile editor (JavaScript ${on})`, () => {
    it("marks the wrong fields (the right language row too), keeps every value, saves once and says so once", async () => {
      const pro = await seedProfessional(base, { name: `Pia Profile ${on}`, headline: "", scores: {} });
      const tab = await openTab(browser(), base, { js });
      const { page } = tab;
      await uiLogIn(tab, pro.email, "/me/profile");
      await visit(tab, "/me/profile");
      const form = page.locator("main form", { has: page.getByRole("button", { name: "Save profile" }) });

      await form.getByLabel("Headline").fill("Showrunner, 20 years of multi-cam");
      await form.getByLabel("Language 2", { exact: true }).selectOption({ label: "English" });
      await form.getByLabel("Hours per week you can work").fill("200");
      await form.getByLabel(/Minimum hourly rate/).fill("lots");
      await pressInvalid(tab, form.getByRole("button", { name: "Save profile" }));

      // The second row repeats English: that row is marked, not the first one.
      const lang2 = form.getByLabel("Language 2", { exact: true });
      await expect.poll(() => lang2.getAttribute("aria-invalid")).toBe("true");
      expect(await describedError(tab, lang2)).toContain("List each language once.");
      expect(await form.getByLabel("Language 1", { exact: true }).getAttribute("aria-invalid")).toBeNull();
      const hours = form.getByLabel("Hours per week you can work");
      await expect.poll(() => hours.getAttribute("aria-invalid")).toBe("true");
      expect(await describedError(tab, hours)).toContain("Hours per week must be between 1 and 80.");
      expect(await describedError(tab, form.getByLabel(/Minimum hourly rate/))).toContain("Enter a rate like 45 or 62.50.");
      // The first wrong field in the form has the cursor and is on screen.
      await expect.poll(() => focusedName(tab)).toBe("langCode1");
      expect(await inView(lang2)).toBe(true);
      // Nothing typed is lost.
      expect(await form.getByLabel("Headline").inputValue()).toBe("Showrunner, 20 years of multi-cam");
      expect(await hours.inputValue()).toBe("200");
      expect(await form.getByLabel(/Minimum hourly rate/).inputValue()).toBe("lots");
      expect((await db().profile.findUniqueOrThrow({ where: { id: pro.profileId } })).headline).toBe("");
      await screenshot(page, `profile-form-error-js-${on}`);

      await lang2.selectOption({ label: "Spanish" });
      await hours.fill("25");
      await form.getByLabel(/Minimum hourly rate/).fill("45");
      await submit(page, form.getByRole("button", { name: "Save profile" }));
      await expect.poll(() => mainText(page)).toContain("Profile saved.");
      expect(new URL(page.url()).search, "no ?saved=1 style flag").toBe("");
      const saved = await db().profile.findUniqueOrThrow({ where: { id: pro.profileId } });
      expect(saved).toMatchObject({ headline: "Showrunner, 20 years of multi-cam", hoursPerWeek: 25, minRateCents: 4500 });
      expect(saved.languages).toEqual([
        { code: "en", level: "native" },
        { code: "es", level: "fluent" },
      ]);
      // The form shows what was stored, with no error left over.
      expect(await hours.inputValue()).toBe("25");
      expect(await hours.getAttribute("aria-invalid")).toBeNull();
      expect(await page.locator("main .field-error").count()).toBe(0);

      await reload(page);
      expect(await mainText(page)).not.toContain("Profile saved.");
      const events = await db().event.count({ where: { action: "profile.updated", entityId: pro.profileId } });
      expect(events).toBe(1);
      expect(tab.problems).toEqual([]);
      await tab.context.close();
    });
  });

  describe(`sign-up (JavaScript ${on})`, () => {
    it("names the missing lab name next to the field, keeps the rest (never the password), and confirms once", async () => {
      const tab = await openTab(browser(), base, { js });
      const { page } = tab;
      const email = uniqueEmail(`signup-${on}`);
      await visit(tab, "/signup");
      const form = page.locator("main form");
      await form.getByLabel("Posting gigs for an AI lab").check();
      await form.getByLabel("Your name").fill("Lena Lab");
      await form.getByLabel("Email").fill(email);
      await form.getByLabel("Password").fill(PASSWORD);
      await form.getByLabel(/I accept the terms/).check();
      await pressInvalid(tab, form.getByRole("button", { name: "Create account" }));

      const labName = form.getByLabel(/Lab name/);
      await expect.poll(() => labName.getAttribute("aria-invalid")).toBe("true");
      expect(await describedError(tab, labName)).toContain("Enter your lab's name.");
      await expect.poll(() => focusedName(tab)).toBe("labName");
      expect(await form.getByLabel("Your name").inputValue()).toBe("Lena Lab");
      expect(await form.getByLabel("Email").inputValue()).toBe(email);
      expect(await form.getByLabel("Posting gigs for an AI lab").isChecked()).toBe(true);
      expect(await form.getByLabel(/I accept the terms/).isChecked()).toBe(true);
      // Without JavaScript the server answered: it never sends a password back.
      if (!js) expect(await form.getByLabel("Password").inputValue()).toBe("");
      expect(await db().user.count({ where: { email } })).toBe(0);
      await screenshot(page, `signup-error-js-${on}`);

      await labName.fill("Lena's Lab");
      await form.getByLabel("Password").fill(PASSWORD);
      await submit(page, form.getByRole("button", { name: "Create account" }));
      await expect.poll(() => new URL(page.url()).pathname).toBe("/check-email");
      expect(await textOf(page.locator("main .flash"))).toContain("Sign-up received.");
      expect(await db().user.count({ where: { email } })).toBe(1);
      await reload(page);
      expect(await page.locator("main .flash").count()).toBe(0);
      expect(await db().user.count({ where: { email } })).toBe(1);

      // Back on the sign-up page, the form is empty.
      await visit(tab, "/signup");
      expect(await page.locator("main form").getByLabel("Your name").inputValue()).toBe("");
      expect(await page.locator("main form").getByLabel("Email").inputValue()).toBe("");
      expect(tab.problems).toEqual([]);
      await tab.context.close();
    });
  });

  describe(`application tracker actions (JavaScript ${on})`, () => {
    it("a refusal shows in the step's own form with the answer kept; a step, a withdrawal and a review request each confirm once", async () => {
      const lab = await seedLab(base, `Tracker Lab ${on}`, `Tara Tracker ${on}`);
      const gig = await seedOpenGig(lab, { ...SITCOM_GIG, title: `Tracker gig ${on}` });
      const other = await seedOpenGig(lab, { ...SITCOM_GIG, title: `Declined gig ${on}` });
      const coordinator = await seedCoordinator(`Cora Coord ${on}`);
      const pro = await seedProfessional(base, { name: `Theo Tracker ${on}`, headline: "Writer", scores: {} });
      const appId = await seedApplication(pro.profileId, pro.userId, gig.id, "I wrote sitcoms.");
      await move(appId, "SHORTLISTED", coordinator.actor);
      await move(appId, "SCREENING", coordinator.actor);

      const tab = await openTab(browser(), base, { js });
      const { page } = tab;
      await uiLogIn(tab, pro.email, `/me/applications/${appId}`);
      await visit(tab, `/me/applications/${appId}`);
      const screening = page.getByRole("region", { name: "Screening" });
      const answer = screening.getByLabel(/Your answer/);
      await answer.fill("Ranked all ten pairs; notes in the shared sheet.");

      // Someone changes the application meanwhile: the refusal is in the screening form, focused.
      await db().application.update({ where: { id: appId }, data: { version: { increment: 1 } } });
      await submit(page, screening.getByRole("button", { name: "I have completed the screening" }));
      const refusal = screening.getByRole("alert");
      await expect.poll(() => textOf(refusal)).toContain("Someone else changed this application at the same time.");
      await expect.poll(() => focusedRole(tab)).toBe("alert");
      expect(await inView(refusal)).toBe(true);
      expect(await answer.inputValue()).toBe("Ranked all ten pairs; notes in the shared sheet.");
      await screenshot(page, `tracker-refusal-js-${on}`);

      // With the current version it goes through, says so once, and the step is gone.
      await visit(tab, `/me/applications/${appId}`);
      await screening.getByLabel(/Your answer/).fill("Ranked all ten pairs; notes in the shared sheet.");
      await submit(page, screening.getByRole("button", { name: "I have completed the screening" }));
      await expect.poll(() => mainText(page)).toContain(`Screening submitted. Tracker Lab ${on} reads it with your application.`);
      expect(new URL(page.url()).search).toBe("");
      expect(await page.getByRole("button", { name: "I have completed the screening" }).count()).toBe(0);
      await reload(page);
      expect(await mainText(page)).not.toContain("Screening submitted.");

      // Withdrawing with a reason.
      const choices = page.getByRole("region", { name: "Your choices" });
      await choices.getByLabel(/Reason for withdrawing/).fill("I took a staff job.");
      await submit(page, choices.getByRole("button", { name: "Withdraw" }));
      await expect.poll(() => mainText(page)).toContain("You withdrew your application.");
      expect(await stageOf(appId)).toBe("WITHDRAWN");
      expect(await mainText(page)).toContain("Reason: I took a staff job.");
      await reload(page);
      expect(await mainText(page)).not.toContain("You withdrew your application.");

      // A declined application: a too-short review request is marked at the field, text kept.
      const declinedId = await seedApplication(pro.profileId, pro.userId, other.id, "Happy to help.");
      await move(declinedId, "DECLINED", coordinator.actor, "We needed drama writers.");
      await visit(tab, `/me/applications/${declinedId}`);
      const review = page.getByRole("region", { name: "Ask for a human review" });
      const message = review.getByLabel(/Why should a person look at this again/);
      await message.fill("Too short");
      await pressInvalid(tab, review.getByRole("button", { name: "Request a review" }));
      await expect.poll(() => message.getAttribute("aria-invalid")).toBe("true");
      expect(await describedError(tab, message)).toContain("Tell us in a sentence or two why you'd like a review.");
      await expect.poll(() => focusedName(tab)).toBe("message");
      expect(await message.inputValue()).toBe("Too short");
      expect(await db().appeal.count({ where: { applicationId: declinedId } })).toBe(0);

      await message.fill("I wrote two seasons of a legal drama; my credits list them.");
      await submit(page, review.getByRole("button", { name: "Request a review" }));
      await expect.poll(() => mainText(page)).toContain("Your request for a human review was sent.");
      expect(await db().appeal.count({ where: { applicationId: declinedId } })).toBe(1);
      // The form is replaced by the open request; a reload neither repeats the message nor posts again.
      expect(await review.getByRole("button", { name: "Request a review" }).count()).toBe(0);
      await reload(page);
      expect(await mainText(page)).not.toContain("Your request for a human review was sent.");
      expect(await db().appeal.count({ where: { applicationId: declinedId } })).toBe(1);
      await screenshot(page, `tracker-after-review-js-${on}`);
      expect(tab.problems).toEqual([]);
      await tab.context.close();
    });
  });
}
