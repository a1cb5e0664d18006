/**
 * Deciding on people from the onboarding board, as a coordinator and as the lab do it, at
 * 1280x800 and 390x844:
 * - every card links to a candidate view: profile summary, credits, transfer scores and match
 *   reasons for this gig, the note written when applying, the screening answer (scored from
 *   there) and the stage history; two columns on a desktop, stacked on a phone;
 * - per-card actions are one next-step button plus "Decline…", whose reason box shows only when
 *   chosen; after an action the person is back on the same filtered board with that card in view
 *   and the confirmation on it; counts follow the filters; bulk buttons say how many are ticked;
 * - the lab invites from the recommended candidates without leaving the list, and sees what the
 *   person shares with it, never their private fields.
 */
import type { Locator, Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "~/db.server";
import { flushSearch } from "~/runtime.server";
import { applyChecklistAction } from "~/services/applications.server";
import { addCredit } from "~/services/profiles.server";
import { useTestServer } from "../setup/server";
import { act, checkPage, mainText, openTab, reload, screenshot, submit, textOf, uiLogIn, useBrowser, visit } from "./browser";
import { SITCOM_GIG, move, seedApplication, seedCoordinator, seedLab, seedOpenGig, seedProfessional, seedRules, stageOf } from "./seed";

const base = await useTestServer();
const browser = useBrowser();

const DESKTOP = { width: 1280, height: 800 };
const PHONE = { width: 390, height: 844 };

const PEOPLE: { name: string; headline: string; scores: Record<string, number>; note: string }[] = [
  {
    name: "Marisol Quintero",
    headline: "Staff writer, two network sitcoms",
    scores: { DIALOGUE_PREFERENCE_RANKING: 88, COMEDIC_TIMING_EVAL: 84 },
    note: "I ran the punch-up table on 44 episodes of a multi-cam.",
  },
  {
    name: "Dev Raman",
    headline: "Story editor, single-cam comedy",
    scores: { DIALOGUE_PREFERENCE_RANKING: 74 },
    note: "Story editor for three seasons; I love a cold open.",
  },
  { name: "Agnes Whitlock", headline: "Script coordinator, procedurals", scores: { DIALOGUE_PREFERENCE_RANKING: 41 }, note: "" },
  {
    name: "Tomasz Zielinski",
    headline: "Late-night sketch writer",
    scores: { COMEDIC_TIMING_EVAL: 90 },
    note: "Eight years of sketch, two Emmy nominations.",
  },
  {
    name: "Bea Okafor",
    headline: "Comedy writers' assistant",
    scores: { DIALOGUE_PREFERENCE_RANKING: 55 },
    note: "Writers' assistant on a hit sitcom.",
  },
];
const SCREENER: { name: string; headline: string; scores: Record<string, number>; note?: string } = {
  name: "Hollis Grant",
  headline: "Co-producer, multi-cam sitcoms",
  scores: { DIALOGUE_PREFERENCE_RANKING: 80, COMEDIC_TIMING_EVAL: 79 },
};
const RECOMMENDED = {
  name: "Noor Haddad",
  headline: "Head writer, animated comedy",
  scores: { DIALOGUE_PREFERENCE_RANKING: 92, COMEDIC_TIMING_EVAL: 91 },
};
const ANSWER = "Pair 1: B. The button lands on the reversal.\nPair 2: A. B steps on its own laugh.";
const MIN_RATE = "8123.45";

let gigId: string;
let labEmail: string;
let coordEmail: string;
const appOf = new Map<string, string>();

beforeAll(async () => {
  await seedRules();
  const lab = await seedLab(base, "Kestrel Dialogue Lab", "Rosa Lindqvist");
  labEmail = lab.ownerEmail;
  const gig = await seedOpenGig(lab, SITCOM_GIG);
  gigId = gig.id;
  const coord = await seedCoordinator("Priya Natarajan");
  coordEmail = coord.email;
  for (const p of [...PEOPLE, SCREENER]) {
    const pro = await seedProfessional(base, p);
    // A private minimum rate and a real credit (the candidate view reads credits and transfer from them).
    await db().profile.update({
      where: { id: pro.profileId },
      data: { minRateCents: 812345, bio: `${p.name} has spent a decade in TV comedy.` },
    });
    const credit = await addCredit(
      pro.profileId,
      {
        showTitle: `${p.name.split(" ")[0]}'s Sitcom`,
        network: "NBC",
        format: "MULTI_CAM_SITCOM",
        genres: ["COMEDY"],
        role: "STAFF_WRITER",
        startYear: "2012",
        endYear: "2018",
        episodes: "88",
      },
      { id: pro.userId, role: "PROFESSIONAL" },
    );
    if (!credit.ok) throw new Error(JSON.stringify(credit));
    appOf.set(p.name, await seedApplication(pro.profileId, pro.userId, gig.id, p.note ?? "Happy to do the screening."));
  }
  // Hollis is in screening and has submitted a written answer.
  const hollis = appOf.get(SCREENER.name)!;
  await move(hollis, "SHORTLISTED", coord.actor);
  await move(hollis, "SCREENING", coord.actor);
  const hollisUser = await db().application.findUniqueOrThrow({ where: { id: hollis }, include: { profile: true } });
  const submitted = await applyChecklistAction(
    hollis,
    { action: "submitScreening", answer: ANSWER },
    { id: hollisUser.profile.userId, role: "PROFESSIONAL", profileId: hollisUser.profileId },
  );
  if (!submitted.ok) throw new Error(submitted.message);
  // Someone the lab can invite from the recommendations.
  await seedProfessional(base, RECOMMENDED);
  await flushSearch();
});

const card = (page: Page, name: string) => page.getByTestId(`card-${appOf.get(name)}`);
const column = (page: Page, label: string) => page.getByRole("region", { name: new RegExp(`^${label}: \\d+$`) });

async function noHorizontalOverflow(page: Page) {
  const { scroll, width, wide } = await page.evaluate(() => {
    const width = window.innerWidth;
    // The outermost elements sticking out of the window (what to fix), for the failure message.
    // Elements inside their own scrolling box (a wide board, a table) do not widen the page.
    const scrolls = (el: Element) => {
      for (let a = el.parentElement; a && a !== document.body; a = a.parentElement)
        if (["auto", "scroll", "hidden"].includes(getComputedStyle(a).overflowX)) return true;
      return false;
    };
    const wide = [...document.querySelectorAll("body *")]
      .filter(
        (el) =>
          el.getBoundingClientRect().right > width + 1 &&
          !scrolls(el) &&
          !(el.parentElement && el.parentElement.getBoundingClientRect().right > width + 1),
      )
      .slice(0, 5)
      .map((el) => `<${el.tagName.toLowerCase()} class="${el.className}"> right=${Math.round(el.getBoundingClientRect().right)}`);
    return { scroll: document.documentElement.scrollWidth, width, wide };
  });
  expect(scroll, `page is ${scroll}px wide on a ${width}px screen (${page.url()}): ${wide.join(", ")}`).toBeLessThanOrEqual(width);
}

/** The element is (at least partly) inside the visible window, vertically and horizontally. */
async function inView(page: Page, locator: Locator) {
  const box = await locator.boundingBox();
  const vp = page.viewportSize()!;
  expect(box, "element has a box").not.toBeNull();
  expect(box!.y + box!.height, "not above the window").toBeGreaterThan(0);
  expect(box!.y, "not below the window").toBeLessThan(vp.height);
  expect(box!.x + box!.width, "not left of the window").toBeGreaterThan(0);
  expect(box!.x, "not right of the window").toBeLessThan(vp.width);
}

describe("coordinator deciding from the board (1280x800)", () => {
  it("opens a candidate from a card, scores a screening there, acts on filtered cards without losing the place", async () => {
    const tab = await openTab(browser(), base);
    const { page } = tab;
    await page.setViewportSize(DESKTOP);
    await uiLogIn(tab, coordEmail);
    await visit(tab, `/coord/gigs/${gigId}`);
    await checkPage(page, "board-compact-desktop");

    // Compact cards: one next-step button, no red Decline button and no reason box until chosen.
    const marisol = card(page, "Marisol Quintero");
    expect(await marisol.getByRole("button").count()).toBe(1);
    expect(await marisol.getByRole("button", { name: "Shortlist" }).isVisible()).toBe(true);
    expect(await page.locator(".board textarea:visible").count()).toBe(0);
    expect(await page.locator(".board button.danger:visible").count()).toBe(0);
    expect(await textOf(page.getByTestId("board-count"))).toMatch(/^6 applications\./);

    // The screening waiting for a score opens from its card.
    const hollis = card(page, SCREENER.name);
    expect(await textOf(hollis)).toContain("Submitted, not scored");
    await submit(page, hollis.getByRole("link", { name: /Read and score/ }));
    expect(new URL(page.url()).pathname).toBe(`/coord/gigs/${gigId}/candidates/${appOf.get(SCREENER.name)}`);
    const main = await mainText(page);
    expect(main).toContain(SCREENER.name);
    expect(main).toContain("Happy to do the screening."); // the note
    expect(main).toContain("Why they match this gig");
    expect(main).toContain("Hollis's Sitcom"); // credits
    expect(main).toContain("Minimum rate: $8,123.45/h"); // coordinators see private fields
    expect(await textOf(page.getByTestId("screening-answer"))).toBe(ANSWER.replace(/\s+/g, " "));
    expect(await textOf(page.getByRole("region", { name: "History" }))).toContain("Coordinator Priya Natarajan");
    // Two columns on a desktop: the person beside the application.
    const person = page.getByRole("region", { name: "The person" });
    const application = page.getByRole("region", { name: "The application" });
    const [pb, ab] = [await person.boundingBox(), await application.boundingBox()];
    expect(ab!.x).toBeGreaterThan(pb!.x + pb!.width - 1);
    expect(Math.abs(ab!.y - pb!.y)).toBeLessThan(5);
    await noHorizontalOverflow(page);
    await checkPage(page, "candidate-desktop");

    // Score it from here: a missing feedback is refused next to the field, then it saves.
    const screening = page.locator("#screening");
    await screening.getByLabel("Score (0 to 100)").fill("85");
    await screening.getByLabel("Feedback they will read").fill(" ");
    await page.evaluate(() => {
      for (const el of document.querySelectorAll("#screening [required]")) el.removeAttribute("required");
    });
    // The same schema checks it in the browser (no request), as the server would.
    await screening.getByRole("button", { name: "Save score" }).click();
    await expect.poll(() => textOf(screening.locator(".field-error"))).toBe("Give the person feedback with their score.");
    await screening.getByLabel("Feedback they will read").fill("Sharp instincts on the buttons.");
    await submit(page, screening.getByRole("button", { name: "Save score" }));
    expect(await textOf(screening.getByRole("status"))).toContain(`Screening scored 85/100 for ${SCREENER.name}`);
    await inView(page, screening.getByRole("status"));
    const scored = await db().application.findUniqueOrThrow({ where: { id: appOf.get(SCREENER.name)! } });
    expect(scored.checklist).toMatchObject({ screening: { score: 85, feedback: "Sharp instincts on the buttons.", answer: ANSWER } });
    // A reload shows no message again (flash, not a URL flag) and does not re-post.
    await reload(page);
    expect(await page.getByRole("status").count()).toBe(0);

    // Back to the board; filter; counts follow the filter.
    await submit(page, page.getByRole("link", { name: /Back to the board/ }));
    await page.getByLabel("Filter by name or headline").fill("writer");
    await submit(page, page.getByRole("button", { name: "Filter" }));
    const filtered = ["Marisol Quintero", "Tomasz Zielinski", "Bea Okafor"];
    expect(await textOf(page.getByTestId("board-count"))).toMatch(/^Showing 3 of 6 applications\./);
    expect(await column(page, "Applied").locator("article").count()).toBe(3);
    expect(await page.getByRole("region", { name: "Applied: 3" }).count()).toBe(1);
    for (const name of filtered) expect(await card(page, name).count()).toBe(1);

    // Shortlist Bea (last card, scrolled into view): same filters, Bea's card in view with the confirmation.
    const bea = card(page, "Bea Okafor");
    await bea.scrollIntoViewIfNeeded();
    await submit(page, bea.getByRole("button", { name: "Shortlist" }));
    const url = new URL(page.url());
    expect(url.searchParams.get("q")).toBe("writer");
    expect(url.hash).toBe(`#card-${appOf.get("Bea Okafor")}`);
    expect(await textOf(column(page, "Shortlisted"))).toContain("Bea Okafor");
    const beaStatus = card(page, "Bea Okafor").getByRole("status");
    expect(await textOf(beaStatus)).toBe("Bea Okafor moved to Shortlisted.");
    await inView(page, beaStatus);
    expect(await stageOf(appOf.get("Bea Okafor")!)).toBe("SHORTLISTED");

    // Decline Tomasz: the reason box appears only once "Decline…" is chosen.
    const tomasz = card(page, "Tomasz Zielinski");
    const reason = tomasz.getByLabel("Reason to decline Tomasz Zielinski");
    expect(await reason.isVisible()).toBe(false);
    await tomasz.getByText("Decline…").click();
    expect(await reason.isVisible()).toBe(true);
    await reason.fill("This gig needs multi-cam sitcom credits.");
    await submit(page, tomasz.getByRole("button", { name: "Decline" }));
    expect(new URL(page.url()).searchParams.get("q")).toBe("writer");
    expect(await textOf(column(page, "Not selected"))).toContain("Tomasz Zielinski");
    await inView(page, card(page, "Tomasz Zielinski").getByRole("status"));
    expect((await db().application.findUniqueOrThrow({ where: { id: appOf.get("Tomasz Zielinski")! } })).lastReason).toBe(
      "This gig needs multi-cam sitcom credits.",
    );

    // Bulk: the buttons say how many are ticked; the result says how many moved.
    await page.getByLabel("Filter by name or headline").fill("");
    await submit(page, page.getByRole("button", { name: "Filter" }));
    await page.getByLabel("Select Dev Raman").check();
    await page.getByLabel("Select Agnes Whitlock").check();
    const bulk = page.locator("form#bulk");
    expect(await bulk.getByRole("button", { name: "Move 2 selected" }).count()).toBe(1);
    await bulk.getByLabel("Move to").selectOption({ label: "Shortlisted" });
    await submit(page, bulk.getByRole("button", { name: "Move 2 selected" }));
    expect(await textOf(bulk.getByRole("status"))).toBe("Moved 2 applications to Shortlisted.");
    // Nothing is ticked any more, and the buttons say so.
    expect(await page.locator('input[name="select"]:checked').count()).toBe(0);
    expect(await bulk.getByRole("button", { name: "Move selected" }).count()).toBe(1);
    await inView(page, bulk.getByRole("status"));
    await screenshot(page, "board-after-actions-desktop");
    expect(tab.problems).toEqual([]);
    await tab.context.close();
  });
});

describe("the lab on a phone (390x844)", () => {
  it("invites from the recommendations without leaving the list, then reads an applicant without private fields", async () => {
    const tab = await openTab(browser(), base);
    const { page } = tab;
    await page.setViewportSize(PHONE);
    await uiLogIn(tab, labEmail);
    await visit(tab, `/gigs/${gigId}`);
    const rows = page.locator("table", { has: page.getByRole("columnheader", { name: "Candidate" }) }).locator("tbody tr");
    const noor = rows.filter({ hasText: RECOMMENDED.name });
    await noor.scrollIntoViewIfNeeded();
    await submit(page, noor.getByRole("button", { name: /^Invite/ }));
    // Still on the gig page, Noor's row in view with the confirmation.
    expect(new URL(page.url()).pathname).toBe(`/gigs/${gigId}`);
    const status = rows.filter({ hasText: RECOMMENDED.name }).getByRole("status");
    expect(await textOf(status)).toContain(`Invitation sent to ${RECOMMENDED.name}`);
    await inView(page, status);
    const invited = await db().application.findFirstOrThrow({ where: { gigId, profile: { displayName: RECOMMENDED.name } } });
    expect([invited.origin, invited.stage]).toEqual(["RECOMMENDED", "INVITED"]);
    // The stage now links to Noor's candidate view.
    expect(
      await rows
        .filter({ hasText: RECOMMENDED.name })
        .getByRole("link", { name: /Invited/ })
        .getAttribute("href"),
    ).toBe(`/coord/gigs/${gigId}/candidates/${invited.id}`);

    // The board on a phone: Marisol's card opens her candidate view.
    await visit(tab, `/coord/gigs/${gigId}`);
    await noHorizontalOverflow(page);
    await checkPage(page, "board-compact-phone");
    const marisol = card(page, "Marisol Quintero");
    await marisol.scrollIntoViewIfNeeded();
    await act(page, () => marisol.getByRole("link", { name: "Marisol Quintero" }).click());
    expect(new URL(page.url()).pathname).toBe(`/coord/gigs/${gigId}/candidates/${appOf.get("Marisol Quintero")}`);
    const main = await mainText(page);
    expect(main).toContain(PEOPLE[0].note);
    expect(main).toContain("Marisol's Sitcom");
    expect(main).toContain("Why they match this gig");
    expect(main).not.toContain("Minimum rate");
    expect(main).not.toContain("8,123.45");
    expect(await page.content()).not.toContain(MIN_RATE.replace(".", ""));
    // Stacked on a phone: the application comes below the person, nothing overflows.
    const [pb, ab] = [
      await page.getByRole("region", { name: "The person" }).boundingBox(),
      await page.getByRole("region", { name: "The application" }).boundingBox(),
    ];
    expect(ab!.y).toBeGreaterThan(pb!.y + pb!.height - 1);
    await noHorizontalOverflow(page);
    await checkPage(page, "candidate-phone-lab");

    // The lab shortlists her from here; the confirmation is where the buttons are.
    const decision = page.locator("#decision");
    await decision.scrollIntoViewIfNeeded();
    await submit(page, decision.getByRole("button", { name: "Shortlist" }));
    expect(await textOf(decision.getByRole("status"))).toBe("Marisol Quintero moved to Shortlisted.");
    await inView(page, decision.getByRole("status"));
    expect(await stageOf(appOf.get("Marisol Quintero")!)).toBe("SHORTLISTED");
    expect(await textOf(page.getByRole("region", { name: "History" }))).toContain("Lab member Rosa Lindqvist");
    await screenshot(page, "candidate-phone-after");
    expect(tab.problems).toEqual([]);
    await tab.context.close();
  });
});

describe("the other way round: coordinator on a phone, lab on a desktop", () => {
  it("a coordinator declines from the candidate view on a phone, with the reason box only once chosen", async () => {
    const tab = await openTab(browser(), base);
    const { page } = tab;
    await page.setViewportSize(PHONE);
    await uiLogIn(tab, coordEmail);
    await visit(tab, `/coord/gigs/${gigId}`);
    await noHorizontalOverflow(page);
    const agnes = card(page, "Agnes Whitlock");
    await agnes.scrollIntoViewIfNeeded();
    await act(page, () => agnes.getByRole("link", { name: "Agnes Whitlock" }).click());
    expect(new URL(page.url()).pathname).toBe(`/coord/gigs/${gigId}/candidates/${appOf.get("Agnes Whitlock")}`);
    expect(await mainText(page)).toContain("They applied without a note.");
    await noHorizontalOverflow(page);
    const decision = page.locator("#decision");
    await page.getByRole("navigation", { name: "On this page" }).getByRole("link", { name: "decision" }).click();
    const reason = decision.getByLabel("Reason Agnes Whitlock will see");
    expect(await reason.isVisible()).toBe(false);
    await decision.getByText("Decline…").click();
    await reason.fill("We are looking for comedy writing credits.");
    await submit(page, decision.getByRole("button", { name: "Decline" }));
    expect(await textOf(decision.getByRole("status"))).toBe("Agnes Whitlock moved to Not selected.");
    await inView(page, decision.getByRole("status"));
    expect(await stageOf(appOf.get("Agnes Whitlock")!)).toBe("DECLINED");
    expect(await textOf(page.getByRole("region", { name: "History" }))).toContain("Reason: We are looking for comedy writing credits.");
    await noHorizontalOverflow(page);
    await screenshot(page, "candidate-phone-coordinator");
    expect(tab.problems).toEqual([]);
    await tab.context.close();
  });

  it("the lab reads a candidate on a desktop: two columns, the note and screening answer, no private fields", async () => {
    const tab = await openTab(browser(), base);
    const { page } = tab;
    await page.setViewportSize(DESKTOP);
    await uiLogIn(tab, labEmail);
    await visit(tab, `/coord/gigs/${gigId}`);
    await submit(page, card(page, SCREENER.name).getByRole("link", { name: SCREENER.name, exact: true }));
    const main = await mainText(page);
    expect(main).toContain("Happy to do the screening.");
    expect(await textOf(page.getByTestId("screening-answer"))).toBe(ANSWER.replace(/\s+/g, " "));
    expect(main).toContain("Scored 85/100.");
    expect(main).not.toContain("Minimum rate");
    expect(main).not.toMatch(/Email: /);
    expect(await page.content()).not.toContain("812345");
    const [pb, ab] = [
      await page.getByRole("region", { name: "The person" }).boundingBox(),
      await page.getByRole("region", { name: "The application" }).boundingBox(),
    ];
    expect(ab!.x).toBeGreaterThan(pb!.x + pb!.width - 1);
    await noHorizontalOverflow(page);
    await checkPage(page, "candidate-desktop-lab");
    expect(tab.problems).toEqual([]);
    await tab.context.close();
  });
});
