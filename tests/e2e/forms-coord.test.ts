/**
 * The coordinator's forms on the one Conform + zod pipeline (issue 18, items 2, 6, 10 and 12), in
 * Chromium with JavaScript on and off: declining a card with a reason, "Message selected" on the
 * board, editing a transfer rule and the stage SLA table. For each: the error sits next to its
 * field (marked, described, focused) and the other values are kept; success is a one-time flash
 * (not repeated by a reload, no URL flag); after success the form starts again from what is saved.
 */
import type { Locator, Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "~/db.server";
import { createRule } from "~/services/transfer.server";
import { useTestServer } from "../setup/server";
import { type Tab, act, openTab, reload, screenshot, submit, textOf, uiLogIn, useBrowser, visit } from "./browser";
import { SITCOM_GIG, seedApplication, seedCoordinator, seedLab, seedOpenGig, seedProfessional, seedRules } from "./seed";

const base = await useTestServer();
const browser = useBrowser();

let gigId: string;
let coord: Awaited<ReturnType<typeof seedCoordinator>>;
const people = new Map<string, { appId: string; userId: string }>();
const NAMES = ["Ines Okoro", "Jonas Berg", "Kemi Adebayo", "Lars Holm"];

beforeAll(async () => {
  await seedRules();
  const lab = await seedLab(base, "Forms Lab", "Fran Forms");
  gigId = (await seedOpenGig(lab, { ...SITCOM_GIG, title: "Coordinator forms gig" })).id;
  coord = await seedCoordinator("Cora Forms");
  for (const name of NAMES) {
    const p = await seedProfessional(base, { name, headline: "Sitcom writer", scores: { DIALOGUE_PREFERENCE_RANKING: 70 } });
    people.set(name, { appId: await seedApplication(p.profileId, p.userId, gigId, "I wrote sitcoms."), userId: p.userId });
  }
});

/**
 * Presses a button of an invalid form: with JavaScript the same zod schema stops it in the browser,
 * without it the server answers. With JavaScript, leaving the field already shows its error (and a
 * message appearing under a textarea moves the button away from a click in progress), so such a
 * field is left first, as a person tabbing out of it does.
 */
async function pressInvalid(tab: Tab, button: Locator, field?: Locator) {
  if (tab.js && field) {
    await field.blur();
    await expect.poll(() => field.getAttribute("aria-invalid")).toBe("true");
    await button.click();
  } else if (tab.js) await button.click();
  else await submit(tab.page, button);
}

/** The field is marked invalid, its description names the problem, and it has the focus. */
async function pointsAt(page: Page, field: Locator, message: string) {
  await expect.poll(() => field.getAttribute("aria-invalid")).toBe("true");
  const ids = ((await field.getAttribute("aria-describedby")) ?? "").split(" ").filter(Boolean);
  const described = await Promise.all(ids.map((id) => page.locator(`[id="${id}"]`).textContent()));
  expect(described.join(" ")).toContain(message);
  const name = await field.getAttribute("name");
  await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute("name"))).toBe(name);
}

const card = (page: Page, name: string) => page.getByTestId(`card-${people.get(name)!.appId}`);

it("the bulk bar and the assignment form: the server's markup (no Conform form behind it) is what the browser's Conform form renders, and it works after hydration", async () => {
  // A responsible coordinator, so the assignment form starts with a chosen value.
  await db().gig.update({ where: { id: gigId }, data: { coordinatorId: coord.user.id } });
  const tab = await openTab(browser(), base);
  const { page } = tab;
  await uiLogIn(tab, coord.email, `/coord/gigs/${gigId}`);
  await visit(tab, `/coord/gigs/${gigId}`);
  // Both forms as the browser has them (the server's HTML was hydrated, so its attributes are the server's; decision 0043):
  // every element with its attributes in name order and its text; a style as the browser reads it (React sets it
  // property by property in the browser, so its attribute text differs from the server's for the same style).
  const forms = () =>
    page.evaluate(() => {
      const dump = (el: Element): string => {
        const attrs = [...el.attributes]
          .map((a) => `${a.name}=${a.name === "style" ? (el as HTMLElement).style.cssText : a.value}`)
          .sort()
          .join(" ");
        const inner = [...el.childNodes].map((n) =>
          n.nodeType === Node.TEXT_NODE ? (n.textContent ?? "") : n.nodeType === Node.ELEMENT_NODE ? dump(n as Element) : "",
        );
        return `<${el.tagName} ${attrs}>${inner.join("")}</${el.tagName}>`;
      };
      return ["bulk", "assign"].map((id) => {
        const form = document.getElementById(id);
        return form ? dump(form) : `no #${id}`;
      });
    });
  const fromServer = await forms();
  expect(fromServer[0]).toContain("id=bulk-message");
  expect(fromServer[1]).toContain("name=coordinatorId");
  expect(await page.locator("#assign-coordinatorId").inputValue()).toBe(coord.user.id);
  // Away and back in the browser: the board is mounted again, rendered by React in the browser (Conform forms).
  await submit(page, page.getByRole("link", { name: "Coordinator forms gig" }).first());
  await act(page, () => page.goBack());
  expect(new URL(page.url()).pathname).toBe(`/coord/gigs/${gigId}`);
  expect(await forms()).toEqual(fromServer);
  // The hydrated bulk bar is Conform's: leaving the message empty is refused in the browser, at the field.
  await reload(page);
  const message = page.locator("#bulk-message");
  await page.getByRole("button", { name: "Message selected" }).click();
  await expect.poll(() => message.getAttribute("aria-invalid")).toBe("true");
  expect(tab.problems).toEqual([]);
  await tab.context.close();
});

for (const js of [true, false]) {
  const mode = `JavaScript ${js ? "on" : "off"}`;
  describe(`coordinator forms (${mode})`, () => {
    it("declines a card with a reason: a blank reason is refused beside the box, then the decline is confirmed once on the card", async () => {
      const who = js ? "Ines Okoro" : "Jonas Berg";
      const tab = await openTab(browser(), base, { js });
      const { page } = tab;
      await uiLogIn(tab, coord.email, `/coord/gigs/${gigId}?q=sitcom`);
      await visit(tab, `/coord/gigs/${gigId}?q=sitcom`);
      const c = card(page, who);
      // The closed reason box is rendered without Conform (decision 0036) and Conform starts when it is
      // chosen: the form's markup is the same before and after (attributes the browser adds left out).
      const markup = () => c.locator("details.decline form").evaluate((f) => f.outerHTML.replaceAll(' style=""', ""));
      const closed = await markup();
      expect(closed).toContain(`name="reason"`);
      await c.getByText("Decline…").click();
      const reason = c.getByLabel(`Reason to decline ${who}`);
      expect(await reason.isVisible()).toBe(true);
      expect(await markup()).toBe(closed);
      // Only spaces: the browser's "required" is satisfied, the schema (trimmed) is not.
      await reason.fill("   ");
      await pressInvalid(tab, c.getByRole("button", { name: "Decline" }), reason);
      await pointsAt(page, card(page, who).getByLabel(`Reason to decline ${who}`), "Give a reason: the person will read it.");
      expect(await card(page, who).getByLabel(`Reason to decline ${who}`).isVisible()).toBe(true);
      expect(await db().application.findUniqueOrThrow({ where: { id: people.get(who)!.appId } })).toMatchObject({ stage: "APPLIED" });
      await screenshot(page, `coord-decline-error-js-${js ? "on" : "off"}`);

      await card(page, who).getByLabel(`Reason to decline ${who}`).fill("We need multi-cam credits for this gig.");
      await submit(page, card(page, who).getByRole("button", { name: "Decline" }));
      const url = new URL(page.url());
      expect(url.searchParams.get("q")).toBe("sitcom");
      expect(url.hash).toBe(`#card-${people.get(who)!.appId}`);
      expect(await textOf(card(page, who).getByRole("status"))).toBe(`${who} moved to Not selected.`);
      const app = await db().application.findUniqueOrThrow({ where: { id: people.get(who)!.appId } });
      expect([app.stage, app.lastReason]).toEqual(["DECLINED", "We need multi-cam credits for this gig."]);
      await reload(page);
      expect(await page.getByRole("status").count()).toBe(0);
      expect(await db().stageTransition.count({ where: { applicationId: app.id, toStage: "DECLINED" } })).toBe(1);
      expect(tab.problems).toEqual([]);
      await tab.context.close();
    });

    it("'Message selected': an empty message is refused at the field with the rest kept; the sent message is confirmed once and the box emptied", async () => {
      const who = js ? "Kemi Adebayo" : "Lars Holm";
      const userId = people.get(who)!.userId;
      const tab = await openTab(browser(), base, { js });
      const { page } = tab;
      await uiLogIn(tab, coord.email, `/coord/gigs/${gigId}`);
      await visit(tab, `/coord/gigs/${gigId}`);
      const bulk = page.locator("form#bulk");
      await page.getByLabel(`Select ${who}`).check();
      await bulk.getByLabel("Move to").selectOption({ label: "Shortlisted" });
      await bulk.getByLabel("Reason (required to decline)").fill("Kept reason");
      const send = bulk.getByRole("button", { name: /^Message (\d+ )?selected$/ });
      await pressInvalid(tab, send);
      await pointsAt(page, bulk.getByLabel("Message"), "Write a message.");
      expect(await textOf(bulk.getByRole("alert"))).toContain("Message: Write a message.");
      // The summary's link leads to the field itself.
      const href = (await bulk.getByRole("alert").getByRole("link", { name: "Message" }).getAttribute("href")) ?? "";
      expect(await page.locator(`[id="${href.slice(1)}"]`).getAttribute("name")).toBe("message");
      // What was chosen and ticked is still there.
      expect(await bulk.getByLabel("Move to").inputValue()).toBe("SHORTLISTED");
      expect(await bulk.getByLabel("Reason (required to decline)").inputValue()).toBe("Kept reason");
      expect(await page.getByLabel(`Select ${who}`).isChecked()).toBe(true);
      expect(await db().notification.count({ where: { userId, kind: "message" } })).toBe(0);
      await screenshot(page, `coord-bulk-message-error-js-${js ? "on" : "off"}`);

      await bulk.getByLabel("Message").fill("The calibration set is ready.");
      await submit(page, send);
      expect(await textOf(bulk.getByRole("status"))).toBe("Message sent to 1 person.");
      expect(await bulk.getByRole("alert").count()).toBe(0);
      // The form starts again: nothing to send twice, no stage left chosen.
      expect(await bulk.getByLabel("Message").inputValue()).toBe("");
      expect(await bulk.getByLabel("Move to").inputValue()).toBe("");
      // The message went into the person's conversation (issue 24); the notice names the author.
      expect((await db().notification.findMany({ where: { userId, kind: "message" } })).map((n) => n.body)).toEqual([
        expect.stringMatching(/ wrote: The calibration set is ready\.$/),
      ]);
      expect(await db().message.count({ where: { application: { profile: { userId } }, body: "The calibration set is ready." } })).toBe(1);
      expect(new URL(page.url()).search).toBe("");
      await reload(page);
      expect(await page.getByRole("status").count()).toBe(0);
      expect(await db().notification.count({ where: { userId, kind: "message" } })).toBe(1);
      expect(tab.problems).toEqual([]);
      await tab.context.close();
    });

    it("edits a transfer rule: a short rationale is refused at the field with the new weight kept; the new version is confirmed once", async () => {
      const made = await createRule(
        {
          role: "SCRIPT_COORDINATOR",
          taskType: "DIALOGUE_PREFERENCE_RANKING",
          weight: 0.4,
          rationale: "Script coordinators read every draft closely.",
        },
        { id: coord.user.id, role: "COORDINATOR" },
        `forms-coord-${js ? "js" : "nojs"}`,
      );
      if (!made.ok) throw new Error(JSON.stringify(made.errors));
      const tab = await openTab(browser(), base, { js });
      const { page } = tab;
      const path = `/coord/rules/${made.rule.id}`;
      await uiLogIn(tab, coord.email, path);
      await visit(tab, path);
      const form = page.locator("main form", { has: page.getByRole("button", { name: "Save as new version" }) });
      await form.getByLabel("Weight (0 to 1)").fill("0.8");
      await form.getByLabel("Rationale").fill("Too short");
      await pressInvalid(tab, form.getByRole("button", { name: "Save as new version" }), form.getByLabel("Rationale"));
      await pointsAt(page, form.getByLabel("Rationale"), "Explain in at least 10 characters why this credit transfers.");
      expect(await form.getByLabel("Weight (0 to 1)").inputValue()).toBe("0.8");
      expect(await form.getByLabel("Rationale").inputValue()).toBe("Too short");
      expect(await db().transferRule.findUniqueOrThrow({ where: { id: made.rule.id } })).toMatchObject({ version: 1, weight: 0.4 });
      await screenshot(page, `coord-rule-error-js-${js ? "on" : "off"}`);

      await form.getByLabel("Rationale").fill("They check every line of every draft against the last one.");
      await submit(page, form.getByRole("button", { name: "Save as new version" }));
      expect(await textOf(page.getByRole("status"))).toContain("Rule saved as version 2.");
      expect(new URL(page.url()).search).toBe("");
      expect(await db().transferRule.findUniqueOrThrow({ where: { id: made.rule.id } })).toMatchObject({
        version: 2,
        weight: 0.8,
        rationale: "They check every line of every draft against the last one.",
      });
      // The form shows what is now saved, at the new version (a second save is not a stale one).
      expect(await form.getByLabel("Weight (0 to 1)").inputValue()).toBe("0.8");
      expect(await form.locator('input[name="version"]').inputValue()).toBe("2");
      await reload(page);
      expect(await page.getByRole("status").count()).toBe(0);
      expect(await page.locator("main").textContent()).toContain("Version 2");
      expect(tab.problems).toEqual([]);
      await tab.context.close();
    });

    it("stage SLAs: a bad value is refused in its row with the other values kept; the saved table is confirmed once", async () => {
      const tab = await openTab(browser(), base, { js });
      const { page } = tab;
      try {
        await uiLogIn(tab, coord.email, "/coord/sla");
        await visit(tab, "/coord/sla");
        const applied = page.getByLabel("Applied", { exact: true });
        const screening = page.getByLabel("Screening", { exact: true });
        await applied.fill("abc");
        await screening.fill("12");
        await expect.poll(() => applied.inputValue()).toBe("abc");
        await pressInvalid(tab, page.getByRole("button", { name: "Save SLAs" }));
        await pointsAt(page, page.getByLabel("Applied", { exact: true }), "Use a whole number of days, or leave it empty for no SLA.");
        expect(await page.getByLabel("Applied", { exact: true }).inputValue()).toBe("abc");
        expect(await page.getByLabel("Screening", { exact: true }).inputValue()).toBe("12");
        expect(await db().stageSla.count()).toBe(0);
        await screenshot(page, `coord-sla-error-js-${js ? "on" : "off"}`);

        await page.getByLabel("Applied", { exact: true }).fill("4");
        await submit(page, page.getByRole("button", { name: "Save SLAs" }));
        expect(await textOf(page.getByRole("status"))).toContain("Stage SLAs saved");
        expect(await page.locator('[aria-invalid="true"]').count()).toBe(0);
        expect((await db().stageSla.findUniqueOrThrow({ where: { stage: "APPLIED" } })).days).toBe(4);
        expect((await db().stageSla.findUniqueOrThrow({ where: { stage: "SCREENING" } })).days).toBe(12);
        expect(await page.getByLabel("Applied", { exact: true }).inputValue()).toBe("4");
        await reload(page);
        expect(await page.getByRole("status").count()).toBe(0);
        expect(tab.problems).toEqual([]);
      } finally {
        await db().stageSla.deleteMany();
        await tab.context.close();
      }
    });
  });
}
