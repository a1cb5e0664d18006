/**
 * The gig page's "Apply" form, a lab's member invitation and API token creation as a person uses
 * them (issue 18, items 2, 6 and 12), in Chromium, with JavaScript on and off: a refusal sits next
 * to its field (marked, described, focused) and keeps what was typed; success is a one-time flash
 * message after a redirect (a reload neither repeats it nor posts again); the form is empty again.
 */
import type { Locator } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "~/db.server";
import { useTestServer } from "../setup/server";
import { type Tab, mainText, openTab, reload, screenshot, submit, textOf, uiLogIn, uniqueEmail, useBrowser, visit } from "./browser";
import { SITCOM_GIG, seedLab, seedOpenGig, seedProfessional, seedRules } from "./seed";

const base = await useTestServer();
const browser = useBrowser();

beforeAll(async () => {
  await seedRules();
});

/**
 * Presses a submit button of a form that is not valid: with JavaScript the same zod schema stops it
 * in the browser (no request), without it the server answers with the errors.
 */
async function pressInvalid(tab: Tab, button: Locator) {
  if (tab.js) await button.click();
  else await submit(tab.page, button);
}

/** The field is marked invalid, its description names `message`, and it has the keyboard focus. */
async function expectFieldError(tab: Tab, field: Locator, message: string) {
  await expect.poll(() => field.getAttribute("aria-invalid")).toBe("true");
  const ids = ((await field.getAttribute("aria-describedby")) ?? "").split(" ").filter(Boolean);
  const described = await Promise.all(ids.map((id) => textOf(tab.page.locator(`[id="${id}"]`))));
  expect(described.join(" ")).toContain(message);
  await expect.poll(() => field.evaluate((el) => el === document.activeElement)).toBe(true);
  const box = await field.evaluate((el) => {
    const r = el.getBoundingClientRect();
    return { top: r.top, bottom: r.bottom, height: window.innerHeight };
  });
  expect(box.bottom > 0 && box.top < box.height, "the marked field is in view").toBe(true);
}

/** The flash messages (role=status) on the page. */
const statuses = async (tab: Tab) => (await tab.page.getByRole("status").allInnerTexts()).join(" ");

for (const js of [true, false]) {
  const mode = js ? "on" : "off";
  describe(`lab and gig forms (JavaScript ${mode})`, () => {
    it("apply with a note: a too-long note is refused next to the field and kept; success is said once; the gig page no longer offers the form", async () => {
      const lab = await seedLab(base, `Apply Lab ${mode}`, "Ada Apply");
      const gig = await seedOpenGig(lab, { ...SITCOM_GIG, title: `Rate sitcom punch-ups ${mode}` });
      const pro = await seedProfessional(base, { name: js ? "Noor Note" : "Otto Nojs", headline: "Staff writer", scores: {} });
      const tab = await openTab(browser(), base, { js });
      const { page } = tab;
      await uiLogIn(tab, pro.email, `/gigs/${gig.id}`);
      await visit(tab, `/gigs/${gig.id}`);

      const form = page.locator("form", { has: page.getByRole("heading", { name: "Apply" }) });
      const note = form.getByLabel("A note for the lab");
      const tooLong = `I ran the punch-up table for six seasons. ${"Jokes. ".repeat(300)}`;
      await note.fill(tooLong);
      await pressInvalid(tab, form.getByRole("button", { name: "Apply to this gig" }));
      await expectFieldError(tab, note, "Use at most 2000 characters.");
      expect(await note.inputValue()).toBe(tooLong);
      expect(await db().application.count({ where: { gigId: gig.id } })).toBe(0);
      await screenshot(page, `apply-note-error-js-${mode}`);

      const written = "Six seasons in a multi-cam room; I ran the punch-up table.";
      await note.fill(written);
      await submit(page, form.getByRole("button", { name: "Apply to this gig" }));
      await expect.poll(() => new URL(page.url()).pathname).toMatch(/^\/me\/applications\//);
      expect(new URL(page.url()).search, "no ?applied=1 style flag").toBe("");
      expect(await statuses(tab)).toContain(`Application sent: "${gig.title}".`);
      const apps = await db().application.findMany({ where: { gigId: gig.id }, select: { note: true, profileId: true } });
      expect(apps).toEqual([{ note: written, profileId: pro.profileId }]);

      // A reload is a GET: nothing posted again, the message not repeated.
      await reload(page);
      expect(await mainText(page)).not.toContain("Application sent");
      expect(await db().application.count({ where: { gigId: gig.id } })).toBe(1);

      // Back on the gig page the form is gone (nothing to send twice), with a link to the application.
      await visit(tab, `/gigs/${gig.id}`);
      expect(await page.getByRole("button", { name: "Apply to this gig" }).count()).toBe(0);
      expect(await mainText(page)).toContain("You have applied");
      expect(tab.problems).toEqual([]);
      await tab.context.close();
    });

    it("member invite: a bad address is refused next to the field and kept; success is said once and empties the form", async () => {
      const lab = await seedLab(base, `Invite Lab ${mode}`, "Ines Invite");
      const tab = await openTab(browser(), base, { js });
      const { page } = tab;
      await uiLogIn(tab, lab.ownerEmail, `/labs/${lab.slug}/members`);
      await visit(tab, `/labs/${lab.slug}/members`);

      const form = page.locator("form", { has: page.getByLabel("Invite by email") });
      const email = form.getByLabel("Invite by email");
      await email.fill("sam.at.example.com");
      await pressInvalid(tab, form.getByRole("button", { name: "Send invitation" }));
      await expectFieldError(tab, email, "Enter a valid email address");
      expect(await email.inputValue()).toBe("sam.at.example.com");
      expect(await db().labInvite.count({ where: { labId: lab.labId } })).toBe(0);
      await screenshot(page, `invite-error-js-${mode}`);

      const invitee = uniqueEmail("invitee");
      await email.fill(invitee);
      await submit(page, form.getByRole("button", { name: "Send invitation" }));
      expect(new URL(page.url()).pathname).toBe(`/labs/${lab.slug}/members`);
      expect(new URL(page.url()).search).toBe("");
      expect(await statuses(tab)).toContain(`Invitation sent to ${invitee}.`);
      expect(await form.getByLabel("Invite by email").inputValue(), "the form is empty again").toBe("");
      expect(await form.getByLabel("Invite by email").getAttribute("aria-invalid")).toBeNull();
      expect(await mainText(page)).toContain(`Pending invitations: ${invitee}`);

      await reload(page);
      expect(await mainText(page)).not.toContain("Invitation sent");
      expect(await db().labInvite.count({ where: { labId: lab.labId } })).toBe(1);
      expect((await db().mailMessage.findMany({ where: { to: invitee } })).length).toBe(1);
      await screenshot(page, `invite-after-reload-js-${mode}`);
      expect(tab.problems).toEqual([]);
      await tab.context.close();
    });

    it("token creation: a too-long name is refused next to the field and kept; the secret is shown once; the form is empty again", async () => {
      const lab = await seedLab(base, `Token Lab ${mode}`, "Tao Token");
      const tab = await openTab(browser(), base, { js });
      const { page } = tab;
      await uiLogIn(tab, lab.ownerEmail, `/labs/${lab.slug}/tokens`);
      await visit(tab, `/labs/${lab.slug}/tokens`);

      const form = page.locator("form", { has: page.getByLabel("Token name") });
      const name = form.getByLabel("Token name");
      const longName = `Nightly sync of the dialogue ranking pipeline for the staging cluster ${"x".repeat(20)}`;
      await name.fill(longName);
      await pressInvalid(tab, form.getByRole("button", { name: "Create token" }));
      await expectFieldError(tab, name, "Use at most 80 characters.");
      expect(await name.inputValue()).toBe(longName);
      expect(await db().apiToken.count({ where: { labId: lab.labId } })).toBe(0);

      // An empty name: the same place, the same marking.
      await name.fill("");
      await pressInvalid(tab, form.getByRole("button", { name: "Create token" }));
      await expectFieldError(tab, name, "Name the token");
      await screenshot(page, `token-error-js-${mode}`);

      await name.fill("Nightly sync");
      await submit(page, form.getByRole("button", { name: "Create token" }));
      expect(new URL(page.url()).pathname).toBe(`/labs/${lab.slug}/tokens`);
      expect(new URL(page.url()).search).toBe("");
      expect(await statuses(tab)).toContain("Token created. Copy it now: it is shown only once.");
      const secret = await textOf(page.getByTestId("new-token"));
      expect(secret).toMatch(/^sa_[a-f0-9]{8}_/);
      expect(await form.getByLabel("Token name").inputValue(), "the form is empty again").toBe("");
      const tokens = await db().apiToken.findMany({ where: { labId: lab.labId }, select: { name: true, prefix: true } });
      expect(tokens).toEqual([{ name: "Nightly sync", prefix: secret.slice(3, 11) }]);
      await screenshot(page, `token-created-js-${mode}`);

      // Reload: the secret and the message are gone, and no second token was made.
      await reload(page);
      expect(await page.getByTestId("new-token").count()).toBe(0);
      expect(await page.content()).not.toContain(secret);
      expect(await mainText(page)).not.toContain("Token created");
      expect(await db().apiToken.count({ where: { labId: lab.labId } })).toBe(1);
      expect(tab.problems).toEqual([]);
      await tab.context.close();
    });
  });
}
