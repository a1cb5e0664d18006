/**
 * Engagement terms through the JSON API against the real app and PostgreSQL: field errors with
 * nothing half-written, opening refused until the terms are set, changes against the terms refused
 * without a reason, recorded with one (and with enough notice, without), and everyone on the gig told.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { useTestServer as startTestServer } from "../setup/server";

const base = await startTestServer();
const { db } = await import("~/db.server");
const { apiTokenFor } = await import("./fixtures");

// biome-ignore lint/suspicious/noExplicitAny: response bodies are checked field by field below.
type Json = Record<string, any>;

let seq = 0;
async function makeLab() {
  seq++;
  const lab = await db().lab.create({ data: { slug: `terms-lab-${seq}-${Date.now()}`, name: `Terms Lab ${seq}` } });
  const user = await db().user.create({
    data: {
      email: `owner${seq}-${Date.now()}@terms.example`,
      name: "Terms Owner",
      passwordHash: "x",
      role: "LAB_MEMBER",
      emailVerifiedAt: new Date(),
    },
  });
  await db().labMember.create({ data: { labId: lab.id, userId: user.id, role: "OWNER" } });
  const actor = {
    id: user.id,
    sessionId: "test",
    email: user.email,
    name: user.name,
    role: "LAB_MEMBER" as const,
    emailVerified: true,
    labId: lab.id,
    labSlug: lab.slug,
    labRole: "OWNER" as const,
    profileId: null,
    unreadNotifications: 0,
  };
  const { token } = await apiTokenFor(lab.id, "terms token", actor);
  return { labId: lab.id, token };
}

async function call(token: string, method: string, path: string, body?: unknown) {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: { Authorization: `Bearer ${token}`, ...(body === undefined ? {} : { "Content-Type": "application/json" }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : {}) as Json, text };
}
const paths = (r: { body: Json }) => ((r.body.errors ?? []) as { path: string }[]).map((e) => e.path).sort();

const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

const GIG = {
  title: "Rank sitcom cold opens",
  taskTypes: ["COMEDIC_TIMING_EVAL"],
  payAmount: 60,
  payUnit: "HOUR",
  payCurrency: "USD",
  disclosureTrains: "A dialogue model.",
  disclosureCreativeUse: "NO",
  disclosureRetention: "Two years.",
};
const TERMS = {
  hoursPerWeek: 10,
  startDate: day(-7),
  endDate: day(120),
  noticeDays: 14,
  rateLockDays: 60,
  assessmentMinutes: 60,
  trainingMinutes: 120,
};

let lab: Awaited<ReturnType<typeof makeLab>>;
beforeAll(async () => {
  lab = await makeLab();
});

async function person(stage: "APPLIED" | "ACTIVE" | "WITHDRAWN", gigId: string) {
  seq++;
  const user = await db().user.create({
    data: {
      email: `pro${seq}-${Date.now()}@terms.example`,
      name: `Pro ${seq}`,
      passwordHash: "x",
      role: "PROFESSIONAL",
      emailVerifiedAt: new Date(),
    },
  });
  const profile = await db().profile.create({ data: { userId: user.id, displayName: `Pro ${seq}` } });
  await db().application.create({ data: { profileId: profile.id, gigId, origin: "APPLIED", stage } });
  return user.id;
}

describe("terms in the API", () => {
  it("refuses invalid terms with one field error each and writes nothing", async () => {
    const before = await db().gig.count({ where: { labId: lab.labId } });
    const res = await call(lab.token, "POST", "/api/v1/gigs", {
      ...GIG,
      noticeDays: -2,
      rateLockDays: "sixty",
      trainingMinutes: 2.5,
      trainingPaidWhen: "SOMEDAY",
      killFee: -1,
    });
    expect(res.status, res.text).toBe(400);
    expect(paths(res)).toEqual(["killFee", "noticeDays", "rateLockDays", "trainingMinutes", "trainingPaidWhen"]);
    expect(await db().gig.count({ where: { labId: lab.labId } })).toBe(before);
  });

  it("refuses to open a gig without its terms, naming each missing field, and leaves it a draft", async () => {
    const created = await call(lab.token, "POST", "/api/v1/gigs", { ...GIG, hoursPerWeek: 10 });
    expect(created.status, created.text).toBe(201);
    const open = await call(lab.token, "POST", `/api/v1/gigs/${created.body.id}/status`, { status: "OPEN" });
    expect(open.status, open.text).toBe(422);
    expect(open.body.code).toBe("INCOMPLETE");
    expect(paths(open)).toEqual(["assessmentMinutes", "endDate", "noticeDays", "rateLockDays", "startDate", "trainingMinutes"]);
    expect((await db().gig.findUniqueOrThrow({ where: { id: created.body.id } })).status).toBe("DRAFT");
  });

  it("returns the terms and the effective hourly rate", async () => {
    const created = await call(lab.token, "POST", "/api/v1/gigs", {
      ...GIG,
      ...TERMS,
      killFee: 250,
      assessmentPaidWhen: "",
      minimumPaidHoursPerWeek: 4,
    });
    expect(created.status, created.text).toBe(201);
    // 4 weeks x 10 h at $60 over 43 hours (3 unpaid).
    expect(created.body).toMatchObject({
      noticeDays: 14,
      rateLockDays: 60,
      killFee: 250,
      minimumPaidHoursPerWeek: 4,
      assessmentMinutes: 60,
      trainingMinutes: 120,
    });
    expect(created.body.pay).toMatchObject({ hourlyEquivalent: 60, effectiveHourly: Math.floor(240_000 / 43) / 100 });
  });
});

describe("changes against the terms", () => {
  let gigId: string;
  let applicant: string;
  let active: string;
  let withdrawn: string;

  beforeAll(async () => {
    const created = await call(lab.token, "POST", "/api/v1/gigs", { ...GIG, ...TERMS });
    gigId = created.body.id;
    const open = await call(lab.token, "POST", `/api/v1/gigs/${gigId}/status`, { status: "OPEN" });
    expect(open.status, open.text).toBe(200);
    applicant = await person("APPLIED", gigId);
    active = await person("ACTIVE", gigId);
    withdrawn = await person("WITHDRAWN", gigId);
  });

  const state = async () => ({
    gig: await db().gig.findUniqueOrThrow({ where: { id: gigId } }),
    changes: await db().gigTermChange.count({ where: { gigId } }),
    notes: await db().notification.count({ where: { kind: "gig.terms_changed", link: `/gigs/${gigId}#term-changes` } }),
  });

  it("refuses cutting hours or lowering the rate during the lock without a reason, and changes nothing", async () => {
    const before = await state();
    const cut = await call(lab.token, "PATCH", `/api/v1/gigs/${gigId}`, { hoursPerWeek: 5, changeEffectiveDate: day(3) });
    expect(cut.status, cut.text).toBe(422);
    expect(cut.body.code).toBe("TERMS_REASON_REQUIRED");
    expect(paths(cut)).toEqual(["changeReason"]);
    expect(cut.body.detail).toContain("3 days' notice (promised: 14 days)");
    const rate = await call(lab.token, "PATCH", `/api/v1/gigs/${gigId}`, { payAmount: 50, title: "Renamed while cutting" });
    expect(rate.status, rate.text).toBe(422);
    expect(rate.body.detail).toContain("during the 60 days");
    expect(await state()).toEqual(before);
  });

  it("records a change made with a reason, tells applicants and active people at once, and counts it against the lab", async () => {
    const reason = "The client halved this month's batch.";
    const res = await call(lab.token, "PATCH", `/api/v1/gigs/${gigId}`, {
      hoursPerWeek: 5,
      changeEffectiveDate: day(3),
      changeReason: reason,
    });
    expect(res.status, res.text).toBe(200);
    expect(res.body.hoursPerWeek).toBe(5);
    const rows = await db().gigTermChange.findMany({ where: { gigId } });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      labId: lab.labId,
      kind: "HOURS_CUT",
      before: { value: 10, text: "10 h/week" },
      after: { value: 5, text: "5 h/week" },
      promisedNoticeDays: 14,
      actualNoticeDays: 3,
      withinPromise: false,
      reason,
      actorRole: "API_TOKEN",
    });
    const notified = await db().notification.findMany({ where: { kind: "gig.terms_changed", link: `/gigs/${gigId}#term-changes` } });
    expect(notified.map((n) => n.userId).sort()).toEqual([applicant, active].sort());
    expect(notified.every((n) => n.title.includes("less notice than promised") && n.body.includes(reason))).toBe(true);
    expect(notified.some((n) => n.userId === withdrawn)).toBe(false);
    const emails = await db().user.findMany({ where: { id: { in: [applicant, active] } }, select: { email: true } });
    expect(await db().mailMessage.count({ where: { kind: "gig.terms_changed", to: { in: emails.map((e) => e.email) } } })).toBe(2);
  });

  it("records a change made with enough notice as within the promise, without needing a reason", async () => {
    const newEnd = day(30);
    const res = await call(lab.token, "PATCH", `/api/v1/gigs/${gigId}`, { endDate: newEnd });
    expect(res.status, res.text).toBe(200);
    const row = await db().gigTermChange.findFirstOrThrow({ where: { gigId, kind: "END_EARLY" } });
    expect(row).toMatchObject({ withinPromise: true, promisedNoticeDays: 14, actualNoticeDays: 30, reason: "", after: { value: newEnd } });
  });

  it("closing a gig people work on before its end date is an early end with no notice", async () => {
    const res = await call(lab.token, "POST", `/api/v1/gigs/${gigId}/status`, {
      status: "CLOSED",
      reason: "Project cancelled by the client.",
    });
    expect(res.status, res.text).toBe(200);
    const row = await db().gigTermChange.findFirstOrThrow({ where: { gigId, kind: "END_EARLY", withinPromise: false } });
    expect(row).toMatchObject({ actualNoticeDays: 0, promisedNoticeDays: 14, reason: "Project cancelled by the client." });
  });

  it("lists the recorded changes in the API, newest first, as the OpenAPI document describes", async () => {
    const res = await call(lab.token, "GET", `/api/v1/gigs/${gigId}/term-changes`);
    expect(res.status, res.text).toBe(200);
    expect(res.body.data.map((c: Json) => [c.kind, c.withinPromise])).toEqual([
      ["END_EARLY", false],
      ["END_EARLY", true],
      ["HOURS_CUT", false],
    ]);
    expect(res.body.data[2]).toMatchObject({
      before: { value: 10 },
      after: { value: 5 },
      promisedNoticeDays: 14,
      actualNoticeDays: 3,
      actorRole: "API_TOKEN",
    });
    const other = await makeLab();
    expect((await call(other.token, "GET", `/api/v1/gigs/${gigId}/term-changes`)).status).toBe(404);
    const doc = (await (await fetch(`${base}/api/v1/openapi.json`)).json()) as Json;
    const schema = doc.components.schemas.TermChangeList;
    expect(Object.keys(schema.properties.data.items.properties).sort()).toEqual(Object.keys(res.body.data[0]).sort());
    expect(doc.paths["/api/v1/gigs/{id}/term-changes"].get.responses["200"]).toBeDefined();
  });
});
