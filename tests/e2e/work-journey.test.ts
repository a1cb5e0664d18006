/**
 * The active phase in a real browser: the lab records hours on the person's work page, the
 * professional sees the hours, the earnings by payout status and the queue status on their
 * tracker, the lab pauses the work for everyone on the gig with a reason and a check-again date,
 * and the professional sees the reason and the date. Once with JavaScript, once without.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "~/db.server";
import { addDays, dayOf } from "~/domain/work";
import { useTestServer } from "../setup/server";
import type { Page } from "playwright-core";
import { checkPage, mainText, openTab, screenshot, submit, textOf, uiLogIn, useBrowser, visit } from "./browser";
import { SARCASM_GIG, activate, seedApplication, seedLab, seedOpenGig, seedProfessional } from "./seed";

const base = await useTestServer();
const browser = useBrowser();

interface World {
  gigId: string;
  appId: string;
  labEmail: string;
  proEmail: string;
}

async function world(name: string): Promise<World> {
  const lab = await seedLab(base, `Kestrel Labs ${name}`, "Noor Haddad");
  const gig = await seedOpenGig(lab, { ...SARCASM_GIG, title: `${SARCASM_GIG.title} (${name})` });
  const pro = await seedProfessional(base, {
    name: `Marisol ${name}`,
    headline: "Script coordinator, network comedies",
    scores: { EMOTION_SARCASM_TENSION_LABELLING: 80 },
  });
  const appId = await seedApplication(pro.profileId, pro.userId, gig.id, "Eight years of table reads.");
  await activate(appId, { ...lab.actor, labId: lab.labId }, { id: pro.userId, role: "PROFESSIONAL", profileId: pro.profileId });
  return { gigId: gig.id, appId, labEmail: lab.ownerEmail, proEmail: pro.email };
}

const today = dayOf(new Date());

/** Screenshot and axe check (axe runs page scripts, so without JavaScript only the screenshot). */
async function look(page: Page, name: string, js: boolean) {
  if (js) await checkPage(page, name);
  else await screenshot(page, name);
}

describe.each([true, false])("work, pay and queue status (JavaScript %s)", (js) => {
  let w: World;
  beforeAll(async () => {
    w = await world(js ? "js" : "nojs");
  });

  it("the lab records hours, the professional sees earnings and the queue, the lab pauses with a reason", async () => {
    const lab = await openTab(browser(), base, { js });
    await uiLogIn(lab, w.labEmail);
    // From the candidate view to the person's work page.
    await visit(lab, `/coord/gigs/${w.gigId}/candidates/${w.appId}`);
    expect(await mainText(lab.page)).toContain("Work available");
    await submit(lab.page, lab.page.getByRole("link", { name: /Record work, payouts/ }));
    expect(new URL(lab.page.url()).pathname).toBe(`/coord/gigs/${w.gigId}/candidates/${w.appId}/work`);
    // A mistake first: the values stay and the field says what is wrong.
    await lab.page.getByLabel("Hours worked").fill("30");
    await submit(lab.page, lab.page.getByRole("button", { name: "Record hours" }));
    expect(await mainText(lab.page)).toMatch(/at most 24/);
    expect(await lab.page.getByLabel("Hours worked").inputValue()).toBe("30");
    expect(await db().workEntry.count({ where: { applicationId: w.appId } })).toBe(0);
    await lab.page.getByLabel("Work date").fill(today);
    await lab.page.getByLabel("Hours worked").fill("2.5");
    await lab.page.getByRole("textbox", { name: "Note (optional)" }).fill("Episodes 1 and 2");
    await submit(lab.page, lab.page.getByRole("button", { name: "Record hours" }));
    const after = await mainText(lab.page);
    expect(after).toContain("Recorded for Marisol");
    expect(after).toContain("2 h 30 min");
    expect(after).toContain("$112.50"); // 2.5 h at $45
    // The form is empty again for the next entry.
    expect(await lab.page.getByLabel("Hours worked").inputValue()).toBe("");
    await look(lab.page, `work-lab-person-${js ? "js" : "nojs"}`, js);
    const entries = await db().workEntry.findMany({ where: { applicationId: w.appId } });
    expect(entries.map((e) => [e.quantity, e.amountCents, e.review, e.payout])).toEqual([[150, 11250, "ACCEPTED", "PENDING"]]);

    // The professional's tracker.
    const pro = await openTab(browser(), base, { js });
    await uiLogIn(pro, w.proEmail);
    await visit(pro, `/me/applications/${w.appId}`);
    const tracker = pro.page.locator("#work");
    expect(await textOf(tracker.getByTestId("queue-status"))).toContain("Work available");
    const totals = await textOf(tracker.getByTestId("work-totals"));
    expect(totals).toMatch(/Hours\s+2 h 30 min/);
    expect(totals).toMatch(/Earned\s+\$112\.50/);
    expect(totals).toMatch(/Pending\s+\$112\.50/);
    expect(totals).toMatch(/Paid\s+\$0\.00/);
    await look(pro.page, `work-tracker-${js ? "js" : "nojs"}`, js);

    // The lab pauses everyone on the gig with a reason and a check-again date.
    await visit(lab, `/coord/gigs/${w.gigId}/work`);
    await lab.page.getByLabel("Work", { exact: true }).selectOption("NO_WORK");
    // With JavaScript the same schema refuses it in the browser (no request); without, the server does.
    if (js) await lab.page.getByRole("button", { name: "Save queue status" }).click();
    else await submit(lab.page, lab.page.getByRole("button", { name: "Save queue status" }));
    await lab.page.getByText("When there is no work, choose the reason.").first().waitFor();
    expect(await db().engagement.findUniqueOrThrow({ where: { applicationId: w.appId } })).toMatchObject({ queueState: "WORK_AVAILABLE" });
    const checkOn = addDays(today, 7);
    await lab.page.getByLabel("Work", { exact: true }).selectOption("NO_WORK");
    await lab.page.getByLabel("Reason (when there is no work)").selectOption("PROJECT_PAUSED");
    await lab.page.getByLabel("Check again on (when there is no work)").fill(checkOn);
    await lab.page.getByLabel("Note the person will read").fill("The client is retraining the model");
    await submit(lab.page, lab.page.getByRole("button", { name: "Save queue status" }));
    expect(await mainText(lab.page)).toContain("Queue status saved for 1 person");
    await look(lab.page, `work-lab-gig-${js ? "js" : "nojs"}`, js);

    await visit(pro, `/me/applications/${w.appId}`);
    const status = await textOf(pro.page.locator("#work").getByTestId("queue-status"));
    expect(status).toContain("No work right now: Project paused");
    expect(status).toContain(checkOn);
    expect(status).toContain("The client is retraining the model");
    await look(pro.page, `work-tracker-paused-${js ? "js" : "nojs"}`, js);
    expect(lab.problems).toEqual([]);
    expect(pro.problems).toEqual([]);
    await lab.context.close();
    await pro.context.close();
  }, 180_000);
});
