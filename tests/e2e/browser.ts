/**
 * Shared helpers for the end-to-end browser tests: one Debian Chromium per run (driven by
 * playwright-core, started by tests/setup/chromium.ts), contexts with their own client address (per-IP rate limits), hydration
 * waits, screenshots under test-artifacts/screenshots/, axe-core checks and UI sign-up/log-in.
 */
import { mkdirSync, readFileSync } from "node:fs";
import http from "node:http";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { type Browser, type BrowserContext, type Locator, type Page, chromium } from "playwright-core";
import { afterAll, beforeAll, expect, inject } from "vitest";
import type { ChromiumFound } from "../setup/chromium";
import { PASSWORD, confirmationLink } from "../setup/http";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
export const SHOTS_DIR = path.join(ROOT, "test-artifacts", "screenshots");
mkdirSync(SHOTS_DIR, { recursive: true });

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

export { PASSWORD };

/** The broker's answer (node:http, which has no time limit of its own: an install may take minutes). */
function askBroker(url: string): Promise<ChromiumFound> {
  return new Promise((resolve, reject) => {
    http
      .get(url, (res) => {
        let body = "";
        res.setEncoding("utf8").on("data", (chunk: string) => {
          body += chunk;
        });
        res.on("end", () => resolve(JSON.parse(body) as ChromiumFound));
      })
      .on("error", reject);
  });
}

/**
 * Connects to the run's Chromium (started once by tests/setup/chromium.ts) for the whole file and
 * disconnects afterwards, which closes every context the file opened.
 */
export function useBrowser(): () => Browser {
  let browser: Browser | undefined;
  beforeAll(async () => {
    // The run's Chromium starts in the background (tests/setup/chromium.ts): on a fresh machine it
    // is still being installed when the first browser test file gets here, so this waits for it.
    const found = await askBroker(inject("chromiumBroker"));
    if ("error" in found) {
      // One sentence on how to get a Chromium (found by tests/setup/chromium.ts), not a stack trace.
      const missing = new Error(found.error);
      missing.stack = `Error: ${found.error}`;
      throw missing;
    }
    browser = await chromium.connect(found.wsEndpoint);
  }, 900_000);
  afterAll(async () => {
    await browser?.close();
  });
  return () => {
    if (!browser) throw new Error("the browser is not started yet (use it inside a test or hook)");
    return browser;
  };
}

/**
 * Runs before the app's scripts (init scripts are not subject to the page's CSP): a minimal
 * React DevTools hook that counts React commits, so tests can wait until a navigation has not
 * only finished in the router but has also been rendered: Remix renders route changes in a
 * transition, committed after an urgent commit that still shows the old page.
 *
 * It also notes whether a commit left passive effects (useEffect) to run: React runs them in a
 * later task and then calls onPostCommitFiberRoot. A page is settled only once they ran, because
 * an effect may still change what is shown (the board's "(0 selected)" appears from one). React 18
 * flags: Passive 2048 and ChildDeletion 16 (its PassiveMask), on the committed root fiber.
 */
const COMMIT_COUNTER = `window.__e2eCommits = 0;
window.__e2ePassivePending = false;
window.__REACT_DEVTOOLS_GLOBAL_HOOK__ = {
  supportsFiber: true, isDisabled: false, renderers: new Map(),
  inject: function () { return 1; },
  onCommitFiberRoot: function (id, root) {
    window.__e2eCommits++; window.__e2eRoot = root;
    var f = root.current;
    if (f && ((f.flags | f.subtreeFlags) & (2048 | 16))) window.__e2ePassivePending = true;
  },
  onCommitFiberUnmount: function () {},
  onPostCommitFiberRoot: function () { window.__e2ePassivePending = false; },
  checkDCE: function () {}, on: function () {}, off: function () {}, emit: function () {},
  sub: function () { return function () {}; }
};`;

/** Per page: whether JavaScript runs, and the context's list of problems (see watch()). */
const jsOf = new WeakMap<Page, boolean>();
const problemsOf = new WeakMap<Page, string[]>();

let ipCounter = 1;
const filePrefix = 20 + Math.floor(Math.random() * 200);

export interface Tab {
  context: BrowserContext;
  page: Page;
  js: boolean;
  /** Uncaught page errors and CSP violations seen so far in this context. */
  problems: string[];
}

/**
 * A fresh browser context (its own cookies) and page. Each context gets its own X-Forwarded-For
 * address, as a separate person's browser would, so per-IP rate limits don't couple tests.
 */
export async function openTab(
  browser: Browser,
  base: string,
  opts: { js?: boolean; timezoneId?: string; direct?: boolean } = {},
): Promise<Tab> {
  const js = opts.js ?? true;
  const ip = `10.${filePrefix}.${Math.floor(ipCounter / 250)}.${(ipCounter++ % 250) + 1}`;
  const context = await browser.newContext({
    baseURL: base,
    javaScriptEnabled: js,
    // `direct`: no proxy header, as a developer's browser on this machine talking straight to the server.
    extraHTTPHeaders: opts.direct ? {} : { "x-forwarded-for": ip },
    viewport: { width: 1280, height: 900 },
    locale: "en-US",
    timezoneId: opts.timezoneId ?? "UTC",
  });
  // No `context.route` (not even for one URL): any route makes Playwright intercept EVERY request of
  // the context and turns Chromium's HTTP cache off, so each full page load fetched and compiled all
  // scripts again (decision 0037). Chromium's automatic /favicon.ico request is answered by the empty
  // favicon that tests/setup/global.ts puts into the test build (no Remix 404 page per page load).
  context.setDefaultTimeout(15_000);
  context.setDefaultNavigationTimeout(20_000);
  if (js) await context.addInitScript(COMMIT_COUNTER);
  const page = await context.newPage();
  const tab: Tab = { context, page, js, problems: [] };
  watch(tab, page);
  return tab;
}

/** A second page in the same context (same user, same cookies), e.g. two tabs on one board. */
export async function secondPage(tab: Tab): Promise<Page> {
  const page = await tab.context.newPage();
  watch(tab, page);
  return page;
}

function watch(tab: Tab, page: Page) {
  jsOf.set(page, tab.js);
  problemsOf.set(page, tab.problems);
  page.on("pageerror", (e) => tab.problems.push(`pageerror on ${page.url()}: ${e.message}`));
  page.on("console", (m) => {
    if (m.type() === "error" && /Content Security Policy|Refused to/i.test(m.text()))
      tab.problems.push(`CSP on ${page.url()}: ${m.text()}`);
  });
}

/**
 * With JavaScript on, waits until React has hydrated the document: the footer (rendered last by
 * the root layout) carries React's internal props key once hydration reached it. Clicking before
 * that would fall back to a native form post, which hides client-side bugs.
 */
export async function hydrated(page: Page) {
  if (!(await page.evaluate(() => typeof (window as unknown as E2EWindow).__e2eCommits === "number")))
    throw new Error(`${page.url()}: no React commit counter in this page; open it with openTab() (its context installs it)`);
  try {
    // Then until React has nothing left to do: the hydration is committed, no render is pending or
    // scheduled, and the effects it scheduled (and the renders they caused) have run.
    await page.waitForFunction(() => {
      const footer = document.querySelector("footer.site-footer");
      if (!footer || !Object.keys(footer).some((k) => k.startsWith("__reactProps"))) return false;
      const w = window as unknown as E2EWindow;
      const root = w.__e2eRoot;
      return w.__e2eCommits > 0 && !!root && root.pendingLanes === 0 && !root.callbackNode && !w.__e2ePassivePending;
    });
  } catch (e) {
    const problems = problemsOf.get(page) ?? [];
    throw new Error(
      `${page.url()} never hydrated (React did not take over the server HTML).${problems.length ? ` Problems seen:\n${problems.join("\n")}` : ""}\n${(e as Error).message}`,
    );
  }
}

/** Navigates and (with JS on) waits for hydration. Fails on HTTP errors unless `status` says otherwise. */
export async function visit(tab: Tab | Page, url: string, opts: { status?: number } = {}) {
  const page = "page" in tab ? tab.page : tab;
  const res = await page.goto(url);
  expect(res?.status(), `GET ${url}`).toBe(opts.status ?? 200);
  if (jsOf.get(page) !== false) await hydrated(page);
  return page;
}

/** Reloads (a stale tab catching up) and waits for hydration. */
export async function reload(page: Page) {
  await page.reload();
  if (jsOf.get(page) !== false) await hydrated(page);
}

type E2EWindow = {
  __e2eCommits: number;
  __e2eRoot?: { pendingLanes: number; callbackNode: unknown };
  __e2ePassivePending?: boolean;
  __e2eDone?: boolean;
  __remixRouter?: {
    state: { navigation: { state: string }; fetchers: Map<string, { state: string }> };
    subscribe(fn: (s: { navigation: { state: string }; fetchers: Map<string, { state: string }> }) => void): () => void;
  };
};

/**
 * Does something that navigates (click a link or submit button, tick an auto-submitting
 * checkbox, type in a search box) and waits until its effect is on screen. With JS, Remix
 * handles it client-side: wait until the router has been busy, is idle again (action, redirect
 * and revalidation included) and React has committed the result. Without JS, wait for the
 * browser's own full page load.
 */
export async function act(page: Page, action: () => Promise<unknown>) {
  if (jsOf.get(page) !== false) {
    await page.evaluate(() => {
      const w = window as unknown as E2EWindow;
      w.__e2eDone = false;
      let busy = false;
      const stop = w.__remixRouter!.subscribe((s) => {
        const idle = s.navigation.state === "idle" && [...s.fetchers.values()].every((f) => f.state === "idle");
        if (!idle) busy = true;
        else if (busy) {
          stop();
          // The router state is rendered in a transition: wait for a React commit after which
          // no render work is pending or scheduled any more.
          const commits = w.__e2eCommits;
          const wait = () => {
            const root = w.__e2eRoot;
            if (w.__e2eCommits > commits && root && root.pendingLanes === 0 && !root.callbackNode && !w.__e2ePassivePending)
              w.__e2eDone = true;
            else setTimeout(wait, 10);
          };
          wait();
        }
      });
    });
    await action();
    await page.waitForFunction(() => (window as unknown as E2EWindow).__e2eDone === true);
  } else {
    await Promise.all([page.waitForNavigation(), action()]);
  }
}

/** Clicks a submit button (or link) and waits until the result is on screen. */
export async function submit(page: Page, button: Locator) {
  await act(page, () => button.click());
}

/** Full-page screenshot under test-artifacts/screenshots/ (git-ignored). */
export async function screenshot(page: Page, name: string) {
  const file = path.join(SHOTS_DIR, `${name.replace(/[^\w.-]+/g, "-")}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[]; failureSummary?: string; html: string }[];
}

/** All axe violations on the current page (axe is evaluated through CDP, so the page's CSP does not block it). */
export async function axeViolations(page: Page): Promise<AxeViolation[]> {
  const hasAxe = await page.evaluate(() => "axe" in window);
  if (!hasAxe) await page.evaluate(AXE_SOURCE);
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (ctx: Document, opts: object) => Promise<{ violations: AxeViolation[] }> } }).axe;
    const result = await axe.run(document, { resultTypes: ["violations"] });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => ({ target: n.target, failureSummary: n.failureSummary, html: n.html.slice(0, 200) })),
    }));
  });
}

export function formatViolations(vs: AxeViolation[]): string {
  return vs
    .map((v) => `  [${v.impact}] ${v.id}: ${v.help}\n${v.nodes.map((n) => `      at ${n.target.join(" ")}  ${n.html}`).join("\n")}`)
    .join("\n");
}

/**
 * Screenshot + axe-core check of a key page. A violation with impact "serious" or "critical"
 * fails the test softly (the journey goes on, so one run reports every page); moderate and
 * minor ones are only printed.
 */
export async function checkPage(page: Page, name: string) {
  await screenshot(page, name);
  const all = await axeViolations(page);
  const serious = all.filter((v) => v.impact === "serious" || v.impact === "critical");
  const minor = all.filter((v) => !serious.includes(v));
  if (minor.length)
    console.log(`[a11y] ${name} (${new URL(page.url()).pathname}): moderate/minor only, not failing\n${formatViolations(minor)}`);
  if (serious.length) console.log(`[a11y] ${name} (${new URL(page.url()).pathname}): SERIOUS\n${formatViolations(serious)}`);
  expect.soft(serious.length, `serious/critical axe violations on ${name} (${page.url()}):\n${formatViolations(serious)}\n`).toBe(0);
  // Links within the page (an error summary's "fix this field" links, skip links) lead somewhere.
  const nowhere = await page.evaluate(() =>
    [...document.querySelectorAll<HTMLAnchorElement>('a[href^="#"]')]
      .map((a) => a.getAttribute("href") ?? "")
      .filter((href) => href.length > 1 && !document.getElementById(decodeURIComponent(href.slice(1)))),
  );
  expect.soft(nowhere, `in-page links to no element on ${name} (${page.url()})`).toEqual([]);
}

export const uniqueEmail = (prefix: string) => `${prefix}-${Math.random().toString(16).slice(2, 10)}@e2e.secondact.test`;

/** Signs up through the real form. Returns the email used. */
export async function uiSignUp(
  tab: Tab,
  opts: { name: string; email?: string; type?: "PROFESSIONAL" | "LAB"; labName?: string; a11yName?: string },
): Promise<string> {
  const { page } = tab;
  const email = opts.email ?? uniqueEmail(opts.type === "LAB" ? "lab" : "pro");
  await visit(tab, "/signup");
  if (opts.a11yName) await checkPage(page, opts.a11yName);
  const form = page.locator("main form");
  if (opts.type === "LAB") await form.getByLabel("Posting gigs for an AI lab").check();
  else await form.getByLabel("A TV professional looking for AI-training work").check();
  await form.getByLabel("Your name").fill(opts.name);
  await form.getByLabel("Email").fill(email);
  await form.getByLabel("Password").fill(PASSWORD);
  if (opts.labName) await form.getByLabel(/Lab name/).fill(opts.labName);
  await form.getByLabel(/I accept the terms/).check();
  await submit(page, form.getByRole("button", { name: "Create account" }));
  // Sign-up signs nobody in (it answers the same for registered addresses): open the emailed link.
  await expect.poll(() => new URL(page.url()).pathname).toBe("/check-email");
  await visit(tab, await confirmationLink(email));
  await expect.poll(() => new URL(page.url()).pathname).toMatch(opts.type === "LAB" ? /^\/labs\// : /^\/me\/profile/);
  return email;
}

/** Logs in through the real form and waits for the redirect away from /login. */
export async function uiLogIn(tab: Tab, email: string, next?: string) {
  const { page } = tab;
  await visit(tab, next ? `/login?next=${encodeURIComponent(next)}` : "/login");
  const form = page.locator("main form");
  await form.getByLabel("Email").fill(email);
  await form.getByLabel("Password").fill(PASSWORD);
  await submit(page, form.getByRole("button", { name: "Log in" }));
  await expect.poll(() => new URL(page.url()).pathname).not.toBe("/login");
}

/** What a reader sees in an element: its rendered text (so not display:none), whitespace collapsed. */
export async function textOf(locator: Locator) {
  // biome-ignore lint/performance/useDomNodeTextContent: this is Playwright's rendered text, which is the point here
  return (await locator.innerText()).replace(/\s+/g, " ").trim();
}

/** The rendered text of <main>. */
export async function mainText(page: Page) {
  return textOf(page.locator("main"));
}
