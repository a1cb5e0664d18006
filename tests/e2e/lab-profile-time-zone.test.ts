/**
 * Trust basics, part two. A lab owner describes the lab (description, website, logo) on its
 * settings page and a professional sees that on the gig page and the gig card; times are rendered
 * on the server in the viewer's zone (detected from the browser, or chosen on /account), with and
 * without JavaScript.
 */
import { deflateSync, crc32 } from "node:zlib";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { db } from "~/db.server";
import { absoluteTime } from "~/domain/time";
import { useTestServer } from "../setup/server";
import { checkPage, mainText, openTab, submit, textOf, uiLogIn, useBrowser, visit } from "./browser";
import { SITCOM_GIG, seedLab, seedOpenGig, seedProfessional } from "./seed";

const base = await useTestServer();
const browser = useBrowser();

/** A real 48x48 PNG (a yellow disc), so the browser can decode and show it. */
function pngFile(): string {
  const n = 48;
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([len, body, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(n, 0);
  ihdr.writeUInt32BE(n, 4);
  ihdr[8] = 8;
  ihdr[9] = 2;
  const rows: Buffer[] = [];
  for (let y = 0; y < n; y++) {
    const row = [0];
    for (let x = 0; x < n; x++) row.push(...((x - n / 2) ** 2 + (y - n / 2) ** 2 < (n / 2.5) ** 2 ? [240, 180, 40] : [30, 40, 90]));
    rows.push(Buffer.from(row));
  }
  const png = Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", ihdr),
    chunk("IDAT", deflateSync(Buffer.concat(rows))),
    chunk("IEND", Buffer.alloc(0)),
  ]);
  const file = path.join(mkdtempSync(path.join(tmpdir(), "logo-")), "logo.png");
  writeFileSync(file, png);
  return file;
}

describe("a lab describes itself; times in the viewer's zone", () => {
  it("the owner fills description, website and logo; a professional in Los Angeles sees them and the gig's times in their zone", async () => {
    const lab = await seedLab(base, "Orchard Signal", "Rae Kim");
    const gig = await seedOpenGig(lab, { ...SITCOM_GIG, title: "Judge cold opens for Orchard", endDate: "2027-03-15" });
    // Posted 40 days ago at 07:05 UTC: shown as an absolute time, which is the day before in Los Angeles.
    const posted = new Date(Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth(), new Date().getUTCDate() - 40, 7, 5));
    await db().gig.update({ where: { id: gig.id }, data: { publishedAt: posted } });

    // 1. The owner, with JavaScript: errors next to the field, then a clean save.
    const owner = await openTab(browser(), base, { timezoneId: "Europe/Berlin" });
    await uiLogIn(owner, lab.ownerEmail);
    await visit(owner, `/labs/${lab.slug}`);
    await submit(owner.page, owner.page.getByRole("link", { name: "Lab profile" }));
    expect(new URL(owner.page.url()).pathname).toBe(`/labs/${lab.slug}/settings`);
    const about = owner.page.getByLabel("About the lab");
    await about.fill("Orchard Signal trains script-notes models.\nWe pay for screening and never train on your name.");
    await owner.page.getByLabel("Website").fill("http://orchard.example");
    // The same zod schema runs in the browser: the form is not sent, the field says why.
    await owner.page.getByRole("button", { name: "Save lab profile" }).click();
    const website = owner.page.getByLabel("Website");
    await expect.poll(() => website.getAttribute("aria-invalid")).toBe("true");
    const describedBy = (await website.getAttribute("aria-describedby")) ?? "";
    expect(await textOf(owner.page.locator(`#${describedBy.split(" ").at(-1)}`))).toBe(
      "Use an https:// address (plain http is not accepted).",
    );
    expect(await about.inputValue()).toContain("never train on your name"); // kept on error
    await website.fill("orchard.example");
    await owner.page.getByLabel(/^Logo/).setInputFiles(pngFile());
    await submit(owner.page, owner.page.getByRole("button", { name: "Save lab profile" }));
    expect((await owner.page.getByRole("status").allInnerTexts()).join(" ")).toContain(
      "Lab profile saved. Website: https://orchard.example/. New logo saved.",
    );
    const preview = owner.page.getByTestId("lab-brand");
    expect(await preview.locator("img").evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(48);
    await checkPage(owner.page, "lab-settings-saved");
    expect(owner.problems).toEqual([]);
    await owner.context.close();

    // 2. A professional whose browser is in Los Angeles: the lab on the gig page and the card, times in their zone.
    const pro = await seedProfessional(base, { name: "Noor Haddad", headline: "Sitcom writer", scores: { "comedic-timing-eval": 90 } });
    const tab = await openTab(browser(), base, { timezoneId: "America/Los_Angeles" });
    await uiLogIn(tab, pro.email);
    await visit(tab, `/gigs/${gig.id}`);
    const { page } = tab;
    const brand = page.locator("section", { has: page.getByRole("heading", { name: "About the lab" }) });
    expect(await textOf(brand)).toContain("Orchard Signal trains script-notes models.");
    expect(await brand.getByRole("link", { name: "orchard.example" }).getAttribute("href")).toBe("https://orchard.example/");
    const logo = brand.locator("img.lab-logo");
    expect(await logo.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(48);
    const postedText = absoluteTime(posted, "America/Los_Angeles");
    expect(postedText).toMatch(/GMT-[78]$/);
    expect(postedText).not.toBe(absoluteTime(posted, "UTC"));
    const postedTime = page.locator("header time");
    expect(await textOf(postedTime)).toBe(postedText);
    expect(await mainText(page)).toContain("ends 15 Mar 2027");
    // Rendered so on the server (not patched in by the browser): the HTML itself says it.
    const html = await (await page.request.get(`/gigs/${gig.id}`)).text();
    expect(html).toContain(postedText);
    expect(await textOf(page.getByTestId("time-zone-note"))).toBe(
      "Times are shown in America/Los Angeles (detected from your browser). Change",
    );

    await visit(tab, `/gigs?q=${encodeURIComponent("Judge cold opens for Orchard")}`);
    const card = page.locator("article.gig-card", { hasText: "Judge cold opens for Orchard" });
    expect(await card.locator("img.lab-logo").count()).toBe(1);

    // 3. Chosen on /account, the zone wins over the browser's, and the form keeps to the pipeline.
    await visit(tab, "/account");
    await page.getByLabel(/^Show times in/).selectOption("Asia/Tokyo");
    await submit(page, page.getByRole("button", { name: "Save time zone" }));
    expect((await page.getByRole("status").allInnerTexts()).join(" ")).toContain("Time zone saved: times are now shown in Asia/Tokyo.");
    expect((await db().user.findUniqueOrThrow({ where: { email: pro.email } })).timeZone).toBe("Asia/Tokyo");
    await visit(tab, `/gigs/${gig.id}`);
    expect(await textOf(page.locator("header time"))).toBe(absoluteTime(posted, "Asia/Tokyo"));
    expect(await textOf(page.getByTestId("time-zone-note"))).toContain("Times are shown in Asia/Tokyo (as set in your account)");
    expect(tab.problems).toEqual([]);
    await tab.context.close();
  });

  it("without JavaScript: times stay in UTC and the page says so; the account forms still work", async () => {
    const lab = await seedLab(base, "Quiet Harbor", "Ola Berg");
    const gig = await seedOpenGig(lab, SITCOM_GIG);
    const posted = new Date(Date.UTC(2026, 0, 10, 7, 5));
    await db().gig.update({ where: { id: gig.id }, data: { publishedAt: posted } });
    const pro = await seedProfessional(base, { name: "Ines Costa", headline: "Script supervisor", scores: {} });
    const tab = await openTab(browser(), base, { js: false, timezoneId: "America/Los_Angeles" });
    await uiLogIn(tab, pro.email);
    await visit(tab, `/gigs/${gig.id}`);
    expect(await textOf(tab.page.locator("header time"))).toBe("10 Jan 2026, 07:05 UTC");
    expect(await textOf(tab.page.getByTestId("time-zone-note"))).toContain("Times are shown in UTC (your browser's zone is not known yet)");

    await visit(tab, "/account");
    await tab.page.getByLabel(/^Show times in/).selectOption("America/Los_Angeles");
    await submit(tab.page, tab.page.getByRole("button", { name: "Save time zone" }));
    expect(await mainText(tab.page)).toContain("Time zone saved: times are now shown in America/Los Angeles.");
    await visit(tab, `/gigs/${gig.id}`);
    expect(await textOf(tab.page.locator("header time"))).toBe("9 Jan 2026, 23:05 GMT-8");

    // A wrong current password: the error is next to its field, marked, and nothing changes.
    await visit(tab, "/account");
    await tab.page.getByLabel("Current password").fill("not my password");
    await tab.page.getByLabel("New password", { exact: true }).fill("a brand new passphrase 42");
    await tab.page.getByLabel("Repeat the new password").fill("a brand new passphrase 42");
    await submit(tab.page, tab.page.getByRole("button", { name: "Change password" }));
    const current = tab.page.getByLabel("Current password");
    expect(await current.getAttribute("aria-invalid")).toBe("true");
    expect(await mainText(tab.page)).toContain("That is not your current password.");
    expect(await current.inputValue()).toBe(""); // a password is never sent back into the page
    expect(await tab.page.content()).not.toContain("a brand new passphrase 42");
    await tab.context.close();
  });
});
