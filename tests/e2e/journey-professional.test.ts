/**
 * A TV professional's journey in a real browser: sign up, fill the profile, import credits from
 * a CSV (fixing a bad row), read the transfer profile, search gigs, apply, and go through
 * screening, offer, NDA and contract until payment setup. The coordinator's side is done
 * through services. Also: the same core forms without JavaScript, and a keyboard-only run.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "~/db.server";
import { flushSearch } from "~/runtime.server";
import { applyChecklistAction } from "~/services/applications.server";
import { useTestServer } from "../setup/server";
import { PASSWORD, act, checkPage, mainText, openTab, reload, screenshot, submit, textOf, uiSignUp, useBrowser, visit } from "./browser";
import {
  CAMERA_GIG,
  SARCASM_GIG,
  SITCOM_GIG,
  move,
  seedCoordinator,
  seedRules,
  seedLab,
  seedOpenGig,
  seedProfessional,
  stageOf,
} from "./seed";

const base = await useTestServer();
const browser = useBrowser();

const HEADER = "show_title,network,format,genres,role,start_year,end_year,episodes";
const GOOD_ROWS = [
  "Harbor Lights,NBC,Multi-camera sitcom,comedy,Writers' assistant,2009,2010,22",
  "Harbor Lights,NBC,Multi-camera sitcom,comedy,Staff writer,2011,2012,44",
  "The Night Desk,CBS,multi-cam sitcom,comedy; satire,Story editor,2013,2015,66",
  '"Maple & Vine",ABC,Single-camera comedy,comedy; family,Executive story editor,2016,2017,26',
  "Precinct Nine,FOX,Procedural,crime; drama,Co-producer,2018,2019,40",
  "Late Call with Dana Reyes,Comedy Central,Late-night,comedy; satire,Supervising producer,2020,2021,180",
  "Small Hours,Hulu,Single-camera comedy,comedy; drama,Co-executive producer,2022,present,20",
];
const FIXED_ROW = "Saturday Morning Squad,Cartoon Network,Animation,comedy; family,Staff writer,2015,2016,13";
// The typo a spreadsheet really produces: the letter O for a zero in the start year.
const BAD_ROW = "Saturday Morning Squad,Cartoon Network,Animation,comedy; family,Staff writer,2O15,2016,13";
const csv = (rows: string[]) => `${[HEADER, ...rows].join("\r\n")}\r\n`;

let sitcomGig: { id: string; title: string };
let cameraGig: { id: string; title: string };
let sarcasmGig: { id: string; title: string };
let coordinator: Awaited<ReturnType<typeof seedCoordinator>>;

beforeAll(async () => {
  await seedRules();
  const lab = await seedLab(base, "Northlight AI", "Maya Lindqvist");
  sitcomGig = await seedOpenGig(lab, SITCOM_GIG);
  cameraGig = await seedOpenGig(lab, CAMERA_GIG);
  sarcasmGig = await seedOpenGig(lab, SARCASM_GIG);
  coordinator = await seedCoordinator();
  await flushSearch();
});

describe("professional journey (JavaScript on)", () => {
  it("signs up, builds a profile from a CSV, finds a gig, applies and reaches payment setup", async () => {
    const tab = await openTab(browser(), base);
    const { page } = tab;

    await visit(tab, "/");
    await checkPage(page, "home");

    // 1. Sign up in the UI.
    const email = await uiSignUp(tab, { name: "Rosa Delgado", a11yName: "signup" });
    await expect.poll(() => page.url()).toContain("/me/profile?welcome=1");
    expect(await mainText(page)).toContain("Welcome! Add your TV credits first");
    await checkPage(page, "profile-editor");

    // 2. The profile editor.
    const editor = page.locator("form", { has: page.getByRole("button", { name: "Save profile" }) });
    await editor.getByLabel("Headline").fill("Comedy writer, 12 years in multi-cam and late-night");
    await editor
      .getByLabel("Bio")
      .fill("Started as a writers' assistant on Harbor Lights; co-EP on Small Hours. I love punching up a cold open.");
    await editor.getByLabel("Location").fill("Burbank, USA");
    await editor.getByLabel("Time zone").selectOption("America/Los_Angeles");
    await editor.getByLabel("Language 1", { exact: true }).selectOption("en");
    await editor.getByLabel("Level for language 1").selectOption("native");
    await editor.getByLabel("Hours per week you can work").fill("20");
    await editor.getByLabel(/Labs and coordinators/).check();
    await editor.getByLabel(/I have read and accept the AI-use/).check();
    await submit(page, editor.getByRole("button", { name: "Save profile" }));
    await expect.poll(() => mainText(page)).toContain("Profile saved.");
    expect(new URL(page.url()).search).toBe("");
    const saved = await db().profile.findFirstOrThrow({ where: { user: { email } } });
    expect(saved).toMatchObject({ timezone: "America/Los_Angeles", languageCodes: ["en"], hoursPerWeek: 20, visibility: "LABS" });
    expect(saved.aiUseConsentAt).not.toBeNull();

    // 3. Import credits: paste a CSV with one bad row, see the error, upload the fixed file.
    await submit(page, page.getByRole("navigation", { name: "Profile sections" }).getByRole("link", { name: "Import CSV" }));
    expect(new URL(page.url()).pathname).toBe("/me/profile/import");
    await checkPage(page, "import");
    await page.getByLabel("…or paste the CSV text").fill(csv([...GOOD_ROWS, BAD_ROW]));
    await submit(page, page.getByRole("button", { name: "Check the file" }));
    const preview = page.getByRole("region", { name: "Preview" });
    await expect.poll(() => textOf(preview.getByRole("status"))).toMatch(/8 rows: 7 new credits, 1 row with errors \(skipped\)/);
    expect(await textOf(preview)).toMatch(/four-digit year/);
    await checkPage(page, "import-preview-with-error");

    await page.getByLabel("…or paste the CSV text").fill("");
    await page
      .getByLabel("CSV file")
      .setInputFiles({ name: "my-credits.csv", mimeType: "text/csv", buffer: Buffer.from(csv([...GOOD_ROWS, FIXED_ROW])) });
    await submit(page, page.getByRole("button", { name: "Check the file" }));
    await expect.poll(() => textOf(preview.getByRole("status"))).toMatch(/8 rows: 8 new credits\./);
    await submit(page, page.getByRole("button", { name: "Import 8 new credits" }));
    await expect.poll(() => mainText(page)).toContain("Imported 8 new credits.");

    await visit(tab, "/me/profile/credits");
    expect(await mainText(page)).toContain("Saturday Morning Squad");
    await checkPage(page, "credits");

    // 4. The transfer profile explains where the experience transfers.
    await submit(page, page.getByRole("navigation", { name: "Profile sections" }).getByRole("link", { name: "Transfer profile" }));
    expect(new URL(page.url()).pathname).toBe("/me/profile/transfer");
    const scores = page.locator("main ol > li.card");
    expect(await scores.count()).toBe(3); // the top three as cards, the rest as a compact list
    expect(await page.locator("main ol.other-fits > li").count()).toBeGreaterThan(0);
    const transfer = await mainText(page);
    expect(transfer).toMatch(/Comedic-timing evaluation \d+ \/ 100/);
    await scores.first().locator("summary").click();
    await expect.poll(() => scores.first().locator("table").isVisible()).toBe(true);
    await checkPage(page, "transfer");

    // 5. Search gigs: type in the box (the form refreshes as you type), then tick a facet.
    await submit(page, page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Gigs" }));
    expect(new URL(page.url()).pathname).toBe("/gigs");
    expect(await mainText(page)).toContain("3 open gigs");
    await act(page, () => page.getByRole("searchbox", { name: "Search gigs" }).pressSequentially("sitcom", { delay: 20 }));
    expect(new URL(page.url()).searchParams.get("q")).toBe("sitcom");
    expect(await mainText(page)).toContain("2 open gigs");
    const results = page.locator("main .gig-card");
    expect(await results.allInnerTexts()).not.toEqual(expect.arrayContaining([expect.stringContaining(cameraGig.title)]));
    await act(page, () =>
      page
        .getByRole("group", { name: "Task type" })
        .getByLabel(/Comedic-timing evaluation/)
        .check(),
    );
    expect(new URL(page.url()).searchParams.getAll("taskTypes")).toEqual(["COMEDIC_TIMING_EVAL"]);
    expect(new URL(page.url()).searchParams.get("q")).toBe("sitcom");
    expect(await mainText(page)).toContain("1 open gig");
    expect(await results.count()).toBe(1);
    expect(await textOf(results.first())).toContain("Your match:");
    await checkPage(page, "gigs-search");

    // 6. Open the gig, read the disclosure, apply.
    await submit(page, results.first().getByRole("link", { name: sitcomGig.title }));
    expect(new URL(page.url()).pathname).toBe(`/gigs/${sitcomGig.id}`);
    const disclosure = page.getByRole("region", { name: "What your work will train" });
    expect(await textOf(disclosure)).toContain(SITCOM_GIG.disclosureTrains);
    expect(await textOf(disclosure)).toContain("outputs will not be used to generate scripts");
    expect(await textOf(disclosure)).toContain(SITCOM_GIG.disclosureRetention);
    await checkPage(page, "gig-page-professional");
    await page.getByLabel("A note for the lab").fill("Six seasons in multi-cam rooms; I ran the punch-up table on The Night Desk.");
    await submit(page, page.getByRole("button", { name: "Apply to this gig" }));
    expect(new URL(page.url()).pathname).toMatch(/^\/me\/applications\//);
    const appId = new URL(page.url()).pathname.split("/").pop()!;
    const current = page.locator("ol.steps li[aria-current=step]");
    expect(await textOf(current)).toContain("Applied");
    await checkPage(page, "tracker-applied");

    // 7. The coordinator shortlists and sends the screening (services).
    await move(appId, "SHORTLISTED", coordinator.actor);
    await move(appId, "SCREENING", coordinator.actor);
    await reload(page);
    expect(await textOf(current)).toContain("Screening");
    expect(await mainText(page)).toContain(SITCOM_GIG.screeningInstructions);
    await checkPage(page, "tracker-screening");
    await submit(page, page.getByRole("button", { name: "I have completed the screening" }));
    await expect.poll(() => textOf(page.getByRole("status"))).toContain("Screening submitted.");
    expect(await page.getByRole("button", { name: "I have completed the screening" }).count()).toBe(0);

    // 8. The coordinator scores it and makes an offer (services).
    const scored = await applyChecklistAction(
      appId,
      { action: "scoreScreening", score: 86, feedback: "Sharp instincts for where a laugh lands." },
      coordinator.actor,
    );
    expect(scored.ok).toBe(true);
    await move(appId, "OFFERED", coordinator.actor);
    await reload(page);
    expect(await mainText(page)).toContain("Score 86/100. Sharp instincts for where a laugh lands.");
    await checkPage(page, "tracker-offer");

    // 9. Accept the offer, sign the NDA and the contract.
    await submit(page, page.getByRole("button", { name: "Accept offer" }));
    await expect.poll(() => textOf(current)).toContain("Contract & NDA");
    await checkPage(page, "tracker-contracting");
    await submit(page, page.getByRole("button", { name: "I accept the NDA" }));
    await expect.poll(() => mainText(page)).toMatch(/NDA accepted \d{4}-\d{2}-\d{2}/);
    await submit(page, page.getByRole("button", { name: "I accept the contract" }));

    // 10. The tracker moved on by itself to payment setup.
    await expect.poll(() => textOf(current)).toContain("Payment setup");
    expect(await page.getByRole("heading", { name: "Payment setup" }).count()).toBe(1);
    expect(await page.getByRole("button", { name: "I have submitted my tax form" }).count()).toBe(1);
    expect(await stageOf(appId)).toBe("PAYMENT_SETUP");
    await checkPage(page, "tracker-payment-setup");

    await visit(tab, "/me");
    expect(await mainText(page)).toContain(sitcomGig.title);
    await checkPage(page, "dashboard");
    await visit(tab, "/notifications");
    expect(await mainText(page)).toContain(`"${sitcomGig.title}": Offer`);
    await checkPage(page, "notifications");

    expect(tab.problems).toEqual([]);
    await tab.context.close();
  });
});

describe("professional core forms without JavaScript", () => {
  it("sign-up, CSV import and applying work as plain HTML forms", async () => {
    const tab = await openTab(browser(), base, { js: false });
    const { page } = tab;
    await uiSignUp(tab, { name: "Tomasz Wierzbicki" });
    expect(new URL(page.url()).pathname).toBe("/me/profile");

    await visit(tab, "/me/profile/import");
    await page
      .getByLabel("CSV file")
      .setInputFiles({ name: "credits.csv", mimeType: "text/csv", buffer: Buffer.from(csv([FIXED_ROW, GOOD_ROWS[4]])) });
    await submit(page, page.getByRole("button", { name: "Check the file" }));
    expect(await mainText(page)).toContain("2 rows: 2 new credits.");
    await submit(page, page.getByRole("button", { name: "Import 2 new credits" }));
    expect(await mainText(page)).toContain("Imported 2 new credits.");

    await visit(tab, `/gigs?q=camera`);
    expect(await mainText(page)).toContain("1 open gig");
    await submit(page, page.getByRole("link", { name: cameraGig.title }));
    await page.getByLabel("A note for the lab").fill("Script supervisor for eight years; I log every camera move.");
    await submit(page, page.getByRole("button", { name: "Apply to this gig" }));
    expect(new URL(page.url()).pathname).toMatch(/^\/me\/applications\//);
    expect(await textOf(page.locator("ol.steps li[aria-current=step]"))).toContain("Applied");
    await screenshot(page, "nojs-tracker-applied");
    expect(tab.problems).toEqual([]);
    await tab.context.close();
  });
});

describe("site chrome", () => {
  it("every link in the header and footer leads to a page", async () => {
    const tab = await openTab(browser(), base);
    await visit(tab, "/");
    const hrefs = await tab.page
      .locator("header a[href^='/'], footer a[href^='/']")
      .evaluateAll((as) => as.map((a) => a.getAttribute("href")!));
    expect(hrefs.length).toBeGreaterThan(2);
    const broken: string[] = [];
    for (const href of new Set(hrefs)) {
      const res = await tab.page.request.get(href);
      if (res.status() >= 400) broken.push(`${href} -> ${res.status()}`);
    }
    expect(broken, "broken links in the site header/footer").toEqual([]);
    await tab.context.close();
  });

  it("logging in with the wrong password keeps the user on the form with a readable error", async () => {
    const tab = await openTab(browser(), base);
    const { page } = tab;
    await visit(tab, "/login");
    await page.getByLabel("Email").fill("nobody@e2e.secondact.test");
    await page.getByLabel("Password").fill("not the password at all");
    await submit(page, page.getByRole("button", { name: "Log in" }));
    expect(new URL(page.url()).pathname).toBe("/login");
    expect(await textOf(page.getByRole("alert"))).not.toBe("");
    await checkPage(page, "login-error");
    await tab.context.close();
  });
});

describe("keyboard only", () => {
  it("skips to content, logs in and applies with Tab, Space and Enter", async () => {
    const pro = await seedProfessional(base, {
      name: "Kwame Mensah",
      headline: "Script coordinator on sitcoms",
      scores: { EMOTION_SARCASM_TENSION_LABELLING: 70 },
    });
    const tab = await openTab(browser(), base);
    const { page } = tab;
    await visit(tab, `/login?next=${encodeURIComponent(`/gigs/${sarcasmGig.id}`)}`);
    await checkPage(page, "login");

    const focused = () =>
      page.evaluate(() => {
        const el = document.activeElement as HTMLElement | null;
        if (!el) return "";
        const label = el.id ? document.querySelector(`label[for="${el.id}"]`)?.textContent : null;
        return `${el.tagName.toLowerCase()}|${label ?? el.getAttribute("aria-label") ?? el.textContent ?? ""}`.trim();
      });
    /** Presses Tab until the focused element matches, failing after `max` presses. */
    const tabTo = async (match: RegExp, max = 25) => {
      for (let i = 0; i < max; i++) {
        await page.keyboard.press("Tab");
        if (match.test(await focused())) return;
      }
      throw new Error(`Tab never reached ${match} (last focus: ${await focused()})`);
    };
    const focusRing = () =>
      page.evaluate(() => {
        const s = getComputedStyle(document.activeElement as Element);
        return (s.outlineStyle !== "none" && s.outlineWidth !== "0px") || s.boxShadow !== "none";
      });

    // The first Tab lands on the skip link, and it moves focus into <main>.
    await page.keyboard.press("Tab");
    expect(await focused()).toMatch(/^a\|Skip to content/);
    expect(await focusRing(), "the skip link shows a focus indicator").toBe(true);
    await page.keyboard.press("Enter");
    await page.keyboard.press("Tab");
    expect(
      await page.evaluate(() => Boolean(document.activeElement?.closest("main"))),
      "after the skip link, Tab continues inside <main>",
    ).toBe(true);

    await tabTo(/^input\|Email/);
    await page.keyboard.type(pro.email);
    await page.keyboard.press("Tab");
    expect(await focused()).toMatch(/^input\|Password/);
    await page.keyboard.type(PASSWORD);
    await act(page, () => page.keyboard.press("Enter"));
    expect(new URL(page.url()).pathname).toBe(`/gigs/${sarcasmGig.id}`);

    await tabTo(/^textarea\|A note for the lab/, 60);
    await page.keyboard.type("I transcribed table reads for four seasons.");
    await page.keyboard.press("Tab");
    expect(await focused()).toMatch(/^button\|Apply to this gig/);
    expect(await focusRing(), "the Apply button shows a focus indicator").toBe(true);
    await act(page, () => page.keyboard.press("Space"));
    expect(new URL(page.url()).pathname).toMatch(/^\/me\/applications\//);
    expect(await textOf(page.locator("ol.steps li[aria-current=step]"))).toContain("Applied");
    const app = await db().application.findFirstOrThrow({ where: { profileId: pro.profileId, gigId: sarcasmGig.id } });
    expect(app.note).toBe("I transcribed table reads for four seasons.");
    expect(tab.problems).toEqual([]);
    await tab.context.close();
  });
});
