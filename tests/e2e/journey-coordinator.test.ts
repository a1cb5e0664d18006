/**
 * A coordinator's day on the onboarding board in a real browser: a per-card move, a bulk
 * decline with a reason, and a concurrent edit from two tabs (the stale tab gets the conflict
 * message, reloads and succeeds). Then the coordinator pages: /coord, /talent and the
 * insights pages (when they exist). Also: board moves without JavaScript.
 */
import type { Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "~/db.server";
import { flushSearch } from "~/runtime.server";
import { useTestServer } from "../setup/server";
import { checkPage, mainText, openTab, reload, screenshot, secondPage, submit, textOf, uiLogIn, useBrowser, visit } from "./browser";
import { SITCOM_GIG, seedApplication, seedCoordinator, seedLab, seedOpenGig, seedProfessional, stageOf } from "./seed";

const base = await useTestServer();
const browser = useBrowser();

const APPLICANTS: { name: string; headline: string; scores: Record<string, number> }[] = [
  {
    name: "Oluwaseun Adeyemi",
    headline: "Staff writer on two network sitcoms",
    scores: { DIALOGUE_PREFERENCE_RANKING: 86, COMEDIC_TIMING_EVAL: 81 },
  },
  { name: "Bridget Halloran", headline: "Assistant editor, reality TV", scores: { DIALOGUE_PREFERENCE_RANKING: 35 } },
  { name: "Rafael Ortega", headline: "Camera operator, documentaries", scores: { COMEDIC_TIMING_EVAL: 22 } },
  {
    name: "Sanna Virtanen",
    headline: "Story editor, single-cam comedy",
    scores: { DIALOGUE_PREFERENCE_RANKING: 79, COMEDIC_TIMING_EVAL: 83 },
  },
  { name: "Theo Lambert", headline: "Late-night sketch writer", scores: { COMEDIC_TIMING_EVAL: 90 } },
  { name: "Yuki Matsumoto", headline: "Script supervisor, procedurals", scores: { DIALOGUE_PREFERENCE_RANKING: 40 } },
];

let gigId: string;
let coordEmail: string;
const appOf = new Map<string, string>();

beforeAll(async () => {
  const lab = await seedLab(base, "Heron Foundation Models", "Lucia Ferraro");
  const gig = await seedOpenGig(lab, SITCOM_GIG);
  gigId = gig.id;
  for (const a of APPLICANTS) {
    const p = await seedProfessional(base, a);
    appOf.set(a.name, await seedApplication(p.profileId, p.userId, gig.id, `Hi, I'm ${a.name.split(" ")[0]}. ${a.headline}.`));
  }
  coordEmail = (await seedCoordinator("Priya Natarajan")).email;
  await flushSearch();
});

const card = (page: Page, name: string) => page.getByTestId(`card-${appOf.get(name)}`);
const column = (page: Page, label: string) => page.getByRole("region", { name: new RegExp(`^${label}: \\d+$`) });

describe("coordinator journey (JavaScript on)", () => {
  it("moves a card, bulk-declines two with a reason and resolves a concurrent edit", async () => {
    const tab = await openTab(browser(), base);
    const pageA = tab.page;
    await uiLogIn(tab, coordEmail);
    expect(new URL(pageA.url()).pathname).toBe("/coord");
    await checkPage(pageA, "coord-home");

    await submit(pageA, pageA.getByRole("link", { name: SITCOM_GIG.title }));
    expect(new URL(pageA.url()).pathname).toBe(`/coord/gigs/${gigId}`);
    expect(await column(pageA, "Applied").locator("article").count()).toBe(6);
    await checkPage(pageA, "board");

    // 1. A per-card button.
    await submit(pageA, card(pageA, "Oluwaseun Adeyemi").getByRole("button", { name: "Shortlist" }));
    expect(await textOf(pageA.getByRole("status"))).toBe("Oluwaseun Adeyemi moved to Shortlisted.");
    expect(await textOf(column(pageA, "Shortlisted"))).toContain("Oluwaseun Adeyemi");
    expect(await stageOf(appOf.get("Oluwaseun Adeyemi")!)).toBe("SHORTLISTED");

    // 2. Select two with their checkboxes and decline them together, with a reason.
    await pageA.getByLabel("Select Bridget Halloran").check();
    await pageA.getByLabel("Select Rafael Ortega").check();
    const bulk = pageA.locator("form#bulk");
    await bulk.getByLabel("Move to").selectOption({ label: "Not selected" });
    await bulk.getByLabel("Reason (required to decline)").fill("This batch needs people with writers' room experience.");
    // The bulk buttons say how many are ticked.
    await submit(pageA, bulk.getByRole("button", { name: "Move 2 selected" }));
    expect(await textOf(pageA.getByRole("status"))).toBe("Moved 2 applications to Not selected.");
    const declined = column(pageA, "Not selected");
    expect(await textOf(declined)).toContain("Bridget Halloran");
    expect(await textOf(declined)).toContain("Rafael Ortega");
    for (const name of ["Bridget Halloran", "Rafael Ortega"]) {
      const app = await db().application.findUniqueOrThrow({ where: { id: appOf.get(name)! } });
      expect(app.stage).toBe("DECLINED");
      expect(app.lastReason).toBe("This batch needs people with writers' room experience.");
    }
    await screenshot(pageA, "board-after-bulk");

    // 3. Two tabs on the same board: A moves Sanna, then B (stale) tries the same card.
    const pageB = await secondPage(tab);
    await visit(pageB, `/coord/gigs/${gigId}`);
    await reload(pageA);
    await submit(pageA, card(pageA, "Sanna Virtanen").getByRole("button", { name: "Shortlist" }));
    expect(await textOf(pageA.getByRole("status"))).toBe("Sanna Virtanen moved to Shortlisted.");
    await submit(pageB, card(pageB, "Sanna Virtanen").getByRole("button", { name: "Shortlist" }));
    expect(await textOf(pageB.getByRole("alert"))).toContain("Someone else changed this application");
    await checkPage(pageB, "board-conflict");
    await reload(pageB);
    expect(await textOf(column(pageB, "Shortlisted"))).toContain("Sanna Virtanen");
    await submit(pageB, card(pageB, "Sanna Virtanen").getByRole("button", { name: "Move to screening" }));
    expect(await textOf(pageB.getByRole("status"))).toBe("Sanna Virtanen moved to Screening.");
    expect(await textOf(column(pageB, "Screening"))).toContain("Sanna Virtanen");
    expect(await stageOf(appOf.get("Sanna Virtanen")!)).toBe("SCREENING");
    const path = await db().stageTransition.findMany({ where: { applicationId: appOf.get("Sanna Virtanen")! }, orderBy: { at: "asc" } });
    expect(path.map((t) => t.toStage)).toEqual(["APPLIED", "SHORTLISTED", "SCREENING"]);

    // 4. The other coordinator pages.
    await visit(pageA, "/coord");
    expect(await mainText(pageA)).toContain(SITCOM_GIG.title);
    // Stage SLAs: a keyboard-usable table form; a bad value gets a field error, a good one saves.
    await visit(pageA, "/coord/sla");
    await checkPage(pageA, "coord-sla");
    const applied = pageA.getByLabel("Applied", { exact: true });
    await applied.fill("0");
    // The same schema checks it in the browser (no request), as the server would.
    await pageA.getByRole("button", { name: "Save SLAs" }).click();
    await expect.poll(() => mainText(pageA)).toContain("Use 1 to 90 days");
    await pageA.getByLabel("Applied", { exact: true }).fill("3");
    await submit(pageA, pageA.getByRole("button", { name: "Save SLAs" }));
    expect(await textOf(pageA.getByRole("status"))).toContain("Stage SLAs saved");
    expect((await db().stageSla.findUniqueOrThrow({ where: { stage: "APPLIED" } })).days).toBe(3);
    await visit(pageA, "/talent?q=sitcom");
    expect(await mainText(pageA)).toContain("Sanna Virtanen");
    await checkPage(pageA, "talent-coordinator");
    for (const [path, name] of [
      ["/insights", "insights"],
      ["/insights/fairness", "insights-fairness"],
    ]) {
      const res = await pageA.goto(path);
      if (res?.status() === 404) {
        console.log(`[e2e] ${path} does not exist in this build yet: skipping its checks (it is being built in parallel).`);
        continue;
      }
      expect(res?.status(), `GET ${path}`).toBe(200);
      await reload(pageA);
      await checkPage(pageA, name);
    }
    expect(tab.problems).toEqual([]);
    await tab.context.close();
  });
});

describe("board without JavaScript", () => {
  it("moves a card and declines one with its reason as plain HTML forms", async () => {
    const tab = await openTab(browser(), base, { js: false });
    const { page } = tab;
    await uiLogIn(tab, coordEmail);
    await visit(tab, `/coord/gigs/${gigId}`);
    await submit(page, card(page, "Theo Lambert").getByRole("button", { name: "Shortlist" }));
    expect(await textOf(page.getByRole("status"))).toBe("Theo Lambert moved to Shortlisted.");
    expect(await textOf(column(page, "Shortlisted"))).toContain("Theo Lambert");

    // Declining is behind "Decline…" (a plain <details>, no JavaScript needed), which reveals the reason box.
    const yuki = card(page, "Yuki Matsumoto");
    await yuki.getByText("Decline…").click();
    await yuki.getByLabel("Reason to decline Yuki Matsumoto").fill("We need comedy writing credits for this gig.");
    await submit(page, yuki.getByRole("button", { name: "Decline" }));
    expect(await textOf(page.getByRole("status"))).toBe("Yuki Matsumoto moved to Not selected.");
    expect(await textOf(column(page, "Not selected"))).toContain("Yuki Matsumoto");
    const app = await db().application.findUniqueOrThrow({ where: { id: appOf.get("Yuki Matsumoto")! } });
    expect(app.stage).toBe("DECLINED");
    expect(app.lastReason).toBe("We need comedy writing credits for this gig.");
    await screenshot(page, "nojs-board");
    expect(tab.problems).toEqual([]);
    await tab.context.close();
  });
});
