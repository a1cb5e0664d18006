/**
 * Searching as a person does, in Chromium:
 *
 * - gig search facets: two clicks in a row land where the person aimed (options do not re-sort
 *   after a click), a task type beyond the most common ones can be found and filtered (with a
 *   filter box, and without JavaScript through "Show more"), languages read as names;
 * - on a phone the search box comes before the (folded) filters;
 * - talent search: page links beyond page 1, results sorted by score, and inviting someone from
 *   the results keeps the coordinator on the same results page with the confirmation in view
 *   (JavaScript on and off; a reload does not invite twice).
 */
import type { Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "~/db.server";
import { TASK_TYPES } from "~/domain/taxonomy";
import { flushSearch } from "~/runtime.server";
import { useTestServer } from "../setup/server";
import { act, checkPage, openTab, reload, screenshot, submit, textOf, uiLogIn, useBrowser, visit } from "./browser";
import { SITCOM_GIG, seedCoordinator, seedLab, seedOpenGig, seedProfessional } from "./seed";

const base = await useTestServer();
const browser = useBrowser();

/** 16 task types in use: the first four on two gigs each, the others on one. */
const USED = TASK_TYPES.slice(0, 16);
/** The rarest task type that sorts last: beyond any "12 most common" cut-off. */
const RARE = [...USED.slice(4)].sort((a, b) => (a.key < b.key ? 1 : -1))[0]!;
const RARE_TITLE = `Only gig for ${RARE.name}`;
const SPANISH_TITLE = "Rank telenovela dialogue in Spanish";

const PEOPLE = 45; // three pages of 20
let coordEmail: string;
let inviteGigTitle: string;
let inviteGigId: string;
const nameOf = (i: number) => `Talent Person ${String(i).padStart(2, "0")}`;

beforeAll(async () => {
  const lab = await seedLab(base, "Heron Foundation Models", "Lucia Ferraro");
  for (const [i, t] of USED.entries()) {
    const copies = i < 4 ? 2 : 1;
    for (let c = 0; c < copies; c++) {
      const title = t.key === RARE.key ? RARE_TITLE : `${t.name} work, batch ${c + 1}`;
      await seedOpenGig(lab, { ...SITCOM_GIG, title, taskTypes: [t.key] });
    }
  }
  await seedOpenGig(lab, { ...SITCOM_GIG, title: SPANISH_TITLE, taskTypes: [USED[0]!.key], languages: ["es"] });
  const inviteGig = await seedOpenGig(lab, { ...SITCOM_GIG, title: "Table-read sitcom scenes for timing" });
  inviteGigId = inviteGig.id;
  inviteGigTitle = inviteGig.title;
  coordEmail = (await seedCoordinator("Priya Natarajan")).email;
  // Distinct best scores, so "sorted by score" has one right order: person i scores 50 + i.
  for (let i = 0; i < PEOPLE; i++) {
    await seedProfessional(base, {
      name: nameOf(i),
      headline: `Writer number ${i}`,
      scores: { DIALOGUE_PREFERENCE_RANKING: 50 + i, COMEDIC_TIMING_EVAL: 20 },
    });
  }
  await flushSearch();
}, 300_000);

const taskFacet = (page: Page) => page.getByRole("group", { name: "Task type" });
/** The task-type options a person can see (checkbox labels; not structure-specific, so it reads the old page too). */
const optionLabels = async (page: Page) =>
  (await taskFacet(page).locator("label:has(input[type=checkbox]):visible").allInnerTexts()).map((t) => t.replace(/\s+/g, " ").trim());
const taskParams = (page: Page) => new URL(page.url()).searchParams.getAll("taskTypes").sort();

describe("gig search facets", () => {
  it("two clicks in a row land on the options aimed at, and the order stays put", async () => {
    const tab = await openTab(browser(), base);
    const { page } = tab;
    await visit(tab, "/gigs");
    const before = await optionLabels(page);
    expect(before.length).toBeGreaterThanOrEqual(8);
    // The person aims at two options: the first, and the fourth (where it is now, on screen).
    const [a, b] = [USED[0]!, (await taskFacet(page).locator("input[type=checkbox]:visible").nth(3).getAttribute("value"))!];
    const target = await taskFacet(page)
      .getByLabel(TASK_TYPES.find((t) => t.key === b)!.name)
      .boundingBox();
    await act(page, () => taskFacet(page).getByLabel(a.name).check());
    expect(taskParams(page)).toEqual([a.key]);
    // The second click goes where the fourth option was before the first click: that option must still be there.
    const [cx, cy] = [target!.x + target!.width / 2, target!.y + target!.height / 2];
    const under = await page.evaluate(
      ([x, y]) => {
        const el = document.elementFromPoint(x!, y!);
        const input = el?.closest("label")?.querySelector<HTMLInputElement>("input[type=checkbox]");
        return input ? input.value : `no option (${el?.tagName.toLowerCase()} "${(el?.textContent ?? "").trim().slice(0, 30)}")`;
      },
      [cx, cy],
    );
    expect(under, "after the first click, the option the person aimed at is no longer where it was").toBe(b);
    await act(page, () => page.mouse.click(cx, cy));
    expect(taskParams(page), "the second click landed on another option").toEqual([a.key, b].sort());
    expect(
      await taskFacet(page)
        .locator("input:checked")
        .evaluateAll((els) => els.map((e) => (e as HTMLInputElement).value).sort()),
    ).toEqual([a.key, b].sort());
    const after = await optionLabels(page);
    expect(after.map((l) => l.replace(/\s*\(\d+\)$/, ""))).toEqual(before.map((l) => l.replace(/\s*\(\d+\)$/, "")));
    // Either-of counts: ticking a task type does not make the others' counts drop to what overlaps it.
    expect(after.find((l) => l.startsWith(TASK_TYPES.find((t) => t.key === b)!.name))).toMatch(/\((1|2)\)$/);
    await checkPage(page, "search-gigs-two-facets");
    await tab.context.close();
  });

  it("a task type beyond the most common can be found with the facet's filter box, and languages read as names", async () => {
    const tab = await openTab(browser(), base);
    const { page } = tab;
    await visit(tab, "/gigs");
    const languages = page.getByRole("group", { name: "Languages" });
    expect(await textOf(languages)).toContain("Spanish (1)");
    expect(await textOf(languages)).not.toMatch(/\bes\b/);
    await taskFacet(page).getByLabel("Filter task type options").fill(RARE.name.toLowerCase());
    expect(await optionLabels(page)).toEqual([`${RARE.name} (1)`]);
    await act(page, () => taskFacet(page).getByLabel(RARE.name).check());
    expect(taskParams(page)).toEqual([RARE.key]);
    expect(await textOf(page.locator("main .grid"))).toContain(RARE_TITLE);
    expect(await page.locator("main .grid > *").count()).toBe(1);
    await screenshot(page, "search-gigs-rare-task-type");
    await tab.context.close();
  });

  it("without JavaScript, every task type is reachable through Show more", async () => {
    const tab = await openTab(browser(), base, { js: false });
    const { page } = tab;
    await visit(tab, "/gigs");
    const rare = taskFacet(page).getByLabel(RARE.name);
    expect(await rare.isVisible()).toBe(false);
    await taskFacet(page)
      .locator("summary", { hasText: /^Show \d+ more$/ })
      .click();
    await rare.check();
    await submit(page, page.getByRole("button", { name: "Search", exact: true }));
    expect(taskParams(page)).toEqual([RARE.key]);
    expect(await textOf(page.locator("main .grid"))).toContain(RARE_TITLE);
    // The ticked option is in the "more" part, which is open after the reload.
    expect(await taskFacet(page).getByLabel(RARE.name).isChecked()).toBe(true);
    expect(await taskFacet(page).getByLabel(RARE.name).isVisible()).toBe(true);
    await tab.context.close();
  });

  it("on a phone the search box comes first and the filters are folded below it", async () => {
    const tab = await openTab(browser(), base);
    const { page } = tab;
    await page.setViewportSize({ width: 390, height: 844 });
    await visit(tab, "/gigs");
    const box = await page.getByRole("searchbox", { name: "Search gigs" }).boundingBox();
    const filters = page.locator("details.filters-panel > summary");
    const summary = await filters.boundingBox();
    expect(box!.y + box!.height).toBeLessThan(summary!.y);
    expect(box!.y).toBeLessThan(400);
    expect(await taskFacet(page).isVisible()).toBe(false);
    await filters.click();
    expect(await taskFacet(page).isVisible()).toBe(true);
    await screenshot(page, "search-gigs-phone-filters-open");
    await tab.context.close();
  });
});

/** The people on the current results page, in order, with their best score. */
async function resultRows(page: Page) {
  return page.locator("ol.people-list > li").evaluateAll((lis) =>
    lis.map((li) => ({
      name: li.querySelector("a strong")?.textContent ?? "",
      best: Math.max(...[...li.querySelectorAll(".score")].map((s) => Number(s.textContent))),
    })),
  );
}

describe("talent search", () => {
  it("pages through every result with page links, sorted by score", async () => {
    const tab = await openTab(browser(), base);
    const { page } = tab;
    await uiLogIn(tab, coordEmail);
    await visit(tab, "/talent");
    expect(await page.getByLabel("Sort by").inputValue()).toBe("score");
    const first = await resultRows(page);
    expect(first).toHaveLength(20);
    expect(first[0]).toEqual({ name: nameOf(PEOPLE - 1), best: 50 + PEOPLE - 1 });
    for (let i = 1; i < first.length; i++) expect(first[i]!.best).toBeLessThanOrEqual(first[i - 1]!.best);
    const pager = page.getByRole("navigation", { name: "Result pages" });
    await submit(page, pager.getByRole("link", { name: "Page 3" }));
    expect(new URL(page.url()).searchParams.get("page")).toBe("3");
    expect(await textOf(pager.locator('[aria-current="page"]'))).toBe("Page 3");
    const third = await resultRows(page);
    expect(third.length).toBeGreaterThanOrEqual(PEOPLE - 40);
    expect(third.at(-1)).toEqual({ name: nameOf(0), best: 50 });
    await checkPage(page, "talent-page-3");
    await tab.context.close();
  });

  for (const js of [true, false]) {
    it(`invites someone from page 2 and stays there with the confirmation in view (JavaScript ${js ? "on" : "off"})`, async () => {
      const tab = await openTab(browser(), base, { js });
      const { page } = tab;
      await uiLogIn(tab, coordEmail);
      await visit(tab, `/talent?gig=${inviteGigId}&page=2`);
      expect(await page.getByLabel("Invite to").inputValue()).toBe(inviteGigId);
      const rows = await resultRows(page);
      const who = rows[js ? 14 : 15]!.name; // far enough down the page to need scrolling
      const row = page.locator("ol.people-list > li", { has: page.getByRole("link", { name: who, exact: true }) });
      await row.scrollIntoViewIfNeeded();
      await submit(page, row.getByRole("button", { name: `Invite ${who} to ${inviteGigTitle}` }));
      const url = new URL(page.url());
      expect(url.pathname).toBe("/talent");
      expect(url.searchParams.get("page")).toBe("2");
      expect(url.searchParams.get("gig")).toBe(inviteGigId);
      const confirmation = row.getByRole("status");
      expect(await textOf(confirmation)).toBe(`Invited to “${inviteGigTitle}”. ${who} has been notified.`);
      expect(await confirmation.isVisible()).toBe(true);
      const box = await confirmation.boundingBox();
      const viewport = page.viewportSize()!;
      expect(box!.y, "the confirmation is on screen").toBeGreaterThanOrEqual(0);
      expect(box!.y + box!.height).toBeLessThanOrEqual(viewport.height);
      const profile = await db().profile.findFirstOrThrow({ where: { displayName: who } });
      const apps = await db().application.findMany({ where: { profileId: profile.id, gigId: inviteGigId } });
      expect(apps.map((a) => [a.stage, a.origin])).toEqual([["INVITED", "INVITED"]]);
      expect(await db().notification.count({ where: { userId: profile.userId, kind: "application.invited" } })).toBe(1);
      await screenshot(page, `talent-invited-js-${js ? "on" : "off"}`);
      // A reload shows the same state and sends nothing again.
      await reload(page);
      expect(await db().application.count({ where: { profileId: profile.id, gigId: inviteGigId } })).toBe(1);
      expect(await textOf(row.getByRole("status"))).toContain("Invited");
      // The confirmation was a one-time flash: the reload shows the state, not the message again.
      expect(await textOf(row.getByRole("status"))).not.toContain("has been notified");
      await tab.context.close();
    });
  }
});
