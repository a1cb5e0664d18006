/**
 * Matching keeps the profile's promise ("your minimum rate keeps you out of gigs that pay less"),
 * as a professional with a $55/h minimum sees it: a $12/h gig is not in "Gigs for me", comes last
 * and flagged in "Best match for me", and its page shows "Your match" with the reasons. A gig they
 * applied to is not recommended again. The lab's view does not change with the private rate.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "~/db.server";
import { flushSearch } from "~/runtime.server";
import { useTestServer } from "../setup/server";
import { checkPage, mainText, openTab, screenshot, textOf, uiLogIn, useBrowser, visit } from "./browser";
import { SITCOM_GIG, type SeededLab, seedApplication, seedLab, seedOpenGig, seedProfessional, seedRules } from "./seed";

const base = await useTestServer();
const browser = useBrowser();

const SCORES = { DIALOGUE_PREFERENCE_RANKING: 92, COMEDIC_TIMING_EVAL: 88 };
let lab: SeededLab;
let pro: Awaited<ReturnType<typeof seedProfessional>>;
let twin: Awaited<ReturnType<typeof seedProfessional>>;
const gigs: Record<"cheap" | "fair" | "applied", string> = { cheap: "", fair: "", applied: "" };

beforeAll(async () => {
  await seedRules();
  lab = await seedLab(base, "Wren Analytics", "Olu Adeyemi");
  // Same skills on every gig: only the pay differs, so without the rule the cheap gig ranks with the others.
  gigs.cheap = (await seedOpenGig(lab, { ...SITCOM_GIG, title: "Rank sitcom punchlines for pennies", payAmount: 12 })).id;
  gigs.fair = (await seedOpenGig(lab, { ...SITCOM_GIG, title: "Rank sitcom punchlines, fairly paid", payAmount: 62 })).id;
  gigs.applied = (await seedOpenGig(lab, { ...SITCOM_GIG, title: "Rank sitcom punchlines, already applied", payAmount: 70 })).id;
  pro = await seedProfessional(base, { name: "Rosa Delgado", headline: "Sitcom story editor", scores: SCORES });
  // The same person in every respect except that she has no minimum rate.
  twin = await seedProfessional(base, { name: "Rosa Twin", headline: "Sitcom story editor", scores: SCORES });
  await db().profile.update({ where: { id: pro.profileId }, data: { minRateCents: 5500, rateCurrency: "USD" } });
  await db().profile.update({ where: { id: twin.profileId }, data: { minRateCents: null } });
  await seedApplication(pro.profileId, pro.userId, gigs.applied, "I have done this before.");
  await flushSearch();
});

describe("the minimum rate and applied gigs in a professional's recommendations", () => {
  it("Gigs for me leaves out the $12/h gig and the applied one; Best match puts the $12/h gig last and flags it; the gig page shows Your match", async () => {
    const tab = await openTab(browser(), base);
    const { page } = tab;
    await uiLogIn(tab, pro.email);

    await visit(tab, "/me");
    const forMe = page.locator("section", { has: page.getByRole("heading", { name: "Gigs for me" }) });
    const titles = await forMe.locator("article h3").allInnerTexts();
    expect(titles).toContain("Rank sitcom punchlines, fairly paid");
    expect(titles).not.toContain("Rank sitcom punchlines for pennies");
    expect(titles).not.toContain("Rank sitcom punchlines, already applied");
    await checkPage(page, "dashboard-gigs-for-me");

    await visit(tab, "/gigs?q=punchlines&sort=match");
    const cards = page.locator("main article");
    const order = await cards.locator("h3").allInnerTexts();
    expect(order).toHaveLength(3);
    expect(order[2]).toBe("Rank sitcom punchlines for pennies");
    expect(await textOf(cards.nth(2))).toContain("Pays below your minimum rate");
    expect(await textOf(cards.filter({ hasText: "already applied" }))).toContain("You applied");
    expect(await textOf(cards.filter({ hasText: "fairly paid" }))).not.toContain("Pays below your minimum rate");
    await checkPage(page, "gigs-best-match");

    await visit(tab, `/gigs/${gigs.cheap}`);
    const yours = page.getByRole("region", { name: /^Your match/ });
    expect(await textOf(yours)).toMatch(/Your match: \d+\/100/);
    expect(await textOf(yours)).toContain("pays less than your minimum rate");
    expect(await textOf(yours)).toContain("Your rate $55/h is above the gig's $12/h");
    await checkPage(page, "gig-your-match");
    await page.setViewportSize({ width: 390, height: 844 });
    await visit(tab, `/gigs/${gigs.cheap}`);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await screenshot(page, "gig-your-match-phone");
    expect(tab.problems).toEqual([]);
    await tab.context.close();
  });

  it("the lab's recommended candidates do not depend on the private rate: the twins get the same score, and no rate is shown", async () => {
    const tab = await openTab(browser(), base);
    const { page } = tab;
    await uiLogIn(tab, lab.ownerEmail);
    await visit(tab, `/gigs/${gigs.cheap}`);
    expect(await page.getByRole("region", { name: /^Your match/ }).count()).toBe(0);
    const rows = page.locator("table", { has: page.getByRole("columnheader", { name: "Candidate" }) }).locator("tbody tr");
    const score = async (name: string) => textOf(rows.filter({ hasText: name }).locator("td.score"));
    expect(await rows.filter({ hasText: "Rosa Delgado" }).count()).toBe(1);
    expect(await score("Rosa Delgado")).toBe(await score("Rosa Twin"));
    expect(await mainText(page)).not.toMatch(/\$55|your rate/i);
    expect(tab.problems).toEqual([]);
    await tab.context.close();
  });
});
