/**
 * A lab completes a title-only draft through "Edit details" and opens it (JavaScript on and off),
 * and a status change follows post/redirect/get: with JavaScript off, reloading after "Pause gig"
 * does not post the form again, and the confirmation is shown once.
 */
import { describe, expect, it } from "vitest";
import { db } from "~/db.server";
import { createGig } from "~/services/gigs.server";
import { useTestServer } from "../setup/server";
import { checkPage, mainText, openTab, reload, screenshot, submit, textOf, uiLogIn, useBrowser, visit } from "./browser";
import { SITCOM_GIG, seedLab, seedOpenGig } from "./seed";

const base = await useTestServer();
const browser = useBrowser();

for (const js of [true, false]) {
  describe(`editing a draft gig (JavaScript ${js ? "on" : "off"})`, () => {
    it("opens a title-only draft, edits its details, saves, sees the change and opens the gig", async () => {
      const lab = await seedLab(base, js ? "Heron Works" : "Plover Labs", "Sana Iqbal");
      const created = await createGig(lab.labId, { title: "Untitled dialogue project" }, lab.actor);
      if (!created.ok) throw new Error(JSON.stringify(created.errors));
      const gigId = created.gig.id;

      const tab = await openTab(browser(), base, { js });
      const { page } = tab;
      await uiLogIn(tab, lab.ownerEmail);
      await visit(tab, `/gigs/${gigId}`);
      expect(await mainText(page)).toContain("Before this gig can open");

      await submit(page, page.getByRole("link", { name: "Edit details" }));
      expect(new URL(page.url()).pathname).toBe(`/gigs/${gigId}/edit`);
      expect(await textOf(page.getByRole("heading", { level: 1 }))).toBe("Edit gig");
      // The gig page itself is not rendered underneath the editor.
      expect(await page.getByRole("heading", { name: "What your work will train" }).count()).toBe(0);
      const form = page.locator("main form");
      expect(await form.getByLabel("Title", { exact: true }).inputValue()).toBe("Untitled dialogue project");
      await form.getByLabel("Title", { exact: true }).fill("Rank sitcom dialogue rewrites");
      await form.getByLabel(/^Description/).fill("Compare two rewrites of a sitcom scene and pick the funnier one.");
      await form.getByLabel("Dialogue preference ranking").check();
      await form.getByLabel("Pay amount").fill("58");
      await form.getByLabel("Required languages").fill("en");
      await form.getByLabel("What model or product does this work train?").fill("A dialogue model for a writing assistant");
      await form.getByLabel("May outputs be used to generate scripts or other creative work?").selectOption("NO");
      await form.getByLabel("How long is contributed work retained, and who can access it?").fill("Two years, research team only");
      await form.getByLabel("Expected hours per week").fill("10");
      await form.getByLabel("Start date").fill("2027-01-04");
      await form.getByLabel("End date").fill("2027-04-30");
      await form.getByLabel("Notice period (days)").fill("14");
      await form.getByLabel("Rate lock (days)").fill("30");
      await form.getByLabel("Assessment minutes").fill("0");
      await form.getByLabel("Training minutes").fill("60");
      if (js) await checkPage(page, "gig-edit-form");
      await submit(page, form.getByRole("button", { name: "Save changes" }));

      expect(new URL(page.url()).pathname).toBe(`/gigs/${gigId}`);
      expect(new URL(page.url()).search).toBe("");
      expect(await page.getByRole("status").allInnerTexts()).toContain("Changes saved.");
      expect(await textOf(page.getByRole("heading", { level: 1 }))).toBe("Rank sitcom dialogue rewrites");
      expect(await mainText(page)).toContain("A dialogue model for a writing assistant");
      expect(await mainText(page)).toContain("$58");
      expect(await mainText(page)).not.toContain("Before this gig can open");
      const saved = await db().gig.findUniqueOrThrow({ where: { id: gigId } });
      expect(saved.taskTypes).toEqual(["DIALOGUE_PREFERENCE_RANKING"]);
      expect(saved.payAmountCents).toBe(5800);

      // The message was shown once: a reload does not repeat it.
      await reload(page);
      expect(await mainText(page)).not.toContain("Changes saved.");

      await submit(page, page.getByRole("button", { name: "Open gig" }));
      expect(await page.getByRole("status").allInnerTexts()).toContain("The gig is now open.");
      expect((await db().gig.findUniqueOrThrow({ where: { id: gigId } })).status).toBe("OPEN");
      await screenshot(page, `gig-edited-opened-${js ? "js" : "nojs"}`);
      // The message belongs to the page it arrived with: the next page does not show it again.
      await submit(page, page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "My lab" }));
      expect(await mainText(page)).not.toContain("The gig is now open.");
      expect(tab.problems).toEqual([]);
      await tab.context.close();
    });
  });
}

describe("post/redirect/get on the gig page (JavaScript off)", () => {
  it("pauses a gig; a reload neither re-posts nor repeats the message", async () => {
    const lab = await seedLab(base, "Gannet Research", "Tomasz Wrona");
    const gig = await seedOpenGig(lab, { ...SITCOM_GIG, title: "Pause me" });
    const tab = await openTab(browser(), base, { js: false });
    const { page } = tab;
    await uiLogIn(tab, lab.ownerEmail);
    await visit(tab, `/gigs/${gig.id}`);
    await submit(page, page.getByRole("button", { name: "Pause gig" }));
    expect(new URL(page.url()).pathname).toBe(`/gigs/${gig.id}`);
    expect(await page.getByRole("status").allInnerTexts()).toEqual(["The gig is now paused."]);
    expect((await db().gig.findUniqueOrThrow({ where: { id: gig.id } })).status).toBe("PAUSED");

    const res = await page.reload();
    expect(res?.request().method()).toBe("GET");
    expect(res?.status()).toBe(200);
    const text = await mainText(page);
    expect(text).not.toContain("cannot become paused");
    expect(text).not.toContain("The gig is now paused.");
    const changes = await db().event.count({ where: { entityId: gig.id, action: { contains: "status" } } });
    expect(changes).toBe(2); // opened by the seed, paused once
    expect(tab.problems).toEqual([]);
    await tab.context.close();
  });
});
