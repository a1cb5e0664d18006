/**
 * Trust basics, as a new professional meets them: the terms and privacy notice that sign-up asks
 * for exist, are linked there and versioned; a new user is welcomed (not "welcomed back") and
 * lands on their own home; applying confirms to them and notifies the lab and the gig's
 * coordinator; times are in the viewer's time zone; stages read as words.
 */
import { describe, expect, it } from "vitest";
import { db } from "~/db.server";
import { LEGAL_TEXTS } from "~/domain/legal";
import { useTestServer } from "../setup/server";
import { checkPage, mainText, openTab, screenshot, submit, textOf, uiLogIn, uiSignUp, useBrowser, visit } from "./browser";
import { SITCOM_GIG, seedCoordinator, seedLab, seedOpenGig } from "./seed";

const base = await useTestServer();
const browser = useBrowser();

describe("trust basics for a new professional", () => {
  it("terms and privacy are linked at sign-up and versioned; Welcome; / is home; applying confirms and notifies; local times; stage words", async () => {
    const lab = await seedLab(base, "Kite Studio", "Ade Bello");
    const gig = await seedOpenGig(lab, { ...SITCOM_GIG, title: "Judge sitcom cold opens" });
    const coordinator = await seedCoordinator("Mina Park");
    await db().gig.update({ where: { id: gig.id }, data: { coordinatorId: coordinator.user.id } });

    const tab = await openTab(browser(), base, { timezoneId: "America/Los_Angeles" });
    const { page } = tab;

    // 1. The documents sign-up asks for exist, are linked where they are accepted, and carry a version.
    await visit(tab, "/signup");
    const consent = page.locator("main form .field", { has: page.getByLabel(/I accept the/) });
    const termsHref = await consent.getByRole("link", { name: "terms of use" }).getAttribute("href");
    const privacyHref = await consent.getByRole("link", { name: "privacy notice" }).getAttribute("href");
    expect([termsHref, privacyHref]).toEqual(["/terms", "/privacy"]);
    for (const [href, doc] of [
      ["/terms", LEGAL_TEXTS.TERMS_OF_USE],
      ["/privacy", LEGAL_TEXTS.PRIVACY_NOTICE],
    ] as const) {
      const other = await tab.context.newPage();
      const res = await other.goto(href);
      expect(res?.status()).toBe(200);
      expect(await textOf(other.getByRole("heading", { level: 1 }))).toBe(doc.title);
      expect(await textOf(other.locator("main"))).toContain(`Version ${doc.version}`);
      await other.close();
    }

    // 2. A new user is welcomed, not welcomed back, and "/" is their own home.
    const email = await uiSignUp(tab, { name: "Lena Ortiz" });
    const user = await db().user.findUniqueOrThrow({ where: { email }, include: { consents: true } });
    expect(user.consents.map((c) => [c.kind, c.textVersion]).sort()).toEqual([
      ["PRIVACY_NOTICE", LEGAL_TEXTS.PRIVACY_NOTICE.version],
      ["TERMS_OF_USE", LEGAL_TEXTS.TERMS_OF_USE.version],
    ]);
    await visit(tab, "/");
    expect(new URL(page.url()).pathname).toBe("/me");
    expect(await textOf(page.getByRole("heading", { level: 1 }))).toBe("Welcome, Lena Ortiz");
    await checkPage(page, "dashboard-new-user");

    // 3. Applying: a confirmation where the person is looking, a notification for them, and for the lab and the coordinator.
    await visit(tab, `/gigs/${gig.id}`);
    await page.getByLabel("A note for the lab").fill("Ten years writing cold opens.");
    await submit(page, page.getByRole("button", { name: "Apply to this gig" }));
    expect(new URL(page.url()).pathname).toMatch(/^\/me\/applications\//);
    expect((await page.getByRole("status").allInnerTexts()).join(" ")).toContain(
      `Application sent: "Judge sitcom cold opens". The lab has been notified`,
    );
    const titles = async (userId: string) =>
      (await db().notification.findMany({ where: { userId }, select: { title: true } })).map((n) => n.title);
    expect(await titles(user.id)).toContain('Your application to "Judge sitcom cold opens" was sent');
    const owner = await db().user.findUniqueOrThrow({ where: { email: lab.ownerEmail } });
    expect(await titles(owner.id)).toContain('New applicant for "Judge sitcom cold opens"');
    expect(await titles(coordinator.user.id)).toContain('New applicant for "Judge sitcom cold opens"');

    // 4. Stages are words; times are in the viewer's zone (relative, absolute on hover), never raw UTC.
    const history = page.locator("section", { has: page.getByRole("heading", { name: "History" }) });
    const entry = history.locator("li").first();
    expect(await textOf(entry)).toMatch(/^(just now|\d+ minutes? ago): Applied$/);
    expect(await entry.locator("time").getAttribute("title")).toMatch(/GMT-8$/);
    await checkPage(page, "tracker-applied");

    await visit(tab, "/notifications");
    const note = page.locator("li.card", { hasText: "was sent" });
    expect(await textOf(note.locator("time"))).toMatch(/^(just now|\d+ minutes? ago)$/);
    expect(await note.locator("time").getAttribute("title")).toMatch(/GMT-8$/);
    expect(await mainText(page)).not.toMatch(/\d{4}-\d\d-\d\d[ T]\d\d:\d\d|UTC/);
    await checkPage(page, "notifications-local-time");

    // On a phone: the new pages and messages fit the screen.
    await page.setViewportSize({ width: 390, height: 844 });
    for (const path of ["/terms", "/privacy", `/gigs/${gig.id}`, "/notifications"]) {
      await visit(tab, path);
      expect(await page.evaluate(() => document.documentElement.scrollWidth), `${path} at 390 px`).toBeLessThanOrEqual(390);
      await screenshot(page, `trust-phone${path.replace(/\//g, "-")}`);
    }
    expect(tab.problems).toEqual([]);
    await tab.context.close();

    // The lab sees the pipeline in words too.
    const labTab = await openTab(browser(), base);
    await uiLogIn(labTab, lab.ownerEmail);
    await visit(labTab, `/gigs/${gig.id}`);
    expect(await mainText(labTab.page)).toContain("Pipeline: Applied: 1");
    await labTab.context.close();
  });
});
