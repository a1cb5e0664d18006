/**
 * Layout on every page, for the role that uses it, at a phone (390x844) and a laptop (1280x800):
 *
 * - no horizontal overflow: the document is no wider than the screen, and no element reaches past
 *   the right edge unless it sits inside its own scroll box (a wide table scrolls, the page doesn't);
 * - on the phone, the main navigation is one row, and its menu (a <details>, so it also works
 *   without JavaScript) opens, marks the current section and navigates;
 * - axe-core finds nothing serious or critical.
 *
 * The pages come from app/routes: every route file that renders a page must be listed in PAGES
 * below (with the roles that use it), so a new page cannot skip this test.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "~/db.server";
import { flushSearch } from "~/runtime.server";
import { createStaffUser } from "~/services/auth.server";
import { useTestServer } from "../setup/server";
import {
  PASSWORD,
  axeViolations,
  formatViolations,
  openTab,
  screenshot,
  type Tab,
  textOf,
  uiLogIn,
  uniqueEmail,
  useBrowser,
  visit,
} from "./browser";
import { recordWork, setPayout, setQueueStatus } from "~/services/work.server";
import { issueCredential } from "~/services/credentials.server";
import { createEndpoint } from "~/services/webhooks.server";
import { createScreener, saveScreenerVersion } from "~/services/screeners.server";
import type { SessionUser } from "~/session.server";
import {
  CAMERA_GIG,
  SITCOM_GIG,
  activate,
  move,
  seedApplication,
  seedCoordinator,
  seedLab,
  seedOpenGig,
  seedProfessional,
  seedRules,
} from "./seed";

const base = await useTestServer();
const browser = useBrowser();

type Role = "anonymous" | "professional" | "lab" | "coordinator" | "admin";

interface Ids {
  gig: string;
  app: string;
  profile: string;
  slug: string;
  rule: string;
  /** The professional's ACTIVE application (on the camera gig), with a work ledger and no work right now. */
  active: string;
  activeGig: string;
  /** A work credential issued for the active engagement (shown on the profile). */
  credential: string;
  /** The lab's webhook endpoint (long URL) with a failed delivery in its log. */
  webhook: string;
  /** The lab's saved screener, at version 2 (so the page shows a version history). */
  screener: string;
}

/**
 * Every page route file -> the URL to load and the roles that use the page. A route whose page
 * needs a token (verify-email, reset-password, join-lab) is loaded with a made-up one: the page
 * that explains the link is not valid is what a person with an old link sees.
 */
const PAGES: Record<string, { url: (ids: Ids) => string; roles: Role[] }> = {
  "site/_index.tsx": { url: () => "/", roles: ["anonymous"] },
  "site/about.tsx": { url: () => "/about", roles: ["anonymous"] },
  "me/account.tsx": { url: () => "/account", roles: ["professional", "lab", "coordinator"] },
  "admin/admin._index.tsx": { url: () => "/admin", roles: ["admin"] },
  "auth/check-email.tsx": { url: () => "/check-email", roles: ["anonymous"] },
  "coord/coord._index.tsx": { url: () => "/coord", roles: ["coordinator", "admin"] },
  "coord/coord.gigs.$id.tsx": { url: (i) => `/coord/gigs/${i.gig}`, roles: ["coordinator", "lab"] },
  "coord/coord.gigs.$id_.candidates.$applicationId.tsx": {
    url: (i) => `/coord/gigs/${i.gig}/candidates/${i.app}`,
    roles: ["coordinator", "lab"],
  },
  "coord/coord.gigs.$id_.candidates.$applicationId_.work.tsx": {
    url: (i) => `/coord/gigs/${i.activeGig}/candidates/${i.active}/work`,
    roles: ["coordinator", "lab"],
  },
  "coord/coord.gigs.$id_.work.tsx": { url: (i) => `/coord/gigs/${i.activeGig}/work`, roles: ["coordinator", "lab"] },
  "coord/coord.rules.$id.tsx": { url: (i) => `/coord/rules/${i.rule}`, roles: ["coordinator"] },
  "coord/coord.rules._index.tsx": { url: () => "/coord/rules", roles: ["coordinator"] },
  "coord/coord.sla.tsx": { url: () => "/coord/sla", roles: ["coordinator"] },
  "auth/dev.mail.tsx": { url: () => "/dev/mail", roles: ["anonymous"] },
  "auth/forgot-password.tsx": { url: () => "/forgot-password", roles: ["anonymous"] },
  "lab/gigs_.$id.edit.tsx": { url: (i) => `/gigs/${i.gig}/edit`, roles: ["lab"] },
  "site/gigs.$id.tsx": { url: (i) => `/gigs/${i.gig}`, roles: ["anonymous", "professional", "lab", "coordinator"] },
  "site/gigs._index.tsx": { url: () => "/gigs", roles: ["anonymous", "professional"] },
  "coord/insights._index.tsx": { url: () => "/insights", roles: ["lab", "coordinator"] },
  "coord/insights.fairness.tsx": { url: () => "/insights/fairness", roles: ["coordinator"] },
  "auth/join-lab.tsx": { url: () => "/join-lab?token=not-a-real-invitation-token", roles: ["anonymous"] },
  "site/labs.$slug._index.tsx": { url: (i) => `/labs/${i.slug}`, roles: ["lab"] },
  "lab/labs.$slug.gigs.new.tsx": { url: (i) => `/labs/${i.slug}/gigs/new`, roles: ["lab"] },
  "lab/labs.$slug.credentials.tsx": { url: (i) => `/labs/${i.slug}/credentials`, roles: ["lab", "coordinator"] },
  "lab/labs.$slug.webhooks.tsx": { url: (i) => `/labs/${i.slug}/webhooks?endpoint=${i.webhook}`, roles: ["lab"] },
  "me/me.credentials.tsx": { url: () => "/me/credentials", roles: ["professional"] },
  "site/credentials.$id.tsx": { url: (i) => `/credentials/${i.credential}`, roles: ["anonymous", "lab"] },
  "site/verify.tsx": { url: () => "/verify", roles: ["anonymous", "professional"] },
  "lab/labs.$slug.members.tsx": { url: (i) => `/labs/${i.slug}/members`, roles: ["lab"] },
  "lab/labs.$slug.settings.tsx": { url: (i) => `/labs/${i.slug}/settings`, roles: ["lab"] },
  "lab/labs.$slug.tokens.tsx": { url: (i) => `/labs/${i.slug}/tokens`, roles: ["lab"] },
  "auth/login.tsx": { url: () => "/login", roles: ["anonymous"] },
  "me/me._index.tsx": { url: () => "/me", roles: ["professional"] },
  "me/me.applications.$id.tsx": { url: (i) => `/me/applications/${i.app}`, roles: ["professional"] },
  "me/me.applications.$id_.work.tsx": { url: (i) => `/me/applications/${i.active}/work`, roles: ["professional"] },
  "me/me.data._index.tsx": { url: () => "/me/data", roles: ["professional"] },
  "me/me.data.deleted.tsx": { url: () => "/me/data/deleted", roles: ["anonymous"] },
  "me/me.profile._index.tsx": { url: () => "/me/profile", roles: ["professional"] },
  "me/me.profile.credits.tsx": { url: () => "/me/profile/credits", roles: ["professional"] },
  "me/me.profile.import.tsx": { url: () => "/me/profile/import", roles: ["professional"] },
  "me/me.profile.transfer.tsx": { url: () => "/me/profile/transfer", roles: ["professional"] },
  "me/me.profile.tsx": { url: () => "/me/profile", roles: ["professional"] },
  "me/notifications.tsx": { url: () => "/notifications", roles: ["professional", "lab", "coordinator"] },
  "talent/people.$id.tsx": { url: (i) => `/people/${i.profile}`, roles: ["professional", "lab", "coordinator"] },
  "site/privacy.tsx": { url: () => "/privacy", roles: ["anonymous"] },
  "auth/reset-password.tsx": { url: () => "/reset-password?token=not-a-real-reset-token", roles: ["anonymous"] },
  "auth/signup.tsx": { url: () => "/signup", roles: ["anonymous"] },
  "talent/talent.tsx": { url: () => "/talent", roles: ["lab", "coordinator", "admin"] },
  "talent/talent_.screeners._index.tsx": {
    url: () => "/talent/screeners?task=COMEDIC_TIMING_EVAL&min=60&languages=en",
    roles: ["lab", "coordinator"],
  },
  "talent/talent_.screeners.$id.tsx": { url: (i) => `/talent/screeners/${i.screener}?gig=${i.gig}`, roles: ["lab"] },
  "site/terms.tsx": { url: () => "/terms", roles: ["anonymous"] },
  "auth/verify-email.tsx": { url: () => "/verify-email?token=not-a-real-verification-token", roles: ["anonymous"] },
};

const ROUTES_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../app/routes");
/** Route files that render a page (a default export); resource routes (.ts, loaders/actions only) have none. */
const pageRouteFiles = () =>
  (readdirSync(ROUTES_DIR, { recursive: true }) as string[])
    .map((f) => f.split(path.sep).join("/"))
    .filter((f) => f.endsWith(".tsx") && f !== "_section.tsx")
    .filter((f) => /export\s+default\s/.test(readFileSync(path.join(ROUTES_DIR, f), "utf8")))
    .sort();

const VIEWPORTS = [
  { name: "phone", width: 390, height: 844 },
  { name: "laptop", width: 1280, height: 800 },
] as const;

let ids: Ids;
const emails: Partial<Record<Role, string>> = {};

beforeAll(async () => {
  await seedRules();
  const lab = await seedLab(base, "Heron Foundation Models", "Lucia Ferraro");
  emails.lab = lab.ownerEmail;
  const gig = await seedOpenGig(lab, SITCOM_GIG);
  const camera = await seedOpenGig(lab, CAMERA_GIG);
  const coordinator = await seedCoordinator("Priya Natarajan");
  emails.coordinator = coordinator.email;
  emails.admin = uniqueEmail("admin");
  await createStaffUser({ email: emails.admin, name: "Ada Administrator", password: PASSWORD, role: "ADMIN" }, { id: null });

  const pro = await seedProfessional(base, {
    name: "Oluwaseun Adeyemi-Castellanos",
    headline: "Staff writer and story editor on network multi-camera sitcoms and single-camera comedies for fourteen years",
    scores: { DIALOGUE_PREFERENCE_RANKING: 86, COMEDIC_TIMING_EVAL: 81 },
  });
  emails.professional = pro.email;
  // Real credits through the real form handler, with long titles and several genres (the credits
  // table, the public profile and the transfer evidence are the widest content a person adds).
  const credits = [
    {
      showTitle: "The Extraordinarily Long-Running Adventures of Harbor Lights",
      network: "Northwind Broadcasting Company",
      format: "MULTI_CAM_SITCOM",
      genres: ["COMEDY", "FAMILY", "ROMANCE"],
      role: "STAFF_WRITER",
      startYear: "2015",
      endYear: "2019",
      episodes: "88",
    },
    {
      showTitle: "Everybody Knows Mabel",
      network: "Cobalt Stream",
      format: "SINGLE_CAM_COMEDY",
      genres: ["COMEDY", "SATIRE"],
      role: "STORY_EDITOR",
      startYear: "2020",
      endYear: "2023",
      episodes: "30",
    },
  ];
  for (const c of credits) {
    const res = await pro.client.post("/me/profile/credits", { intent: "save", ...c });
    if (res.status !== 302) throw new Error(`add credit: HTTP ${res.status}`);
  }
  const app = await seedApplication(pro.profileId, pro.userId, gig.id, "Hi! Twelve years in writers' rooms; comedic timing is my day job.");
  await move(app, "SHORTLISTED", coordinator.actor);
  const rule = await db().transferRule.findFirstOrThrow({ orderBy: { id: "asc" } });
  // An active engagement with a ledger (a long note, a held payout) and no work right now.
  const active = await seedApplication(pro.profileId, pro.userId, camera.id, "Directed two seasons of a procedural.");
  const proActor = { id: pro.userId, role: "PROFESSIONAL" as const, profileId: pro.profileId };
  const labActor = { ...lab.actor, labId: lab.labId };
  await activate(active, labActor, proActor);
  const today = new Date().toISOString().slice(0, 10);
  const recorded = await recordWork(
    camera.id,
    {
      applicationId: active,
      workDate: today,
      hours: 3.5,
      note: "Annotated episodes 4 to 6 of the second season, including the long oners in the hospital corridor",
    },
    labActor,
    { source: "LAB" },
  );
  if (!recorded.ok) throw new Error(recorded.message);
  await setPayout(camera.id, recorded.entry.id, "HELD", "Agreement with the gold set is being checked for this batch", labActor);
  const reported = await recordWork(camera.id, { applicationId: active, workDate: today, hours: 1, note: "" }, proActor, {
    source: "PROFESSIONAL",
  });
  if (!reported.ok) throw new Error(reported.message);
  const queued = await setQueueStatus(
    camera.id,
    null,
    {
      state: "NO_WORK",
      reason: "AWAITING_CLIENT",
      checkAgainOn: new Date(Date.now() + 5 * 86_400_000).toISOString().slice(0, 10),
      note: "Waiting for the next footage delivery",
    },
    labActor,
  );
  if (!queued.ok) throw new Error(queued.message);
  const credential = await issueCredential({ id: pro.userId, role: "PROFESSIONAL", profileId: pro.profileId } as SessionUser, active);
  if (!credential.ok) throw new Error(credential.message);
  await db().workCredential.update({ where: { id: credential.id }, data: { onPublicProfile: true } });
  const hook = await createEndpoint(
    lab.labId,
    {
      url: "http://127.0.0.1:9/a-rather-long-path/for-the-crm-integration/webhooks/second-act/receiver?tenant=lumen-foundry-production",
      description: "CRM sync",
      events: ["application.created", "application.stage_changed", "gig.status_changed", "work_entry.recorded"],
    },
    { id: lab.actor.id, role: "LAB_MEMBER" },
    { production: false },
  );
  if (!hook.ok) throw new Error(hook.message);
  await db().webhookDelivery.create({
    data: {
      endpointId: hook.endpoint.id,
      eventId: "evt_0123456789abcdef0123456789abcdef",
      eventType: "application.stage_changed",
      orderKey: `application:${app}`,
      body: "{}",
      attempts: 3,
      responseStatus: 502,
      durationMs: 5003,
      lastError:
        "HTTP 502: <html><head><title>502 Bad Gateway</title></head><body>upstream_connection_refused_while_connecting_to_backend</body></html>",
      lastAttemptAt: new Date(),
    },
  });
  const screenerViewer = { owner: "LAB" as const, labId: lab.labId, userId: lab.actor.id };
  const criteria = {
    tasks: [{ taskType: "COMEDIC_TIMING_EVAL" as const, min: 60 }],
    languages: ["en"],
    minHours: null,
    tzMin: null,
    tzMax: null,
    verifiedOnly: false,
    maxRate: null,
  };
  const screener = await createScreener({ name: "Sitcom comedic-timing raters who work in English", criteria }, screenerViewer);
  if (!screener.ok) throw new Error(screener.message);
  await saveScreenerVersion(
    screener.screener.id,
    { name: screener.screener.name, criteria: { ...criteria, minHours: 10, tzMin: -8, tzMax: 2 } },
    screenerViewer,
  );
  ids = {
    gig: gig.id,
    app,
    profile: pro.profileId,
    slug: lab.slug,
    rule: rule.id,
    active,
    activeGig: camera.id,
    credential: credential.id,
    webhook: hook.endpoint.id,
    screener: screener.screener.id,
  };
  await flushSearch();
});

/** Everything that pokes out past the right edge of the screen without being inside its own scroll box. */
async function overflowReport(page: Page) {
  return page.evaluate(() => {
    const vw = document.documentElement.clientWidth;
    const scrollsX = (el: Element) => ["auto", "scroll", "hidden", "clip"].includes(getComputedStyle(el).overflowX);
    const describe = (el: Element) => {
      const cls = typeof el.className === "string" && el.className.trim() ? `.${el.className.trim().split(/\s+/).join(".")}` : "";
      const text = (el.textContent ?? "").replace(/\s+/g, " ").trim().slice(0, 40);
      return `<${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ""}${cls}> "${text}"`;
    };
    const out = new Set<Element>();
    for (const el of document.body.querySelectorAll("*")) {
      const r = el.getBoundingClientRect();
      if (r.width === 0 || r.height === 0 || r.right <= vw + 1) continue;
      if (getComputedStyle(el).visibility === "hidden") continue;
      let contained = false;
      for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
        if (scrollsX(p) && p.getBoundingClientRect().right <= vw + 1) {
          contained = true;
          break;
        }
      }
      if (!contained) out.add(el);
    }
    // Report the outermost offenders (their children overflow with them).
    const offenders = [...out]
      .filter((el) => !(el.parentElement && out.has(el.parentElement)))
      .map((el) => `${describe(el)} reaches x=${Math.round(el.getBoundingClientRect().right)}`);
    return { scrollWidth: document.documentElement.scrollWidth, viewport: vw, offenders: offenders.slice(0, 6) };
  });
}

/**
 * Tables of records (class "records", styles.css) become one card per row on a phone, each value under
 * its column's name (the cell's data-label). Every cell must carry its column's name (the header's
 * accessible name), and on a phone the table must not scroll sideways inside its box either.
 */
async function recordTableReport(page: Page) {
  return page.evaluate(() => {
    const problems: string[] = [];
    document.querySelectorAll("main table.records").forEach((table, t) => {
      const heads = [...table.querySelectorAll("thead th")].map((th) => (th.getAttribute("aria-label") ?? th.textContent ?? "").trim());
      for (const row of table.querySelectorAll("tbody tr")) {
        const cells = [...row.children].filter((c) => c.tagName === "TD");
        cells.forEach((cell, i) => {
          const label = cell.getAttribute("data-label");
          if (label !== heads[i])
            problems.push(`table ${t + 1}, column ${i + 1}: data-label ${JSON.stringify(label)}, header ${JSON.stringify(heads[i])}`);
        });
      }
      if (table.scrollWidth > table.clientWidth + 1 && window.innerWidth <= 640)
        problems.push(`table ${t + 1} scrolls sideways on a phone (${table.scrollWidth} px in ${table.clientWidth} px)`);
    });
    return { tables: document.querySelectorAll("main table.records").length, problems: [...new Set(problems)].slice(0, 6) };
  });
}

/** The visible boxes of the main navigation's bar (not the open menu), to check they share one row. */
async function navRows(page: Page) {
  return page.evaluate(() => {
    const nav = document.querySelector('nav[aria-label="Main"]');
    if (!nav) return { height: 0, rows: 0, items: [] as string[] };
    const boxes: { top: number; bottom: number; label: string }[] = [];
    const visit = (el: Element) => {
      for (const child of el.children) {
        const style = getComputedStyle(child);
        if (style.display === "none" || child.closest("ul, ol")) continue;
        const r = child.getBoundingClientRect();
        if (r.width === 0 || r.height === 0) continue;
        if (["A", "SUMMARY", "BUTTON", "SPAN"].includes(child.tagName))
          boxes.push({ top: r.top, bottom: r.bottom, label: (child.textContent ?? "").trim() });
        else visit(child);
      }
    };
    visit(nav);
    // Items share a row when their vertical extents overlap.
    const rows: { top: number; bottom: number }[] = [];
    for (const b of boxes.sort((x, y) => x.top - y.top)) {
      const row = rows.find((r) => b.top < r.bottom && b.bottom > r.top);
      if (row) row.bottom = Math.max(row.bottom, b.bottom);
      else rows.push({ top: b.top, bottom: b.bottom });
    }
    return {
      height: Math.round(nav.getBoundingClientRect().height),
      rows: rows.length,
      items: boxes.map((b) => `${b.label}@${Math.round(b.top)}`),
    };
  });
}

async function signedIn(role: Role, js = true): Promise<Tab> {
  const tab = await openTab(browser(), base, { js });
  const email = emails[role];
  if (email) await uiLogIn(tab, email);
  return tab;
}

it("every page route file is listed with the roles that use it", () => {
  const files = pageRouteFiles();
  const missing = files.filter((f) => !(f in PAGES));
  expect(missing, "route files that render a page but are not in PAGES (add them, with the roles that use them)").toEqual([]);
  const gone = Object.keys(PAGES).filter((f) => !files.includes(f));
  expect(gone, "PAGES lists route files that no longer exist").toEqual([]);
});

const ROLES: Role[] = ["anonymous", "professional", "lab", "coordinator", "admin"];

/**
 * Pages served only to a browser on this machine talking straight to the server, with no proxy
 * headers (the development mailbox, app/routes/auth/dev.mail.tsx). openTab's contexts send
 * X-Forwarded-For (their own address for the per-IP rate limits), so the server rightly treats
 * them as proxied and answers 404. Their layout is checked as the developer sees them: in a
 * context without that header. (That proxied and remote requests get the 404 is tested in
 * tests/integration/security-probe.test.ts.)
 */
const DIRECT_ONLY = new Set(["/dev/mail"]);

async function directTab(): Promise<Tab> {
  return openTab(browser(), base, { direct: true });
}

/** Roles that see at least one table of records (dashboard, credits, data, board overview, rules, staff). */
const RECORD_TABLE_ROLES: Role[] = ["professional", "lab", "coordinator", "admin"];

describe.each(ROLES)("as %s", (role) => {
  let recordTablesSeen = 0;
  it("no page overflows a 390 px phone or a 1280 px laptop, the phone navigation is one row, and axe finds nothing serious", async () => {
    const tab = await signedIn(role);
    // LAYOUT_ONLY=<regex> checks only the matching URLs (while working on a few pages).
    const only = process.env.LAYOUT_ONLY ? new RegExp(process.env.LAYOUT_ONLY) : null;
    const urls = [
      ...new Set(
        Object.values(PAGES)
          .filter((p) => p.roles.includes(role))
          .map((p) => p.url(ids)),
      ),
    ].filter((u) => !only || only.test(u));
    expect(urls.length > 0 || only !== null).toBe(true);
    for (const url of urls) {
      const direct = DIRECT_ONLY.has(url) ? await directTab() : null;
      const { page } = direct ?? tab;
      for (const vp of VIEWPORTS) {
        await page.setViewportSize({ width: vp.width, height: vp.height });
        await visit(direct ?? tab, url);
        const where = `${role} ${url} at ${vp.width}x${vp.height}`;
        const o = await overflowReport(page);
        if (o.offenders.length || o.scrollWidth > o.viewport) await screenshot(page, `layout-${role}-${vp.name}-${url}`);
        expect
          .soft(
            o.scrollWidth,
            `${where}: the page scrolls sideways (document ${o.scrollWidth} px wide); overflowing:\n${o.offenders.join("\n")}`,
          )
          .toBeLessThanOrEqual(o.viewport);
        expect.soft(o.offenders, `${where}: elements past the right edge, outside any scroll box`).toEqual([]);
        const records = await recordTableReport(page);
        recordTablesSeen += records.tables;
        expect.soft(records.problems, `${where}: tables of records`).toEqual([]);
        if (vp.name === "phone") {
          const nav = await navRows(page);
          expect.soft(nav.rows, `${where}: the navigation wraps onto ${nav.rows} rows (${nav.height} px): ${nav.items.join(", ")}`).toBe(1);
        }
        const serious = (await axeViolations(page)).filter((v) => v.impact === "serious" || v.impact === "critical");
        expect.soft(serious.length, `${where}: serious/critical axe violations:\n${formatViolations(serious)}`).toBe(0);
      }
      if (direct) {
        expect(direct.problems, `${url}: page errors`).toEqual([]);
        await direct.context.close();
      }
    }
    await tab.context.close();
    // The check above ran on real record tables (the pages with them are in PAGES for these roles).
    if (!only && RECORD_TABLE_ROLES.includes(role)) expect(recordTablesSeen).toBeGreaterThan(0);
  }, 600_000);
});

describe("the phone menu", () => {
  for (const js of [true, false]) {
    it(`opens, marks the current section and navigates (JavaScript ${js ? "on" : "off"})`, async () => {
      const tab = await signedIn("professional", js);
      const { page } = tab;
      await page.setViewportSize({ width: 390, height: 844 });
      await visit(tab, "/me/profile/credits");
      const nav = page.getByRole("navigation", { name: "Main" });
      // Closed: one row, the section named, no links showing but the brand.
      expect(await nav.getByRole("link", { name: "Gigs" }).isVisible()).toBe(false);
      expect(await textOf(nav.locator(".nav-current"))).toBe("Profile");
      await nav.locator("summary", { hasText: "Menu" }).click();
      const current = nav.locator('a[aria-current="page"]:visible');
      expect(await current.count()).toBe(1);
      expect(await textOf(current)).toBe("Profile");
      await screenshot(page, `layout-phone-menu-open-js-${js ? "on" : "off"}`);
      // Every section is one tap away, and each is a full-width row inside the screen.
      for (const name of ["Gigs", "My dashboard", "Profile", "My data"]) {
        const box = await nav.getByRole("link", { name, exact: true }).boundingBox();
        expect(box, name).not.toBeNull();
        expect(box!.x + box!.width).toBeLessThanOrEqual(390);
      }
      await Promise.all([page.waitForURL(/\/gigs$/), nav.getByRole("link", { name: "Gigs", exact: true }).click()]);
      if (js) await page.waitForFunction(() => document.querySelector(".nav-current")?.textContent === "Gigs");
      expect(await textOf(nav.locator(".nav-current"))).toBe("Gigs");
      // After navigating the menu is closed again.
      expect(await nav.locator("details.nav-menu").evaluate((d) => (d as HTMLDetailsElement).open)).toBe(false);
      await tab.context.close();
    });
  }
});
