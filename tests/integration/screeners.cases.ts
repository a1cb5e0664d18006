/**
 * Saved screeners over HTTP: imported by screeners.test.ts (embedded engine) and
 * screeners-meilisearch.test.ts (the run's real Meilisearch), so both engines pass the same cases.
 *
 * Eligible counts are checked against a count computed here straight from the database rows and
 * the rule definitions below (never through the app's search), for labs and for coordinators.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "~/db.server";
import { LAB_RATE_REFUSAL, type ScreenerCriteria } from "~/domain/screeners";
import { flushSearch } from "~/runtime.server";
import { type Client, logIn } from "../setup/http";
import { useTestServer } from "../setup/server";
import { apiTokenFor, labWithOpenGig, rand, staff } from "./fixtures";

const base = await useTestServer();

// ------------------------------------------------------------------ the independent count

/** The UTC offset of an IANA zone right now, in minutes, read from Intl ("GMT+05:30" -> 330). */
function offsetMinutes(zone: string): number {
  const name =
    new Intl.DateTimeFormat("en-US", { timeZone: zone, timeZoneName: "longOffset" })
      .formatToParts(new Date())
      .find((p) => p.type === "timeZoneName")?.value ?? "GMT";
  const m = /GMT([+-])(\d{2}):(\d{2})/.exec(name);
  return m ? (m[1] === "-" ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3])) : 0;
}

type PersonRow = Awaited<ReturnType<typeof loadPeople>>[number];
const loadPeople = () =>
  db().profile.findMany({
    select: {
      id: true,
      visibility: true,
      transferScores: true,
      languages: true,
      hoursPerWeek: true,
      minRateCents: true,
      timezone: true,
      credits: { select: { verifiedAt: true } },
    },
  });

/**
 * The rules, written out: a lab sees only profiles shared with labs; every task type's score is at
 * least its minimum (a missing score is 0); the person works in every language (conversational
 * does not count); hours per week at least the minimum (unset = 0); the zone's current offset
 * within the window (open ends: -12 h and +14 h); a verified credit when asked; and for
 * coordinators only, a minimum rate at or below the maximum (no minimum set passes).
 */
function eligible(p: PersonRow, c: ScreenerCriteria, audience: "LAB" | "COORDINATORS"): boolean {
  if (audience === "LAB" && p.visibility !== "LABS") return false;
  const scores = (p.transferScores ?? {}) as Record<string, number>;
  if (c.tasks.some((t) => (scores[t.taskType] ?? 0) < t.min)) return false;
  const working = ((p.languages ?? []) as { code: string; level: string }[]).filter((l) => l.level !== "conversational").map((l) => l.code);
  if (c.languages.some((l) => !working.includes(l))) return false;
  if (c.minHours != null && (p.hoursPerWeek ?? 0) < c.minHours) return false;
  if (c.tzMin != null || c.tzMax != null) {
    const off = offsetMinutes(p.timezone);
    if (off < (c.tzMin ?? -12) * 60 || off > (c.tzMax ?? 14) * 60) return false;
  }
  if (c.verifiedOnly && !p.credits.some((x) => x.verifiedAt)) return false;
  if (audience === "COORDINATORS" && c.maxRate != null && (p.minRateCents ?? 0) > Math.round(c.maxRate * 100)) return false;
  return true;
}

async function expectedCount(c: ScreenerCriteria, audience: "LAB" | "COORDINATORS") {
  return (await loadPeople()).filter((p) => eligible(p, c, audience)).length;
}

// ------------------------------------------------------------------ the world

const ZONES = ["UTC", "Asia/Tokyo", "Asia/Kolkata", "America/New_York", "Europe/Berlin", "America/Los_Angeles", "Australia/Sydney"];
const LANGS: { code: string; level: string }[][] = [
  [{ code: "en", level: "native" }],
  [
    { code: "en", level: "fluent" },
    { code: "es", level: "native" },
  ],
  [
    { code: "es", level: "native" },
    { code: "en", level: "conversational" },
  ],
  [
    { code: "fr", level: "fluent" },
    { code: "en", level: "professional" },
  ],
  [],
];
const TASKS = ["COMEDIC_TIMING_EVAL", "DIALOGUE_PREFERENCE_RANKING", "BIAS_REVIEW", "PACING_ANNOTATION"];

/** A deterministic spread of 36 people over every criterion (seeded, so a failure reproduces). */
async function makePeople(n: number) {
  let seed = 7;
  const next = () => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return seed / 2 ** 31;
  };
  const ids: string[] = [];
  for (let i = 0; i < n; i++) {
    const r = rand();
    const user = await db().user.create({
      data: { email: `screen-${i}-${r}@test.secondact.test`, name: `Screen Person ${i}`, passwordHash: "x", role: "PROFESSIONAL" },
    });
    const langs = LANGS[i % LANGS.length];
    const scores = Object.fromEntries(TASKS.map((t) => [t, Math.floor(next() * 101)]));
    const profile = await db().profile.create({
      data: {
        userId: user.id,
        displayName: `Screen Person ${i}`,
        headline: `Screened ${r}`,
        visibility: i % 5 === 4 ? "COORDINATORS" : "LABS",
        transferScores: scores,
        languages: langs,
        languageCodes: langs.map((l) => l.code),
        hoursPerWeek: i % 6 === 0 ? null : 5 + Math.floor(next() * 35),
        minRateCents: i % 4 === 0 ? null : 2000 + Math.floor(next() * 8000),
        availableFrom: new Date(Date.UTC(2027, i % 12, 1)),
        timezone: ZONES[i % ZONES.length],
      },
    });
    if (i % 3 !== 0) {
      await db().credit.create({
        data: {
          profileId: profile.id,
          showTitle: `Show ${i}`,
          showTitleNorm: `show ${i}`,
          format: "MULTI_CAM_SITCOM",
          role: "STAFF_WRITER",
          department: "WRITING",
          startYear: 2010,
          episodes: 10,
          verifiedAt: i % 3 === 1 ? new Date() : null,
        },
      });
    }
    await db().outboxEvent.create({ data: { index: "people", entityId: profile.id, op: "UPSERT" } });
    ids.push(profile.id);
  }
  await flushSearch();
  return ids;
}

let labX: Awaited<ReturnType<typeof labWithOpenGig>>;
let labY: Awaited<ReturnType<typeof labWithOpenGig>>;
let coord: Client;
let tokenX: string;
let tokenY: string;

const api = (token: string, method: string, path: string, body?: unknown) =>
  fetch(`${base}${path}`, {
    method,
    headers: { Authorization: `Bearer ${token}`, ...(body === undefined ? {} : { "Content-Type": "application/json" }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });

beforeAll(async () => {
  labX = await labWithOpenGig(base, { title: `Screened gig ${rand()}` });
  labY = await labWithOpenGig(base, { title: `Other lab gig ${rand()}` });
  const c = await staff("COORDINATOR");
  coord = await logIn(base, c.email);
  const labUser = (l: typeof labX) =>
    ({ ...l.ownerUser, role: "LAB_MEMBER", labId: l.labId, labRole: "OWNER", emailVerified: true }) as never;
  tokenX = (await apiTokenFor(labX.labId, "screeners X", labUser(labX))).token;
  tokenY = (await apiTokenFor(labY.labId, "screeners Y", labUser(labY))).token;
  await makePeople(36);
});

/** Posts the screener form; returns the new screener's id (from the redirect). */
async function createByForm(client: Client, fields: Record<string, string | string[]>) {
  const res = await client.post("/talent/screeners?index", { intent: "create", ...fields });
  expect(res.status, (await res.clone().text()).slice(0, 400)).toBe(303);
  const id = /\/talent\/screeners\/([^/?#]+)/.exec(res.headers.get("location") ?? "")?.[1];
  expect(id).toBeTruthy();
  return id as string;
}

/** The count the screener page shows ("N people"). */
async function pageCount(client: Client, id: string): Promise<number> {
  const res = await client.get(`/talent/screeners/${id}`);
  expect(res.status).toBe(200);
  const html = await res.text();
  const m = /class="screener-count">(\d+) (?:person|people)</.exec(html);
  expect(m, html.slice(0, 200)).toBeTruthy();
  return Number(m?.[1]);
}

/** Every person id listed on the screener's pages, page by page. */
async function pagedIds(client: Client, id: string): Promise<string[]> {
  const ids: string[] = [];
  for (let page = 1; page <= 20; page++) {
    const html = await (await client.get(`/talent/screeners/${id}?page=${page}`)).text();
    const found = [...html.matchAll(/<li id="person-([^"]+)"/g)].map((m) => m[1]);
    if (found.length === 0) break;
    ids.push(...found);
  }
  return ids;
}

const CASES: { label: string; form: Record<string, string | string[]>; criteria: ScreenerCriteria }[] = [
  {
    label: "no filters",
    form: { name: "Everyone" },
    criteria: { tasks: [], languages: [], minHours: null, tzMin: null, tzMax: null, verifiedOnly: false, maxRate: null },
  },
  {
    label: "two task scores",
    form: {
      name: "Comedy and bias",
      "tasks[0].taskType": "COMEDIC_TIMING_EVAL",
      "tasks[0].min": "40",
      "tasks[1].taskType": "BIAS_REVIEW",
      "tasks[1].min": "30",
    },
    criteria: {
      tasks: [
        { taskType: "COMEDIC_TIMING_EVAL", min: 40 },
        { taskType: "BIAS_REVIEW", min: 30 },
      ],
      languages: [],
      minHours: null,
      tzMin: null,
      tzMax: null,
      verifiedOnly: false,
      maxRate: null,
    },
  },
  {
    label: "languages by name, hours, verified",
    form: { name: "Bilingual verified", languages: "English, Spanish", minHours: "12", verifiedOnly: "on" },
    criteria: { tasks: [], languages: ["en", "es"], minHours: 12, tzMin: null, tzMax: null, verifiedOnly: true, maxRate: null },
  },
  {
    label: "time-zone window and a task",
    form: { name: "Asia-Pacific pacing", tzMin: "5", tzMax: "14", "tasks[0].taskType": "PACING_ANNOTATION", "tasks[0].min": "20" },
    criteria: {
      tasks: [{ taskType: "PACING_ANNOTATION", min: 20 }],
      languages: [],
      minHours: null,
      tzMin: 5,
      tzMax: 14,
      verifiedOnly: false,
      maxRate: null,
    },
  },
];

describe("eligible counts equal a count straight from the database", () => {
  it.each(CASES)("lab screener: $label", async ({ form, criteria }) => {
    const id = await createByForm(labX.owner.client, form);
    const expected = await expectedCount(criteria, "LAB");
    expect(await pageCount(labX.owner.client, id)).toBe(expected);
    const viaApi = await (await api(tokenX, "GET", `/api/v1/screeners/${id}`)).json();
    expect(viaApi.eligibleCount).toBe(expected);
    // The count is the number of people one can page through (each once).
    const ids = await pagedIds(labX.owner.client, id);
    expect(ids.length).toBe(expected);
    expect(new Set(ids).size).toBe(expected);
  });

  it.each([
    ...CASES,
    {
      label: "a rate filter",
      form: { name: "Affordable", maxRate: "60", "tasks[0].taskType": "DIALOGUE_PREFERENCE_RANKING", "tasks[0].min": "25" },
      criteria: { ...CASES[0].criteria, tasks: [{ taskType: "DIALOGUE_PREFERENCE_RANKING" as const, min: 25 }], maxRate: 60 },
    },
  ])("coordinators' screener: $label", async ({ form, criteria }) => {
    const id = await createByForm(coord, form);
    expect(await pageCount(coord, id)).toBe(await expectedCount(criteria, "COORDINATORS"));
  });

  it("the lab's count leaves out profiles shared with coordinators only (the same filters count more for coordinators)", async () => {
    const lab = await expectedCount(CASES[0].criteria, "LAB");
    const all = await expectedCount(CASES[0].criteria, "COORDINATORS");
    expect(all).toBeGreaterThan(lab);
  });
});

describe("who sees which screener", () => {
  let xId: string;
  let coordId: string;
  beforeAll(async () => {
    xId = await createByForm(labX.owner.client, { name: `Lab X only ${rand()}` });
    coordId = await createByForm(coord, { name: `Coordinators only ${rand()}` });
  });

  it("a lab cannot open the coordinators' screeners or another lab's (404), in the UI or the API", async () => {
    expect((await labX.owner.client.get(`/talent/screeners/${coordId}`)).status).toBe(404);
    expect((await labY.owner.client.get(`/talent/screeners/${xId}`)).status).toBe(404);
    expect((await api(tokenX, "GET", `/api/v1/screeners/${coordId}`)).status).toBe(404);
    expect((await api(tokenY, "GET", `/api/v1/screeners/${xId}`)).status).toBe(404);
    expect((await api(tokenY, "GET", `/api/v1/screeners/${xId}/versions`)).status).toBe(404);
    expect((await api(tokenY, "POST", `/api/v1/screeners/${xId}/versions`, { name: "Hijack" })).status).toBe(404);
    // Editing through the form is refused the same way, and nothing changes.
    const edit = await labY.owner.client.post(`/talent/screeners/${xId}`, { intent: "version", name: "Hijacked", version: "1" });
    expect(edit.status).toBe(404);
    expect((await db().screener.findUniqueOrThrow({ where: { id: xId } })).version).toBe(1);
  });

  it("lists show only the viewer's screeners", async () => {
    const xList = await (await labX.owner.client.get("/talent/screeners")).text();
    expect(xList).toContain("Lab X only");
    expect(xList).not.toContain("Coordinators only");
    const yList = await (await labY.owner.client.get("/talent/screeners")).text();
    expect(yList).not.toContain("Lab X only");
    const coordList = await (await coord.get("/talent/screeners")).text();
    expect(coordList).toContain("Coordinators only");
    expect(coordList).not.toContain("Lab X only");
    const apiY = await (await api(tokenY, "GET", "/api/v1/screeners")).json();
    expect(apiY.data.map((s: { id: string }) => s.id)).not.toContain(xId);
    const apiX = await (await api(tokenX, "GET", "/api/v1/screeners")).json();
    expect(apiX.data.map((s: { id: string }) => s.id)).toContain(xId);
  });
});

describe("labs never filter on a private field", () => {
  it("a lab's rate filter is refused with a field error, in the form and the API, and nothing is saved", async () => {
    const before = await db().screener.count();
    const res = await labX.owner.client.post("/talent/screeners?index", { intent: "create", name: "Cheap people", maxRate: "30" });
    expect(res.status).toBe(400);
    expect(await res.text()).toContain(LAB_RATE_REFUSAL.replace(/'/g, "&#x27;"));
    const viaApi = await api(tokenX, "POST", "/api/v1/screeners", { name: "Cheap people", criteria: { maxRate: 30 } });
    expect(viaApi.status).toBe(400);
    const problem = await viaApi.json();
    expect(problem.errors).toEqual([{ path: "criteria.maxRate", message: LAB_RATE_REFUSAL }]);
    // A new version with a rate is refused too.
    const id = await createByForm(labX.owner.client, { name: `No rate ${rand()}` });
    const version = await api(tokenX, "POST", `/api/v1/screeners/${id}/versions`, { name: "With rate", criteria: { maxRate: 10 } });
    expect(version.status).toBe(400);
    expect(await db().screener.count()).toBe(before + 1);
    expect((await db().screener.findUniqueOrThrow({ where: { id } })).version).toBe(1);
  });

  it("a lab's counts do not change when only private fields change; a coordinator's rate screener's does", async () => {
    const labIds = [];
    for (const c of CASES) labIds.push(await createByForm(labX.owner.client, { ...c.form, name: `${c.form.name} private ${rand()}` }));
    const rateId = await createByForm(coord, { name: `Rate check ${rand()}`, maxRate: "50" });
    const before = await Promise.all(labIds.map((id) => pageCount(labX.owner.client, id)));
    const rateBefore = await pageCount(coord, rateId);
    // Everyone's minimum rate and availability date change (and are re-indexed).
    const people = await db().profile.findMany({ select: { id: true, minRateCents: true } });
    for (const [i, p] of people.entries()) {
      await db().profile.update({
        where: { id: p.id },
        data: { minRateCents: i % 2 ? 100 : 99_000, availableFrom: new Date(Date.UTC(2030, i % 12, 15)) },
      });
      await db().outboxEvent.create({ data: { index: "people", entityId: p.id, op: "UPSERT" } });
    }
    await flushSearch();
    const after = await Promise.all(labIds.map((id) => pageCount(labX.owner.client, id)));
    expect(after).toEqual(before);
    for (const [i, c] of CASES.entries()) expect(after[i]).toBe(await expectedCount(c.criteria, "LAB"));
    // The change did reach the index: the coordinators' rate screener counts differently now.
    const rateAfter = await pageCount(coord, rateId);
    expect(rateAfter).toBe(await expectedCount({ ...CASES[0].criteria, maxRate: 50 }, "COORDINATORS"));
    expect(rateAfter).not.toBe(rateBefore);
  });
});

describe("versions", () => {
  it("an edit saves a new version; old versions stay viewable with who and when; stale and empty edits save nothing", async () => {
    const id = await createByForm(labX.owner.client, { name: "Versioned", languages: "en" });
    const edit = await labX.owner.client.post(`/talent/screeners/${id}`, {
      intent: "version",
      version: "1",
      name: "Versioned",
      languages: "en, es",
      minHours: "10",
    });
    expect(edit.status).toBe(303);
    const page = await (await labX.owner.client.get(`/talent/screeners/${id}`)).text();
    expect(page).toContain("Version 2");
    expect(page).toContain("Languages: English → English, Spanish");
    const v1 = await (await labX.owner.client.get(`/talent/screeners/${id}?version=1`)).text();
    expect(v1).toContain("Version 1: “Versioned”");
    expect(v1).toContain(labX.ownerUser.name);
    expect(v1).toContain("Works in English<");
    // Saving on top of version 1 again is refused (someone saved version 2 meanwhile).
    const stale = await labX.owner.client.post(`/talent/screeners/${id}`, {
      intent: "version",
      version: "1",
      name: "Other",
      languages: "fr",
    });
    expect(stale.status).toBe(409);
    expect(await stale.text()).toContain("the current one is 2");
    // Saving the same values keeps version 2.
    const same = await labX.owner.client.post(`/talent/screeners/${id}`, {
      intent: "version",
      version: "2",
      name: "Versioned",
      languages: "Spanish, English",
      minHours: "10",
    });
    expect(same.status).toBe(303);
    const rows = await db().screenerVersion.findMany({ where: { screenerId: id }, orderBy: { version: "asc" } });
    expect(rows.map((r) => [r.version, r.name, r.criteria])).toEqual([
      [1, "Versioned", { tasks: [], languages: ["en"], minHours: null, tzMin: null, tzMax: null, verifiedOnly: false, maxRate: null }],
      [2, "Versioned", { tasks: [], languages: ["en", "es"], minHours: 10, tzMin: null, tzMax: null, verifiedOnly: false, maxRate: null }],
    ]);
    expect(rows.every((r) => r.createdById === labX.ownerUser.id)).toBe(true);
  });

  it("the API saves versions, refuses a stale base with 409 and lists them newest first", async () => {
    const created = await api(tokenX, "POST", "/api/v1/screeners", {
      name: "API screener",
      criteria: { tasks: [{ taskType: "BIAS_REVIEW", min: 20 }] },
    });
    expect(created.status).toBe(201);
    const s = await created.json();
    expect(created.headers.get("location")).toBe(`/api/v1/screeners/${s.id}`);
    expect(s.eligibleCount).toBe(await expectedCount({ ...CASES[0].criteria, tasks: [{ taskType: "BIAS_REVIEW", min: 20 }] }, "LAB"));
    const v2 = await api(tokenX, "POST", `/api/v1/screeners/${s.id}/versions`, {
      name: "API screener",
      criteria: { tasks: [{ taskType: "BIAS_REVIEW", min: 60 }] },
      baseVersion: 1,
    });
    expect(v2.status).toBe(201);
    expect((await v2.json()).version).toBe(2);
    const unchanged = await api(tokenX, "POST", `/api/v1/screeners/${s.id}/versions`, {
      name: "API screener",
      criteria: { tasks: [{ taskType: "BIAS_REVIEW", min: 60 }] },
    });
    expect(unchanged.status).toBe(200);
    const stale = await api(tokenX, "POST", `/api/v1/screeners/${s.id}/versions`, { name: "Late", baseVersion: 1 });
    expect(stale.status).toBe(409);
    const list = await (await api(tokenX, "GET", `/api/v1/screeners/${s.id}/versions`)).json();
    expect(list.data.map((v: { version: number }) => v.version)).toEqual([2, 1]);
    expect(list.data[0].changes).toEqual(["Task scores: Bias & representation review ≥ 20 → Bias & representation review ≥ 60"]);
  });
});

describe("inviting from a screener", () => {
  it("invites an eligible person to the lab's open gig (UI and API), through the talent invitation", async () => {
    const id = await createByForm(labX.owner.client, { name: `Invite pool ${rand()}` });
    const ids = await pagedIds(labX.owner.client, id);
    expect(ids.length).toBeGreaterThan(2);
    const res = await labX.owner.client.post(`/talent/screeners/${id}?gig=${labX.gig.id}`, {
      intent: "invite",
      profileId: ids[0],
      gig: labX.gig.id,
    });
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toContain(`#person-${ids[0]}`);
    const viaApi = await api(tokenX, "POST", `/api/v1/screeners/${id}/invitations`, { profileId: ids[1], gigId: labX.gig.id });
    expect(viaApi.status).toBe(201);
    const apps = await db().application.findMany({ where: { gigId: labX.gig.id, profileId: { in: [ids[0], ids[1]] } } });
    expect(apps.map((a) => [a.origin, a.stage])).toEqual([
      ["INVITED", "INVITED"],
      ["INVITED", "INVITED"],
    ]);
    // Another lab's gig is refused.
    const other = await api(tokenX, "POST", `/api/v1/screeners/${id}/invitations`, { profileId: ids[2], gigId: labY.gig.id });
    expect(other.status).toBe(403);
  });
});
