/**
 * Shared by the authorization matrix, the security tests and the form fuzzer:
 *
 * - `buildWorld`: one of every role (anonymous, professionals A and B, owner and plain member of
 *   lab X, owner of lab Y, coordinator, admin, and lab X / lab Y API tokens) plus the data the
 *   matrix needs (drafts, an application, private profile fields, tokens) and the "private
 *   markers": strings that only some roles may ever receive.
 * - `ROUTES`: the authorization matrix itself, one entry per file in app/routes, each with
 *   probes (method + concrete path + body) and the expected outcome for every role.
 * - Small HTTP utilities: outcome classification, concurrency pool, fresh sessions.
 *
 * Outcomes (what the matrix asserts; see `classify`):
 *   allow  = the role got past authorization: 2xx, a 3xx/single-fetch redirect that is NOT to
 *            /login, or a 4xx other than 401/403/404/405 (e.g. 400 field errors, 409, 422, 429:
 *            the action ran its validation, so the role was authorized).
 *   login  = redirect (302, or 202 + Location for `.data` requests) to /login.
 *   deny   = 403 or 404 (authorization refused, or the resource is invisible to this role).
 *   unauth = 401 (JSON endpoints that take a Bearer token or a session but got neither).
 *   method = 405 (the method is not handled; used for API endpoints that refuse a verb).
 *   error  = 5xx, never expected.
 */
import { randomBytes } from "node:crypto";
import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { db } from "~/db.server";
import { hashPassword } from "~/password.server";
import { createGig } from "~/services/gigs.server";
import { createEndpoint } from "~/services/webhooks.server";
import { createScreener } from "~/services/screeners.server";
import { seedTransferRules } from "~/services/transfer.server";
import { createSession } from "~/session.server";
import { Client, PASSWORD, logIn, signUp } from "../setup/http";
import { FULL_GIG, apiTokenFor, labWithOpenGig, staff } from "./fixtures";

// ---------------------------------------------------------------------------------- roles

export const BROWSER_ROLES = ["anon", "proA", "proB", "labX", "labXm", "labY", "coord", "admin"] as const;
export const TOKEN_ROLES = ["tokenX", "tokenY"] as const;
export const ROLES = [...BROWSER_ROLES, ...TOKEN_ROLES] as const;
export type BrowserRole = (typeof BROWSER_ROLES)[number];
export type Role = (typeof ROLES)[number];
export type Outcome = "allow" | "login" | "deny" | "unauth" | "method" | "error";

/** What each role is, for failure messages. */
export const ROLE_LABEL: Record<Role, string> = {
  anon: "anonymous",
  proA: "professional A",
  proB: "professional B",
  labX: "lab X owner",
  labXm: "lab X member (not owner)",
  labY: "lab Y owner",
  coord: "coordinator",
  admin: "admin",
  tokenX: "lab X API token (no cookies)",
  tokenY: "lab Y API token (no cookies)",
};

// ---------------------------------------------------------------------------------- world

export interface Marker {
  name: string;
  values: string[];
  /** Roles that may receive these strings. Everyone else must never see them. */
  visibleTo: Role[];
  /** Paths (regexes on the request path) where the strings legitimately appear for anyone. */
  exempt?: RegExp[];
}

export interface World {
  base: string;
  clients: Record<BrowserRole | (typeof TOKEN_ROLES)[number], Client>;
  csrf: Map<Client, string>;
  users: Record<Exclude<BrowserRole, "anon">, { id: string; email: string }>;
  labX: { id: string; slug: string; name: string };
  labY: { id: string; slug: string; name: string };
  gigs: { xOpen: string; xDraft: string; yOpen: string; yDraft: string };
  titles: { xOpen: string; xDraft: string; yDraft: string };
  profiles: { A: string; B: string };
  headlines: { A: string; B: string };
  appA: string;
  creditA: string;
  creditB: string;
  ruleId: string;
  /** Saved screeners: lab X's, lab Y's and the coordinators'. */
  screeners: { x: string; y: string; coord: string };
  tokens: { X: string; Y: string; xId: string; yId: string; xPrefix: string; yPrefix: string };
  webhook: { endpointX: string; deliveryX: string };
  markers: Marker[];
}

export const rnd = () => randomBytes(4).toString("hex");

/** Values that make professional A's private data recognisable wherever it leaks. */
export const A_PRIVATE = {
  minRate: "8765.43", // stored as 876543 cents, shown as $8,765.43
  rateMarkers: ["8,765.43", "8765.43", "876543"],
  availableFrom: "2031-07-19",
  ethnicity: "Pacific Islander",
};

function sessionUserFor(user: { id: string; email: string; name: string }, labId: string, slug: string) {
  return {
    id: user.id,
    sessionId: "test",
    email: user.email,
    name: user.name,
    role: "LAB_MEMBER" as const,
    emailVerified: true,
    labId,
    labSlug: slug,
    labRole: "OWNER" as const,
    profileId: null,
    unreadNotifications: 0,
  };
}

export async function csrfOf(w: Pick<World, "csrf">, client: Client): Promise<string> {
  let token = w.csrf.get(client);
  if (!token) {
    token = await client.csrf();
    w.csrf.set(client, token);
  }
  return token;
}

async function draftGig(labId: string, userId: string, title: string) {
  const created = await createGig(labId, { ...FULL_GIG, title }, { id: userId, role: "LAB_MEMBER" });
  if (!created.ok) throw new Error(JSON.stringify(created.errors));
  return created.gig.id;
}

export async function buildWorld(base: string): Promise<World> {
  await seedTransferRules(db());
  const r = rnd();

  // Labs X and Y, each with an open gig and a draft.
  const xOpenTitle = `X open sitcom gig ${r}`;
  const x = await labWithOpenGig(base, { title: xOpenTitle });
  const y = await labWithOpenGig(base, { title: `Y open sitcom gig ${r}` });
  const labXRow = await db().lab.findUniqueOrThrow({ where: { id: x.labId } });
  const labYRow = await db().lab.findUniqueOrThrow({ where: { id: y.labId } });
  const xDraftTitle = `XDRAFT${r} secret plan`;
  const yDraftTitle = `YDRAFT${r} other secret`;
  const xDraft = await draftGig(x.labId, x.ownerUser.id, xDraftTitle);
  const yDraft = await draftGig(y.labId, y.ownerUser.id, yDraftTitle);

  // A plain (non-owner) member of lab X.
  const xmEmail = `xmember-${r}@labx.test`;
  const xm = await db().user.create({
    data: {
      email: xmEmail,
      name: "Xena Member",
      passwordHash: await hashPassword(PASSWORD),
      role: "LAB_MEMBER",
      emailVerifiedAt: new Date(),
    },
  });
  await db().labMember.create({ data: { labId: x.labId, userId: xm.id, role: "MEMBER" } });
  const labXm = await logIn(base, xmEmail);

  // Professional A: private rate, availability, demographics; a credit; applied to X's open gig.
  const aEmail = `alex-${r}@a-private.test`;
  const A = await signUp(base, { name: "Alex Able", email: aEmail });
  const aHeadline = `Sitcom staff writer ${r}`;
  const aProfile = await A.client.post("/me/profile?index", {
    headline: aHeadline,
    bio: "Wrote on multi-cam comedies for a decade.",
    location: "Burbank",
    timezone: "America/Los_Angeles",
    langCode0: "en",
    langLevel0: "native",
    hoursPerWeek: "20",
    minRate: A_PRIVATE.minRate,
    rateCurrency: "USD",
    availableFrom: A_PRIVATE.availableFrom,
    links: "https://example.com/alex",
    aiUseConsent: "on",
    demographicsOptIn: "on",
    demo_ethnicity: A_PRIVATE.ethnicity,
    visibility: "LABS",
  });
  if (aProfile.status !== 303) throw new Error(`profile A: ${aProfile.status} ${(await aProfile.text()).slice(0, 300)}`);
  const credit = {
    showTitle: "Cheers",
    network: "NBC",
    format: "MULTI_CAM_SITCOM",
    genres: ["COMEDY"],
    role: "STAFF_WRITER",
    startYear: "1985",
    endYear: "1990",
    episodes: "120",
  };
  const aCredit = await A.client.post("/me/profile/credits", { intent: "save", ...credit });
  if (aCredit.status !== 302) throw new Error(`credit A: ${aCredit.status}`);
  const applied = await A.client.post(`/gigs/${x.gig.id}`, { intent: "apply", note: "Six seasons of multi-cam." });
  if (applied.status !== 303) throw new Error(`apply A: ${applied.status}`);
  const appA = applied.headers.get("location")!.split("/").pop()!;

  // Professional B: visible to coordinators only.
  const bEmail = `blair-${r}@b-private.test`;
  const B = await signUp(base, { name: "Blair Hidden", email: bEmail });
  const bHeadline = `Hidden showrunner ${r}`;
  const bProfile = await B.client.post("/me/profile?index", {
    headline: bHeadline,
    timezone: "UTC",
    langCode0: "en",
    langLevel0: "native",
    hoursPerWeek: "30",
    aiUseConsent: "on",
    visibility: "COORDINATORS",
  });
  if (bProfile.status !== 303) throw new Error(`profile B: ${bProfile.status}`);
  const bCredit = await B.client.post("/me/profile/credits", {
    intent: "save",
    ...credit,
    showTitle: "Frasier",
    startYear: "1993",
    endYear: "2004",
    episodes: "200",
  });
  if (bCredit.status !== 302) throw new Error(`credit B: ${bCredit.status}`);

  const coord = await staff("COORDINATOR");
  const admin = await staff("ADMIN");
  const coordClient = await logIn(base, coord.email);
  const adminClient = await logIn(base, admin.email);

  const tx = await apiTokenFor(x.labId, "matrix X", sessionUserFor(x.ownerUser, x.labId, labXRow.slug));
  const ty = await apiTokenFor(y.labId, "matrix Y", sessionUserFor(y.ownerUser, y.labId, labYRow.slug));
  // A webhook endpoint of lab X (never called: nothing runs the delivery worker here) and one delivery.
  const hook = await createEndpoint(
    x.labId,
    { url: "http://127.0.0.1:9/matrix", description: "matrix", events: ["gig.status_changed"] },
    { id: x.ownerUser.id, role: "LAB_MEMBER" },
    { production: false },
  );
  if (!hook.ok) throw new Error(hook.message);
  const hookDelivery = await db().webhookDelivery.create({
    data: {
      endpointId: hook.endpoint.id,
      eventId: `evt_matrix${r}`,
      eventType: "gig.status_changed",
      orderKey: `gig:${x.gig.id}`,
      body: "{}",
      status: "SUCCEEDED",
    },
  });

  const aUser = await db().user.findUniqueOrThrow({ where: { email: aEmail }, include: { profile: { include: { credits: true } } } });
  const bUser = await db().user.findUniqueOrThrow({ where: { email: bEmail }, include: { profile: { include: { credits: true } } } });
  const rule = await db().transferRule.findFirstOrThrow({ where: { active: true } });

  // Saved screeners: one per lab and one of the coordinators, each with a recognisable name.
  const noCriteria = { tasks: [], languages: [], minHours: null, tzMin: null, tzMax: null, verifiedOnly: false, maxRate: null };
  const screenerNames = { x: `XSCREEN${r} comedy pool`, y: `YSCREEN${r} drama pool`, coord: `CSCREEN${r} cheap pool` };
  const sx = await createScreener(
    { name: screenerNames.x, criteria: noCriteria },
    { owner: "LAB", labId: x.labId, userId: x.ownerUser.id },
  );
  const sy = await createScreener(
    { name: screenerNames.y, criteria: noCriteria },
    { owner: "LAB", labId: y.labId, userId: y.ownerUser.id },
  );
  const sc = await createScreener(
    { name: screenerNames.coord, criteria: { ...noCriteria, maxRate: 40 } },
    { owner: "COORDINATORS", userId: coord.user.id, role: "COORDINATOR" },
  );
  if (!sx.ok || !sy.ok || !sc.ok) throw new Error("screeners not created");

  // The search index is fed asynchronously: wait for it so search pages see everyone.
  const { flushSearch } = await import("~/runtime.server");
  await flushSearch();

  const users = {
    proA: { id: aUser.id, email: aEmail },
    proB: { id: bUser.id, email: bEmail },
    labX: { id: x.ownerUser.id, email: x.owner.email },
    labXm: { id: xm.id, email: xmEmail },
    labY: { id: y.ownerUser.id, email: y.owner.email },
    coord: { id: coord.user.id, email: coord.email },
    admin: { id: admin.user.id, email: admin.email },
  };

  const STAFF: Role[] = ["coord", "admin"];
  const markers: Marker[] = [
    { name: "A's minimum rate", values: A_PRIVATE.rateMarkers, visibleTo: ["proA", ...STAFF] },
    { name: "A's availability date", values: [A_PRIVATE.availableFrom], visibleTo: ["proA", ...STAFF] },
    { name: "A's email", values: [aEmail], visibleTo: ["proA", ...STAFF] },
    {
      name: "A's demographic answer",
      values: [A_PRIVATE.ethnicity],
      visibleTo: ["proA"],
      // The profile editor lists every option to every professional; the fairness report shows
      // group labels (aggregated, small groups suppressed) to staff only.
      exempt: [/^\/me\/profile(\.data)?$/, /^\/insights\/fairness/, /^\/insights\/export\.csv/],
    },
    { name: "B's headline (COORDINATORS-only profile)", values: [bHeadline], visibleTo: ["proB", ...STAFF] },
    { name: "B's email", values: [bEmail], visibleTo: ["proB", ...STAFF] },
    { name: "lab X's draft gig title", values: [xDraftTitle], visibleTo: ["labX", "labXm", ...STAFF, "tokenX"] },
    { name: "lab Y's draft gig title", values: [yDraftTitle], visibleTo: ["labY", ...STAFF, "tokenY"] },
    { name: "lab X's API token prefix", values: [tx.record.prefix], visibleTo: ["labX", "labXm", ...STAFF] },
    { name: "lab Y's API token prefix", values: [ty.record.prefix], visibleTo: ["labY", ...STAFF] },
    { name: "lab X's API token secret", values: [tx.token.slice(12)], visibleTo: [] },
    { name: "lab X's webhook signing secret", values: [hook.secret], visibleTo: [] },
    { name: "lab X's screener", values: [screenerNames.x], visibleTo: ["labX", "labXm", "tokenX"] },
    { name: "lab Y's screener", values: [screenerNames.y], visibleTo: ["labY", "tokenY"] },
    { name: "the coordinators' screener", values: [screenerNames.coord], visibleTo: STAFF },
  ];

  const clients = {
    anon: new Client(base),
    proA: A.client,
    proB: B.client,
    labX: x.owner.client,
    labXm,
    labY: y.owner.client,
    coord: coordClient,
    admin: adminClient,
    tokenX: new Client(base),
    tokenY: new Client(base),
  };

  return {
    base,
    clients,
    csrf: new Map(),
    users,
    labX: { id: x.labId, slug: labXRow.slug, name: labXRow.name },
    labY: { id: y.labId, slug: labYRow.slug, name: labYRow.name },
    gigs: { xOpen: x.gig.id, xDraft, yOpen: y.gig.id, yDraft },
    titles: { xOpen: xOpenTitle, xDraft: xDraftTitle, yDraft: yDraftTitle },
    profiles: { A: aUser.profile!.id, B: bUser.profile!.id },
    headlines: { A: aHeadline, B: bHeadline },
    appA,
    creditA: aUser.profile!.credits[0].id,
    creditB: bUser.profile!.credits[0].id,
    ruleId: rule.id,
    screeners: { x: sx.screener.id, y: sy.screener.id, coord: sc.screener.id },
    tokens: { X: tx.token, Y: ty.token, xId: tx.record.id, yId: ty.record.id, xPrefix: tx.record.prefix, yPrefix: ty.record.prefix },
    webhook: { endpointX: hook.endpoint.id, deliveryX: hookDelivery.id },
    markers,
  };
}

/** A second, independent browser session for a role (for probes that end the session). */
export async function freshClient(w: World, role: Role): Promise<Client> {
  const client = new Client(w.base);
  if (role === "anon" || role === "tokenX" || role === "tokenY") return client;
  const cookie = await createSession(w.users[role].id, { ip: client.ip, userAgent: "matrix" });
  const token = /sa_session=([^;]*)/.exec(cookie)?.[1];
  if (!token) throw new Error("no session cookie");
  client.cookies.set("sa_session", token);
  return client;
}

// ---------------------------------------------------------------------------------- HTTP

export interface Answer {
  status: number;
  location: string | null;
  contentType: string;
  body: string;
  headers: Headers;
}

export function classify(status: number, location: string | null): Outcome {
  if (status >= 500) return "error";
  const redirect = (status >= 300 && status < 400) || (status === 202 && location !== null);
  if (redirect) return location && /^(https?:\/\/[^/]+)?\/login([?#]|$)/.test(location) ? "login" : "allow";
  if (status === 401) return "unauth";
  if (status === 403 || status === 404) return "deny";
  if (status === 405) return "method";
  return "allow";
}

export interface Probe {
  method: "GET" | "POST" | "PATCH" | "PUT" | "DELETE";
  path: (w: World) => string;
  /** A browser form body (sent urlencoded with the role's valid CSRF token and same Origin). */
  form?: (w: World) => Record<string, string | string[]>;
  /** A JSON body (API endpoints). */
  json?: unknown;
  expect: Record<Role, Outcome>;
  /** Run with a throwaway session of the role (the probe ends it). */
  fresh?: boolean;
  /** Also request `<path>.data` (Remix single fetch) and check it the same way. Default: UI GETs. */
  singleFetch?: boolean;
  note?: string;
}

export interface RouteEntry {
  /** UI route (has a default export: rendered page + `.data`), resource route or JSON API. */
  kind: "page" | "resource" | "api";
  probes: Probe[];
}

/** Sends one probe as one role and returns the raw answer. */
export async function sendProbe(w: World, role: Role, probe: Probe, opts: { singleFetch?: boolean } = {}): Promise<Answer> {
  const client = probe.fresh ? await freshClient(w, role) : w.clients[role];
  let target = probe.path(w);
  if (opts.singleFetch) target = singleFetchUrl(target);
  // Uncompressed answers: the matrix checks statuses and bodies, not compression (tested elsewhere).
  const headers: Record<string, string> = { "accept-encoding": "identity" };
  if (role === "tokenX") headers.authorization = `Bearer ${w.tokens.X}`;
  if (role === "tokenY") headers.authorization = `Bearer ${w.tokens.Y}`;
  let body: BodyInit | undefined;
  if (probe.form) {
    const params = new URLSearchParams();
    params.append("_csrf", await csrfOf(w, client));
    for (const [k, v] of Object.entries(probe.form(w))) for (const item of Array.isArray(v) ? v : [v]) params.append(k, item);
    body = params;
    headers["content-type"] = "application/x-www-form-urlencoded";
    headers.origin = w.base;
  } else if (probe.json !== undefined) {
    body = JSON.stringify(probe.json);
    headers["content-type"] = "application/json";
  }
  const res = await client.request(target, { method: probe.method, headers, body });
  return {
    status: res.status,
    location: res.headers.get("location"),
    contentType: res.headers.get("content-type") ?? "",
    body: await res.text(),
    headers: res.headers,
  };
}

/** `/a/b?x` -> `/a/b.data?x`, `/` -> `/_root.data` (Remix single fetch). */
export function singleFetchUrl(target: string): string {
  const u = new URL(target, "http://x");
  const pathname = u.pathname === "/" ? "/_root.data" : `${u.pathname.replace(/\/$/, "")}.data`;
  return `${pathname}${u.search}`;
}

/**
 * Paths exempt from every private-data check: the development mail outbox shows every message
 * sent (reset links included) to whoever is on the server's own machine while NODE_ENV is not
 * "production" (a 404 for everyone else, and in production). Kept out of the leak checks so
 * they stay meaningful.
 */
export const LEAK_EXEMPT_PATHS = [/^\/dev\/mail(\.data)?$/];

/** Names of the private markers in `body` that `role` must not receive at `target`. */
export function leaksIn(w: World, role: Role, target: string, body: string): string[] {
  const pathname = new URL(target, "http://x").pathname;
  if (LEAK_EXEMPT_PATHS.some((re) => re.test(pathname))) return [];
  const found: string[] = [];
  for (const m of w.markers) {
    if (m.visibleTo.includes(role)) continue;
    if (m.exempt?.some((re) => re.test(pathname))) continue;
    if (m.values.some((v) => body.includes(v))) found.push(m.name);
  }
  return found;
}

/** Runs `fn` over `items` with at most `limit` in flight. */
export async function pool<T, R>(items: readonly T[], limit: number, fn: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i], i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}

// ---------------------------------------------------------------------------------- route files

export const ROUTES_DIR = path.join(process.cwd(), "app", "routes");

/**
 * Every route module under app/routes, as its path inside that folder ("coord/coord.gigs.$id.tsx").
 * `_section.tsx` is left out: it is the pathless layout app/routes.ts puts around each section (no
 * loader, no action, no URL of its own), so there is nothing to probe.
 */
export function routeFiles(): string[] {
  return (readdirSync(ROUTES_DIR, { recursive: true }) as string[])
    .map((f) => f.split(path.sep).join("/"))
    .filter((f) => /\.(tsx|ts|jsx|js)$/.test(f) && f !== "_section.tsx")
    .sort();
}

export function routeSource(file: string): string {
  return readFileSync(path.join(ROUTES_DIR, file), "utf8");
}

export const hasAction = (src: string) =>
  /export\s+(async\s+)?function\s+action\b|export\s+const\s+action\b|export\s*\{[^}]*\baction\b[^}]*\}/.test(src);
export const hasDefaultExport = (src: string) => /export\s+default\b/.test(src);

/** Splits a flat-routes file name into segments (dots inside [] are literal). */
function segments(name: string): string[] {
  const out: string[] = [];
  let cur = "";
  let depth = 0;
  for (const ch of name) {
    if (ch === "[") depth++;
    if (ch === "]") depth--;
    if (ch === "." && depth === 0) {
      out.push(cur);
      cur = "";
    } else cur += ch;
  }
  out.push(cur);
  return out;
}

/** The URL pattern a Remix v2 flat-routes file answers (layouts answer their own path). */
export function routePattern(file: string): RegExp {
  // The folder is the audience (app/routes.ts); the file name alone is the URL.
  const name = file.replace(/^.*\//, "").replace(/\.(tsx|ts|jsx|js)$/, "");
  const parts: string[] = [];
  for (const seg of segments(name)) {
    if (seg === "_index" || (seg.startsWith("_") && seg !== "_")) continue; // index or pathless layout
    const s = seg.endsWith("_") ? seg.slice(0, -1) : seg;
    if (s === "$") parts.push(".*");
    else if (s.startsWith("$")) parts.push("[^/]+");
    else parts.push(s.replace(/\[(.*?)\]/g, "$1").replace(/[.*+?^${}()|\\]/g, "\\$&"));
  }
  return new RegExp(`^/${parts.join("/")}$`);
}

// ---------------------------------------------------------------------------------- expectations

type Spec = Partial<Record<Role, Outcome>> & { rest: Outcome };

/** Fills a role -> outcome table. Token roles default to the anonymous outcome (no cookies). */
export function exp(spec: Spec): Record<Role, Outcome> {
  const out = {} as Record<Role, Outcome>;
  for (const role of BROWSER_ROLES) out[role] = spec[role] ?? spec.rest;
  for (const role of TOKEN_ROLES) out[role] = spec[role] ?? out.anon;
  return out;
}

const A = "allow" as const;
const STAFF = { coord: A, admin: A };
export const PUBLIC = exp({ rest: "allow" });
export const LOGGED_IN = exp({ anon: "login", rest: "allow" });
export const PROS = exp({ anon: "login", proA: A, proB: A, rest: "deny" });
export const ONLY_STAFF = exp({ anon: "login", ...STAFF, rest: "deny" });
export const ONLY_ADMIN = exp({ anon: "login", admin: A, rest: "deny" });
export const X_MANAGERS = exp({ anon: "login", labX: A, labXm: A, ...STAFF, rest: "deny" });
export const Y_MANAGERS = exp({ anon: "login", labY: A, ...STAFF, rest: "deny" });
export const X_OWNERS = exp({ anon: "login", labX: A, ...STAFF, rest: "deny" });
export const LABS_AND_STAFF = exp({ anon: "login", labX: A, labXm: A, labY: A, ...STAFF, rest: "deny" });
/** JSON API: only Bearer tokens count; cookies are ignored (401 for every browser role). */
export const api = (tokenX: Outcome, tokenY: Outcome) => exp({ rest: "unauth", tokenX, tokenY });

const get = (p: (w: World) => string, expect: Record<Role, Outcome>, more: Partial<Probe> = {}): Probe => ({
  method: "GET",
  path: p,
  expect,
  ...more,
});
const post = (
  p: (w: World) => string,
  form: Record<string, string | string[]> | ((w: World) => Record<string, string | string[]>),
  expect: Record<Role, Outcome>,
  more: Partial<Probe> = {},
): Probe => ({
  method: "POST",
  path: p,
  form: typeof form === "function" ? form : () => form,
  expect,
  ...more,
});
const json = (method: Probe["method"], p: (w: World) => string, body: unknown, expect: Record<Role, Outcome>): Probe => ({
  method,
  path: p,
  json: body,
  expect,
});

const TOO_LONG_NOTE = "x".repeat(2001);

/**
 * THE MATRIX. Keyed by the file name in app/routes. Action probes send harmless bodies (empty or
 * invalid fields) with a valid CSRF token, so "allow" there means "reached validation" (usually
 * 400) and nothing changes.
 */
export const ROUTES: Record<string, RouteEntry> = {
  "site/_index.tsx": { kind: "page", probes: [get(() => "/", PUBLIC)] },
  "site/about.tsx": { kind: "page", probes: [get(() => "/about", PUBLIC)] },
  "site/terms.tsx": { kind: "page", probes: [get(() => "/terms", PUBLIC)] },
  "site/privacy.tsx": { kind: "page", probes: [get(() => "/privacy", PUBLIC)] },
  "site/favicon[.]ico.ts": { kind: "resource", probes: [get(() => "/favicon.ico", PUBLIC)] },
  "me/account.tsx": {
    kind: "page",
    probes: [
      get(() => "/account", LOGGED_IN),
      post(() => "/account", { intent: "nope" }, LOGGED_IN),
      post(() => "/account", { intent: "resend-confirmation" }, LOGGED_IN),
    ],
  },
  "admin/admin._index.tsx": {
    kind: "page",
    probes: [get(() => "/admin", ONLY_ADMIN), post(() => "/admin", { intent: "create" }, ONLY_ADMIN)],
  },
  "api/api.titles.ts": {
    kind: "resource",
    probes: [get(() => "/api/titles?q=Ch", exp({ anon: "unauth", rest: "allow" }))],
  },
  "api/api.v1.$.ts": {
    kind: "api",
    probes: [
      get(() => "/api/v1/no-such-endpoint", exp({ rest: "deny" })),
      json("POST", () => "/api/v1/gigs/x/y/z", {}, exp({ rest: "deny" })),
    ],
  },
  "api/api.v1.gigs.$id.applicants.ts": {
    kind: "api",
    probes: [
      get((w) => `/api/v1/gigs/${w.gigs.xOpen}/applicants`, api("allow", "deny")),
      get((w) => `/api/v1/gigs/${w.gigs.yOpen}/applicants`, api("deny", "allow")),
      json("POST", (w) => `/api/v1/gigs/${w.gigs.xOpen}/applicants`, {}, exp({ rest: "method" })),
    ],
  },
  "api/api.v1.gigs.$id.term-changes.ts": {
    kind: "api",
    probes: [
      get((w) => `/api/v1/gigs/${w.gigs.xOpen}/term-changes`, api("allow", "deny")),
      get((w) => `/api/v1/gigs/${w.gigs.yOpen}/term-changes`, api("deny", "allow")),
      json("POST", (w) => `/api/v1/gigs/${w.gigs.xOpen}/term-changes`, {}, exp({ rest: "method" })),
    ],
  },
  "api/api.v1.gigs.$id.status.ts": {
    kind: "api",
    probes: [
      json("POST", (w) => `/api/v1/gigs/${w.gigs.xDraft}/status`, {}, api("allow", "deny")),
      json("POST", (w) => `/api/v1/gigs/${w.gigs.yDraft}/status`, { status: "NOPE" }, api("deny", "allow")),
      get((w) => `/api/v1/gigs/${w.gigs.xDraft}/status`, exp({ rest: "method" })),
    ],
  },
  "api/api.v1.gigs.$id.work-entries.ts": {
    kind: "api",
    probes: [
      get((w) => `/api/v1/gigs/${w.gigs.xOpen}/work-entries`, api("allow", "deny")),
      get((w) => `/api/v1/gigs/${w.gigs.yOpen}/work-entries`, api("deny", "allow")),
      // An invalid body: the gig's own lab gets past the guard (400), another lab gets 404.
      json("POST", (w) => `/api/v1/gigs/${w.gigs.xOpen}/work-entries`, {}, api("allow", "deny")),
      json("POST", (w) => `/api/v1/gigs/${w.gigs.yOpen}/work-entries`, {}, api("deny", "allow")),
    ],
  },
  "api/api.v1.gigs.$id.queue-status.ts": {
    kind: "api",
    probes: [
      json("PUT", (w) => `/api/v1/gigs/${w.gigs.xOpen}/queue-status`, { state: "NOPE" }, api("allow", "deny")),
      json("PUT", (w) => `/api/v1/gigs/${w.gigs.yOpen}/queue-status`, { state: "NOPE" }, api("deny", "allow")),
      get((w) => `/api/v1/gigs/${w.gigs.xOpen}/queue-status`, exp({ rest: "method" })),
    ],
  },
  "api/api.v1.gigs.$id.ts": {
    kind: "api",
    probes: [
      get((w) => `/api/v1/gigs/${w.gigs.xDraft}`, api("allow", "deny")),
      get((w) => `/api/v1/gigs/${w.gigs.yDraft}`, api("deny", "allow")),
      json("PATCH", (w) => `/api/v1/gigs/${w.gigs.xDraft}`, { slots: -1 }, api("allow", "deny")),
      json("PATCH", (w) => `/api/v1/gigs/${w.gigs.yDraft}`, { slots: -1 }, api("deny", "allow")),
      json("DELETE", (w) => `/api/v1/gigs/${w.gigs.xDraft}`, undefined, exp({ rest: "method" })),
    ],
  },
  "api/api.v1.gigs.ts": {
    kind: "api",
    probes: [get(() => "/api/v1/gigs", api("allow", "allow")), json("POST", () => "/api/v1/gigs", {}, api("allow", "allow"))],
  },
  "api/api.v1.credentials.verify.ts": {
    kind: "api",
    // Anyone verifies a credential, no token: a body that is no credential gets a 200 "malformed" verdict.
    probes: [
      json("POST", () => "/api/v1/credentials/verify", { hello: "matrix" }, PUBLIC),
      get(() => "/api/v1/credentials/verify", exp({ rest: "method" })),
    ],
  },
  "api/api.v1.webhooks.ts": {
    kind: "api",
    probes: [
      get(() => "/api/v1/webhooks", api("allow", "allow")),
      json("POST", () => "/api/v1/webhooks", {}, api("allow", "allow")),
      json("PUT", () => "/api/v1/webhooks", {}, exp({ rest: "method" })),
    ],
  },
  "api/api.v1.webhooks.$id.ts": {
    kind: "api",
    probes: [
      get((w) => `/api/v1/webhooks/${w.webhook.endpointX}`, api("allow", "deny")),
      json("DELETE", () => "/api/v1/webhooks/no-such-endpoint", undefined, api("deny", "deny")),
      // Deleting X's endpoint as lab X's token would succeed (skipProbe); everyone else is refused.
      {
        ...json("DELETE", (w) => `/api/v1/webhooks/${w.webhook.endpointX}`, undefined, api("allow", "deny")),
        note: "only run as non-owners",
      },
      json("PATCH", (w) => `/api/v1/webhooks/${w.webhook.endpointX}`, {}, exp({ rest: "method" })),
    ],
  },
  "api/api.v1.webhooks.$id.deliveries.ts": {
    kind: "api",
    probes: [
      get((w) => `/api/v1/webhooks/${w.webhook.endpointX}/deliveries`, api("allow", "deny")),
      json("POST", (w) => `/api/v1/webhooks/${w.webhook.endpointX}/deliveries`, {}, exp({ rest: "method" })),
    ],
  },
  "api/api.v1.webhooks.$id.deliveries.$deliveryId.replay.ts": {
    kind: "api",
    probes: [
      json(
        "POST",
        (w) => `/api/v1/webhooks/${w.webhook.endpointX}/deliveries/${w.webhook.deliveryX}/replay`,
        undefined,
        api("allow", "deny"),
      ),
      get((w) => `/api/v1/webhooks/${w.webhook.endpointX}/deliveries/${w.webhook.deliveryX}/replay`, exp({ rest: "method" })),
    ],
  },
  "api/api.v1.openapi[.]json.ts": {
    kind: "api",
    probes: [get(() => "/api/v1/openapi.json", PUBLIC), json("POST", () => "/api/v1/openapi.json", {}, exp({ rest: "method" }))],
  },
  "coord/coord._index.tsx": {
    kind: "page",
    probes: [get(() => "/coord", ONLY_STAFF), post(() => "/coord", { intent: "answer" }, ONLY_STAFF)],
  },
  "coord/coord.gigs.$id.tsx": {
    kind: "page",
    probes: [
      get((w) => `/coord/gigs/${w.gigs.xOpen}`, X_MANAGERS),
      get((w) => `/coord/gigs/${w.gigs.xDraft}`, X_MANAGERS),
      get((w) => `/coord/gigs/${w.gigs.yOpen}`, Y_MANAGERS),
      get(() => "/coord/gigs/no-such-gig", exp({ anon: "login", rest: "deny" })),
      post((w) => `/coord/gigs/${w.gigs.xOpen}`, { intent: "nope" }, X_MANAGERS),
      post((w) => `/coord/gigs/${w.gigs.yOpen}`, { intent: "nope" }, Y_MANAGERS),
      post(
        (w) => `/coord/gigs/${w.gigs.xOpen}`,
        (w) => ({ intent: "bulk-message", select: [`${w.appA}:0`], message: "" }),
        X_MANAGERS,
      ),
      // Naming the responsible coordinator is for staff only, even on the lab's own board.
      post((w) => `/coord/gigs/${w.gigs.xOpen}`, { intent: "assign", coordinatorId: "" }, ONLY_STAFF),
    ],
  },
  "coord/coord.gigs.$id_.candidates.$applicationId.tsx": {
    kind: "page",
    probes: [
      // A's application on lab X's open gig: lab X (owner and member) and staff; not A (they have
      // /me/applications), not lab Y, not B.
      get((w) => `/coord/gigs/${w.gigs.xOpen}/candidates/${w.appA}`, X_MANAGERS),
      // The application under another gig's address: nobody, not even staff or that gig's lab.
      get((w) => `/coord/gigs/${w.gigs.yOpen}/candidates/${w.appA}`, exp({ anon: "login", rest: "deny" })),
      get((w) => `/coord/gigs/${w.gigs.xOpen}/candidates/no-such-application`, exp({ anon: "login", rest: "deny" })),
      post((w) => `/coord/gigs/${w.gigs.xOpen}/candidates/${w.appA}`, { intent: "nope" }, X_MANAGERS),
      post((w) => `/coord/gigs/${w.gigs.yOpen}/candidates/${w.appA}`, { intent: "nope" }, exp({ anon: "login", rest: "deny" })),
      // A stale version: authorized roles get past the guard and get the conflict (409), nothing moves.
      post((w) => `/coord/gigs/${w.gigs.xOpen}/candidates/${w.appA}`, { intent: "move", to: "SHORTLISTED", version: "999" }, X_MANAGERS),
      // The conversation (issue 24): an empty message and a hide without a reason get the field errors (400).
      post((w) => `/coord/gigs/${w.gigs.xOpen}/candidates/${w.appA}`, { intent: "message", body: "" }, X_MANAGERS),
      post(
        (w) => `/coord/gigs/${w.gigs.yOpen}/candidates/${w.appA}`,
        { intent: "message", body: "hello" },
        exp({ anon: "login", rest: "deny" }),
      ),
      post((w) => `/coord/gigs/${w.gigs.xOpen}/candidates/${w.appA}`, { intent: "hide", messageId: "x", reason: "" }, X_MANAGERS),
    ],
  },
  "coord/coord.gigs.$id_.candidates.$applicationId_.work.tsx": {
    kind: "page",
    probes: [
      // A's application is not active: there is no work page for anybody.
      get((w) => `/coord/gigs/${w.gigs.xOpen}/candidates/${w.appA}/work`, exp({ anon: "login", rest: "deny" })),
      get((w) => `/coord/gigs/${w.gigs.yOpen}/candidates/${w.appA}/work`, exp({ anon: "login", rest: "deny" })),
      post((w) => `/coord/gigs/${w.gigs.xOpen}/candidates/${w.appA}/work`, { intent: "nope" }, X_MANAGERS),
      post(
        (w) => `/coord/gigs/${w.gigs.yOpen}/candidates/${w.appA}/work`,
        { intent: "queue", state: "WORK_AVAILABLE" },
        exp({ anon: "login", rest: "deny" }),
      ),
    ],
  },
  "coord/coord.gigs.$id_.work.tsx": {
    kind: "page",
    probes: [
      get((w) => `/coord/gigs/${w.gigs.xOpen}/work`, X_MANAGERS),
      get((w) => `/coord/gigs/${w.gigs.yOpen}/work`, Y_MANAGERS),
      post((w) => `/coord/gigs/${w.gigs.xOpen}/work`, { intent: "queue" }, X_MANAGERS),
      post((w) => `/coord/gigs/${w.gigs.yOpen}/work`, { intent: "queue" }, Y_MANAGERS),
    ],
  },
  "coord/coord.sla.tsx": {
    kind: "page",
    probes: [get(() => "/coord/sla", ONLY_STAFF), post(() => "/coord/sla", {}, ONLY_STAFF)],
  },
  "coord/coord.rules.$id.tsx": {
    kind: "page",
    probes: [
      get(() => "/coord/rules/new", ONLY_STAFF),
      get((w) => `/coord/rules/${w.ruleId}`, ONLY_STAFF),
      post(() => "/coord/rules/new", {}, ONLY_STAFF),
      post((w) => `/coord/rules/${w.ruleId}`, { intent: "save" }, ONLY_STAFF),
    ],
  },
  "coord/coord.rules._index.tsx": {
    kind: "page",
    probes: [get(() => "/coord/rules", ONLY_STAFF), post(() => "/coord/rules", { intent: "nope" }, ONLY_STAFF)],
  },
  // Flat routes: the first dot is a path separator, so this file answers /credits/template.csv.
  "me/credits.template[.]csv.ts": { kind: "resource", probes: [get(() => "/credits/template.csv", PUBLIC)] },
  "auth/dev.mail.tsx": {
    kind: "page",
    // Development outbox: only for requests made on the server's machine straight to it
    // (loopback socket, no proxy headers) and never in production. The matrix clients send
    // X-Forwarded-For like a proxy would, so every role, anonymous included, gets the 404;
    // the loopback case is in security-probe.test.ts. Exempt from the private-data checks.
    probes: [get(() => "/dev/mail", exp({ rest: "deny" }))],
  },
  "auth/check-email.tsx": { kind: "page", probes: [get(() => "/check-email", PUBLIC)] },
  "auth/forgot-password.tsx": {
    kind: "page",
    probes: [get(() => "/forgot-password", PUBLIC), post(() => "/forgot-password", { email: "not-an-email" }, PUBLIC)],
  },
  "lab/gigs_.$id.edit.tsx": {
    kind: "page",
    probes: [
      get((w) => `/gigs/${w.gigs.xDraft}/edit`, X_MANAGERS),
      get((w) => `/gigs/${w.gigs.xOpen}/edit`, X_MANAGERS),
      get((w) => `/gigs/${w.gigs.yDraft}/edit`, Y_MANAGERS),
      post((w) => `/gigs/${w.gigs.xDraft}/edit`, { title: "" }, X_MANAGERS),
      post((w) => `/gigs/${w.gigs.yDraft}/edit`, { title: "" }, Y_MANAGERS),
    ],
  },
  "site/gigs.$id.tsx": {
    kind: "page",
    probes: [
      get((w) => `/gigs/${w.gigs.xOpen}`, PUBLIC),
      // A draft is invisible (404) to everyone but its lab and staff, anonymous included.
      get((w) => `/gigs/${w.gigs.xDraft}`, exp({ labX: A, labXm: A, ...STAFF, rest: "deny" })),
      get((w) => `/gigs/${w.gigs.yDraft}`, exp({ labY: A, ...STAFF, rest: "deny" })),
      post((w) => `/gigs/${w.gigs.xOpen}`, { intent: "status" }, X_MANAGERS),
      post((w) => `/gigs/${w.gigs.yOpen}`, { intent: "status" }, Y_MANAGERS),
      post((w) => `/gigs/${w.gigs.xOpen}`, { intent: "apply", note: TOO_LONG_NOTE }, PROS),
      post((w) => `/gigs/${w.gigs.xDraft}`, { intent: "apply", note: TOO_LONG_NOTE }, exp({ anon: "login", rest: "deny" })),
    ],
  },
  "site/gigs._index.tsx": {
    kind: "page",
    probes: [get(() => "/gigs", PUBLIC), get(() => "/gigs?q=secret+plan", PUBLIC), get(() => "/gigs?q=sitcom&sort=newest", PUBLIC)],
  },
  "site/healthz.ts": { kind: "resource", probes: [get(() => "/healthz", PUBLIC)] },
  "coord/insights._index.tsx": {
    kind: "page",
    probes: [
      get(() => "/insights", LABS_AND_STAFF),
      get((w) => `/insights?scope=lab:${w.labX.id}`, X_MANAGERS),
      get((w) => `/insights?scope=gig:${w.gigs.xOpen}`, X_MANAGERS),
      get((w) => `/insights?scope=gig:${w.gigs.xDraft}`, X_MANAGERS),
      get(() => "/insights?scope=all", exp({ anon: "login", labX: A, labXm: A, labY: A, ...STAFF, rest: "deny" }), {
        note: "scope=all for a lab member falls back to their own lab",
      }),
    ],
  },
  "coord/insights.export[.]csv.ts": {
    kind: "resource",
    probes: [
      get(() => "/insights/export.csv", LABS_AND_STAFF),
      get((w) => `/insights/export.csv?scope=lab:${w.labX.id}`, X_MANAGERS),
      get((w) => `/insights/export.csv?scope=gig:${w.gigs.xDraft}`, X_MANAGERS),
      get(() => "/insights/export.csv?report=fairness", ONLY_STAFF),
    ],
  },
  "coord/insights.fairness.tsx": {
    kind: "page",
    probes: [get(() => "/insights/fairness", ONLY_STAFF), get((w) => `/insights/fairness?scope=lab:${w.labX.id}`, ONLY_STAFF)],
  },
  "auth/join-lab.tsx": {
    kind: "page",
    probes: [get(() => "/join-lab?token=not-a-real-token", PUBLIC), post(() => "/join-lab", { token: "short" }, PUBLIC)],
  },
  "lab/lab.tsx": {
    kind: "resource",
    probes: [get(() => "/lab", exp({ anon: "login", labX: A, labXm: A, labY: A, rest: "deny" }))],
  },
  "site/labs.$slug._index.tsx": {
    kind: "page",
    probes: [
      get((w) => `/labs/${w.labX.slug}`, PUBLIC),
      get((w) => `/labs/${w.labY.slug}`, PUBLIC),
      get(() => "/labs/no-such-lab", exp({ rest: "deny" })),
    ],
  },
  "lab/labs.$slug.gigs.new.tsx": {
    kind: "page",
    probes: [
      get((w) => `/labs/${w.labX.slug}/gigs/new`, X_MANAGERS),
      get((w) => `/labs/${w.labY.slug}/gigs/new`, Y_MANAGERS),
      post((w) => `/labs/${w.labX.slug}/gigs/new`, { title: "" }, X_MANAGERS),
      post((w) => `/labs/${w.labY.slug}/gigs/new`, { title: "" }, Y_MANAGERS),
    ],
  },
  "lab/labs.$slug.members.tsx": {
    kind: "page",
    probes: [
      get((w) => `/labs/${w.labX.slug}/members`, X_OWNERS),
      get((w) => `/labs/${w.labY.slug}/members`, exp({ anon: "login", labY: A, ...STAFF, rest: "deny" })),
      post((w) => `/labs/${w.labX.slug}/members`, { intent: "invite", email: "not-an-email" }, X_OWNERS),
      post(
        (w) => `/labs/${w.labX.slug}/members`,
        (w) => ({ intent: "remove", userId: `${w.users.labXm.id}x` }),
        X_OWNERS,
      ),
      post(
        (w) => `/labs/${w.labY.slug}/members`,
        { intent: "invite", email: "not-an-email" },
        exp({ anon: "login", labY: A, ...STAFF, rest: "deny" }),
      ),
    ],
  },
  "lab/labs.$slug.credentials.tsx": {
    kind: "page",
    probes: [
      // Credentials issued for the lab's gigs and its quality notes: the lab's members and staff only.
      get((w) => `/labs/${w.labX.slug}/credentials`, X_MANAGERS),
      get((w) => `/labs/${w.labY.slug}/credentials`, Y_MANAGERS),
      // Revoking without a reason: 400 for those allowed, nothing changes.
      post((w) => `/labs/${w.labX.slug}/credentials`, { intent: "revoke", credentialId: "no-such-credential", reason: "" }, X_MANAGERS),
    ],
  },
  "lab/labs.$slug.settings.tsx": {
    kind: "page",
    probes: [
      // The lab profile (description, website, logo): the lab's owners and staff, never a plain member.
      get((w) => `/labs/${w.labX.slug}/settings`, X_OWNERS),
      get((w) => `/labs/${w.labY.slug}/settings`, exp({ anon: "login", labY: A, ...STAFF, rest: "deny" })),
      // A website that is refused (plain http): 400 for those allowed, nothing changes.
      post((w) => `/labs/${w.labX.slug}/settings`, { description: "matrix probe", website: "http://not-https.example" }, X_OWNERS),
      post(
        (w) => `/labs/${w.labY.slug}/settings`,
        { description: "matrix probe", website: "http://not-https.example" },
        exp({ anon: "login", labY: A, ...STAFF, rest: "deny" }),
      ),
    ],
  },
  "site/labs.$slug.logo.ts": {
    kind: "resource",
    // Public like the lab's page; the matrix labs have no logo, so everyone gets the same 404
    // (tests/integration/lab-profile.test.ts serves a real one).
    probes: [get((w) => `/labs/${w.labX.slug}/logo`, exp({ rest: "deny" })), get(() => "/labs/no-such-lab/logo", exp({ rest: "deny" }))],
  },
  "lab/labs.$slug.tokens.tsx": {
    kind: "page",
    probes: [
      // Every member of the lab (and staff) sees the token list: who created each, when last used.
      get((w) => `/labs/${w.labX.slug}/tokens`, X_MANAGERS),
      get((w) => `/labs/${w.labY.slug}/tokens`, Y_MANAGERS),
      // Creating a token: the lab's owners only, not plain members, not staff
      // (docs/decisions/0001-api-tokens-owners-only.md).
      post((w) => `/labs/${w.labX.slug}/tokens`, { intent: "create", name: "matrix probe" }, exp({ anon: "login", labX: A, rest: "deny" })),
      // Revoking: owners and staff; a plain member is refused (an unknown id: nothing is revoked).
      post((w) => `/labs/${w.labX.slug}/tokens`, { intent: "revoke", tokenId: "no-such-token" }, X_OWNERS),
      // Revoking lab X's token through lab Y's page must not work for anyone but Y (and then: 400).
      post(
        (w) => `/labs/${w.labY.slug}/tokens`,
        (w) => ({ intent: "revoke", tokenId: w.tokens.xId }),
        Y_MANAGERS,
      ),
    ],
  },
  "lab/labs.$slug.webhooks.tsx": {
    kind: "page",
    probes: [
      // Members of the lab and staff see the endpoints and their logs; anyone else: 404.
      get((w) => `/labs/${w.labX.slug}/webhooks`, X_MANAGERS),
      get((w) => `/labs/${w.labX.slug}/webhooks?endpoint=${w.webhook.endpointX}`, X_MANAGERS),
      get((w) => `/labs/${w.labY.slug}/webhooks`, Y_MANAGERS),
      // Changing them: the lab's owners and staff (invalid bodies: nothing changes).
      post((w) => `/labs/${w.labX.slug}/webhooks`, { intent: "create", url: "" }, X_OWNERS),
      post((w) => `/labs/${w.labX.slug}/webhooks`, { intent: "replay", deliveryId: "" }, X_OWNERS),
      // Lab X's endpoint through lab Y's page: not found for Y (400), refused for everyone else.
      post(
        (w) => `/labs/${w.labY.slug}/webhooks`,
        (w) => ({ intent: "delete", endpointId: w.webhook.endpointX }),
        Y_MANAGERS,
      ),
    ],
  },
  "auth/login.tsx": {
    kind: "page",
    probes: [get(() => "/login", PUBLIC), post(() => "/login", { email: "nobody@example.com" }, PUBLIC)],
  },
  "auth/logout.tsx": {
    kind: "resource",
    probes: [get(() => "/logout", PUBLIC), post(() => "/logout", {}, PUBLIC, { fresh: true })],
  },
  "me/me._index.tsx": { kind: "page", probes: [get(() => "/me", PROS)] },
  "me/me.applications.$id.tsx": {
    kind: "page",
    probes: [
      get((w) => `/me/applications/${w.appA}`, exp({ anon: "login", proA: A, rest: "deny" })),
      post((w) => `/me/applications/${w.appA}`, { intent: "nope" }, exp({ anon: "login", proA: A, rest: "deny" })),
      post((w) => `/me/applications/${w.appA}`, { intent: "message", body: "" }, exp({ anon: "login", proA: A, rest: "deny" })),
      get(() => "/me/applications/no-such-app", exp({ anon: "login", rest: "deny" })),
    ],
  },
  "me/me.applications.$id_.work.tsx": {
    kind: "page",
    probes: [
      // Not active yet: no work page, even for A; only A gets past the guard on a POST (400).
      get((w) => `/me/applications/${w.appA}/work`, exp({ anon: "login", rest: "deny" })),
      post((w) => `/me/applications/${w.appA}/work`, { intent: "nope" }, exp({ anon: "login", proA: A, rest: "deny" })),
    ],
  },
  "me/me.credentials.tsx": {
    kind: "page",
    probes: [get(() => "/me/credentials", PROS), post(() => "/me/credentials", { intent: "nope" }, PROS)],
  },
  "me/me.credentials.resume[.]json.ts": { kind: "resource", probes: [get(() => "/me/credentials/resume.json", PROS)] },
  "site/credentials.$id.tsx": { kind: "page", probes: [get(() => "/credentials/no-such-credential-000", exp({ rest: "deny" }))] },
  "site/credentials.$id.credential[.]json.ts": {
    kind: "resource",
    probes: [get(() => "/credentials/no-such-credential-000/credential.json", exp({ rest: "deny" }))],
  },
  "site/credentials.keys[.]json.ts": { kind: "resource", probes: [get(() => "/credentials/keys.json", PUBLIC)] },
  "site/verify.tsx": { kind: "page", probes: [get(() => "/verify", PUBLIC), post(() => "/verify", { document: "" }, PUBLIC)] },
  "me/me.data._index.tsx": {
    kind: "page",
    probes: [get(() => "/me/data", PROS), post(() => "/me/data", { intent: "delete", confirmEmail: "" }, PROS)],
  },
  "me/me.data.deleted.tsx": { kind: "page", probes: [get(() => "/me/data/deleted", PUBLIC)] },
  "me/me.data.export[.]json.ts": { kind: "resource", probes: [get(() => "/me/data/export.json", PROS)] },
  "me/me.data.resume[.]json.ts": { kind: "resource", probes: [get(() => "/me/data/resume.json", PROS)] },
  "me/me.profile._index.tsx": {
    kind: "page",
    probes: [get(() => "/me/profile", PROS), post(() => "/me/profile?index", { timezone: "Not/AZone" }, PROS)],
  },
  "me/me.profile.credits.tsx": {
    kind: "page",
    probes: [
      get(() => "/me/profile/credits", PROS),
      get((w) => `/me/profile/credits?edit=${w.creditA}`, exp({ anon: "login", proA: A, rest: "deny" })),
      post(() => "/me/profile/credits", { intent: "nope" }, PROS),
      // Someone else's credit id: 404 for B, as if it did not exist.
      post(
        () => "/me/profile/credits",
        (w) => ({ intent: "delete", creditId: w.creditA }),
        exp({ anon: "login", proA: A, rest: "deny" }),
        {
          note: "only run as non-owners (proA would delete the credit)",
        },
      ),
    ],
  },
  "me/me.profile.import.tsx": {
    kind: "page",
    probes: [get(() => "/me/profile/import", PROS), post(() => "/me/profile/import", { intent: "preview" }, PROS)],
  },
  "me/me.profile.transfer.tsx": { kind: "page", probes: [get(() => "/me/profile/transfer", PROS)] },
  "me/me.profile.tsx": { kind: "page", probes: [get(() => "/me/profile", PROS)] },
  "me/notifications.tsx": {
    kind: "page",
    probes: [get(() => "/notifications", LOGGED_IN), post(() => "/notifications", {}, LOGGED_IN)],
  },
  "talent/people.$id.tsx": {
    kind: "page",
    probes: [
      get((w) => `/people/${w.profiles.A}`, exp({ proA: A, labX: A, labXm: A, labY: A, ...STAFF, rest: "deny" })),
      get((w) => `/people/${w.profiles.B}`, exp({ proB: A, ...STAFF, rest: "deny" })),
      get(() => "/people/no-such-profile", exp({ rest: "deny" })),
      post(
        (w) => `/people/${w.profiles.A}`,
        (w) => ({ intent: "nope", creditId: w.creditA }),
        exp({ anon: "login", ...STAFF, rest: "deny" }),
      ),
      post(
        (w) => `/people/${w.profiles.B}`,
        (w) => ({ intent: "nope", creditId: w.creditA }),
        exp({ anon: "login", rest: "deny" }),
        {
          note: "A's credit under B's profile id: 404 even for staff",
        },
      ),
    ],
  },
  "site/readyz.ts": { kind: "resource", probes: [get(() => "/readyz", PUBLIC)] },
  "auth/reset-password.tsx": {
    kind: "page",
    probes: [get(() => "/reset-password?token=nope", PUBLIC), post(() => "/reset-password", { token: "short" }, PUBLIC)],
  },
  "auth/signup.tsx": {
    kind: "page",
    probes: [get(() => "/signup", PUBLIC), post(() => "/signup", { accountType: "NOPE" }, PUBLIC)],
  },
  "talent/talent.tsx": {
    kind: "page",
    probes: [
      get(() => "/talent", LABS_AND_STAFF),
      get(() => "/talent?q=showrunner", LABS_AND_STAFF),
      get(() => "/talent?q=Hidden", LABS_AND_STAFF),
      post(() => "/talent", { intent: "nope" }, LABS_AND_STAFF),
      // Inviting to another lab's gig is refused (and nobody is invited: the profile does not exist).
      post(
        () => "/talent",
        (w) => ({ intent: "invite", profileId: "no-such-profile", gig: w.gigs.yOpen }),
        exp({ anon: "login", rest: "deny" }),
      ),
    ],
  },
  "auth/verify-email.tsx": { kind: "page", probes: [get(() => "/verify-email?token=nope-not-a-token", PUBLIC)] },
  // Saved screeners: a lab's are its members' (and its token's) only; the coordinators' are staff's only.
  "talent/talent_.screeners._index.tsx": {
    kind: "page",
    probes: [
      get(() => "/talent/screeners", LABS_AND_STAFF),
      post(() => "/talent/screeners?index", { intent: "create", name: "" }, LABS_AND_STAFF),
    ],
  },
  "talent/talent_.screeners.$id.tsx": {
    kind: "page",
    probes: [
      get((w) => `/talent/screeners/${w.screeners.x}`, exp({ anon: "login", labX: A, labXm: A, rest: "deny" })),
      get((w) => `/talent/screeners/${w.screeners.y}`, exp({ anon: "login", labY: A, rest: "deny" })),
      get((w) => `/talent/screeners/${w.screeners.coord}`, exp({ anon: "login", ...STAFF, rest: "deny" })),
      get(() => "/talent/screeners/no-such-screener", exp({ anon: "login", rest: "deny" })),
      post(
        (w) => `/talent/screeners/${w.screeners.x}`,
        { intent: "version", name: "" },
        exp({ anon: "login", labX: A, labXm: A, rest: "deny" }),
      ),
      post(
        (w) => `/talent/screeners/${w.screeners.coord}`,
        { intent: "version", name: "" },
        exp({ anon: "login", ...STAFF, rest: "deny" }),
      ),
    ],
  },
  "api/api.v1.screeners.ts": {
    kind: "api",
    probes: [get(() => "/api/v1/screeners", api("allow", "allow")), json("POST", () => "/api/v1/screeners", {}, api("allow", "allow"))],
  },
  "api/api.v1.screeners.$id.ts": {
    kind: "api",
    probes: [
      get((w) => `/api/v1/screeners/${w.screeners.x}`, api("allow", "deny")),
      get((w) => `/api/v1/screeners/${w.screeners.y}`, api("deny", "allow")),
      get((w) => `/api/v1/screeners/${w.screeners.coord}`, api("deny", "deny")),
      json("POST", (w) => `/api/v1/screeners/${w.screeners.x}`, {}, exp({ rest: "method" })),
    ],
  },
  "api/api.v1.screeners.$id.versions.ts": {
    kind: "api",
    probes: [
      get((w) => `/api/v1/screeners/${w.screeners.x}/versions`, api("allow", "deny")),
      get((w) => `/api/v1/screeners/${w.screeners.coord}/versions`, api("deny", "deny")),
      json("POST", (w) => `/api/v1/screeners/${w.screeners.x}/versions`, {}, api("allow", "deny")),
      json("POST", (w) => `/api/v1/screeners/${w.screeners.coord}/versions`, {}, api("deny", "deny")),
    ],
  },
  "api/api.v1.screeners.$id.invitations.ts": {
    kind: "api",
    probes: [
      json("POST", (w) => `/api/v1/screeners/${w.screeners.x}/invitations`, {}, api("allow", "deny")),
      json("POST", (w) => `/api/v1/screeners/${w.screeners.y}/invitations`, {}, api("deny", "allow")),
      get((w) => `/api/v1/screeners/${w.screeners.x}/invitations`, exp({ rest: "method" })),
    ],
  },
};

/** Probes that must not be run as some roles because they would change the world. */
export function skipProbe(file: string, probe: Probe, role: Role): boolean {
  // Deleting A's credit as A would succeed (that is the point of the others getting 404).
  if (file === "api/api.v1.webhooks.$id.ts")
    return probe.method === "DELETE" && probe.note?.startsWith("only run as non-owners") === true && role === "tokenX";
  return (
    file === "me/me.profile.credits.tsx" &&
    probe.form !== undefined &&
    probe.note?.startsWith("only run as non-owners") === true &&
    role === "proA"
  );
}
