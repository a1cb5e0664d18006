/**
 * Engagement terms in the browser (issue 22): a lab posts a gig with its terms through the gig form
 * (JavaScript on and off) and opens it; a professional sees the terms and the effective hourly rate
 * (unpaid onboarding counted) before applying, on the lab's cards and the gig page; the lab cuts
 * weekly hours with less notice than promised: refused without a reason, recorded with one, and
 * the professional sees the notice on the gig page.
 */
import { describe, expect, it } from "vitest";
import { db } from "~/db.server";
import { useTestServer } from "../setup/server";
import { checkPage, mainText, openTab, screenshot, submit, textOf, uiLogIn, useBrowser, visit } from "./browser";
import { seedLab, seedProfessional } from "./seed";

const base = await useTestServer();
const browser = useBrowser();

const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

for (const js of [true, false]) {
  describe(`a gig with engagement terms (JavaScript ${js ? "on" : "off"})`, () => {
    it("the lab posts and opens it; a professional sees the terms and the effective hourly rate before applying", async () => {
      const lab = await seedLab(base, js ? "Terms Works" : "Notice Labs", "Ines Ortega");
      await db().user.update({ where: { email: lab.ownerEmail }, data: { emailVerifiedAt: new Date() } });
      const tab = await openTab(browser(), base, { js });
      const { page } = tab;
      await uiLogIn(tab, lab.ownerEmail, `/labs/${lab.slug}/gigs/new`);
      await visit(tab, `/labs/${lab.slug}/gigs/new`);
      const form = page.locator("main form");
      const title = js ? "Rank cold opens for timing" : "Rank cold opens (no script)";
      await form.getByLabel("Title", { exact: true }).fill(title);
      await form.getByLabel("Comedic-timing evaluation").check();
      await form.getByLabel("Pay amount").fill("60");
      await form.getByLabel("Expected hours per week").fill("10");
      await form.getByLabel("Start date").fill(day(7));
      await form.getByLabel("End date").fill(day(120));
      // A mistake first: the refusal is next to the field, and every value is kept.
      await form.getByLabel("Notice period (days)").fill("-3");
      await form.getByLabel("Rate lock (days)").fill("60");
      await form.getByLabel("Assessment minutes").fill("60");
      await form.getByLabel("Training minutes").fill("120");
      await form.getByLabel("Is the assessment paid?").selectOption("ON_COMPLETION");
      await form.getByLabel("Assessment pay (per hour)").fill("30");
      await form.getByLabel("What model or product does this work train?").fill("A dialogue model for a writing assistant");
      await form.getByLabel("May outputs be used to generate scripts or other creative work?").selectOption("NO");
      await form.getByLabel("How long is contributed work retained, and who can access it?").fill("Two years");
      // With JavaScript the same zod schema refuses it in the browser (no request); without, the server does.
      if (js) await form.getByRole("button", { name: "Save draft" }).click();
      else await submit(page, form.getByRole("button", { name: "Save draft" }));
      const notice = form.getByLabel("Notice period (days)");
      await expect.poll(() => notice.getAttribute("aria-invalid")).toBe("true");
      expect(await mainText(page)).toContain("The notice period (days) must be at least 0.");
      expect(await form.getByLabel("Training minutes").inputValue()).toBe("120");
      expect(await form.getByLabel("Is the assessment paid?").inputValue()).toBe("ON_COMPLETION");
      expect(await db().gig.count({ where: { labId: lab.labId } })).toBe(0);
      await notice.fill("14");
      if (js) await checkPage(page, "gig-form-terms");
      await submit(page, form.getByRole("button", { name: "Save draft" }));
      await expect.poll(() => new URL(page.url()).pathname).toMatch(/^\/gigs\/[^/]+$/);
      expect(await page.getByRole("status").allInnerTexts()).toContain("Draft saved. Fill in anything missing below, then open it.");
      const gig = await db().gig.findFirstOrThrow({ where: { labId: lab.labId } });
      expect(gig).toMatchObject({
        noticeDays: 14,
        rateLockDays: 60,
        assessmentMinutes: 60,
        trainingMinutes: 120,
        screeningPaid: true,
        assessmentPaidWhen: "ON_COMPLETION",
        screeningRateCents: 3000,
        onboardingPaid: false,
        hoursPerWeek: 10,
      });
      await submit(page, page.getByRole("button", { name: "Open gig" }));
      expect(await page.getByRole("status").allInnerTexts()).toContain("The gig is now open.");
      await tab.context.close();

      // The professional, before applying: the lab's cards and the gig page.
      const pro = await seedProfessional(base, {
        name: js ? "Ana Pro" : "Ben Pro",
        headline: "Sitcom writer",
        scores: { COMEDIC_TIMING_EVAL: 80 },
      });
      const proTab = await openTab(browser(), base, { js });
      await uiLogIn(proTab, pro.email);
      await visit(proTab, `/labs/${lab.slug}`);
      const card = proTab.page.locator("article.gig-card", { hasText: title });
      // 4 weeks x 10 h at $60, plus 1 h of assessment paid $30 and 2 h of unpaid training: $2430 / 43 h.
      expect(await textOf(card)).toContain("effective $56.51/h with unpaid onboarding");
      expect(await textOf(card)).toContain("10 h/week · 14 days' notice · rate locked 60 days · 120 min unpaid onboarding");
      await visit(proTab, `/gigs/${gig.id}`);
      expect(await textOf(proTab.page.getByTestId("effective-hourly"))).toContain("Effective hourly: $56.51/h");
      const terms = await textOf(proTab.page.getByTestId("engagement-terms"));
      expect(terms).toContain("At least 14 days' notice before the gig ends early or weekly hours are cut.");
      expect(terms).toContain("The rate cannot go down for 60 days after the gig opens.");
      expect(terms).toContain("Assessment: 60 minutes, paid once completed, whatever the outcome.");
      expect(terms).toContain("Training: 120 minutes, unpaid.");
      expect(await proTab.page.getByRole("button", { name: "Apply to this gig" }).count()).toBe(1);
      await screenshot(proTab.page, `gig-terms-before-applying-${js ? "js" : "nojs"}`);
      expect(proTab.problems).toEqual([]);
      await proTab.context.close();
    });
  });
}

describe("changing the promised terms (JavaScript on)", () => {
  it("cutting hours with too little notice needs a reason; then it is recorded and shown to the people on the gig", async () => {
    const lab = await seedLab(base, "Short Notice Co", "Omar Haddad");
    const { createGig, changeGigStatus } = await import("~/services/gigs.server");
    const created = await createGig(
      lab.labId,
      {
        title: "Label tension in drama scenes",
        taskTypes: ["EMOTION_SARCASM_TENSION_LABELLING"],
        payAmount: 50,
        hoursPerWeek: 20,
        startDate: day(-10),
        endDate: day(90),
        noticeDays: 14,
        rateLockDays: 30,
        assessmentMinutes: 0,
        trainingMinutes: 0,
        disclosureTrains: "A video model.",
        disclosureCreativeUse: "NO",
        disclosureRetention: "One year.",
      },
      lab.actor,
    );
    if (!created.ok) throw new Error(JSON.stringify(created.errors));
    await db().user.update({ where: { email: lab.ownerEmail }, data: { emailVerifiedAt: new Date() } });
    const opened = await changeGigStatus(created.gig.id, "OPEN", lab.actor, { acknowledgeLowPay: true });
    if (!opened.ok) throw new Error(JSON.stringify(opened.errors));
    const gigId = created.gig.id;
    const pro = await seedProfessional(base, {
      name: "Cleo Active",
      headline: "Drama editor",
      scores: { EMOTION_SARCASM_TENSION_LABELLING: 70 },
    });
    await db().application.create({ data: { profileId: pro.profileId, gigId, origin: "APPLIED", stage: "ACTIVE" } });

    const tab = await openTab(browser(), base, { js: true });
    const { page } = tab;
    await uiLogIn(tab, lab.ownerEmail, `/gigs/${gigId}/edit`);
    await visit(tab, `/gigs/${gigId}/edit`);
    const form = page.locator("main form");
    await form.getByLabel("Expected hours per week").fill("8");
    await form.getByLabel("A cut in weekly hours takes effect on").fill(day(2));
    await submit(page, form.getByRole("button", { name: "Save changes" }));
    const reason = form.getByLabel("Reason for the change");
    await expect.poll(() => reason.getAttribute("aria-invalid")).toBe("true");
    expect(await mainText(page)).toContain("2 days' notice (promised: 14 days)");
    expect(await form.getByLabel("Expected hours per week").inputValue()).toBe("8");
    expect((await db().gig.findUniqueOrThrow({ where: { id: gigId } })).hoursPerWeek).toBe(20);
    expect(await db().gigTermChange.count({ where: { gigId } })).toBe(0);
    await screenshot(page, "gig-terms-change-refused");
    await reason.fill("Our client paused half of the scenes.");
    await submit(page, form.getByRole("button", { name: "Save changes" }));
    await expect.poll(() => new URL(page.url()).pathname).toBe(`/gigs/${gigId}`);
    expect((await page.getByRole("status").allInnerTexts()).join(" ")).toContain("1 change against the promised terms was recorded");
    const row = await db().gigTermChange.findFirstOrThrow({ where: { gigId } });
    expect(row).toMatchObject({
      kind: "HOURS_CUT",
      withinPromise: false,
      actualNoticeDays: 2,
      promisedNoticeDays: 14,
      reason: "Our client paused half of the scenes.",
    });
    await tab.context.close();

    const proTab = await openTab(browser(), base, { js: true });
    await uiLogIn(proTab, pro.email);
    await visit(proTab, `/gigs/${gigId}`);
    const noticeBox = await textOf(proTab.page.getByTestId("term-changes"));
    expect(noticeBox).toContain("1 change was made with less notice than the lab promised.");
    expect(noticeBox).toContain("Weekly hours cut: 20 h/week → 8 h/week");
    expect(noticeBox).toContain("Reason: Our client paused half of the scenes.");
    expect(await db().notification.count({ where: { userId: pro.userId, kind: "gig.terms_changed" } })).toBe(1);
    await checkPage(proTab.page, "gig-term-changes-notice");
    expect(proTab.problems).toEqual([]);
    await proTab.context.close();
  });
});
