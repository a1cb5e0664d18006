/**
 * Work credentials in a real browser (issue 23): a professional with recorded work issues a
 * credential, opens its public page, shows it on the profile, downloads the signed file; someone
 * else verifies that copy at /verify (valid), and a copy with changed hours is rejected.
 * Desktop and phone widths, with the axe checks.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "~/db.server";
import { recordWork } from "~/services/work.server";
import { useTestServer } from "../setup/server";
import { checkPage, mainText, openTab, submit, uiLogIn, useBrowser, visit } from "./browser";
import { SARCASM_GIG, activate, seedApplication, seedLab, seedOpenGig, seedProfessional } from "./seed";

const base = await useTestServer();
const browser = useBrowser();

let w: { proEmail: string; labEmail: string; profileId: string };

beforeAll(async () => {
  const lab = await seedLab(base, "Kestrel Credential Labs", "Noor Haddad");
  const gig = await seedOpenGig(lab, { ...SARCASM_GIG, title: "Label sarcasm (credentials)", credentialDescriptor: "a frontier AI lab" });
  const pro = await seedProfessional(base, {
    name: "Marisol Credential",
    headline: "Script coordinator",
    scores: { EMOTION_SARCASM_TENSION_LABELLING: 80 },
  });
  const appId = await seedApplication(pro.profileId, pro.userId, gig.id, "Eight years of table reads.");
  const labActor = { ...lab.actor, labId: lab.labId };
  await activate(appId, labActor, { id: pro.userId, role: "PROFESSIONAL", profileId: pro.profileId });
  const r = await recordWork(
    gig.id,
    { applicationId: appId, workDate: new Date().toISOString().slice(0, 10), hours: 6.5, note: "" },
    labActor,
    { source: "LAB" },
  );
  if (!r.ok) throw new Error(r.message);
  w = { proEmail: pro.email, labEmail: lab.ownerEmail, profileId: pro.profileId };
});

describe("work credential", () => {
  it("issue, share, download, verify; a changed copy is rejected", async () => {
    const pro = await openTab(browser(), base);
    await uiLogIn(pro, w.proEmail);
    await visit(pro, "/me/credentials");
    expect(await mainText(pro.page)).toContain("6.5 h");
    expect(await mainText(pro.page)).toContain("“a frontier AI lab”");
    await submit(pro.page, pro.page.getByRole("button", { name: "Issue credential" }));
    expect(await mainText(pro.page)).toContain("Credential issued.");
    await checkPage(pro.page, "credentials-pro-issued");
    await submit(pro.page, pro.page.getByRole("button", { name: "Show on my profile" }));
    expect(await mainText(pro.page)).toContain("Shown on your profile");

    // The signed file, as the download link serves it.
    const href = await pro.page.getByRole("link", { name: "Download signed file" }).getAttribute("href");
    expect(href).toMatch(/^\/credentials\/[\w-]+\/credential\.json$/);
    const file = await (await pro.page.request.get(href!)).text();

    // The public page, on a phone.
    const id = href!.split("/")[2];
    const anon = await openTab(browser(), base);
    await anon.page.setViewportSize({ width: 390, height: 844 });
    await visit(anon, `/credentials/${id}`);
    const publicText = await mainText(anon.page);
    expect(publicText).toContain("Valid");
    expect(publicText).toContain("a frontier AI lab");
    expect(publicText).toContain("6.5 hours");
    expect(publicText).not.toContain("Kestrel");
    await checkPage(anon.page, "credentials-public-phone");

    // Someone else verifies the copy they were sent.
    await visit(anon, "/verify");
    await anon.page.getByLabel("Credential").fill(file);
    await submit(anon.page, anon.page.getByRole("button", { name: "Verify" }));
    expect(await mainText(anon.page)).toContain("Valid: issued and signed by Second Act");
    await checkPage(anon.page, "credentials-verify-valid-phone");

    // A copy with more hours is rejected.
    const tampered = JSON.parse(file);
    tampered.credential.work.hours = 65;
    await anon.page.setViewportSize({ width: 1280, height: 800 });
    await visit(anon, "/verify");
    await anon.page.getByLabel("Credential").fill(JSON.stringify(tampered, null, 2));
    await submit(anon.page, anon.page.getByRole("button", { name: "Verify" }));
    const verdict = await mainText(anon.page);
    expect(verdict).toContain("Not valid: changed after issue");
    expect(verdict).toContain("65 hours");
    await checkPage(anon.page, "credentials-verify-tampered");

    // The lab sees it on the person's profile.
    const lab = await openTab(browser(), base);
    await uiLogIn(lab, w.labEmail);
    await visit(lab, `/people/${w.profileId}`);
    expect(await mainText(lab.page)).toContain("AI-training work (verified credentials)");
    expect(await db().workCredential.count({ where: { profileId: w.profileId } })).toBe(1);
  });
});
