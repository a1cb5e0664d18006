/**
 * Issue #20: the transfer profile of a multi-credit career shows a clear top three, each with a
 * reason specific to its task type and the strongest evidence visible without expanding anything;
 * the rest is a compact list. Checked at 1280x800 and 390x844 (no horizontal scrolling).
 */
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "~/db.server";
import { addCredit } from "~/services/profiles.server";
import { useTestServer } from "../setup/server";
import { checkPage, openTab, screenshot, textOf, uiSignUp, useBrowser, visit } from "./browser";
import { seedRules } from "./seed";

const base = await useTestServer();
const browser = useBrowser();

// The seven credits of the career in the issue: multi-cam sitcoms and late night.
const CREDITS = [
  {
    showTitle: "Two Doors Down",
    format: "MULTI_CAM_SITCOM",
    genres: ["COMEDY"],
    role: "STAFF_WRITER",
    startYear: 2012,
    endYear: 2014,
    episodes: 44,
  },
  {
    showTitle: "The Landlords",
    format: "MULTI_CAM_SITCOM",
    genres: ["COMEDY", "FAMILY"],
    role: "STORY_EDITOR",
    startYear: 2015,
    endYear: 2017,
    episodes: 66,
  },
  {
    showTitle: "Tonight with Sam",
    format: "LATE_NIGHT",
    genres: ["COMEDY", "SATIRE"],
    role: "STAFF_WRITER",
    startYear: 2018,
    endYear: 2020,
    episodes: 480,
  },
  {
    showTitle: "The Late Desk",
    format: "LATE_NIGHT",
    genres: ["COMEDY", "TALK_SHOW"],
    role: "HEAD_WRITER",
    startYear: 2021,
    endYear: "",
    episodes: 520,
  },
  { showTitle: "Harbour Lights", format: "DRAMA", genres: ["DRAMA"], role: "STORY_EDITOR", startYear: 2010, endYear: 2011, episodes: 20 },
  {
    showTitle: "Apartment 4B",
    format: "MULTI_CAM_SITCOM",
    genres: ["COMEDY"],
    role: "EXECUTIVE_STORY_EDITOR",
    startYear: 2019,
    endYear: 2020,
    episodes: 22,
  },
  { showTitle: "Space Pals", format: "ANIMATION", genres: ["COMEDY"], role: "STAFF_WRITER", startYear: 2016, endYear: 2017, episodes: 26 },
];

beforeAll(async () => {
  await seedRules();
});

describe("transfer profile", () => {
  it("shows a clear top three with distinct, specific reasons and the rest as a compact list", async () => {
    const tab = await openTab(browser(), base);
    const { page } = tab;
    const email = await uiSignUp(tab, { name: "Jo Marchetti" });
    const user = await db().user.findUniqueOrThrow({ where: { email }, include: { profile: true } });
    for (const c of CREDITS) {
      const r = await addCredit(user.profile!.id, { ...c, network: "" }, { id: user.id, role: "PROFESSIONAL" });
      expect(r.ok, JSON.stringify(r)).toBe(true);
    }
    const stored = await db().profile.findUniqueOrThrow({ where: { id: user.profile!.id } });
    expect(stored.transferModelVersion).toBe("transfer-2.0.0");

    for (const [name, viewport] of [
      ["desktop", { width: 1280, height: 800 }],
      ["phone", { width: 390, height: 844 }],
    ] as const) {
      await page.setViewportSize(viewport);
      await visit(tab, "/me/profile/transfer");

      const top = page
        .getByRole("list", { name: "Your strongest fits" })
        .getByRole("listitem")
        .filter({ has: page.locator("h4") });
      expect(await top.count()).toBe(3);
      const cards = await Promise.all(
        [0, 1, 2].map(async (i) => {
          const card = top.nth(i);
          return {
            name: await textOf(card.locator(".fit-name")),
            score: Number(await textOf(card.locator(".fit-score .score"))),
            reason: await textOf(card.locator(".fit-reason")),
            strongest: await textOf(card.locator(".fit-strongest")),
            reasonVisible: await card.locator(".fit-reason").isVisible(),
            strongestVisible: await card.locator(".fit-strongest").isVisible(),
          };
        }),
      );
      // The task this career fits most directly comes first, with the late-night room behind it.
      expect(cards[0].name).toBe("Comedic-timing evaluation");
      expect(cards.map((c) => c.name)).toContain("Prompt writing");
      for (const c of cards) {
        expect(c.reasonVisible && c.strongestVisible, c.name).toBe(true);
        expect(c.reason, c.name).toMatch(/ Driven by .+ \((Head writer|Staff writer|Story editor|Executive story editor), \d+ episodes\)/);
        expect(c.strongest, c.name).toMatch(/^Strongest evidence: .+ · .+ · .+ · \d{4}–(\d{4}|now) · \d+ ep\./);
      }
      // Specific: three different reasons, each opening with a different "why".
      expect(new Set(cards.map((c) => c.reason)).size).toBe(3);
      expect(new Set(cards.map((c) => c.reason.split(" Driven by ")[0])).size).toBe(3);
      expect(cards[0].reason).toMatch(/run-through|live audience|jokes/);

      // The rest is a compact list, in score order, below the top three.
      const others = page.getByRole("list", { name: /more task types? your credits transfer to/ }).locator(":scope > li");
      const otherCount = await others.count();
      expect(otherCount).toBeGreaterThan(5);
      const otherScores = await others.locator(".other-fit-head .score").allInnerTexts();
      expect(Number(otherScores[0])).toBeLessThanOrEqual(cards[2].score);
      // Separation: #3 stands clearly above #8.
      expect(cards[2].score - Number(otherScores[4])).toBeGreaterThanOrEqual(10);
      // Each compact row says why in its own words (the shows behind it open on demand)...
      const whys = await others.locator(":scope > details > summary").allInnerTexts();
      expect(whys).toHaveLength(otherCount);
      expect(new Set(whys).size).toBe(otherCount);
      // ...and its head is one line of name, bar and score.
      const rowHeight = (await others.first().locator(".other-fit-head").boundingBox())!.height;
      expect(rowHeight).toBeLessThan(60);

      // The top three fit on the first screen at desktop size.
      if (name === "desktop") {
        const box = (await top.nth(2).locator(".fit-strongest").boundingBox())!;
        expect(box.y + box.height).toBeLessThan(800 + 250);
        const first = (await top.nth(0).boundingBox())!;
        const third = (await top.nth(2).boundingBox())!;
        expect(Math.abs(first.y - third.y)).toBeLessThan(2); // side by side
      }
      // No horizontal scrolling.
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(overflow).toBeLessThanOrEqual(0);
      await screenshot(page, `transfer-profile-${name}`);
    }
    await page.setViewportSize({ width: 1280, height: 800 });
    await checkPage(page, "transfer-profile");
    expect(tab.problems).toEqual([]);
  });
});
