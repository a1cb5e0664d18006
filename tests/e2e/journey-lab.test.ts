/**
 * An AI lab's journey in a real browser: sign up as a lab, post a gig with the full AI-use
 * disclosure through the gig editor, open it (acknowledging the low-pay warning), see the
 * recommended candidates and invite one; the professional sees the invitation and accepts it.
 * Also: creating and opening a gig without JavaScript.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "~/db.server";
import { flushSearch } from "~/runtime.server";
import { useTestServer } from "../setup/server";
import { checkPage, mainText, openTab, screenshot, submit, textOf, uiLogIn, uiSignUp, useBrowser, visit } from "./browser";
import { seedLab, seedProfessional } from "./seed";

const base = await useTestServer();
const browser = useBrowser();

const inAMonth = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

const PEOPLE = [
  {
    name: "Ines Carvalho",
    headline: "Story editor, eight seasons of multi-cam comedy",
    scores: { DIALOGUE_PREFERENCE_RANKING: 91, COMEDIC_TIMING_EVAL: 88 },
  },
  { name: "Darnell Brooks", headline: "Late-night monologue writer", scores: { COMEDIC_TIMING_EVAL: 84, DIALOGUE_PREFERENCE_RANKING: 62 } },
  {
    name: "Mei-Lin Zhou",
    headline: "Script coordinator turned staff writer",
    scores: { DIALOGUE_PREFERENCE_RANKING: 74, COMEDIC_TIMING_EVAL: 58 },
  },
];
let people: Awaited<ReturnType<typeof seedProfessional>>[];

beforeAll(async () => {
  people = [];
  for (const p of PEOPLE) people.push(await seedProfessional(base, p));
  // Someone who shows their profile to coordinators only: never recommended to a lab.
  await seedProfessional(base, {
    name: "Harriet Quill",
    headline: "Showrunner, very private",
    scores: { DIALOGUE_PREFERENCE_RANKING: 99, COMEDIC_TIMING_EVAL: 99 },
    visibility: "COORDINATORS",
  });
  await flushSearch();
});

const GIG_TITLE = "Rate punch-up alternatives for sitcom jokes";

describe("lab journey (JavaScript on)", () => {
  it("posts a gig with the full disclosure, opens it, invites a recommended candidate who accepts", async () => {
    const tab = await openTab(browser(), base);
    const { page } = tab;

    // 1. Sign up as a lab.
    await uiSignUp(tab, { name: "Jonas Ekberg", type: "LAB", labName: "Kestrel Labs" });
    expect(await textOf(page.getByRole("heading", { level: 1 }))).toBe("Kestrel Labs");
    await checkPage(page, "lab-page");

    // 2. The gig editor, every section filled in.
    await submit(page, page.getByRole("link", { name: "Post a gig" }));
    expect(new URL(page.url()).pathname).toMatch(/^\/labs\/[\w-]+\/gigs\/new$/);
    await checkPage(page, "gig-editor");
    const form = page.locator("main form");
    await form.getByLabel("Title", { exact: true }).fill(GIG_TITLE);
    await form
      .getByLabel(/^Description/)
      .fill(
        "For each joke in a sitcom scene you get three AI punch-up alternatives. Rank them and say **why** the winner is funnier.\n\n- 30 jokes per batch\n- A rubric and worked examples are provided",
      );
    await form.getByLabel("Dialogue preference ranking").check();
    await form.getByLabel("Comedic-timing evaluation").check();
    await form.getByLabel("Modality").selectOption("TEXT");
    await form.getByRole("group", { name: "Genres and domains" }).getByLabel("Comedy").check();
    await form.getByRole("group", { name: "TV formats that fit" }).getByLabel("Multi-camera sitcom").check();
    await form.getByLabel("Required languages").fill("en");
    // $4 a task at 20 minutes a task is $12/h: below the platform floor, so opening warns.
    await form.getByLabel("Pay amount").fill("4");
    await form.getByLabel("Per", { exact: true }).selectOption("TASK");
    await form.getByLabel("Currency", { exact: true }).fill("USD");
    await form.getByLabel("Minutes per task").fill("20");
    await form.getByLabel("Expected hours per week").fill("8");
    await form.getByLabel("Weekly cap (hours)").fill("15");
    await form.getByLabel("Slots").fill("6");
    await form.getByLabel("Start date").fill(inAMonth(30));
    await form.getByLabel("End date").fill(inAMonth(120));
    // Engagement terms; onboarding paid at the gig's rate, so the effective rate is the $12/h itself.
    await form.getByLabel("Notice period (days)").fill("14");
    await form.getByLabel("Rate lock (days)").fill("30");
    await form.getByLabel("Assessment minutes").fill("30");
    await form.getByLabel("Training minutes").fill("60");
    await form.getByLabel("Is the assessment paid?").selectOption("ON_COMPLETION");
    await form.getByLabel("Is training paid? (at the gig's rate)").selectOption("ON_COMPLETION");
    await form.getByLabel("An NDA is required").check();
    await form.getByLabel("Training modules").fill("Joke-rating rubric\nContent safety basics");
    await form.getByLabel("What model or product does this work train?").fill("The humour-rewrite feature of Kestrel's writing assistant");
    await form.getByLabel("May outputs be used to generate scripts or other creative work?").selectOption("NO");
    await form
      .getByLabel("How long is contributed work retained, and who can access it?")
      .fill("Rankings kept 18 months, visible only to the Kestrel research team");
    await submit(page, form.getByRole("button", { name: "Save draft" }));

    // 3. The draft: nothing missing, but the pay is below the floor.
    expect(new URL(page.url()).pathname).toMatch(/^\/gigs\/\w+$/);
    const gigId = new URL(page.url()).pathname.split("/").pop()!;
    expect(await mainText(page)).toContain("Draft saved.");
    expect(await mainText(page)).not.toContain("Before this gig can open");
    const disclosure = page.getByRole("region", { name: "What your work will train" });
    expect(await textOf(disclosure)).toContain("The humour-rewrite feature of Kestrel's writing assistant");
    expect(await textOf(disclosure)).toContain("Rankings kept 18 months");
    const lowPay = page.locator(".alert.warn", { hasText: "below the platform's floor" });
    expect(await textOf(lowPay)).toContain("12.00 USD");
    await checkPage(page, "gig-page-draft");

    // Opening without acknowledging the warning is refused; with it, the gig opens.
    const openForm = page.locator("form", { has: page.getByRole("button", { name: "Open gig" }) });
    await submit(page, openForm.getByRole("button", { name: "Open gig" }));
    // The refusal is shown in the form that was used, beside the box to tick (role="alert").
    expect(await openForm.getByRole("alert").filter({ hasText: "below the platform's floor" }).count()).toBe(1);
    expect((await db().gig.findUniqueOrThrow({ where: { id: gigId } })).status).toBe("DRAFT");
    await openForm.getByLabel("I have read the low-pay warning").check();
    await submit(page, openForm.getByRole("button", { name: "Open gig" }));
    expect(await page.getByRole("status").allInnerTexts()).toContain("The gig is now open.");
    expect((await db().gig.findUniqueOrThrow({ where: { id: gigId } })).status).toBe("OPEN");

    // 4. Recommended candidates: the three lab-visible people, best first; never the private one.
    const candidates = page.locator("table", { has: page.getByRole("columnheader", { name: "Candidate" }) }).locator("tbody tr");
    expect(await candidates.count()).toBe(3);
    const names = await candidates.locator("td:first-child a").allInnerTexts();
    expect(names[0]).toBe("Ines Carvalho");
    expect([...names].sort()).toEqual(["Darnell Brooks", "Ines Carvalho", "Mei-Lin Zhou"]);
    expect(await mainText(page)).not.toContain("Harriet Quill");
    await checkPage(page, "gig-page-manager");

    // 5. Invite Ines.
    // Inviting keeps the lab on the list, with the confirmation on Ines's row.
    await submit(page, candidates.filter({ hasText: "Ines Carvalho" }).getByRole("button", { name: "Invite" }));
    expect(new URL(page.url()).pathname).toBe(`/gigs/${gigId}`);
    expect(await page.getByRole("status").allInnerTexts()).toContain(
      "Invitation sent to Ines Carvalho. They are in the Invited column of the board.",
    );
    expect(await textOf(candidates.filter({ hasText: "Ines Carvalho" }).getByRole("status"))).toContain("Invitation sent to Ines Carvalho");
    await visit(tab, `/coord/gigs/${gigId}`);
    const invitedColumn = page.getByRole("region", { name: /^Invited: 1$/ });
    expect(await textOf(invitedColumn)).toContain("Ines Carvalho");
    // Invited from the recommended candidates: recorded as such for the fairness audit.
    expect((await db().application.findFirstOrThrow({ where: { gigId, profile: { displayName: "Ines Carvalho" } } })).origin).toBe(
      "RECOMMENDED",
    );
    await checkPage(page, "board-lab");

    await visit(tab, `/gigs/${gigId}`);
    // Her stage, in words, links to her candidate view.
    const stagePill = candidates.filter({ hasText: "Ines Carvalho" }).locator(".pill");
    expect(await textOf(stagePill)).toMatch(/^Invited\b/);
    const inesApp = await db().application.findFirstOrThrow({ where: { gigId, profile: { displayName: "Ines Carvalho" } } });
    expect(await stagePill.getAttribute("href")).toBe(`/coord/gigs/${gigId}/candidates/${inesApp.id}`);
    await visit(tab, "/talent?q=sitcom");
    expect(await mainText(page)).toContain("Ines Carvalho");
    expect(await mainText(page)).not.toContain("Harriet Quill");
    await checkPage(page, "talent-lab");
    expect(tab.problems).toEqual([]);
    await tab.context.close();

    // 6. Ines sees the invitation, reads it and accepts.
    const ines = await openTab(browser(), base);
    await uiLogIn(ines, people[0].email);
    const bell = ines.page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: /^Notifications/ });
    expect(await textOf(bell)).toMatch(/Notifications\s*1/);
    await submit(ines.page, bell);
    const note = ines.page.locator("li.card", { hasText: `You are invited to "${GIG_TITLE}"` });
    expect(await textOf(note)).toContain("Read the disclosure and accept the invitation");
    await checkPage(ines.page, "notifications-invited");
    await submit(ines.page, note.getByRole("link", { name: `You are invited to "${GIG_TITLE}"` }));
    expect(new URL(ines.page.url()).pathname).toMatch(/^\/me\/applications\//);
    const current = ines.page.locator("ol.steps li[aria-current=step]");
    expect(await textOf(current)).toContain("Invited");
    await checkPage(ines.page, "tracker-invited");
    await submit(ines.page, ines.page.getByRole("button", { name: "Accept invitation" }));
    expect(await textOf(current)).toContain("Shortlisted");
    expect(ines.problems).toEqual([]);
    await ines.context.close();
  });
});

describe("lab core form without JavaScript", () => {
  it("creates a draft gig in the editor and opens it as plain HTML forms", async () => {
    const lab = await seedLab(base, "Osprey Research", "Amara Okafor");
    const tab = await openTab(browser(), base, { js: false });
    const { page } = tab;
    await uiLogIn(tab, lab.ownerEmail);
    expect(new URL(page.url()).pathname).toBe(`/labs/${lab.slug}`);
    await submit(page, page.getByRole("link", { name: "Post a gig" }));
    const form = page.locator("main form");
    await form.getByLabel("Title", { exact: true }).fill("Write ideal replies for a kids' storytelling assistant");
    await form.getByLabel("Story & scene writing").check();
    await form.getByLabel("Pay amount").fill("55");
    await form.getByLabel("Expected hours per week").fill("6");
    await form.getByLabel("Start date").fill("2027-02-01");
    await form.getByLabel("End date").fill("2027-05-31");
    await form.getByLabel("Notice period (days)").fill("7");
    await form.getByLabel("Rate lock (days)").fill("0");
    await form.getByLabel("Assessment minutes").fill("0");
    await form.getByLabel("Training minutes").fill("0");
    await form.getByLabel("What model or product does this work train?").fill("A bedtime-story model for ages 4 to 8");
    await form.getByLabel("May outputs be used to generate scripts or other creative work?").selectOption("UNDECIDED");
    await form.getByLabel("How long is contributed work retained, and who can access it?").fill("One year, research team only");
    await submit(page, form.getByRole("button", { name: "Save draft" }));
    expect(new URL(page.url()).pathname).toMatch(/^\/gigs\/\w+$/);
    expect(await mainText(page)).toContain("Draft saved.");
    await submit(page, page.getByRole("button", { name: "Open gig" }));
    expect(await mainText(page)).toContain("The gig is now open.");
    const gig = await db().gig.findFirstOrThrow({ where: { labId: lab.labId } });
    expect(gig.status).toBe("OPEN");
    expect(gig.disclosureCreativeUse).toBe("UNDECIDED");
    await screenshot(page, "nojs-gig-open");
    expect(tab.problems).toEqual([]);
    await tab.context.close();
  });
});
