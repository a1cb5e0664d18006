/**
 * Scale check: /insights, /insights/fairness and the CSV stay fast with 30,000 applications
 * (about 120,000 stage transitions), far above the demo's ~200 people and 60 gigs.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "~/db.server";
import { type Client, logIn } from "../setup/http";
import { useTestServer } from "../setup/server";
import { rand, staff } from "./fixtures";

const base = await useTestServer();

const PEOPLE = 3_000;
const GIGS = 60;
const APPLICATIONS = 30_000;
const PATHS = [
  ["APPLIED"],
  ["APPLIED", "SHORTLISTED"],
  ["APPLIED", "DECLINED"],
  ["INVITED"],
  ["INVITED", "SHORTLISTED", "SCREENING", "OFFERED"],
  ["APPLIED", "SHORTLISTED", "OFFERED", "CONTRACTING", "PAYMENT_SETUP", "TRAINING", "ACTIVE"],
  ["INVITED", "WITHDRAWN"],
] as const;
const GENDERS = ["Woman", "Man", "Non-binary", "Prefer not to say"];

let coord: Client;

beforeAll(async () => {
  const lab = await db().lab.create({ data: { name: "Scale Lab", slug: `scale-${rand()}` } });
  const gigIds: string[] = [];
  for (let g = 0; g < GIGS; g++) {
    const gig = await db().gig.create({
      data: {
        labId: lab.id,
        title: `Scale gig ${g}`,
        status: "OPEN",
        taskTypes: g % 2 ? ["DIALOGUE_PREFERENCE_RANKING", "COMEDIC_TIMING_EVAL"] : ["SCRIPT_RUBRIC_GRADING"],
      },
    });
    gigIds.push(gig.id);
  }
  const userIds = Array.from({ length: PEOPLE }, (_, i) => `scaleuser${i}`);
  await db().user.createMany({
    data: userIds.map((id, i) => ({ id, email: `${id}@scale.test`, name: `Scale ${i}`, passwordHash: "x", role: "PROFESSIONAL" as const })),
  });
  await db().profile.createMany({
    data: userIds.map((userId, i) => ({
      id: `scaleprofile${i}`,
      userId,
      displayName: `Scale ${i}`,
      demographicsOptIn: i % 3 !== 0,
      demographics: { gender: GENDERS[i % GENDERS.length] },
    })),
  });
  await db().credit.createMany({
    data: userIds.map((_, i) => ({
      profileId: `scaleprofile${i}`,
      showTitle: `Show ${i}`,
      showTitleNorm: `show ${i}`,
      format: i % 2 ? "MULTI_CAM_SITCOM" : "DRAMA",
      role: i % 3 ? "STAFF_WRITER" : "SCRIPT_COORDINATOR",
      department: "WRITING",
      startYear: 2010,
      episodes: 20,
    })),
  });
  // Bulk insert through unnest() (Prisma's createMany is slow for 100k rows).
  const start = Date.now() - 300 * 86_400_000;
  const a = {
    id: [] as string[],
    profileId: [] as string[],
    gigId: [] as string[],
    origin: [] as string[],
    stage: [] as string[],
    createdAt: [] as string[],
    entered: [] as string[],
  };
  const t = {
    id: [] as string[],
    applicationId: [] as string[],
    from: [] as (string | null)[],
    to: [] as string[],
    at: [] as string[],
    reason: [] as (string | null)[],
  };
  for (let n = 0; n < APPLICATIONS; n++) {
    const path = PATHS[n % PATHS.length];
    const t0 = start + (n % 290) * 86_400_000;
    const step = (1 + (n % 3)) * 86_400_000;
    const id = `scaleapp${n}`;
    a.id.push(id);
    a.profileId.push(`scaleprofile${n % PEOPLE}`);
    a.gigId.push(gigIds[Math.floor(n / PEOPLE) % GIGS]);
    a.origin.push(path[0] === "INVITED" ? "INVITED" : "APPLIED");
    a.stage.push(path[path.length - 1]);
    a.createdAt.push(new Date(t0).toISOString());
    a.entered.push(new Date(t0 + (path.length - 1) * step).toISOString());
    path.forEach((s, k) => {
      t.id.push(`${id}-${k}`);
      t.applicationId.push(id);
      t.from.push(k ? path[k - 1] : null);
      t.to.push(s);
      t.at.push(new Date(t0 + k * step).toISOString());
      t.reason.push(s === "DECLINED" ? "Not a fit" : null);
    });
  }
  await db().$executeRawUnsafe(
    `INSERT INTO "Application" (id, "profileId", "gigId", origin, stage, "createdAt", "stageEnteredAt", "updatedAt")
     SELECT id, pid, gid, o::"ApplicationOrigin", s::"Stage", c::timestamp, e::timestamp, now()
     FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[]) AS x(id, pid, gid, o, s, c, e)`,
    a.id,
    a.profileId,
    a.gigId,
    a.origin,
    a.stage,
    a.createdAt,
    a.entered,
  );
  await db().$executeRawUnsafe(
    `INSERT INTO "StageTransition" (id, "applicationId", "fromStage", "toStage", "actorRole", at, reason)
     SELECT id, aid, f::"Stage", s::"Stage", 'SYSTEM', at::timestamp, r
     FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[]) AS x(id, aid, f, s, at, r)`,
    t.id,
    t.applicationId,
    t.from,
    t.to,
    t.at,
    t.reason,
  );
  expect(await db().stageTransition.count()).toBe(t.id.length);
  const { email } = await staff();
  coord = await logIn(base, email);
}, 300_000);

describe("30,000 applications", () => {
  it("renders the pages and the CSV quickly", async () => {
    const timings: Record<string, number> = {};
    for (const path of [
      "/insights",
      "/insights/fairness",
      "/insights/export.csv?scope=all",
      "/insights/export.csv?scope=all&report=fairness",
    ]) {
      const t = Date.now();
      const res = await coord.get(path);
      const body = await res.text();
      timings[path] = Date.now() - t;
      expect(res.status, path).toBe(200);
      expect(body.length, path).toBeGreaterThan(100);
    }
    // About 0.1 to 1 s each on a developer machine; the bound only catches a blow-up.
    for (const [path, ms] of Object.entries(timings)) expect(ms, path).toBeLessThan(10_000);
  }, 120_000);
});
