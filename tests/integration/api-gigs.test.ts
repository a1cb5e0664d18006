/**
 * The lab JSON API (/api/v1) against the real built app and a fresh PostgreSQL database:
 * auth, validation problems, lifecycle, lab isolation, idempotency, pagination, applicants.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { useTestServer as startTestServer } from "../setup/server";

const base = await startTestServer();
const { db } = await import("~/db.server");
const { revokeApiToken } = await import("~/services/labs.server");
const { apiTokenFor } = await import("./fixtures");

// biome-ignore lint/suspicious/noExplicitAny: response bodies are checked field by field below.
type Json = Record<string, any>;

interface Lab {
  labId: string;
  userId: string;
  token: string;
  tokenId: string;
}

let seq = 0;
async function makeLab(name: string): Promise<Lab> {
  seq++;
  const lab = await db().lab.create({ data: { slug: `${name.toLowerCase()}-${seq}`, name } });
  const user = await db().user.create({
    data: {
      email: `owner${seq}@${name.toLowerCase()}.example`,
      name: `${name} Owner`,
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
  const { token, record } = await apiTokenFor(lab.id, "test token", actor);
  return { labId: lab.id, userId: user.id, token, tokenId: record.id };
}

interface Res {
  status: number;
  headers: Headers;
  body: Json;
  text: string;
}

async function call(
  token: string | null,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<Res> {
  const h: Record<string, string> = { ...headers };
  if (token) h.Authorization = `Bearer ${token}`;
  let payload: string | undefined;
  if (body !== undefined) {
    payload = typeof body === "string" ? body : JSON.stringify(body);
    h["Content-Type"] ??= "application/json";
  }
  const res = await fetch(`${base}${path}`, { method, headers: h, body: payload });
  const text = await res.text();
  let parsed: Json = {};
  try {
    parsed = text ? JSON.parse(text) : {};
  } catch {
    parsed = { __notJson: text.slice(0, 200) };
  }
  return { status: res.status, headers: res.headers, body: parsed, text };
}

function expectProblem(res: Res, status: number) {
  expect(res.status, res.text).toBe(status);
  expect(res.headers.get("content-type")).toMatch(/^application\/problem\+json/);
  expect(res.body).toMatchObject({ status, type: expect.any(String), title: expect.any(String), detail: expect.any(String) });
}

const paths = (res: Res) => ((res.body.errors ?? []) as { path: string }[]).map((e) => e.path);

const validGig = {
  title: "Rank sitcom dialogue for a writing model",
  description: "Compare two versions of a scene and pick the funnier one.",
  taskTypes: ["DIALOGUE_PREFERENCE_RANKING", "COMEDIC_TIMING_EVAL"],
  modality: "TEXT",
  genres: ["COMEDY"],
  formats: ["MULTI_CAM_SITCOM"],
  languages: ["en"],
  hoursPerWeek: 10,
  weeklyCapHours: 20,
  payAmount: 55,
  payUnit: "HOUR",
  payCurrency: "USD",
  slots: 5,
  startDate: "2027-01-04",
  endDate: "2027-03-31",
  noticeDays: 14,
  rateLockDays: 30,
  assessmentMinutes: 0,
  trainingMinutes: 60,
};

const disclosure = {
  disclosureTrains: "A dialogue model for our writers' room assistant.",
  disclosureCreativeUse: "NO",
  disclosureRetention: "Deleted 12 months after the project ends.",
};

let A: Lab;
let B: Lab;

beforeAll(async () => {
  A = await makeLab("Alpha");
  B = await makeLab("Beta");
});

describe("authentication", () => {
  it("401s without a token, with a malformed or unknown token, and with only a cookie", async () => {
    const none = await call(null, "GET", "/api/v1/gigs");
    expectProblem(none, 401);
    expect(none.headers.get("www-authenticate")).toMatch(/^Bearer/);
    expectProblem(await call("garbage", "GET", "/api/v1/gigs"), 401);
    expectProblem(await call(`sa_deadbeef_${"x".repeat(32)}`, "GET", "/api/v1/gigs"), 401);
    const tampered = `${A.token.slice(0, -1)}${A.token.endsWith("A") ? "B" : "A"}`;
    expectProblem(await call(tampered, "GET", "/api/v1/gigs"), 401);
    expectProblem(await call(null, "GET", "/api/v1/gigs", undefined, { Cookie: "__session=abc; __csrf=def" }), 401);
    const basic = await fetch(`${base}/api/v1/gigs`, { headers: { Authorization: `Basic ${Buffer.from("a:b").toString("base64")}` } });
    expect(basic.status).toBe(401);
  });

  it("401s with a revoked token", async () => {
    const lab = await makeLab("Revoked");
    expect((await call(lab.token, "GET", "/api/v1/gigs")).status).toBe(200);
    // Revoking needs a lab owner (or staff): docs/decisions/0001-api-tokens-owners-only.md.
    const actor = { id: lab.userId, role: "LAB_MEMBER", labId: lab.labId, labRole: "OWNER" } as never;
    expect(await revokeApiToken(lab.labId, lab.tokenId, actor)).toBe(true);
    const res = await call(lab.token, "GET", "/api/v1/gigs");
    expectProblem(res, 401);
    expect(res.body.detail).toMatch(/revoked/);
  });

  it("rate-limits per token with 429 and Retry-After", async () => {
    const lab = await makeLab("Busy");
    await db().rateLimitBucket.create({ data: { key: `api:${lab.tokenId}`, count: 600, resetAt: new Date(Date.now() + 45_000) } });
    const res = await call(lab.token, "GET", "/api/v1/gigs");
    expectProblem(res, 429);
    const retry = Number(res.headers.get("retry-after"));
    expect(retry).toBeGreaterThan(0);
    expect(retry).toBeLessThanOrEqual(60);
    // Another token is not affected.
    expect((await call(A.token, "GET", "/api/v1/gigs")).status).toBe(200);
  });
});

describe("gig lifecycle", () => {
  let id: string;

  it("creates a draft gig: 201, Location and the full representation", async () => {
    const res = await call(A.token, "POST", "/api/v1/gigs", validGig);
    expect(res.status, res.text).toBe(201);
    expect(res.headers.get("content-type")).toMatch(/^application\/json/);
    id = res.body.id;
    expect(res.headers.get("location")).toBe(`/api/v1/gigs/${id}`);
    expect(res.body).toMatchObject({
      labId: A.labId,
      status: "DRAFT",
      title: validGig.title,
      taskTypes: validGig.taskTypes,
      hoursPerWeek: 10,
      weeklyCapHours: 20,
      pay: { amount: 55, unit: "HOUR", currency: "USD", minutesPerTask: null, hourlyEquivalent: 55 },
      screeningPaid: false,
      screeningRate: null,
      slots: 5,
      startDate: "2027-01-04",
      endDate: "2027-03-31",
      disclosure: { trains: "", creativeUse: "", retention: "" },
      closedReason: null,
      publishedAt: null,
      url: `/gigs/${id}`,
    });
    expect(Date.parse(res.body.createdAt)).not.toBeNaN();
    const stored = await db().gig.findUniqueOrThrow({ where: { id } });
    expect(stored.payAmountCents).toBe(5500);
    expect(stored.labId).toBe(A.labId);
    expect(stored.createdById).toBe(A.userId);
    const event = await db().event.findFirst({ where: { action: "gig.created", entityId: id } });
    expect(event?.actorRole).toBe("API_TOKEN");
  });

  it("gets the gig", async () => {
    const res = await call(A.token, "GET", `/api/v1/gigs/${id}`);
    expect(res.status).toBe(200);
    expect(res.body.id).toBe(id);
    expect(res.body.title).toBe(validGig.title);
    expectProblem(await call(A.token, "GET", "/api/v1/gigs/nope"), 404);
  });

  it("lists the gig", async () => {
    const res = await call(A.token, "GET", "/api/v1/gigs");
    expect(res.status).toBe(200);
    expect(res.body.data.map((g: Json) => g.id)).toContain(id);
    expect(res.body).toHaveProperty("nextCursor");
  });

  it("patches only the fields sent and keeps the rest", async () => {
    const res = await call(A.token, "PATCH", `/api/v1/gigs/${id}`, { title: "Rank sitcom dialogue (season 2)", slots: 8 });
    expect(res.status, res.text).toBe(200);
    expect(res.body).toMatchObject({
      title: "Rank sitcom dialogue (season 2)",
      slots: 8,
      pay: { amount: 55 },
      startDate: "2027-01-04",
      taskTypes: validGig.taskTypes,
    });
    const perTask = await call(A.token, "PATCH", `/api/v1/gigs/${id}`, { payUnit: "TASK", payAmount: 20, minutesPerTask: 30 });
    expect(perTask.status, perTask.text).toBe(200);
    expect(perTask.body.pay).toEqual({
      amount: 20,
      unit: "TASK",
      currency: "USD",
      minutesPerTask: 30,
      hourlyEquivalent: 40,
      effectiveHourly: 39.02,
    });
  });

  it("rejects invalid patches with field paths and leaves the gig unchanged", async () => {
    const bad = await call(A.token, "PATCH", `/api/v1/gigs/${id}`, { endDate: "2026-01-01" });
    expectProblem(bad, 400);
    expect(paths(bad)).toEqual(["endDate"]);
    const unknown = await call(A.token, "PATCH", `/api/v1/gigs/${id}`, { status: "OPEN" });
    expectProblem(unknown, 400);
    expect(paths(unknown)).toEqual(["status"]);
    expect(unknown.body.errors[0].message).toMatch(/\/status/);
    expectProblem(await call(A.token, "PATCH", `/api/v1/gigs/${id}`, "{not json"), 400);
    expectProblem(
      await call(A.token, "PATCH", `/api/v1/gigs/${id}`, "title=x", { "Content-Type": "application/x-www-form-urlencoded" }),
      415,
    );
    const after = await call(A.token, "GET", `/api/v1/gigs/${id}`);
    expect(after.body.endDate).toBe("2027-03-31");
    expect(after.body.status).toBe("DRAFT");
  });

  it("refuses to open without the AI-use disclosure and lists what is missing", async () => {
    const res = await call(A.token, "POST", `/api/v1/gigs/${id}/status`, { status: "OPEN" });
    expectProblem(res, 422);
    expect(res.body.code).toBe("INCOMPLETE");
    expect(res.body.problems).toHaveLength(3);
    expect(res.body.problems.join(" ")).toMatch(/disclosure/i);
    expect(paths(res).sort()).toEqual(["disclosureCreativeUse", "disclosureRetention", "disclosureTrains"]);
    expect((await db().gig.findUniqueOrThrow({ where: { id } })).status).toBe("DRAFT");
  });

  it("opens with the full disclosure, pauses, reopens and closes", async () => {
    const patched = await call(A.token, "PATCH", `/api/v1/gigs/${id}`, disclosure);
    expect(patched.status, patched.text).toBe(200);
    expect(patched.body.disclosure).toEqual({
      trains: disclosure.disclosureTrains,
      creativeUse: "NO",
      retention: disclosure.disclosureRetention,
    });

    const open = await call(A.token, "POST", `/api/v1/gigs/${id}/status`, { status: "OPEN" });
    expect(open.status, open.text).toBe(200);
    expect(open.body.status).toBe("OPEN");
    expect(open.body.publishedAt).toBeTruthy();

    const paused = await call(A.token, "POST", `/api/v1/gigs/${id}/status`, { status: "PAUSED" });
    expect(paused.status).toBe(200);
    expect(paused.body.status).toBe("PAUSED");

    const again = await call(A.token, "POST", `/api/v1/gigs/${id}/status`, { status: "OPEN" });
    expect(again.status).toBe(200);
    expect(again.body.publishedAt).toBe(open.body.publishedAt);

    const closed = await call(A.token, "POST", `/api/v1/gigs/${id}/status`, { status: "CLOSED", reason: "Dataset complete." });
    expect(closed.status, closed.text).toBe(200);
    expect(closed.body).toMatchObject({ status: "CLOSED", closedReason: "Dataset complete." });
  });

  it("treats CLOSED as final: 409 for edits and status changes", async () => {
    const edit = await call(A.token, "PATCH", `/api/v1/gigs/${id}`, { title: "Too late" });
    expectProblem(edit, 409);
    const reopen = await call(A.token, "POST", `/api/v1/gigs/${id}/status`, { status: "OPEN" });
    expectProblem(reopen, 409);
    expect(reopen.body.code).toBe("NOT_ALLOWED");
  });

  it("treats a request for the current status as a no-op, so retries are safe", async () => {
    const before = await db().gig.findUniqueOrThrow({ where: { id } });
    const again = await call(A.token, "POST", `/api/v1/gigs/${id}/status`, { status: "CLOSED", reason: "Another reason" });
    expect(again.status, again.text).toBe(200);
    expect(again.body).toMatchObject({ status: "CLOSED", closedReason: "Dataset complete." });
    const after = await db().gig.findUniqueOrThrow({ where: { id } });
    expect(after.updatedAt).toEqual(before.updatedAt);
  });

  it("keeps amounts of zero-decimal currencies intact across patches", async () => {
    const yen = await call(A.token, "POST", "/api/v1/gigs", {
      ...validGig,
      title: "Yen gig",
      payCurrency: "JPY",
      payAmount: 3000,
      screeningPaid: true,
      screeningRate: 1500,
    });
    expect(yen.status, yen.text).toBe(201);
    expect(yen.body.pay).toMatchObject({ amount: 3000, currency: "JPY", hourlyEquivalent: 3000 });
    expect((await db().gig.findUniqueOrThrow({ where: { id: yen.body.id } })).payAmountCents).toBe(3000);
    const patched = await call(A.token, "PATCH", `/api/v1/gigs/${yen.body.id}`, { title: "Yen gig, renamed" });
    expect(patched.status, patched.text).toBe(200);
    expect(patched.body.pay.amount).toBe(3000);
    expect(patched.body.screeningRate).toBe(1500);
  });

  it("409s for a transition the lifecycle does not allow", async () => {
    const draft = await call(A.token, "POST", "/api/v1/gigs", { title: "Draft only" });
    expect(draft.status).toBe(201);
    const res = await call(A.token, "POST", `/api/v1/gigs/${draft.body.id}/status`, { status: "PAUSED" });
    expectProblem(res, 409);
    expect(res.body.detail).toMatch(/draft gig cannot become paused/i);
  });

  it("asks to acknowledge pay below the floor", async () => {
    const cheap = await call(A.token, "POST", "/api/v1/gigs", { ...validGig, ...disclosure, title: "Cheap gig", payAmount: 5 });
    expect(cheap.status).toBe(201);
    const refused = await call(A.token, "POST", `/api/v1/gigs/${cheap.body.id}/status`, { status: "OPEN" });
    expectProblem(refused, 422);
    expect(refused.body.code).toBe("LOW_PAY_UNACKNOWLEDGED");
    expect(paths(refused)).toEqual(["acknowledgeLowPay"]);
    const ok = await call(A.token, "POST", `/api/v1/gigs/${cheap.body.id}/status`, { status: "OPEN", acknowledgeLowPay: true });
    expect(ok.status, ok.text).toBe(200);
  });

  it("validates the status body", async () => {
    const draft = await call(A.token, "POST", "/api/v1/gigs", { title: "Status body checks" });
    const gid = draft.body.id;
    const cases: [unknown, string][] = [
      [{ status: "DRAFT" }, "status"],
      [{}, "status"],
      [{ status: "OPEN", why: "x" }, "why"],
      [{ status: "CLOSED", reason: 5 }, "reason"],
      [{ status: "OPEN", acknowledgeLowPay: "yes" }, "acknowledgeLowPay"],
      [{ status: "CLOSED", reason: "x".repeat(2001) }, "reason"],
    ];
    for (const [body, path] of cases) {
      const res = await call(A.token, "POST", `/api/v1/gigs/${gid}/status`, body);
      expectProblem(res, 400);
      expect(paths(res)).toContain(path);
    }
    expectProblem(await call(A.token, "POST", `/api/v1/gigs/${gid}/status`, "[]"), 400);
  });
});

describe("validation problems", () => {
  const cases: [string, Json, string][] = [
    ["missing title", { description: "No title" }, "title"],
    ["title of the wrong type", { title: 42 }, "title"],
    ["too-short title", { title: "ab" }, "title"],
    ["huge title", { title: "x".repeat(141) }, "title"],
    ["huge description", { title: "Valid title", description: "x".repeat(20_001) }, "description"],
    ["unknown field", { title: "Valid title", colour: "blue" }, "colour"],
    ["status in the create body", { title: "Valid title", status: "OPEN" }, "status"],
    ["pay as a string", { title: "Valid title", payAmount: "55" }, "payAmount"],
    ["negative pay", { title: "Valid title", payAmount: -1 }, "payAmount"],
    ["absurd pay", { title: "Valid title", payAmount: 1e9 }, "payAmount"],
    ["bad pay unit", { title: "Valid title", payUnit: "WEEK" }, "payUnit"],
    ["lowercase currency", { title: "Valid title", payCurrency: "usd" }, "payCurrency"],
    ["impossible date", { title: "Valid title", startDate: "2027-02-30" }, "startDate"],
    ["date in words", { title: "Valid title", startDate: "next monday" }, "startDate"],
    ["end before start", { title: "Valid title", startDate: "2027-05-01", endDate: "2027-04-30" }, "endDate"],
    ["unknown task type", { title: "Valid title", taskTypes: ["DIALOGUE_PREFERENCE_RANKING", "JUGGLING"] }, "taskTypes.1"],
    ["task types not an array", { title: "Valid title", taskTypes: "PROMPT_WRITING" }, "taskTypes"],
    // Names and codes are both accepted now ("English", "en"); something that is neither is refused,
    // on the list as a whole (one message naming every unknown entry), not on an item index.
    ["unknown language", { title: "Valid title", languages: ["en", "Klingon"] }, "languages"],
    ["fractional slots", { title: "Valid title", slots: 1.5 }, "slots"],
    ["zero slots", { title: "Valid title", slots: 0 }, "slots"],
    ["hours as a string", { title: "Valid title", hoursPerWeek: "10" }, "hoursPerWeek"],
    ["cap below hours", { title: "Valid title", hoursPerWeek: 20, weeklyCapHours: 10 }, "weeklyCapHours"],
    ["boolean as a string", { title: "Valid title", ndaRequired: "true" }, "ndaRequired"],
    ["screening without instructions", { title: "Valid title", screeningRequired: true }, "screeningInstructions"],
    [
      "too many training modules",
      { title: "Valid title", trainingModules: Array.from({ length: 21 }, (_, i) => `Module ${i}`) },
      "trainingModules",
    ],
    ["bad creative-use answer", { title: "Valid title", disclosureCreativeUse: "MAYBE" }, "disclosureCreativeUse"],
  ];

  it.each(cases)("400 for %s with the field path", async (_name, body, path) => {
    const before = await db().gig.count();
    const res = await call(A.token, "POST", "/api/v1/gigs", body);
    expectProblem(res, 400);
    expect(paths(res)).toContain(path);
    for (const e of res.body.errors) expect(typeof e.message).toBe("string");
    expect(await db().gig.count()).toBe(before);
  });

  it("reports several problems at once", async () => {
    const res = await call(A.token, "POST", "/api/v1/gigs", { title: 1, payAmount: -5, extra: true });
    expectProblem(res, 400);
    expect(paths(res).sort()).toEqual(["extra", "payAmount", "title"]);
  });

  it("400 for malformed JSON and for bodies that are not objects", async () => {
    const malformed = await call(A.token, "POST", "/api/v1/gigs", '{"title": "x",');
    expectProblem(malformed, 400);
    expect(malformed.body.title).toBe("Malformed JSON");
    expectProblem(await call(A.token, "POST", "/api/v1/gigs", ""), 400);
    for (const body of ["[]", "null", '"a string"', "42", "true"]) {
      const res = await call(A.token, "POST", "/api/v1/gigs", body);
      expectProblem(res, 400);
      expect(res.body.detail).toMatch(/JSON object/);
    }
  });

  it("415 for a body that is not JSON", async () => {
    expectProblem(await call(A.token, "POST", "/api/v1/gigs", "title=x", { "Content-Type": "application/x-www-form-urlencoded" }), 415);
    expectProblem(await call(A.token, "POST", "/api/v1/gigs", JSON.stringify(validGig), { "Content-Type": "text/plain" }), 415);
    const res = await fetch(`${base}/api/v1/gigs`, { method: "POST", headers: { Authorization: `Bearer ${A.token}` } });
    expect(res.status).toBe(415);
    // A JSON suffix type is fine.
    expect(
      (await call(A.token, "POST", "/api/v1/gigs", { title: "Vendor JSON" }, { "Content-Type": "application/vnd.api+json" })).status,
    ).toBe(201);
  });

  it("413 for a body over 1 MB", async () => {
    const res = await call(A.token, "POST", "/api/v1/gigs", { title: "Big", description: "x".repeat(1_100_000) });
    expectProblem(res, 413);
    // The server is still healthy afterwards.
    expect((await call(A.token, "GET", "/api/v1/gigs?limit=1")).status).toBe(200);
  });

  it("answers early refusals cleanly even when a large body is still being sent", async () => {
    const big = JSON.stringify({ title: "Big", description: "y".repeat(900_000) });
    expectProblem(await call(null, "POST", "/api/v1/gigs", big), 401);
    expectProblem(await call(A.token, "POST", "/api/v1/gigs", big, { "Content-Type": "text/plain" }), 415);
    expectProblem(await call(B.token, "PATCH", "/api/v1/gigs/not-a-gig", big), 404);
    expectProblem(await call(A.token, "DELETE", "/api/v1/gigs", big), 405);
    const chunked = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < 12; i++) controller.enqueue(new TextEncoder().encode("z".repeat(100_000)));
        controller.close();
      },
    });
    const res = await fetch(`${base}/api/v1/gigs`, {
      method: "POST",
      headers: { Authorization: `Bearer ${A.token}`, "Content-Type": "application/json" },
      body: chunked,
      duplex: "half",
    } as RequestInit);
    expect(res.status).toBe(413);
  });

  it("405 for other methods, JSON 404 for unknown API paths", async () => {
    const del = await call(A.token, "DELETE", "/api/v1/gigs");
    expectProblem(del, 405);
    expect(del.headers.get("allow")).toBe("GET, POST");
    expectProblem(await call(A.token, "PUT", "/api/v1/gigs/x", {}), 405);
    expectProblem(await call(A.token, "GET", "/api/v1/nothing-here"), 404);
    expectProblem(await call(A.token, "GET", "/api/v1/gigs/a/b/c"), 404);
  });
});

describe("lab isolation", () => {
  let gigA: string;
  beforeAll(async () => {
    const res = await call(A.token, "POST", "/api/v1/gigs", { ...validGig, title: "Alpha's secret gig" });
    gigA = res.body.id;
  });

  it("404s on another lab's gig for every endpoint", async () => {
    expectProblem(await call(B.token, "GET", `/api/v1/gigs/${gigA}`), 404);
    expectProblem(await call(B.token, "PATCH", `/api/v1/gigs/${gigA}`, { title: "Hijacked" }), 404);
    expectProblem(await call(B.token, "POST", `/api/v1/gigs/${gigA}/status`, { status: "CLOSED" }), 404);
    expectProblem(await call(B.token, "GET", `/api/v1/gigs/${gigA}/applicants`), 404);
    const same = await call(B.token, "GET", "/api/v1/gigs/definitely-missing");
    const other = await call(B.token, "GET", `/api/v1/gigs/${gigA}`);
    expect(other.body).toEqual(same.body);
    const stored = await db().gig.findUniqueOrThrow({ where: { id: gigA } });
    expect(stored.title).toBe("Alpha's secret gig");
    expect(stored.status).toBe("DRAFT");
  });

  it("never lists another lab's gigs", async () => {
    const own = await call(B.token, "POST", "/api/v1/gigs", { title: "Beta's own gig" });
    expect(own.status).toBe(201);
    expect(own.body.labId).toBe(B.labId);
    for (const query of ["", "?status=DRAFT", "?limit=100"]) {
      const res = await call(B.token, "GET", `/api/v1/gigs${query}`);
      expect(res.status).toBe(200);
      expect(res.body.data.length).toBeGreaterThan(0);
      for (const g of res.body.data) expect(g.labId).toBe(B.labId);
      expect(res.text).not.toContain(gigA);
    }
  });
});

describe("idempotent creation", () => {
  it("replays the first response for the same key and body", async () => {
    const key = "create-1";
    const first = await call(A.token, "POST", "/api/v1/gigs", { ...validGig, title: "Idempotent gig" }, { "Idempotency-Key": key });
    expect(first.status).toBe(201);
    expect(first.headers.get("idempotent-replayed")).toBeNull();
    // Same content, different key order and whitespace.
    const reordered = JSON.stringify(Object.fromEntries(Object.entries({ ...validGig, title: "Idempotent gig" }).reverse()), null, 2);
    const second = await call(A.token, "POST", "/api/v1/gigs", reordered, { "Idempotency-Key": key });
    expect(second.status).toBe(201);
    expect(second.headers.get("idempotent-replayed")).toBe("true");
    expect(second.headers.get("location")).toBe(first.headers.get("location"));
    expect(second.body).toEqual(first.body);
    expect(await db().gig.count({ where: { title: "Idempotent gig" } })).toBe(1);
  });

  it("422s when the key is reused with a different body", async () => {
    const key = "create-2";
    expect((await call(A.token, "POST", "/api/v1/gigs", { title: "First body" }, { "Idempotency-Key": key })).status).toBe(201);
    const res = await call(A.token, "POST", "/api/v1/gigs", { title: "Second body" }, { "Idempotency-Key": key });
    expectProblem(res, 422);
    expect(await db().gig.count({ where: { title: "Second body" } })).toBe(0);
  });

  it("scopes keys to the token", async () => {
    const key = "shared-key";
    const a = await call(A.token, "POST", "/api/v1/gigs", { title: "Scoped gig" }, { "Idempotency-Key": key });
    const b = await call(B.token, "POST", "/api/v1/gigs", { title: "Scoped gig" }, { "Idempotency-Key": key });
    expect(a.status).toBe(201);
    expect(b.status).toBe(201);
    expect(b.headers.get("idempotent-replayed")).toBeNull();
    expect(b.body.id).not.toBe(a.body.id);
    expect(b.body.labId).toBe(B.labId);
  });

  it("does not store rejected requests, so the key can be retried with a fixed body", async () => {
    const key = "fix-and-retry";
    expectProblem(await call(A.token, "POST", "/api/v1/gigs", { title: "x" }, { "Idempotency-Key": key }), 400);
    const fixed = await call(A.token, "POST", "/api/v1/gigs", { title: "Fixed title" }, { "Idempotency-Key": key });
    expect(fixed.status).toBe(201);
    expect(fixed.headers.get("idempotent-replayed")).toBeNull();
  });

  it("400s for an invalid key", async () => {
    const res = await call(A.token, "POST", "/api/v1/gigs", { title: "Long key" }, { "Idempotency-Key": "k".repeat(201) });
    expectProblem(res, 400);
    expect(paths(res)).toEqual(["Idempotency-Key"]);
  });

  it("creates exactly one gig for 10 parallel identical requests", async () => {
    const body = { ...validGig, title: "Parallel gig" };
    const results = await Promise.all(
      Array.from({ length: 10 }, () => call(A.token, "POST", "/api/v1/gigs", body, { "Idempotency-Key": "parallel-1" })),
    );
    const statuses = results.map((r) => r.status);
    expect(
      statuses.every((s) => s === 201),
      JSON.stringify(results.map((r) => r.body)),
    ).toBe(true);
    expect(new Set(results.map((r) => r.body.id)).size).toBe(1);
    expect(results.filter((r) => r.headers.get("idempotent-replayed") === "true")).toHaveLength(9);
    expect(await db().gig.count({ where: { title: "Parallel gig" } })).toBe(1);
    expect(await db().idempotencyRecord.count({ where: { scope: A.tokenId, key: "parallel-1" } })).toBe(1);
  });
});

describe("cursor pagination", () => {
  let C: Lab;
  let expected: string[];

  beforeAll(async () => {
    C = await makeLab("Gamma");
    // 45 gigs, three per timestamp, so the id tie-break matters.
    const t0 = Date.UTC(2020, 0, 1);
    await db().gig.createMany({
      data: Array.from({ length: 45 }, (_, i) => ({
        labId: C.labId,
        title: `Paged gig ${i}`,
        status: i % 5 === 0 ? ("OPEN" as const) : ("DRAFT" as const),
        createdAt: new Date(t0 + Math.floor(i / 3) * 1000),
      })),
    });
    const rows = await db().gig.findMany({ where: { labId: C.labId }, select: { id: true, createdAt: true } });
    rows.sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime() || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0));
    expected = rows.map((r) => r.id);
  });

  async function walk(query: string, onPage?: (n: number) => Promise<void>) {
    const seen: string[] = [];
    const sizes: number[] = [];
    let cursor: string | null = null;
    for (let n = 0; n < 10; n++) {
      const res = await call(C.token, "GET", `/api/v1/gigs?${query}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`);
      expect(res.status, res.text).toBe(200);
      seen.push(...res.body.data.map((g: Json) => g.id));
      sizes.push(res.body.data.length);
      cursor = res.body.nextCursor;
      if (cursor === null) break;
      expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
      await onPage?.(n);
    }
    return { seen, sizes, cursor };
  }

  it("walks 45 gigs in pages of 20 with no gaps or duplicates", async () => {
    const { seen, sizes, cursor } = await walk("limit=20");
    expect(sizes).toEqual([20, 20, 5]);
    expect(cursor).toBeNull();
    expect(new Set(seen).size).toBe(45);
    expect(seen).toEqual(expected);
  });

  it("is stable when gigs are created while paging", async () => {
    const { seen } = await walk("limit=20", async () => {
      await call(C.token, "POST", "/api/v1/gigs", { title: "Created mid-walk" });
    });
    expect(seen).toEqual(expected);
  });

  it("defaults to 20 and filters by status", async () => {
    const all = await call(C.token, "GET", "/api/v1/gigs");
    expect(all.body.data).toHaveLength(20);
    const { seen } = await walk("status=OPEN&limit=4");
    expect(seen).toHaveLength(9);
    const open = await db().gig.count({ where: { labId: C.labId, status: "OPEN" } });
    expect(seen).toHaveLength(open);
  });

  it("400s for bad limits, cursors and statuses", async () => {
    for (const limit of ["0", "101", "-1", "abc", "1.5", "", "1e2"]) {
      const res = await call(C.token, "GET", `/api/v1/gigs?limit=${limit}`);
      expectProblem(res, 400);
      expect(paths(res)).toEqual(["limit"]);
    }
    const forged = Buffer.from(JSON.stringify({ t: "yesterday", i: "x" })).toString("base64url");
    for (const cursor of ["not*a*cursor", forged, "e30", "x".repeat(400)]) {
      const res = await call(C.token, "GET", `/api/v1/gigs?cursor=${cursor}`);
      expectProblem(res, 400);
      expect(paths(res)).toEqual(["cursor"]);
    }
    const status = await call(C.token, "GET", "/api/v1/gigs?status=open");
    expectProblem(status, 400);
    expect(paths(status)).toEqual(["status"]);
  });
});

describe("applicants", () => {
  let gigId: string;

  beforeAll(async () => {
    const gig = await call(A.token, "POST", "/api/v1/gigs", { ...validGig, ...disclosure, title: "Gig with applicants" });
    gigId = gig.body.id;
    for (let i = 0; i < 3; i++) {
      const user = await db().user.create({
        data: {
          email: `writer${i}@private.example`,
          name: `Private Name ${i}`,
          passwordHash: "x",
          role: "PROFESSIONAL",
          emailVerifiedAt: new Date(),
        },
      });
      const profile = await db().profile.create({
        data: {
          userId: user.id,
          displayName: `Writer ${i}`,
          headline: "Staff writer, 3 seasons of a multi-cam sitcom",
          minRateCents: 9100 + i,
          demographicsOptIn: true,
          demographics: { gender: "SECRET_VALUE" },
          bio: "Bio text",
        },
      });
      await db().application.create({
        data: {
          profileId: profile.id,
          gigId,
          origin: i === 0 ? "INVITED" : "APPLIED",
          stage: i === 0 ? "ACTIVE" : "APPLIED",
          note: "PRIVATE_NOTE",
          matchScore: 80 - i,
          matchReasons: [
            `Your rate $91.0${i}/h is above the gig's $55/h`,
            "Works in UTC+0, inside the gig's UTC-5..UTC+1 window",
            "3 verified credits on your profile",
          ],
          createdAt: new Date(Date.UTC(2026, 1, 1, 0, 0, i)),
        },
      });
    }
  });

  it("lists applicants with public fields only", async () => {
    const res = await call(A.token, "GET", `/api/v1/gigs/${gigId}/applicants`);
    expect(res.status, res.text).toBe(200);
    expect(res.body.nextCursor).toBeNull();
    expect(res.body.data).toHaveLength(3);
    const first = res.body.data[0];
    expect(Object.keys(first).sort()).toEqual(["appliedAt", "id", "matchReasons", "matchScore", "origin", "professional", "stage"]);
    expect(Object.keys(first.professional).sort()).toEqual(["displayName", "headline", "profileId"]);
    expect(first).toMatchObject({ stage: "APPLIED", origin: "APPLIED", matchScore: 78, professional: { displayName: "Writer 2" } });
    expect(first.matchReasons).toEqual(["Works in UTC+0, inside the gig's UTC-5..UTC+1 window", "3 verified credits on your profile"]);
    for (const secret of [
      "private.example",
      "Private Name",
      "SECRET_VALUE",
      "PRIVATE_NOTE",
      "9100",
      "91.0",
      "minRate",
      "demographics",
      "email",
      "Bio text",
    ]) {
      expect(res.text).not.toContain(secret);
    }
  });

  it("paginates applicants", async () => {
    const page1 = await call(A.token, "GET", `/api/v1/gigs/${gigId}/applicants?limit=2`);
    expect(page1.body.data).toHaveLength(2);
    const page2 = await call(A.token, "GET", `/api/v1/gigs/${gigId}/applicants?limit=2&cursor=${page1.body.nextCursor}`);
    expect(page2.body.data).toHaveLength(1);
    expect(page2.body.nextCursor).toBeNull();
    expect(page2.body.data[0].professional.displayName).toBe("Writer 0");
    expectProblem(await call(A.token, "GET", `/api/v1/gigs/${gigId}/applicants?limit=500`), 400);
  });

  it("needs a reason to close a gig people are working on", async () => {
    const res = await call(A.token, "POST", `/api/v1/gigs/${gigId}/status`, { status: "CLOSED" });
    expectProblem(res, 422);
    expect(res.body.code).toBe("REASON_REQUIRED");
    expect(paths(res)).toEqual(["reason"]);
    const ok = await call(A.token, "POST", `/api/v1/gigs/${gigId}/status`, { status: "CLOSED", reason: "Budget ended." });
    expect(ok.status, ok.text).toBe(200);
  });
});
