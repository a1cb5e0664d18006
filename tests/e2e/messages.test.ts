/**
 * Conversations in Chromium (issue 24): a professional and a coordinator exchange messages from
 * the tracker and the candidate view (JavaScript on), a professional writes without JavaScript,
 * errors sit next to the field, success is a one-time flash where the person looks and the form is
 * empty again; links in messages are safe; both pages fit a 390 px phone.
 */
import type { Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "~/db.server";
import { useTestServer } from "../setup/server";
import { openTab, screenshot, submit, textOf, uiLogIn, useBrowser, visit } from "./browser";
import { SITCOM_GIG, seedApplication, seedCoordinator, seedLab, seedOpenGig, seedProfessional, seedRules } from "./seed";

const base = await useTestServer();
const browser = useBrowser();

beforeAll(async () => {
  await seedRules();
});

async function noHorizontalOverflow(page: Page) {
  return page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);
}

const conversation = (page: Page) => page.locator("#messages");

describe("messages between a professional and a coordinator", () => {
  it("exchange from the tracker and the candidate view (JavaScript on), fitting 1280x800 and 390 px", async () => {
    const lab = await seedLab(base, "Lumen Test Lab", "Lena Owner");
    const gig = await seedOpenGig(lab, { ...SITCOM_GIG, title: "Rank sitcom scenes (messages)" });
    const coord = await seedCoordinator("Priya Natarajan");
    const pro = await seedProfessional(base, { name: "Marta Quill", headline: "Sitcom writer", scores: {} });
    const appId = await seedApplication(pro.profileId, pro.userId, gig.id, "Happy to help.");
    const tracker = `/me/applications/${appId}`;
    const candidate = `/coord/gigs/${gig.id}/candidates/${appId}`;

    // The professional writes from the tracker.
    const p = await openTab(browser(), base, { js: true });
    await p.page.setViewportSize({ width: 1280, height: 800 });
    await uiLogIn(p, pro.email, tracker);
    await visit(p, tracker);
    const box = conversation(p.page);
    await expect.poll(() => textOf(box)).toContain("No messages yet.");
    // An empty message is stopped next to the field.
    await box.getByRole("button", { name: "Send message" }).click();
    const field = box.getByLabel("Your message");
    await expect.poll(() => field.getAttribute("aria-invalid")).toBe("true");
    await expect.poll(() => textOf(box)).toContain("Write a message.");
    await field.fill("Hello! <script>alert(1)</script> My sample reel: https://example.com/reel");
    await submit(p.page, box.getByRole("button", { name: "Send message" }));
    await expect.poll(() => textOf(box)).toContain("Message sent. Lumen Test Lab and the coordinators were notified.");
    expect(await textOf(box)).toContain("Hello! <script>alert(1)</script> My sample reel:");
    expect(await box.getByLabel("Your message").inputValue()).toBe("");
    const link = box.getByRole("link", { name: "https://example.com/reel" });
    expect(await link.getAttribute("rel")).toBe("noopener noreferrer nofollow ugc");
    expect(await link.getAttribute("href")).toBe("https://example.com/reel");
    expect(p.problems).toEqual([]);
    await screenshot(p.page, "messages-tracker-1280");

    // The coordinator sees it in the candidate view, marked new, and answers.
    const c = await openTab(browser(), base, { js: true });
    await c.page.setViewportSize({ width: 1280, height: 800 });
    // (Logged in elsewhere first: opening the conversation is what marks it read.)
    await uiLogIn(c, coord.email, "/coord");
    await visit(c, candidate);
    const cbox = conversation(c.page);
    await expect.poll(() => textOf(cbox)).toContain("Marta Quill");
    expect(await textOf(cbox)).toContain("New");
    expect(await textOf(cbox)).not.toContain(pro.email);
    await cbox.getByLabel("Your message").fill("Welcome, Marta. The kick-off is on Friday.");
    await submit(c.page, cbox.getByRole("button", { name: "Send message" }));
    await expect.poll(() => textOf(cbox)).toContain("Message sent. Marta Quill was notified.");
    expect(await textOf(cbox)).toContain("You (Priya Natarajan, Second Act coordinator)");
    expect(await cbox.getByLabel("Your message").inputValue()).toBe("");
    await screenshot(c.page, "messages-candidate-1280");

    // Back in the tracker, the answer is there, named without an email address.
    await visit(p, tracker);
    await expect.poll(() => textOf(conversation(p.page))).toContain("Priya Natarajan, Second Act coordinator");
    expect(await textOf(conversation(p.page))).toContain("Welcome, Marta. The kick-off is on Friday.");
    expect(await textOf(conversation(p.page))).not.toContain(coord.email);
    expect(await db().notification.count({ where: { userId: pro.userId, kind: "message" } })).toBe(1);

    // Phones: both pages fit 390 px.
    for (const [tab, url, name] of [
      [p, tracker, "messages-tracker-390"],
      [c, candidate, "messages-candidate-390"],
    ] as const) {
      await tab.page.setViewportSize({ width: 390, height: 844 });
      await visit(tab, url);
      await conversation(tab.page).scrollIntoViewIfNeeded();
      expect(await noHorizontalOverflow(tab.page), `${url} at 390 px`).toBe(true);
      await screenshot(tab.page, name);
    }
    await p.context.close();
    await c.context.close();
  });

  it("works without JavaScript: sent with a flash, refused next to the field with the text kept", async () => {
    const lab = await seedLab(base, "Nojs Lab", "Nora Owner");
    const gig = await seedOpenGig(lab, { ...SITCOM_GIG, title: "Rank sitcom scenes (no JS)" });
    const pro = await seedProfessional(base, { name: "Otto Nojs", headline: "Editor", scores: {} });
    const appId = await seedApplication(pro.profileId, pro.userId, gig.id, "");
    const tracker = `/me/applications/${appId}`;
    const p = await openTab(browser(), base, { js: false });
    await uiLogIn(p, pro.email, tracker);
    await visit(p, tracker);
    const box = conversation(p.page);
    const long = `${"x".repeat(3990)} ${"y".repeat(20)}`;
    // The browser's maxlength would stop typing; set the value directly as a pasted text would.
    await box.getByLabel("Your message").evaluate((el, v) => {
      (el as HTMLTextAreaElement).removeAttribute("maxlength");
      (el as HTMLTextAreaElement).value = v;
    }, long);
    await submit(p.page, box.getByRole("button", { name: "Send message" }));
    const after = conversation(p.page);
    expect(await textOf(after)).toContain("Use at most 4000 characters.");
    expect(await after.getByLabel("Your message").getAttribute("aria-invalid")).toBe("true");
    expect(await after.getByLabel("Your message").inputValue()).toBe(long);
    await after.getByLabel("Your message").fill("Sent without JavaScript.");
    await submit(p.page, after.getByRole("button", { name: "Send message" }));
    expect(new URL(p.page.url()).hash).toBe("#messages");
    expect(await textOf(conversation(p.page))).toContain("Message sent.");
    expect(await textOf(conversation(p.page))).toContain("Sent without JavaScript.");
    expect(await db().message.count({ where: { applicationId: appId } })).toBe(1);
    // A reload neither re-posts nor repeats the flash.
    await visit(p, tracker);
    expect(await textOf(conversation(p.page))).not.toContain("Message sent.");
    expect(await db().message.count({ where: { applicationId: appId } })).toBe(1);
    await p.context.close();
  });
});
