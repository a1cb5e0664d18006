/**
 * Insights against a real PostgreSQL and the real built app: a dataset with known outcomes is
 * inserted directly, the expected numbers are computed here with plain loops (not with the
 * domain code), and compared with what /insights/export.csv and /insights/fairness return.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "~/db.server";
import { Client, logIn, signUp } from "../setup/http";
import { useTestServer } from "../setup/server";
import { labWithOpenGig, rand, staff } from "./fixtures";

const base = await useTestServer();

type Stage =
  | "APPLIED"
  | "INVITED"
  | "SHORTLISTED"
  | "SCREENING"
  | "OFFERED"
  | "CONTRACTING"
  | "PAYMENT_SETUP"
  | "TRAINING"
  | "ACTIVE"
  | "WITHDRAWN"
  | "DECLINED"
  | "OFFBOARDED";
type Origin = "APPLIED" | "INVITED" | "RECOMMENDED";

const PIPE: Stage[] = ["APPLIED", "SHORTLISTED", "SCREENING", "OFFERED", "CONTRACTING", "PAYMENT_SETUP", "TRAINING", "ACTIVE"];
const TERMINAL: Stage[] = ["WITHDRAWN", "DECLINED", "OFFBOARDED"];
const ACTIVE_NO_SCREENING: Stage[] = ["SHORTLISTED", "OFFERED", "CONTRACTING", "PAYMENT_SETUP", "TRAINING", "ACTIVE"];
const ACTIVE_WITH_SCREENING: Stage[] = ["SHORTLISTED", "SCREENING", "OFFERED", "CONTRACTING", "PAYMENT_SETUP", "TRAINING", "ACTIVE"];

interface Planned {
  person: number;
  gig: "g1" | "g2" | "g3";
  origin: Origin;
  path: Stage[];
  times: Date[];
  reason?: string;
}
interface Person {
  index: number;
  optIn: boolean;
  demographics: Record<string, string> | null;
  credits: { role: string; format: string }[];
}

const DAY = 86_400_000;
const START = Date.now() - 60 * DAY;

// ---------------------------------------------------------------------------
// The dataset
// ---------------------------------------------------------------------------

const people: Person[] = [];
const planned: Planned[] = [];

function plan(person: number, gig: Planned["gig"], origin: Origin, rest: Stage[] = [], reason?: string) {
  const entry: Stage = origin === "INVITED" ? "INVITED" : "APPLIED";
  const path = [entry, ...rest];
  const n = planned.length;
  const times: Date[] = [];
  let t = START + n * 3_600_000; // a different start hour per application
  for (let k = 0; k < path.length; k++) {
    times.push(new Date(t));
    t += (1 + ((n + k) % 4)) * DAY; // stays of 1..4 days
  }
  planned.push({ person, gig, origin, path, times, reason });
}

// 34 opted-in people. Gender: 0-11 Woman, 12-23 Man, 24-29 Non-binary, 30-33 Prefer not to say.
// Ethnicity: 0-19 White, 20-29 Black, 30-33 Asian. Age band: 0-2 unanswered, rest 35–44. Disability: unanswered.
for (let i = 0; i < 34; i++) {
  const gender = i < 12 ? "Woman" : i < 24 ? "Man" : i < 30 ? "Non-binary" : "Prefer not to say";
  const ethnicity = i < 20 ? "White" : i < 30 ? "Black" : "Asian";
  const demographics: Record<string, string> = { gender, ethnicity };
  if (i >= 3) demographics.ageBand = "35–44";
  people.push({ index: i, optIn: true, demographics, credits: [] });
}
// 5 people who did NOT opt in (their stored answers must be ignored) but were invited and are active.
for (let i = 34; i < 39; i++) people.push({ index: i, optIn: false, demographics: { gender: "Woman" }, credits: [] });

for (let j = 0; j < 12; j++) {
  const w = j;
  if (j < 3) plan(w, "g1", "INVITED", ACTIVE_NO_SCREENING);
  else if (j < 6) plan(w, "g1", "INVITED");
  else if (j < 8) plan(w, "g1", "APPLIED", ["DECLINED"], "Needs multi-cam credits");
  else if (j < 10) plan(w, "g1", "APPLIED", ["SHORTLISTED"]);
  if (j < 3) people[w].credits.push({ role: "STAFF_WRITER", format: "MULTI_CAM_SITCOM" });
}
for (let j = 0; j < 12; j++) {
  const m = 12 + j;
  if (j < 2) plan(m, "g2", "INVITED", ACTIVE_WITH_SCREENING);
  else if (j === 2) plan(m, "g2", "INVITED", ["WITHDRAWN"]);
  else if (j < 5) plan(m, "g1", "APPLIED", ACTIVE_NO_SCREENING);
  else if (j === 5) plan(m, "g1", "APPLIED", [...ACTIVE_NO_SCREENING, "OFFBOARDED"], "Project ended");
  else if (j < 10) plan(m, "g1", "APPLIED");
  else plan(m, "g3", "RECOMMENDED");
  if (j < 2) people[m].credits.push({ role: "SCRIPT_COORDINATOR", format: "DRAMA" });
  if (j >= 3 && j < 5)
    people[m].credits.push({ role: "STAFF_WRITER", format: "SINGLE_CAM_COMEDY" }, { role: "STORY_EDITOR", format: "SINGLE_CAM_COMEDY" });
}
for (let j = 0; j < 6; j++) {
  if (j < 5) plan(24 + j, "g1", "INVITED");
  else plan(24 + j, "g3", "APPLIED", ACTIVE_NO_SCREENING);
}
plan(30, "g1", "INVITED");
for (let i = 34; i < 39; i++) plan(i, "g1", "INVITED", ACTIVE_NO_SCREENING);
// One more on g2 that is declined during screening.
plan(16, "g2", "APPLIED", ["SHORTLISTED", "SCREENING", "DECLINED"], "Screening score too low");

// ---------------------------------------------------------------------------
// Expected numbers, computed with plain loops
// ---------------------------------------------------------------------------

function pipelinePos(s: Stage) {
  return s === "INVITED" ? 0 : PIPE.indexOf(s);
}

function expectedFunnel(apps: Planned[]) {
  const reached = PIPE.map(() => 0);
  const entered = PIPE.map(() => 0);
  const current = PIPE.map(() => 0);
  const drops = new Map<string, number>();
  const stays = new Map<Stage, number[]>();
  const ongoing = new Map<Stage, number>();
  for (const a of apps) {
    let furthest = 0;
    for (const s of a.path) furthest = Math.max(furthest, pipelinePos(s));
    for (let i = 0; i <= furthest; i++) reached[i]++;
    for (let i = 0; i < PIPE.length; i++) if (i === 0 || a.path.includes(PIPE[i])) entered[i]++;
    const last = a.path[a.path.length - 1];
    if (TERMINAL.includes(last)) {
      const key = `${last}|${a.path[a.path.length - 2]}`;
      drops.set(key, (drops.get(key) ?? 0) + 1);
    } else {
      current[pipelinePos(last)]++;
    }
    for (let k = 0; k < a.path.length; k++) {
      const s = a.path[k];
      if (TERMINAL.includes(s)) continue;
      if (k === a.path.length - 1) ongoing.set(s, (ongoing.get(s) ?? 0) + 1);
      else {
        const list = stays.get(s) ?? [];
        list.push((a.times[k + 1].getTime() - a.times[k].getTime()) / DAY);
        stays.set(s, list);
      }
    }
  }
  const pctl = (values: number[], q: number) => {
    const v = [...values].sort((x, y) => x - y);
    if (v.length === 0) return null;
    const pos = (v.length - 1) * q;
    const lo = Math.floor(pos);
    const hi = Math.ceil(pos);
    return v[lo] + (v[hi] - v[lo]) * (pos - lo);
  };
  return { reached, entered, current, drops, stays, ongoing, pctl };
}

interface ExpectedCell {
  shown: boolean;
  count?: number;
  denominator?: number;
  ratio?: number | null;
  flagged?: boolean;
}

const OPTIONS: Record<string, string[]> = {
  gender: ["Woman", "Man", "Non-binary", "I use another term", "Prefer not to say"],
  ethnicity: [
    "Asian",
    "Black",
    "Hispanic or Latino/a/e",
    "Indigenous",
    "Middle Eastern or North African",
    "Pacific Islander",
    "White",
    "Multiple ethnicities",
    "I use another term",
    "Prefer not to say",
  ],
  ageBand: ["Under 25", "25–34", "35–44", "45–54", "55–64", "65 or older", "Prefer not to say"],
  disability: ["Yes, I identify as disabled", "No", "Prefer not to say"],
};

function expectedFairness(apps: Planned[]) {
  const K = 10;
  const out: Record<string, Record<string, Record<string, ExpectedCell>>> = {};
  const included = people.filter((p) => p.optIn);
  for (const attr of Object.keys(OPTIONS)) {
    const groups = [...OPTIONS[attr], "Not answered"];
    const members: Record<string, Person[]> = {};
    for (const g of groups) members[g] = [];
    for (const p of included) members[p.demographics?.[attr] ?? "Not answered"].push(p);
    const mine = (p: Person) => apps.filter((a) => a.person === p.index);
    const stats: Record<string, Record<string, { count: number; denominator: number }>> = {};
    for (const g of groups) {
      let selected = 0;
      let invited = 0;
      let applicants = 0;
      let completed = 0;
      for (const p of members[g]) {
        const list = mine(p);
        if (list.some((a) => a.origin !== "APPLIED")) selected++;
        if (list.some((a) => a.origin === "INVITED")) invited++;
        if (list.length > 0) applicants++;
        if (list.length > 0 && list.some((a) => a.path.includes("ACTIVE"))) completed++;
      }
      stats[g] = {
        selection: { count: selected, denominator: members[g].length },
        invitation: { count: invited, denominator: members[g].length },
        completion: { count: completed, denominator: applicants },
      };
    }
    out[attr] = {};
    for (const g of groups) out[attr][g] = {};
    for (const metric of ["selection", "invitation", "completion"]) {
      const hidden = new Set<string>();
      for (const g of groups) if (stats[g][metric].denominator < K) hidden.add(g);
      for (;;) {
        let sum = 0;
        for (const g of hidden) sum += stats[g][metric].denominator;
        if (sum === 0 || sum >= K) break;
        const shown = groups
          .filter((g) => !hidden.has(g))
          .sort((a, b) => stats[a][metric].denominator - stats[b][metric].denominator || a.localeCompare(b));
        if (shown.length === 0) break;
        hidden.add(shown[0]);
      }
      let best = -1;
      for (const g of groups) {
        if (hidden.has(g) || g === "Prefer not to say" || g === "Not answered") continue;
        const s = stats[g][metric];
        if (s.denominator > 0) best = Math.max(best, s.count / s.denominator);
      }
      for (const g of groups) {
        if (hidden.has(g)) {
          out[attr][g][metric] = { shown: false };
          continue;
        }
        const s = stats[g][metric];
        const rate = s.count / s.denominator;
        const ratio = best > 0 ? rate / best : null;
        out[attr][g][metric] = {
          shown: true,
          count: s.count,
          denominator: s.denominator,
          ratio,
          flagged: ratio !== null && ratio < 0.8 - 1e-9,
        };
      }
    }
  }
  return out;
}

// ---------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------

function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ",") {
      row.push(field);
      field = "";
    } else if (c === "\n") {
      row.push(field.replace(/\r$/, ""));
      rows.push(row);
      row = [];
      field = "";
    } else field += c;
  }
  if (field || row.length) rows.push([...row, field]);
  return rows;
}

function csvObjects(text: string) {
  const [header, ...rows] = parseCsv(text);
  return rows.map((r) => Object.fromEntries(header.map((h, i) => [h, r[i] ?? ""])));
}

const html = async (c: Client, path: string) => {
  const res = await c.get(path);
  return { status: res.status, text: (await res.text()).replace(/<!-- -->/g, "") };
};

// ---------------------------------------------------------------------------

let labA: Awaited<ReturnType<typeof labWithOpenGig>>;
let labB: Awaited<ReturnType<typeof labWithOpenGig>>;
let g2Id: string;
let coord: Client;
let profileIds: string[] = [];

beforeAll(async () => {
  labA = await labWithOpenGig(base);
  labB = await labWithOpenGig(base, { title: "Caption documentary footage", taskTypes: ["VIDEO_CAPTIONING"] });
  const g2 = await db().gig.create({
    data: {
      labId: labA.labId,
      title: "Grade drama scripts",
      taskTypes: ["SCRIPT_RUBRIC_GRADING", "CONTINUITY_ANNOTATION"],
      screeningRequired: true,
      status: "OPEN",
      disclosureTrains: "A script grader",
      disclosureCreativeUse: "NO",
      disclosureRetention: "1 year",
    },
  });
  g2Id = g2.id;
  const gigIds = { g1: labA.gig.id, g2: g2.id, g3: labB.gig.id };
  profileIds = [];
  for (const p of people) {
    const u = await db().user.create({
      data: {
        email: `fair-${p.index}-${rand()}@test.secondact.test`,
        name: `Fair Person ${p.index}`,
        passwordHash: "not-a-real-hash",
        role: "PROFESSIONAL",
        profile: {
          create: {
            displayName: `Fair Person ${p.index}`,
            demographicsOptIn: p.optIn,
            demographics: p.demographics ?? undefined,
            credits: {
              create: p.credits.map((c, k) => ({
                showTitle: `Show ${p.index}-${k}`,
                showTitleNorm: `show ${p.index}-${k}`,
                format: c.format,
                role: c.role,
                department: "WRITING",
                startYear: 2015,
                episodes: 10,
                position: k,
              })),
            },
          },
        },
      },
      include: { profile: true },
    });
    profileIds[p.index] = u.profile!.id;
  }
  for (const a of planned) {
    const last = a.path[a.path.length - 1];
    await db().application.create({
      data: {
        profileId: profileIds[a.person],
        gigId: gigIds[a.gig],
        origin: a.origin,
        stage: last,
        stageEnteredAt: a.times[a.times.length - 1],
        createdAt: a.times[0],
        lastReason: a.reason ?? null,
        transitions: {
          create: a.path.map((s, k) => ({
            fromStage: k === 0 ? null : a.path[k - 1],
            toStage: s,
            at: a.times[k],
            actorRole: "SYSTEM",
            reason: k === a.path.length - 1 ? (a.reason ?? null) : null,
          })),
        },
      },
    });
  }
  const { email } = await staff();
  coord = await logIn(base, email);
});

describe("funnel and time in stage (CSV)", () => {
  it("matches independently computed numbers for the lab scope", async () => {
    const res = await coord.get(`/insights/export.csv?scope=lab:${labA.labId}`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("text/csv");
    expect(res.headers.get("content-disposition")).toMatch(/^attachment; filename="insights-funnel-lab-/);
    const rows = csvObjects(await res.text());
    const value = (section: string, stage: string, metric: string, from = "") =>
      rows.find((r) => r.section === section && r.stage === stage && r.metric === metric && (from === "" || r.from_stage === from))?.value;

    const apps = planned.filter((a) => a.gig !== "g3");
    const e = expectedFunnel(apps);
    expect(value("meta", "", "applications")).toBe(String(apps.length));
    expect(value("entries", "INVITED", "count")).toBe(String(apps.filter((a) => a.origin === "INVITED").length));
    PIPE.forEach((stage, i) => {
      expect(value("funnel", stage, "reached"), `reached ${stage}`).toBe(String(e.reached[i]));
      expect(value("funnel", stage, "entered"), `entered ${stage}`).toBe(String(e.entered[i]));
      expect(value("funnel", stage, "current"), `current ${stage}`).toBe(String(e.current[i]));
      const conv = i === 0 || e.reached[i - 1] === 0 ? "" : String(Math.round((e.reached[i] / e.reached[i - 1]) * 10_000) / 10_000);
      expect(value("funnel", stage, "conversion_from_previous"), `conversion ${stage}`).toBe(conv);
    });
    for (const [key, count] of e.drops) {
      const [stage, from] = key.split("|");
      expect(value("dropout", stage, "count", from), key).toBe(String(count));
    }
    expect(rows.filter((r) => r.section === "dropout")).toHaveLength(e.drops.size);
    for (const stage of [
      "APPLIED",
      "INVITED",
      "SHORTLISTED",
      "SCREENING",
      "OFFERED",
      "CONTRACTING",
      "PAYMENT_SETUP",
      "TRAINING",
      "ACTIVE",
    ] as Stage[]) {
      const list = e.stays.get(stage) ?? [];
      expect(value("time_in_stage", stage, "completed_stays"), `stays ${stage}`).toBe(String(list.length));
      expect(value("time_in_stage", stage, "ongoing_stays"), `ongoing ${stage}`).toBe(String(e.ongoing.get(stage) ?? 0));
      for (const [metric, q] of [
        ["p25_days", 0.25],
        ["median_days", 0.5],
        ["p75_days", 0.75],
      ] as const) {
        const want = e.pctl(list, q);
        const got = value("time_in_stage", stage, metric);
        if (want === null) expect(got).toBe("");
        else expect(Number(got), `${metric} ${stage}`).toBeCloseTo(want, 2);
      }
    }
    const reasons = rows.filter((r) => r.section === "reason" && r.metric === "count");
    expect(reasons.map((r) => [r.detail, r.value])).toEqual(
      expect.arrayContaining([
        ["Needs multi-cam credits", "2"],
        ["Screening score too low", "1"],
        ["Project ended", "1"],
      ]),
    );
  });

  it("a gig scope counts only that gig; 'all' counts every lab", async () => {
    const gig = csvObjects(await (await coord.get(`/insights/export.csv?scope=gig:${g2Id}`)).text());
    expect(gig.find((r) => r.metric === "applications")?.value).toBe(String(planned.filter((a) => a.gig === "g2").length));
    const all = csvObjects(await (await coord.get("/insights/export.csv?scope=all")).text());
    expect(all.find((r) => r.metric === "applications")?.value).toBe(String(planned.length));
    const e = expectedFunnel(planned);
    expect(all.find((r) => r.section === "funnel" && r.stage === "ACTIVE" && r.metric === "reached")?.value).toBe(String(e.reached[7]));
  });
});

describe("fairness", () => {
  const check = (rows: Record<string, string>[], expected: ReturnType<typeof expectedFairness>) => {
    for (const [attr, groups] of Object.entries(expected)) {
      for (const [group, metrics] of Object.entries(groups)) {
        for (const [metric, cell] of Object.entries(metrics)) {
          const row = rows.find((r) => r.attribute === attr && r.group === group && r.metric === metric);
          expect(row, `${attr}/${group}/${metric}`).toBeDefined();
          if (!cell.shown) {
            expect(row!.status, `${attr}/${group}/${metric}`).toMatch(/^suppressed_/);
            expect(row!.count).toBe("");
            expect(row!.rate).toBe("");
            continue;
          }
          expect(row!.status, `${attr}/${group}/${metric}`).toBe("shown");
          expect(Number(row!.count), `${attr}/${group}/${metric} count`).toBe(cell.count);
          expect(Number(row!.denominator), `${attr}/${group}/${metric} denominator`).toBe(cell.denominator);
          if (cell.ratio === null) expect(row!.ratio).toBe("");
          else expect(Number(row!.ratio), `${attr}/${group}/${metric} ratio`).toBeCloseTo(cell.ratio!, 3);
          expect(row!.below_four_fifths, `${attr}/${group}/${metric} flag`).toBe(cell.flagged ? "yes" : "no");
        }
      }
    }
  };

  it("the CSV matches independently computed rates, ratios, flags and suppression (all labs)", async () => {
    const res = await coord.get("/insights/export.csv?scope=all&report=fairness");
    expect(res.status).toBe(200);
    const rows = csvObjects(await res.text());
    const expected = expectedFairness(planned);
    check(rows, expected);
    // Spot checks of the scenario itself, so the expectations above are not vacuous.
    expect(expected.gender.Woman.selection).toMatchObject({ shown: true, count: 6, denominator: 12, ratio: 1 });
    expect(expected.gender.Man.invitation).toMatchObject({ shown: true, count: 3, denominator: 12, flagged: true });
    expect(expected.gender["Non-binary"].selection.shown).toBe(false); // 6 people
    expect(expected.ethnicity.Black.selection.shown).toBe(false); // 10 people, but hidden to protect Asian (4)
    expect(rows.find((r) => r.attribute === "ethnicity" && r.group === "Black" && r.metric === "selection")?.status).toBe(
      "suppressed_complementary",
    );
    expect(rows.find((r) => r.group === "included")?.count).toBe("34"); // the 5 who did not opt in are left out
  });

  it("the CSV matches for a lab scope too", async () => {
    const rows = csvObjects(await (await coord.get(`/insights/export.csv?scope=lab:${labA.labId}&report=fairness`)).text());
    check(rows, expectedFairness(planned.filter((a) => a.gig !== "g3")));
  });

  it("the page shows the same numbers, explains the method and shows no individual", async () => {
    const { status, text } = await html(coord, "/insights/fairness");
    expect(status).toBe(200);
    for (const phrase of ["four-fifths", "fewer than 10", "Who is included", "Labs never see", "Not answered"])
      expect(text).toContain(phrase);
    const expected = expectedFairness(planned);
    for (const [attr, groups] of Object.entries(expected)) {
      const section = new RegExp(`<section[^>]*data-attribute="${attr}"[^>]*>([\\s\\S]*?)</section>`).exec(text)?.[1];
      expect(section, attr).toBeDefined();
      for (const [group, metrics] of Object.entries(groups)) {
        const row = new RegExp(`<tr data-group="${group.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}">([\\s\\S]*?)</tr>`).exec(section!)?.[1];
        expect(row, `${attr}/${group}`).toBeDefined();
        const cells = [...row!.matchAll(/<td[^>]*?(?:data-count="(\d+)" data-denominator="(\d+)"|data-suppressed="([a-z-]+)")[^>]*>/g)];
        expect(cells).toHaveLength(3);
        ["selection", "invitation", "completion"].forEach((metric, i) => {
          const cell = metrics[metric];
          if (cell.shown) {
            expect(Number(cells[i][1]), `${attr}/${group}/${metric}`).toBe(cell.count);
            expect(Number(cells[i][2])).toBe(cell.denominator);
          } else {
            expect(cells[i][3], `${attr}/${group}/${metric}`).toBeDefined();
          }
        });
      }
    }
    expect(text).toContain('role="img"');
    expect(text).not.toContain("Fair Person");
    expect(text).not.toMatch(/fair-\d+-/);
  });
});

describe("authorization and the /insights page", () => {
  it("anonymous users are sent to log in; professionals get 403 everywhere", async () => {
    const anon = new Client(base);
    expect((await anon.get("/insights")).status).toBe(302);
    expect((await anon.get("/insights/export.csv")).status).toBe(302);
    const pro = await signUp(base);
    expect((await pro.client.get("/insights")).status).toBe(403);
    expect((await pro.client.get("/insights/fairness")).status).toBe(403);
    expect((await pro.client.get("/insights/export.csv")).status).toBe(403);
  });

  it("a lab member sees only their own lab: funnel and time in stage, no fairness, no other labs", async () => {
    const lab = labA.owner.client;
    expect((await lab.get("/insights/fairness")).status).toBe(403);
    expect((await lab.get(`/insights/fairness?scope=lab:${labA.labId}`)).status).toBe(403);
    expect((await lab.get("/insights/export.csv?report=fairness")).status).toBe(403);
    expect((await lab.get(`/insights?scope=lab:${labB.labId}`)).status).toBe(403);
    expect((await lab.get(`/insights?scope=gig:${labB.gig.id}`)).status).toBe(403);
    expect((await lab.get(`/insights/export.csv?scope=lab:${labB.labId}`)).status).toBe(403);

    const page = await html(lab, "/insights?scope=all");
    expect(page.status).toBe(200);
    const labName = (await db().lab.findUniqueOrThrow({ where: { id: labA.labId } })).name;
    const otherName = (await db().lab.findUniqueOrThrow({ where: { id: labB.labId } })).name;
    expect(page.text).toContain(`Insights: ${labName}`);
    expect(page.text).not.toContain(otherName);
    expect(page.text).not.toContain("Caption documentary footage");
    expect(page.text).toContain("Onboarding funnel");
    expect(page.text).toContain("Time in each stage");
    expect(page.text).not.toContain("Fairness audit");
    expect(page.text).not.toContain("Where TV experience goes");
    expect(page.text).not.toContain("Applications over time");

    const csv = csvObjects(await (await lab.get("/insights/export.csv")).text());
    expect(csv.find((r) => r.metric === "scope")?.value).toBe(`lab:${labA.labId}`);
    expect(csv.find((r) => r.metric === "applications")?.value).toBe(String(planned.filter((a) => a.gig !== "g3").length));
    expect((await lab.get(`/insights/export.csv?scope=gig:${g2Id}`)).status).toBe(200);
  });

  it("coordinators get every section, server-rendered accessible charts and links to the rules", async () => {
    const { status, text } = await html(coord, `/insights?scope=lab:${labA.labId}`);
    expect(status).toBe(200);
    for (const section of [
      "Onboarding funnel",
      "Drop-outs",
      "Time in each stage",
      "Applications over time",
      "Where TV experience goes",
      "Fairness audit",
    ]) {
      expect(text).toContain(section);
    }
    const svgs = text.match(/<svg[^>]*role="img"[^>]*>/g) ?? [];
    expect(svgs.length).toBe(4); // funnel, time in stage, weekly, heat map
    for (const svg of svgs) expect(svg).toMatch(/aria-labelledby="[\w-]+-title [\w-]+-desc"/);
    expect((text.match(/<title id=/g) ?? []).length).toBe(4);
    expect(text).toContain('class="visually-hidden"');
    expect(text).toContain("/coord/rules?task=DIALOGUE_PREFERENCE_RANKING");
    expect(text).toContain("/coord/rules?task=SCRIPT_RUBRIC_GRADING");
    expect(text).toContain("/coord/rules?scope=STAFF_WRITER");
    expect(text).toContain("Staff writer");
    const byFormat = await html(coord, `/insights?scope=lab:${labA.labId}&by=format`);
    expect(byFormat.text).toContain("Single-camera comedy");
    expect(byFormat.text).toContain("Multi-camera sitcom");
    expect((await coord.get("/insights?scope=lab:nope")).status).toBe(404);
    expect((await coord.get("/insights?scope=gig:does-not-exist")).status).toBe(404);
    expect((await coord.get("/insights/export.csv?report=other")).status).toBe(400);
  });
});
