/**
 * Issue #8, "done when": a coordinator takes a seeded gig from 20 applicants to 5 ACTIVE people
 * through the board, the professionals see each step on their tracker and in notifications, and
 * the audit log shows every step.
 *
 * Every action goes through HTTP like a browser without JavaScript: the test loads the page,
 * finds the real <form> (hidden fields, CSRF token and all), fills in what a person would type
 * and submits it. The database is only read, to check what the pages claim.
 *
 * The journey (20 professionals, gig with screening, an NDA and two training modules):
 *   pros 0-7   shortlisted (bulk)          pros 8-19 declined with a reason (bulk)
 *   pros 0-7   moved to screening (bulk), submit from their tracker, scored with feedback (per card)
 *   pro 7      declined after a low score (per card, with a reason)
 *   pros 0-6   offered (bulk)              pro 6 declines the offer from the tracker (WITHDRAWN)
 *   pros 0-5   accept the offer, sign NDA + contract, confirm tax form and payout
 *   pros 0-4   read both training modules -> ACTIVE
 *   pro 5      reads one module only and stays in TRAINING
 * Final: 5 ACTIVE, 1 TRAINING, 1 WITHDRAWN, 13 DECLINED.
 *
 * Each step that succeeds is written to a ledger (what we did, who did it); the final checks
 * compare the database and the pages against that ledger and against hand-computed totals.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "~/db.server";
import type { Stage } from "~/domain/onboarding";
import { type Client, logIn, signUp } from "../setup/http";
import { useTestServer } from "../setup/server";
import { labWithOpenGig, staff } from "./fixtures";

const base = await useTestServer();

const STEP_TIMEOUT = 180_000;
const MODULES = ["Rating guidelines", "Safety basics"];
const BULK_DECLINE_REASON = "This round needs multi-camera sitcom writing credits.";
const SCREENING_DECLINE_REASON = "Your screening score was below the 60 points this gig needs.";
const WITHDRAW_REASON = "I took a staff writing job.";

// ---------------------------------------------------------------------------
// HTML: find and submit the real forms on a page
// ---------------------------------------------------------------------------

function decode(s: string): string {
  return s
    .replace(/&quot;/g, '"')
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&");
}

/** Visible text of an HTML fragment (tags and React's <!-- --> separators removed, entities decoded). */
function text(html: string): string {
  return decode(html.replace(/<!-- -->/g, "").replace(/<[^>]+>/g, " "))
    .replace(/\s+/g, " ")
    .trim();
}

function attributes(tag: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of tag.matchAll(/([^\s="/]+)(?:="([^"]*)")?/g)) out[m[1]] = decode(m[2] ?? "");
  return out;
}

interface HtmlForm {
  attrs: Record<string, string>;
  /** What the browser would send from the form's own controls (unchecked boxes left out). */
  fields: [string, string][];
  hidden: Record<string, string>;
  buttons: (Record<string, string> & { label: string })[];
}

function parseForms(html: string): HtmlForm[] {
  return [...html.matchAll(/<form\b([^>]*)>([\s\S]*?)<\/form>/g)].map((m) => {
    const fields: [string, string][] = [];
    const hidden: Record<string, string> = {};
    for (const input of m[2].matchAll(/<input\b([^>]*?)\/?>/g)) {
      const a = attributes(input[1]);
      if (!a.name) continue;
      const type = a.type ?? "text";
      if ((type === "checkbox" || type === "radio") && !("checked" in a)) continue;
      fields.push([a.name, a.value ?? ""]);
      if (type === "hidden") hidden[a.name] = a.value ?? "";
    }
    for (const sel of m[2].matchAll(/<select\b([^>]*)>/g)) {
      const a = attributes(sel[1]);
      if (a.name) fields.push([a.name, ""]);
    }
    const buttons = [...m[2].matchAll(/<button\b([^>]*)>([\s\S]*?)<\/button>/g)].map((b) => ({ ...attributes(b[1]), label: text(b[2]) }));
    return { attrs: attributes(m[1]), fields, hidden, buttons };
  });
}

interface Page {
  path: string;
  status: number;
  html: string;
  forms: HtmlForm[];
}

async function open(client: Client, path: string): Promise<Page> {
  const res = await client.get(path);
  const html = await res.text();
  expect(res.status, `GET ${path}`).toBe(200);
  return { path, status: res.status, html, forms: parseForms(html) };
}

/** The one form on the page whose hidden fields include all of `hidden`. */
function formWith(page: Page, hidden: Record<string, string>): HtmlForm {
  const found = page.forms.filter((f) => Object.entries(hidden).every(([k, v]) => f.hidden[k] === v));
  expect(found, `one form with ${JSON.stringify(hidden)} on ${page.path}`).toHaveLength(1);
  return found[0];
}

interface Submitted {
  status: number;
  location: string | null;
  html: string;
  /** The page's success message (role="status") or error summary (role="alert"), as text. */
  message: string;
}

/** Submits a form like a browser: its own fields, what the person typed, and the clicked button. */
async function submit(
  client: Client,
  page: Page,
  form: HtmlForm,
  typed: Record<string, string | string[]> = {},
  button?: { name: string; value: string },
): Promise<Submitted> {
  expect(form.hidden._csrf, "the form carries a CSRF token").toBeTruthy();
  const body: Record<string, string[]> = {};
  for (const [k, v] of form.fields) if (!(k in typed)) body[k] = [...(body[k] ?? []), v];
  for (const [k, v] of Object.entries(typed)) body[k] = Array.isArray(v) ? v : [v];
  if (button) {
    expect(
      form.buttons.some((b) => b.name === button.name && b.value === button.value),
      `button ${button.value}`,
    ).toBe(true);
    body[button.name] = [button.value];
  } else {
    expect(form.buttons.length, "the form has a submit button").toBeGreaterThan(0);
  }
  const res = await client.post(form.attrs.action ?? page.path, body, { csrf: null });
  // Post/redirect/get: a 303 leads to the page that shows the flash message once; follow it as a browser does.
  const html = res.status === 303 ? await (await client.get(res.headers.get("location") ?? "")).text() : await res.text();
  const message = [
    ...html.matchAll(/<p class="alert ok" role="status">([\s\S]*?)<\/p>/g),
    ...html.matchAll(/<div class="alert ok flash" role="status">([\s\S]*?)<\/div>/g),
    ...html.matchAll(/<div class="alert error" role="alert"[^>]*>([\s\S]*?)<\/div>/g),
  ]
    .map((m) => text(m[1]))
    .join(" ");
  return { status: res.status, location: res.headers.get("location"), html, message };
}

// ---------------------------------------------------------------------------
// The cast and the ledger of what we did
// ---------------------------------------------------------------------------

type Actor = "PROFESSIONAL" | "COORDINATOR" | "SYSTEM";

interface Pro {
  n: number;
  name: string;
  email: string;
  userId: string;
  client: Client;
  appId: string;
  emailNotifications: boolean;
}

const ledger = new Map<string, { moves: { to: Stage; by: Actor }[]; checks: string[] }>();
const recordMove = (pro: Pro, to: Stage, by: Actor) => ledger.get(pro.appId)!.moves.push({ to, by });
const recordCheck = (pro: Pro, action: string) => ledger.get(pro.appId)!.checks.push(action);

let gig: { id: string; title: string };
let labOwner: { email: string; userId: string };
let coordinator: { client: Client; userId: string };
const pros: Pro[] = [];
const board = () => `/coord/gigs/${gig.id}`;
const tracker = (pro: Pro) => `/me/applications/${pro.appId}`;
const range = (from: number, to: number) => pros.slice(from, to + 1);

async function application(pro: Pro) {
  return db().application.findUniqueOrThrow({ where: { id: pro.appId } });
}

/** Stage, version and history size: what a refused action must leave untouched. */
async function snapshot(pro: Pro) {
  const app = await application(pro);
  return {
    stage: app.stage,
    version: app.version,
    transitions: await db().stageTransition.count({ where: { applicationId: pro.appId } }),
    events: await db().event.count({ where: { entityType: "Application", entityId: pro.appId } }),
  };
}

// ---------------------------------------------------------------------------
// Steps: professionals
// ---------------------------------------------------------------------------

async function signUpAndApply(n: number): Promise<Pro> {
  const name = `Journey Pro ${String(n).padStart(2, "0")}`;
  const { client, email } = await signUp(base, { name });
  const user = await db().user.findUniqueOrThrow({ where: { email } });
  const page = await open(client, `/gigs/${gig.id}`);
  const res = await submit(client, page, formWith(page, { intent: "apply" }), {
    note: `I spent ${n + 3} seasons in a sitcom writers' room.`,
  });
  // Applying redirects to the new application's tracker.
  expect(res.status).toBe(303);
  const appId = /^\/me\/applications\/([\w-]+)$/.exec(res.location ?? "")?.[1] ?? "";
  const app = await db().application.findUniqueOrThrow({ where: { id: appId }, include: { profile: true } });
  expect([app.gigId, app.profile.userId, app.stage]).toEqual([gig.id, user.id, "APPLIED"]);
  const pro: Pro = { n, name, email, userId: user.id, client, appId, emailNotifications: true };
  ledger.set(appId, { moves: [{ to: "APPLIED", by: "PROFESSIONAL" }], checks: [] });
  return pro;
}

async function turnOffEmailNotifications(pro: Pro) {
  const page = await open(pro.client, "/account");
  const form = formWith(page, { intent: "preferences" });
  expect(
    form.fields.some(([k]) => k === "emailNotifications"),
    "the box starts checked",
  ).toBe(true);
  const res = await submit(pro.client, page, { ...form, fields: form.fields.filter(([k]) => k !== "emailNotifications") });
  expect(res.status).toBe(303);
  expect(res.message).toContain("Email preferences saved: no more emails about things that need your action.");
  pro.emailNotifications = false;
}

/** A checklist step from the professional's own tracker page (the button they would click). */
async function trackerCheck(pro: Pro, action: string, buttonLabel: string, extra: Record<string, string> = {}) {
  const page = await open(pro.client, tracker(pro));
  const form = formWith(page, { intent: "check", action, ...extra });
  expect(form.buttons.map((b) => b.label)).toEqual([buttonLabel]);
  const res = await submit(pro.client, page, form);
  expect(res.status, res.message).toBe(303);
  // Each step says what was done ("NDA accepted.", "Tax form confirmed.", ...).
  expect(res.message).toMatch(/submitted|accepted|confirmed|marked as read/);
  recordCheck(pro, action);
  return res;
}

/** A stage move the tracker offers the professional ("Accept offer", "Decline offer"). */
async function trackerMove(pro: Pro, to: Stage, buttonLabel: string, typed: Record<string, string> = {}) {
  const page = await open(pro.client, tracker(pro));
  const form = formWith(page, { intent: "move", to });
  expect(form.buttons.map((b) => b.label)).toEqual([buttonLabel]);
  const res = await submit(pro.client, page, form, typed);
  expect(res.status, res.message).toBe(303);
  recordMove(pro, to, "PROFESSIONAL");
}

const submitScreening = (pro: Pro) => trackerCheck(pro, "submitScreening", "I have completed the screening");
const acceptOffer = (pro: Pro) => trackerMove(pro, "CONTRACTING", "Accept offer");
const signNda = (pro: Pro) => trackerCheck(pro, "acceptNda", "I accept the NDA");

async function signContract(pro: Pro) {
  await trackerCheck(pro, "acceptContract", "I accept the contract");
  recordMove(pro, "PAYMENT_SETUP", "SYSTEM"); // paperwork complete: the system moves on
}

async function confirmPayment(pro: Pro) {
  await trackerCheck(pro, "confirmTaxForm", "I have submitted my tax form");
  await trackerCheck(pro, "confirmPayout", "My payout details are correct");
  recordMove(pro, "TRAINING", "SYSTEM");
}

async function readModule(pro: Pro, module: string) {
  await trackerCheck(pro, "acknowledgeModule", `Mark "${module}" as read`, { module });
}

// ---------------------------------------------------------------------------
// Steps: coordinator on the board
// ---------------------------------------------------------------------------

/** Ticks the cards' checkboxes (they carry id:version as rendered) and submits "Move selected". */
async function bulkMove(selected: Pro[], to: Stage, reason?: string): Promise<Submitted> {
  const page = await open(coordinator.client, board());
  const boxes = [...page.html.matchAll(/<input\b([^>]*?)\/?>/g)]
    .map((m) => attributes(m[1]))
    .filter((a) => a.form === "bulk" && a.name === "select");
  const ids = new Set(selected.map((p) => p.appId));
  const ticked = boxes.filter((b) => ids.has(b.value.split(":")[0])).map((b) => b.value);
  expect(ticked).toHaveLength(selected.length);
  const form = page.forms.find((f) => f.attrs.id === "bulk")!;
  expect(page.html).toContain(`<option value="${to}">`);
  return submit(coordinator.client, page, form, { select: ticked, to, reason: reason ?? "" }, { name: "intent", value: "bulk-move" });
}

/** Post/redirect/get: a successful board action redirects back to the board; the page it lands on says what happened. */
async function landed(_client: Client, res: Submitted, expectedPath: RegExp): Promise<Submitted> {
  // submit() already followed the 303 as a browser does (the flash message shows once, there).
  expect(res.status, res.message).toBe(303);
  expect(res.location ?? "").toMatch(expectedPath);
  return { status: 200, location: null, html: res.html, message: res.message };
}

async function bulkMoveOk(selected: Pro[], to: Stage, reason?: string) {
  const res = await landed(coordinator.client, await bulkMove(selected, to, reason), new RegExp(`^${board()}#bulk$`));
  expect(res.status, res.message).toBe(200);
  expect(res.message).toContain(`Moved ${selected.length} applications to `);
  for (const pro of selected) recordMove(pro, to, "COORDINATOR");
}

/** A bulk move the rules refuse: a clear 4xx message and nothing changes for anyone selected. */
async function bulkMoveRefused(selected: Pro[], to: Stage, status: number, expected: string[], reason?: string) {
  const before = await Promise.all(selected.map(snapshot));
  const res = await bulkMove(selected, to, reason);
  expect(res.status).toBe(status);
  expect(res.message).toContain("Nothing was moved");
  for (const e of expected) expect(res.message).toContain(e);
  expect(await Promise.all(selected.map(snapshot))).toEqual(before);
  return res.message;
}

/** The card says the screening waits for a score; its "Read and score" link opens the candidate view, where it is scored. */
async function scoreOnCard(pro: Pro, score: number, feedback: string) {
  const page = await open(coordinator.client, board());
  const card = page.html.slice(page.html.indexOf(`data-testid="card-${pro.appId}"`));
  const cardHtml = card.slice(0, card.indexOf("</article>"));
  expect(text(cardHtml)).toContain("Submitted, not scored");
  const href = /<a[^>]*href="([^"]+#screening)"[^>]*>Read and score/.exec(cardHtml)?.[1] ?? "";
  expect(href).toBe(`${board()}/candidates/${pro.appId}#screening`);
  const view = await open(coordinator.client, href.split("#")[0]);
  const res = await landed(
    coordinator.client,
    await submit(coordinator.client, view, formWith(view, { intent: "score" }), { score: String(score), feedback }),
    new RegExp(`^${board()}/candidates/${pro.appId}#screening$`),
  );
  expect(res.status, res.message).toBe(200);
  expect(res.message).toContain(`Screening scored ${score}/100`);
  recordCheck(pro, "scoreScreening");
}

async function declineOnCard(pro: Pro, reason: string) {
  const page = await open(coordinator.client, board());
  const form = formWith(page, { intent: "move", applicationId: pro.appId, to: "DECLINED" });
  expect(form.buttons.map((b) => b.label)).toEqual(["Decline"]);
  const res = await landed(
    coordinator.client,
    await submit(coordinator.client, page, form, { reason }),
    new RegExp(`^${board()}#card-${pro.appId}$`),
  );
  expect(res.status, res.message).toBe(200);
  expect(res.message).toContain(`${pro.name} moved to Not selected.`);
  recordMove(pro, "DECLINED", "COORDINATOR");
}

// ---------------------------------------------------------------------------
// Reading the board and the tracker
// ---------------------------------------------------------------------------

/** Board columns as rendered: label, the count in the heading, and the application ids on the cards. */
function boardColumns(html: string) {
  const out = new Map<string, { count: number; ids: string[] }>();
  for (const m of html.matchAll(/<section class="board-col" aria-label="([^"]*)">([\s\S]*?)<\/section>/g)) {
    const [label, count] = decode(m[1]).split(": ");
    const ids = [...m[2].matchAll(/data-testid="card-([^"]+)"/g)].map((c) => c[1]);
    out.set(label, { count: Number(count), ids });
  }
  return out;
}

function trackerSteps(html: string) {
  return [...html.matchAll(/<li class="(done|current|next|skipped)"[^>]*>([\s\S]*?)<span class="visually-hidden">/g)].map((m) => ({
    status: m[1],
    label: text(m[2]),
  }));
}

// ---------------------------------------------------------------------------
// The journey
// ---------------------------------------------------------------------------

describe("onboarding journey: 20 applicants to 5 ACTIVE through the board", () => {
  beforeAll(async () => {
    const lab = await labWithOpenGig(base, {
      screeningRequired: true,
      screeningInstructions: "Rank 10 pairs of generated sitcom scenes.",
      ndaRequired: true,
      trainingModules: MODULES,
    });
    gig = { id: lab.gig.id, title: lab.gig.title };
    labOwner = { email: lab.owner.email, userId: lab.ownerUser.id };
    const coord = await staff("COORDINATOR");
    coordinator = { client: await logIn(base, coord.email), userId: coord.user.id };
  }, STEP_TIMEOUT);

  it(
    "20 professionals sign up and apply through the gig page; 4 of them turn email off",
    async () => {
      for (let n = 0; n < 20; n++) pros.push(await signUpAndApply(n));
      for (const n of [3, 4, 10, 11]) await turnOffEmailNotifications(pros[n]);
      const columns = boardColumns((await open(coordinator.client, board())).html);
      expect(columns.get("Applied")?.count).toBe(20);
      expect(new Set(columns.get("Applied")?.ids)).toEqual(new Set(pros.map((p) => p.appId)));
    },
    STEP_TIMEOUT,
  );

  it(
    "the coordinator shortlists 8 and declines 12 in bulk, with a reason they must give",
    async () => {
      await bulkMoveOk(range(0, 7), "SHORTLISTED");
      await bulkMoveRefused(range(8, 19), "DECLINED", 422, ["Give a reason"]);
      await bulkMoveOk(range(8, 19), "DECLINED", BULK_DECLINE_REASON);
      const columns = boardColumns((await open(coordinator.client, board())).html);
      expect(columns.get("Shortlisted")?.count).toBe(8);
      expect(columns.get("Not selected")?.count).toBe(12);
    },
    STEP_TIMEOUT,
  );

  it(
    "screening: sent in bulk, submitted from the trackers, scored with feedback on the cards",
    async () => {
      await bulkMoveOk(range(0, 7), "SCREENING");
      // Nobody has submitted yet, so an offer is refused for the whole selection.
      await bulkMoveRefused(range(0, 7), "OFFERED", 422, ["the screening hasn't been submitted", "the screening hasn't been scored"]);
      for (const pro of range(0, 7)) {
        const page = await open(pro.client, tracker(pro));
        expect(text(page.html)).toContain("Rank 10 pairs of generated sitcom scenes.");
        await submitScreening(pro);
      }
      for (const pro of range(0, 6)) await scoreOnCard(pro, 70 + pro.n, `Sharp comic timing (${pro.name}).`);
      await scoreOnCard(pros[7], 41, "The rankings ignored the scene setups.");
      await declineOnCard(pros[7], SCREENING_DECLINE_REASON);
    },
    STEP_TIMEOUT,
  );

  it(
    "offers go out in bulk; one professional declines the offer, six accept it",
    async () => {
      await bulkMoveOk(range(0, 6), "OFFERED");
      await trackerMove(pros[6], "WITHDRAWN", "Decline offer", { reason: WITHDRAW_REASON });
      for (const pro of range(0, 5)) await acceptOffer(pro);
      const columns = boardColumns((await open(coordinator.client, board())).html);
      expect(columns.get("Contract & NDA")?.count).toBe(6);
      expect(columns.get("Withdrawn")?.ids).toEqual([pros[6].appId]);
    },
    STEP_TIMEOUT,
  );

  it(
    "the contracting guard: no payment setup or activation before the NDA and contract are signed",
    async () => {
      const pro = pros[0];
      // The board offers no button to move on while the paperwork is open...
      const page = await open(coordinator.client, board());
      expect(page.forms.filter((f) => f.hidden.applicationId === pro.appId)).toEqual([]);
      // ...and the bulk form, which lists every stage, is refused with the reason.
      await bulkMoveRefused([pro], "PAYMENT_SETUP", 422, [
        "Can't move to Payment setup yet",
        "the NDA hasn't been signed",
        "the contract hasn't been signed",
      ]);
      await bulkMoveRefused([pro], "ACTIVE", 422, ["can't go from Contract & NDA to Active"]);
      // The tracker asks for the NDA first; the contract appears once it is signed.
      const before = await open(pro.client, tracker(pro));
      expect(text(before.html)).toContain("Your next step: Sign the NDA");
      expect(before.forms.some((f) => f.hidden.action === "acceptContract")).toBe(false);
      await signNda(pro);
      expect((await application(pro)).stage).toBe("CONTRACTING");
      const now = await bulkMoveRefused([pro], "PAYMENT_SETUP", 422, ["the contract hasn't been signed"]);
      expect(now).not.toContain("the NDA hasn't been signed");
    },
    STEP_TIMEOUT,
  );

  it(
    "six professionals finish the paperwork and payment setup from their trackers",
    async () => {
      for (const pro of range(1, 5)) await signNda(pro);
      for (const pro of range(0, 5)) {
        await signContract(pro);
        expect((await application(pro)).stage).toBe("PAYMENT_SETUP");
        await confirmPayment(pro);
        expect((await application(pro)).stage).toBe("TRAINING");
      }
    },
    STEP_TIMEOUT,
  );

  it(
    "training: five read both modules and become ACTIVE; one is still missing a module",
    async () => {
      for (const pro of range(0, 4)) {
        await readModule(pro, MODULES[0]);
        expect((await application(pro)).stage).toBe("TRAINING");
        await readModule(pro, MODULES[1]);
        recordMove(pro, "ACTIVE", "SYSTEM");
        expect((await application(pro)).stage).toBe("ACTIVE");
      }
      await readModule(pros[5], MODULES[0]);
      await bulkMoveRefused([pros[5]], "ACTIVE", 422, [`training module "${MODULES[1]}" hasn't been acknowledged`]);
    },
    STEP_TIMEOUT,
  );

  // -------------------------------------------------------------------------
  // What everyone sees afterwards
  // -------------------------------------------------------------------------

  const FINAL: Record<string, Stage> = {};
  const expectedFinal = (pro: Pro): Stage => (pro.n <= 4 ? "ACTIVE" : pro.n === 5 ? "TRAINING" : pro.n === 6 ? "WITHDRAWN" : "DECLINED");

  it(
    "the board shows 5 Active, 1 in Training, 1 Withdrawn and 13 Not selected; the database agrees",
    async () => {
      const columns = boardColumns((await open(coordinator.client, board())).html);
      const byStage = (stage: Stage) =>
        pros
          .filter((p) => expectedFinal(p) === stage)
          .map((p) => p.appId)
          .sort();
      expect(columns.get("Active")).toEqual({ count: 5, ids: expect.any(Array) });
      expect([...columns.get("Active")!.ids].sort()).toEqual(byStage("ACTIVE"));
      expect([...columns.get("Training")!.ids].sort()).toEqual(byStage("TRAINING"));
      expect([...columns.get("Withdrawn")!.ids].sort()).toEqual(byStage("WITHDRAWN"));
      expect([...columns.get("Not selected")!.ids].sort()).toEqual(byStage("DECLINED"));
      expect(byStage("DECLINED")).toHaveLength(13);
      for (const label of ["Applied", "Invited", "Shortlisted", "Screening", "Offer", "Contract & NDA", "Payment setup", "Offboarded"]) {
        expect(columns.get(label), label).toEqual({ count: 0, ids: [] });
      }
      const apps = await db().application.findMany({ where: { gigId: gig.id } });
      expect(apps).toHaveLength(20);
      for (const pro of pros) {
        FINAL[pro.appId] = expectedFinal(pro);
        expect(apps.find((a) => a.id === pro.appId)?.stage, pro.name).toBe(expectedFinal(pro));
        // The ledger's last move is where each application ended.
        expect(ledger.get(pro.appId)!.moves.at(-1)!.to).toBe(expectedFinal(pro));
      }
    },
    STEP_TIMEOUT,
  );

  it(
    "each ACTIVE professional's tracker shows every step done, their score and the full history",
    async () => {
      const labels = ["Applied", "Shortlisted", "Screening", "Offer", "Contract & NDA", "Payment setup", "Training"];
      for (const pro of range(0, 4)) {
        const page = await open(pro.client, tracker(pro));
        expect(trackerSteps(page.html)).toEqual([
          ...labels.map((label) => ({ status: "done", label })),
          { status: "current", label: "Active" },
        ]);
        expect(page.html).toMatch(/<li class="current" aria-current="step">Active/);
        const visible = text(page.html);
        expect(visible).toContain("You're active");
        expect(visible).toContain(`Score ${70 + pro.n}/100. Sharp comic timing (${pro.name}).`);
        const historySection = page.html.slice(page.html.indexOf("<h2>History</h2>"));
        const history = [...historySection.slice(0, historySection.indexOf("</section>")).matchAll(/<li>([\s\S]*?)<\/li>/g)].map((m) => {
          // Each entry starts with when it happened: a <Time> (relative, "just now", in the viewer's
          // zone; the exact instant in its datetime attribute), then the stage.
          expect(m[1]).toMatch(/^<time dateTime="\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z"[^>]*>[^<]+<\/time>: /i);
          return text(m[1].replace(/^<time\b[^>]*>[^<]*<\/time>: /i, ""));
        });
        expect(history).toEqual(["Applied", "Shortlisted", "Screening", "Offer", "Contract & NDA", "Payment setup", "Training", "Active"]);
      }
      // The one still in training sees exactly what is left.
      const lagging = text((await open(pros[5].client, tracker(pros[5]))).html);
      expect(lagging).toContain(`Your next step: Read training module "${MODULES[1]}" (1 of 2 done)`);
    },
    STEP_TIMEOUT,
  );

  it(
    "declined professionals see the reason on their tracker; the one who withdrew sees theirs",
    async () => {
      for (const pro of range(8, 19)) {
        const visible = text((await open(pro.client, tracker(pro))).html);
        expect(visible).toContain(`Reason: ${BULK_DECLINE_REASON}`);
        expect(visible).toContain("Ask for a human review");
      }
      const screened = await open(pros[7].client, tracker(pros[7]));
      expect(text(screened.html)).toContain(`Reason: ${SCREENING_DECLINE_REASON}`);
      expect(text(screened.html)).toContain("Score 41/100. The rankings ignored the scene setups.");
      // The steps they passed, then the outcome; the stage they were declined in is not "done"
      // (the tracker counts it as reached only for OFFBOARDED, see progress() in the domain).
      expect(trackerSteps(screened.html)).toEqual([
        { status: "done", label: "Applied" },
        { status: "done", label: "Shortlisted" },
        { status: "current", label: "Not selected" },
      ]);
      expect(text((await open(pros[6].client, tracker(pros[6]))).html)).toContain(`Reason: ${WITHDRAW_REASON}`);
    },
    STEP_TIMEOUT,
  );

  it(
    "every application's StageTransitions form an unbroken chain from APPLIED, with actor and time",
    async () => {
      let total = 0;
      for (const pro of pros) {
        const rows = await db().stageTransition.findMany({ where: { applicationId: pro.appId }, orderBy: [{ at: "asc" }, { id: "asc" }] });
        // Follow the chain by its links, not by timestamp order alone (rows written in one
        // transaction share a timestamp).
        const chain = [rows.find((r) => r.fromStage === null)!];
        expect(chain[0], pro.name).toBeTruthy();
        while (chain.length < rows.length) {
          const next = rows.filter((r) => r.fromStage === chain.at(-1)!.toStage && !chain.includes(r));
          expect(next, `${pro.name}: one step out of ${chain.at(-1)!.toStage}`).toHaveLength(1);
          chain.push(next[0]);
        }
        const expected = ledger.get(pro.appId)!.moves;
        expect(
          chain.map((r) => [r.toStage, r.actorRole]),
          pro.name,
        ).toEqual(expected.map((m) => [m.to, m.by]));
        expect(chain[0].toStage).toBe("APPLIED");
        expect(chain.at(-1)!.toStage).toBe(FINAL[pro.appId]);
        chain.forEach((r, i) => {
          expect(r.actorId, `${pro.name} -> ${r.toStage}`).toBe(expected[i].by === "COORDINATOR" ? coordinator.userId : pro.userId);
          expect(r.at).toBeInstanceOf(Date);
          if (i > 0) expect(r.at.getTime()).toBeGreaterThanOrEqual(chain[i - 1].at.getTime());
        });
        const reasons = chain.filter((r) => r.reason).map((r) => [r.toStage, r.reason]);
        if (FINAL[pro.appId] === "DECLINED")
          expect(reasons).toEqual([["DECLINED", pro.n === 7 ? SCREENING_DECLINE_REASON : BULK_DECLINE_REASON]]);
        else if (FINAL[pro.appId] === "WITHDRAWN") expect(reasons).toEqual([["WITHDRAWN", WITHDRAW_REASON]]);
        else expect(reasons).toEqual([]);
        total += rows.length;
      }
      // Counted by hand from the journey: 20 applied, 8 shortlisted + 12 declined, 8 screening,
      // 1 declined, 7 offered, 1 withdrawn + 6 contracting, 6 payment setup, 6 training, 5 active.
      expect(total).toBe(20 + 8 + 12 + 8 + 1 + 7 + 1 + 6 + 6 + 6 + 5);
    },
    STEP_TIMEOUT,
  );

  it(
    "the audit log has exactly one entry per transition and per checklist step, and nothing for refused moves",
    async () => {
      let total = 0;
      for (const pro of pros) {
        const events = await db().event.findMany({ where: { entityType: "Application", entityId: pro.appId }, orderBy: { id: "asc" } });
        const { moves, checks } = ledger.get(pro.appId)!;
        const transitionEvents = events.filter((e) => !e.action.startsWith("application.checklist."));
        expect(
          transitionEvents.map((e) => [e.action, e.actorRole]),
          pro.name,
        ).toEqual(moves.map((m) => [`application.${m.to.toLowerCase()}`, m.to === "APPLIED" ? "PROFESSIONAL" : m.by]));
        expect(
          events
            .filter((e) => e.action.startsWith("application.checklist."))
            .map((e) => e.action.replace("application.checklist.", ""))
            .sort(),
          pro.name,
        ).toEqual([...checks].sort());
        for (const e of events) {
          expect(e.actorId, `${pro.name} ${e.action}`).toBeTruthy();
          expect(e.at).toBeInstanceOf(Date);
        }
        total += events.length;
      }
      // 80 transitions (see above) + checklist steps: 8 submitted, 8 scored, 6 NDAs, 6 contracts,
      // 6 tax forms, 6 payouts, 5 x 2 + 1 training modules.
      expect(total).toBe(80 + 8 + 8 + 6 + 6 + 6 + 6 + 11);
    },
    STEP_TIMEOUT,
  );

  it(
    "professionals have a notification for each step done to them, on the page, and an email when they want email",
    async () => {
      const title = (stage: string) => `"${gig.title}": ${stage}`;
      // The confirmation that their application was sent, then every step someone else took.
      const expectedFor = (pro: Pro) => [
        "application.sent",
        ...ledger
          .get(pro.appId)!
          .moves.filter((m) => m.by !== "PROFESSIONAL")
          .map((m) => `application.${m.to.toLowerCase()}`),
      ];
      let total = 0;
      for (const pro of pros) {
        const kinds = expectedFor(pro);
        const rows = await db().notification.findMany({ where: { userId: pro.userId }, orderBy: { createdAt: "asc" } });
        expect(rows.map((r) => r.kind).sort(), pro.name).toEqual([...kinds].sort());
        total += rows.length;
        const page = text((await open(pro.client, "/notifications")).html);
        for (const r of rows) expect(page, `${pro.name}: ${r.title}`).toContain(r.title);
        const mails = await db().mailMessage.findMany({ where: { to: pro.email, kind: { startsWith: "application." } } });
        if (pro.emailNotifications) {
          expect(mails.map((m) => m.kind).sort(), pro.name).toEqual([...kinds].sort());
          expect(mails.map((m) => m.subject).sort()).toEqual(rows.map((r) => r.title).sort());
          // Absolute links to this server (APP_URL is unset in tests: the listening address is used).
          for (const m of mails) expect(m.text).toContain(`${base}/me/applications/${pro.appId}`);
        } else {
          // Only the confirmation of applying, sent before they turned email off.
          expect(
            mails.map((m) => m.kind),
            `${pro.name} turned email off`,
          ).toEqual(["application.sent"]);
        }
      }
      // The steps that needed the professional's action are among them.
      const active = text((await open(pros[0].client, "/notifications")).html);
      for (const stage of ["Shortlisted", "Screening", "Offer", "Payment setup", "Training", "Active"])
        expect(active).toContain(title(stage));
      expect(active).toContain("Your screening assessment is ready.");
      expect(active).toContain("You have an offer.");
      const declined = text((await open(pros[8].client, "/notifications")).html);
      // One full stop after a reason that already ends with one (it used to read "credits.. You").
      expect(declined).toContain(`${title("Not selected")} Reason: ${BULK_DECLINE_REASON} You can ask for a human review`);
      const declineMail = await db().mailMessage.findFirstOrThrow({ where: { to: pros[8].email, kind: "application.declined" } });
      expect(declineMail.text.startsWith(`Reason: ${BULK_DECLINE_REASON} You can ask for a human review`)).toBe(true);
      // One "application sent" confirmation each (20), then: active 5 x 6, in training 5, withdrawn 3,
      // declined after screening 3, declined at once 12 x 1.
      expect(total).toBe(20 + 5 * 6 + 5 + 3 + 3 + 12);
      // The lab hears about what professionals did: 20 applications, 8 screenings submitted,
      // 6 offers accepted, 1 withdrawal.
      const lab = await db().notification.groupBy({ by: ["kind"], where: { userId: labOwner.userId }, _count: true });
      expect(Object.fromEntries(lab.map((g) => [g.kind, g._count]))).toEqual({
        "application.new": 20,
        "application.screening_submitted": 8,
        "application.contracting": 6,
        "application.withdrawn": 1,
      });
      expect(await db().mailMessage.count({ where: { to: labOwner.email, kind: { startsWith: "application." } } })).toBe(35);
    },
    STEP_TIMEOUT,
  );
});
