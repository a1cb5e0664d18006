/**
 * GET /api/v1/openapi.json: a valid OpenAPI 3.1 document covering every endpoint, generated from
 * the zod schemas, and actually describing what the API returns (real responses are checked
 * against it with a small JSON Schema validator below; no extra dependencies).
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { gigInputSchema } from "~/domain/gigs";
import { useTestServer as startTestServer } from "../setup/server";

const base = await startTestServer();
const { db } = await import("~/db.server");
const { createApiToken } = await import("~/services/labs.server");

type Schema = Record<string, unknown>;
// biome-ignore lint/suspicious/noExplicitAny: the document and bodies are explored dynamically.
type Json = any;

// ---------------------------------------------------------------- a small JSON Schema checker

function resolve(doc: Json, ref: string): Schema {
  if (!ref.startsWith("#/")) throw new Error(`external $ref not supported: ${ref}`);
  let node: Json = doc;
  for (const part of ref.slice(2).split("/")) {
    node = node?.[part.replace(/~1/g, "/").replace(/~0/g, "~")];
    if (node === undefined) throw new Error(`unresolvable $ref ${ref}`);
  }
  return node as Schema;
}

function typeOf(v: unknown): string {
  if (v === null) return "null";
  if (Array.isArray(v)) return "array";
  if (typeof v === "number") return Number.isInteger(v) ? "integer" : "number";
  return typeof v;
}

/** Validates `value` against the subset of JSON Schema 2020-12 that z.toJSONSchema emits. */
function validate(doc: Json, schema: Schema | boolean, value: unknown, at = "$"): string[] {
  if (schema === true) return [];
  if (schema === false) return [`${at}: not allowed`];
  const errors: string[] = [];
  const s = schema as Json;
  if (s.$ref) errors.push(...validate(doc, resolve(doc, s.$ref), value, at));
  if (s.anyOf && !s.anyOf.some((sub: Schema) => validate(doc, sub, value, at).length === 0)) errors.push(`${at}: matches no anyOf branch`);
  if (s.oneOf && s.oneOf.filter((sub: Schema) => validate(doc, sub, value, at).length === 0).length !== 1)
    errors.push(`${at}: must match exactly one oneOf branch`);
  for (const sub of s.allOf ?? []) errors.push(...validate(doc, sub, value, at));
  if (s.enum && !s.enum.some((e: unknown) => JSON.stringify(e) === JSON.stringify(value)))
    errors.push(`${at}: ${JSON.stringify(value)} not in enum`);
  if ("const" in s && JSON.stringify(s.const) !== JSON.stringify(value)) errors.push(`${at}: must be ${JSON.stringify(s.const)}`);
  if (s.type) {
    const types: string[] = Array.isArray(s.type) ? s.type : [s.type];
    const actual = typeOf(value);
    if (!types.includes(actual) && !(actual === "integer" && types.includes("number"))) {
      errors.push(`${at}: expected ${types.join("|")}, got ${actual}`);
      return errors;
    }
  }
  if (typeof value === "string") {
    if (s.minLength !== undefined && [...value].length < s.minLength) errors.push(`${at}: shorter than ${s.minLength}`);
    if (s.maxLength !== undefined && [...value].length > s.maxLength) errors.push(`${at}: longer than ${s.maxLength}`);
    if (s.pattern && !new RegExp(s.pattern, "u").test(value)) errors.push(`${at}: does not match ${s.pattern}`);
    if (s.format === "date-time" && Number.isNaN(Date.parse(value))) errors.push(`${at}: not a date-time`);
  }
  if (typeof value === "number") {
    if (s.minimum !== undefined && value < s.minimum) errors.push(`${at}: below ${s.minimum}`);
    if (s.maximum !== undefined && value > s.maximum) errors.push(`${at}: above ${s.maximum}`);
    if (s.exclusiveMinimum !== undefined && value <= s.exclusiveMinimum) errors.push(`${at}: not above ${s.exclusiveMinimum}`);
    if (s.exclusiveMaximum !== undefined && value >= s.exclusiveMaximum) errors.push(`${at}: not below ${s.exclusiveMaximum}`);
  }
  if (Array.isArray(value)) {
    if (s.minItems !== undefined && value.length < s.minItems) errors.push(`${at}: fewer than ${s.minItems} items`);
    if (s.maxItems !== undefined && value.length > s.maxItems) errors.push(`${at}: more than ${s.maxItems} items`);
    if (s.items) {
      for (const [i, item] of value.entries()) errors.push(...validate(doc, s.items, item, `${at}[${i}]`));
    }
  }
  if (value && typeof value === "object" && !Array.isArray(value)) {
    const obj = value as Record<string, unknown>;
    for (const key of s.required ?? []) if (!(key in obj)) errors.push(`${at}: missing required "${key}"`);
    const props: Record<string, Schema> = s.properties ?? {};
    for (const [key, v] of Object.entries(obj)) {
      if (key in props) errors.push(...validate(doc, props[key], v, `${at}.${key}`));
      else if (s.additionalProperties !== undefined) errors.push(...validate(doc, s.additionalProperties, v, `${at}.${key}`));
    }
  }
  return errors;
}

function responseSchema(doc: Json, path: string, method: string, status: number): { schema: Schema; mediaType: string } {
  let response = doc.paths[path]?.[method]?.responses?.[String(status)];
  expect(response, `${method.toUpperCase()} ${path} documents ${status}`).toBeTruthy();
  if (response.$ref) response = resolve(doc, response.$ref);
  const [mediaType, content] = Object.entries(response.content as Record<string, { schema: Schema }>)[0];
  return { schema: content.schema, mediaType };
}

// ---------------------------------------------------------------- fixtures

let token: string;
let doc: Json;
const call = async (method: string, path: string, body?: unknown) => {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: { Authorization: `Bearer ${token}`, ...(body === undefined ? {} : { "Content-Type": "application/json" }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, contentType: res.headers.get("content-type") ?? "", body: (await res.json()) as Json };
};

/** Calls the API and checks the response against the document's schema for that operation. */
async function conforms(method: string, template: string, path: string, expectedStatus: number, body?: unknown) {
  const res = await call(method, path, body);
  expect(res.status, JSON.stringify(res.body)).toBe(expectedStatus);
  const { schema, mediaType } = responseSchema(doc, template, method.toLowerCase(), expectedStatus);
  expect(res.contentType.startsWith(mediaType)).toBe(true);
  expect(validate(doc, schema, res.body)).toEqual([]);
  return res.body;
}

const fullGig = {
  title: "Annotate scene beats in crime dramas",
  description: "Mark where each beat starts.",
  taskTypes: ["SCENE_BEAT_SEGMENTATION"],
  modality: "VIDEO",
  genres: ["CRIME"],
  formats: ["PROCEDURAL"],
  languages: ["en", "es"],
  hoursPerWeek: 12,
  weeklyCapHours: 15,
  payAmount: 12.5,
  payUnit: "TASK",
  payCurrency: "USD",
  minutesPerTask: 15,
  screeningPaid: true,
  screeningRate: 30,
  onboardingPaid: true,
  slots: 3,
  startDate: "2027-02-01",
  endDate: "2027-02-28",
  noticeDays: 7,
  rateLockDays: 14,
  minimumPaidHoursPerWeek: 2,
  killFee: 150,
  assessmentMinutes: 20,
  assessmentPaidWhen: "IF_ACCEPTED",
  trainingMinutes: 45,
  trainingPaidWhen: "ON_COMPLETION",
  timezoneMinOffset: -300,
  timezoneMaxOffset: 60,
  screeningRequired: true,
  screeningInstructions: "A 20-minute sample task.",
  ndaRequired: true,
  trainingModules: ["Beat taxonomy"],
  disclosureTrains: "A video understanding model.",
  disclosureCreativeUse: "UNDECIDED",
  disclosureRetention: "Two years.",
};

beforeAll(async () => {
  const lab = await db().lab.create({ data: { slug: "delta", name: "Delta" } });
  const user = await db().user.create({
    data: { email: "owner@delta.example", name: "Delta Owner", passwordHash: "x", role: "LAB_MEMBER", emailVerifiedAt: new Date() },
  });
  await db().labMember.create({ data: { labId: lab.id, userId: user.id, role: "OWNER" } });
  const actor = { id: user.id, role: "LAB_MEMBER", name: user.name, labId: lab.id, labRole: "OWNER", emailVerified: true } as never;
  const created = await createApiToken(lab.id, "docs", actor);
  if (!created.ok) throw new Error(created.message);
  token = created.token;
  const res = await fetch(`${base}/api/v1/openapi.json`);
  expect(res.status).toBe(200);
  expect(res.headers.get("content-type")).toMatch(/^application\/json/);
  doc = JSON.parse(await res.text());
});

describe("the OpenAPI document", () => {
  it("is public OpenAPI 3.1 with a bearer security scheme", () => {
    expect(doc.openapi).toMatch(/^3\.1\.\d+$/);
    expect(doc.info.title).toBeTruthy();
    expect(doc.info.version).toBeTruthy();
    expect(doc.components.securitySchemes.bearerAuth).toMatchObject({ type: "http", scheme: "bearer" });
    expect(doc.security).toEqual([{ bearerAuth: [] }]);
    expect(doc.paths["/api/v1/openapi.json"].get.security).toEqual([]);
  });

  it("documents every endpoint and method", () => {
    const ops = Object.entries(doc.paths as Record<string, Record<string, unknown>>).flatMap(([p, item]) =>
      Object.keys(item)
        .filter((k) => ["get", "post", "patch", "put", "delete"].includes(k))
        .map((m) => `${m.toUpperCase()} ${p}`),
    );
    expect(ops.sort()).toEqual(
      [
        "GET /api/v1/gigs",
        "POST /api/v1/gigs",
        "GET /api/v1/gigs/{id}",
        "PATCH /api/v1/gigs/{id}",
        "POST /api/v1/gigs/{id}/status",
        "GET /api/v1/gigs/{id}/applicants",
        "GET /api/v1/gigs/{id}/term-changes",
        "GET /api/v1/gigs/{id}/work-entries",
        "POST /api/v1/gigs/{id}/work-entries",
        "PUT /api/v1/gigs/{id}/queue-status",
        "GET /api/v1/webhooks",
        "POST /api/v1/webhooks",
        "GET /api/v1/webhooks/{id}",
        "DELETE /api/v1/webhooks/{id}",
        "GET /api/v1/webhooks/{id}/deliveries",
        "POST /api/v1/webhooks/{id}/deliveries/{deliveryId}/replay",
        "POST /api/v1/credentials/verify",
        "GET /api/v1/screeners",
        "POST /api/v1/screeners",
        "GET /api/v1/screeners/{id}",
        "GET /api/v1/screeners/{id}/versions",
        "POST /api/v1/screeners/{id}/versions",
        "POST /api/v1/screeners/{id}/invitations",
        "GET /api/v1/openapi.json",
      ].sort(),
    );
    const operationIds = Object.values(doc.paths as Record<string, Record<string, Json>>).flatMap((item) =>
      Object.values(item)
        .filter((op) => op && typeof op === "object" && "responses" in op)
        .map((op) => op.operationId),
    );
    expect(new Set(operationIds).size).toBe(operationIds.length);
  });

  it("documents 401/429 for every authenticated operation and problem+json for errors", () => {
    for (const [p, item] of Object.entries(doc.paths as Record<string, Record<string, Json>>)) {
      for (const [method, op] of Object.entries(item)) {
        if (!op?.responses) continue;
        if (op.security && op.security.length === 0) continue;
        expect(op.responses["401"], `${method} ${p}`).toBeTruthy();
        expect(op.responses["429"], `${method} ${p}`).toBeTruthy();
        for (const [status, response] of Object.entries(op.responses as Record<string, Json>)) {
          if (Number(status) < 400) continue;
          const r = response.$ref ? resolve(doc, response.$ref) : response;
          expect(Object.keys((r as Json).content), `${method} ${p} ${status}`).toEqual(["application/problem+json"]);
        }
      }
    }
  });

  it("has only resolvable $refs", () => {
    const refs: string[] = [];
    const walk = (n: unknown) => {
      if (Array.isArray(n)) {
        for (const x of n) walk(x);
      } else if (n && typeof n === "object") {
        for (const [k, v] of Object.entries(n)) {
          if (k === "$ref" && typeof v === "string") refs.push(v);
          else walk(v);
        }
      }
    };
    walk(doc);
    expect(refs.length).toBeGreaterThan(10);
    for (const ref of refs) expect(() => resolve(doc, ref)).not.toThrow();
  });

  it("describes the request body exactly as gigInputSchema", () => {
    const input = doc.components.schemas.GigInput;
    const shape = gigInputSchema.shape as Record<string, { safeParse(v: unknown): { success: boolean } }>;
    // A field is required when its zod schema rejects `undefined` (no default, not optional).
    const requiredByZod = Object.keys(shape).filter((k) => !shape[k].safeParse(undefined).success);
    expect(requiredByZod).toEqual(["title"]);
    expect([...input.required].sort()).toEqual(requiredByZod.sort());
    expect(Object.keys(input.properties).sort()).toEqual(Object.keys(shape).sort());
    expect(input.additionalProperties).toBe(false);
    const patch = doc.components.schemas.GigPatch;
    expect(patch.required).toBeUndefined();
    // PATCH also takes what a change against the promised terms needs (never stored on the gig).
    expect(Object.keys(patch.properties).sort()).toEqual([...Object.keys(shape), "changeReason", "changeEffectiveDate"].sort());
    const requestRef = doc.paths["/api/v1/gigs"].post.requestBody.content["application/json"].schema.$ref;
    expect(requestRef).toBe("#/components/schemas/GigInput");
  });

  it("agrees with zod on which request bodies are well-formed", () => {
    const input = doc.components.schemas.GigInput;
    const samples: unknown[] = [
      fullGig,
      { title: "Minimal gig" },
      { title: "Minimal gig", payAmount: null, startDate: null },
      {},
      { title: 5 },
      { title: "ok title", unknownField: 1 },
      { title: "ok title", payAmount: -3 },
      { title: "ok title", taskTypes: ["NOPE"] },
      { title: "ok title", slots: 2.5 },
      { title: "ok title", languages: ["EN"] },
      { title: "x".repeat(141) },
    ];
    for (const sample of samples) {
      const byZod = gigInputSchema.safeParse(sample).success;
      const byDoc = validate(doc, input, sample).length === 0;
      expect(byDoc, JSON.stringify(sample).slice(0, 80)).toBe(byZod);
    }
  });

  it("marks every field of the Gig representation as required", () => {
    const gig = doc.components.schemas.Gig;
    expect([...gig.required].sort()).toEqual(Object.keys(gig.properties).sort());
    expect(gig.additionalProperties).toBe(false);
  });
});

describe("real responses match the document", () => {
  let id: string;

  it("POST /api/v1/gigs -> 201 Gig with every required property", async () => {
    const body = await conforms("POST", "/api/v1/gigs", "/api/v1/gigs", 201, fullGig);
    id = body.id;
    for (const key of doc.components.schemas.Gig.required) expect(body, key).toHaveProperty(key);
    expect(body.pay).toEqual({
      amount: 12.5,
      unit: "TASK",
      currency: "USD",
      minutesPerTask: 15,
      hourlyEquivalent: 50,
      effectiveHourly: 49.86,
    });
    // A gig with every optional field unset also conforms (nulls where documented).
    await conforms("POST", "/api/v1/gigs", "/api/v1/gigs", 201, { title: "Bare gig" });
  });

  it("GET, PATCH and status responses are Gigs", async () => {
    await conforms("GET", "/api/v1/gigs/{id}", `/api/v1/gigs/${id}`, 200);
    await conforms("PATCH", "/api/v1/gigs/{id}", `/api/v1/gigs/${id}`, 200, { slots: 4 });
    const open = await conforms("POST", "/api/v1/gigs/{id}/status", `/api/v1/gigs/${id}/status`, 200, { status: "OPEN" });
    expect(open.status).toBe("OPEN");
  });

  it("lists are GigList and ApplicantList", async () => {
    const list = await conforms("GET", "/api/v1/gigs", "/api/v1/gigs?limit=1", 200);
    expect(list.data).toHaveLength(1);
    expect(typeof list.nextCursor).toBe("string");
    const pro = await db().user.create({ data: { email: "pro@example.com", name: "Pro", passwordHash: "x", role: "PROFESSIONAL" } });
    const profile = await db().profile.create({ data: { userId: pro.id, displayName: "Pat", headline: "Script supervisor" } });
    await db().application.create({
      data: {
        profileId: profile.id,
        gigId: id,
        origin: "APPLIED",
        stage: "APPLIED",
        matchScore: 64,
        matchReasons: ["Strong continuity credits"],
      },
    });
    const applicants = await conforms("GET", "/api/v1/gigs/{id}/applicants", `/api/v1/gigs/${id}/applicants`, 200);
    expect(applicants.data).toHaveLength(1);
  });

  it("problems match the Problem schema", async () => {
    const invalid = await conforms("POST", "/api/v1/gigs", "/api/v1/gigs", 400, { title: 1, bogus: true });
    expect(invalid.errors.length).toBe(2);
    await conforms("GET", "/api/v1/gigs/{id}", "/api/v1/gigs/missing", 404);
    await conforms("GET", "/api/v1/gigs", "/api/v1/gigs?limit=0", 400);
    const draft = await call("POST", "/api/v1/gigs", { title: "Incomplete draft" });
    const refused = await conforms("POST", "/api/v1/gigs/{id}/status", `/api/v1/gigs/${draft.body.id}/status`, 422, { status: "OPEN" });
    expect(refused.code).toBe("INCOMPLETE");
    await conforms("POST", "/api/v1/gigs/{id}/status", `/api/v1/gigs/${draft.body.id}/status`, 409, { status: "PAUSED" });
    const saved = token;
    token = "invalid";
    try {
      await conforms("GET", "/api/v1/gigs", "/api/v1/gigs", 401);
    } finally {
      token = saved;
    }
  });

  it("work entries and queue status responses match their schemas", async () => {
    const pro = await db().user.create({ data: { email: "worker@example.com", name: "Worker", passwordHash: "x", role: "PROFESSIONAL" } });
    const profile = await db().profile.create({ data: { userId: pro.id, displayName: "Wren", headline: "Editor" } });
    const app = await db().application.create({
      data: { profileId: profile.id, gigId: id, origin: "APPLIED", stage: "ACTIVE", stageEnteredAt: new Date(Date.now() - 86_400_000) },
    });
    const today = new Date().toISOString().slice(0, 10);
    const entry = await conforms("POST", "/api/v1/gigs/{id}/work-entries", `/api/v1/gigs/${id}/work-entries`, 201, {
      applicationId: app.id,
      workDate: today,
      tasks: 3,
      clientEntryId: "doc-1",
    });
    expect(entry).toMatchObject({ unit: "TASK", tasks: 3, amountCents: 3750, payout: "PENDING" });
    await conforms("POST", "/api/v1/gigs/{id}/work-entries", `/api/v1/gigs/${id}/work-entries`, 200, {
      applicationId: app.id,
      workDate: today,
      tasks: 3,
      clientEntryId: "doc-1",
    });
    const invalid = await conforms("POST", "/api/v1/gigs/{id}/work-entries", `/api/v1/gigs/${id}/work-entries`, 400, {
      applicationId: app.id,
      workDate: "soon",
    });
    expect(invalid.errors[0].path).toBe("workDate");
    await conforms("POST", "/api/v1/gigs/{id}/work-entries", `/api/v1/gigs/${id}/work-entries`, 422, {
      applicationId: app.id,
      workDate: today,
      hours: 2,
    });
    const list = await conforms("GET", "/api/v1/gigs/{id}/work-entries", `/api/v1/gigs/${id}/work-entries`, 200);
    expect(list.data).toHaveLength(1);
    const checkAgainOn = new Date(Date.now() + 3 * 86_400_000).toISOString().slice(0, 10);
    const queued = await conforms("PUT", "/api/v1/gigs/{id}/queue-status", `/api/v1/gigs/${id}/queue-status`, 200, {
      state: "NO_WORK",
      reason: "QUALITY_REVIEW",
      checkAgainOn,
      applicationIds: [app.id],
    });
    expect(queued.updated).toBe(1);
    await conforms("PUT", "/api/v1/gigs/{id}/queue-status", `/api/v1/gigs/${id}/queue-status`, 400, {
      state: "NO_WORK",
      reason: "QUALITY_REVIEW",
    });
  });

  it("screener responses match their schemas", async () => {
    const created = await conforms("POST", "/api/v1/screeners", "/api/v1/screeners", 201, {
      name: "Doc screener",
      criteria: { tasks: [{ taskType: "BIAS_REVIEW", min: 10 }], languages: ["English"] },
    });
    expect(created.criteria.languages).toEqual(["en"]);
    await conforms("GET", "/api/v1/screeners", "/api/v1/screeners", 200);
    await conforms("GET", "/api/v1/screeners/{id}", `/api/v1/screeners/${created.id}`, 200);
    await conforms("POST", "/api/v1/screeners/{id}/versions", `/api/v1/screeners/${created.id}/versions`, 201, {
      name: "Doc screener",
      criteria: { minHours: 5 },
      baseVersion: 1,
    });
    await conforms("POST", "/api/v1/screeners/{id}/versions", `/api/v1/screeners/${created.id}/versions`, 200, {
      name: "Doc screener",
      criteria: { minHours: 5 },
    });
    await conforms("POST", "/api/v1/screeners/{id}/versions", `/api/v1/screeners/${created.id}/versions`, 409, {
      name: "Late",
      baseVersion: 1,
    });
    await conforms("GET", "/api/v1/screeners/{id}/versions", `/api/v1/screeners/${created.id}/versions`, 200);
    const refused = await conforms("POST", "/api/v1/screeners", "/api/v1/screeners", 400, { name: "Rates", criteria: { maxRate: 20 } });
    expect(refused.errors[0].path).toBe("criteria.maxRate");
    await conforms("GET", "/api/v1/screeners/{id}", "/api/v1/screeners/missing", 404);
    // The request body schema agrees with zod on a few samples.
    const input = doc.components.schemas.ScreenerInput;
    expect(validate(doc, input, { name: "ok", criteria: { languages: ["English", "es"] } })).toEqual([]);
    expect(validate(doc, input, { name: "ok", criteria: { tasks: [{ taskType: "NOPE", min: 1 }] } }).length).toBeGreaterThan(0);
    expect(validate(doc, input, { name: "ok", bogus: 1 }).length).toBeGreaterThan(0);
  });

  it("the checker itself catches a response that drifts from the schema", () => {
    const gig = doc.components.schemas.Gig;
    const sample = { ...Object.fromEntries(Object.keys(gig.properties).map((k) => [k, null])) };
    expect(validate(doc, gig, sample).length).toBeGreaterThan(0);
    expect(validate(doc, gig, {}).some((e) => e.includes('missing required "id"'))).toBe(true);
  });
});

// ---------------------------------------------------------------- redocly lint

const REDOCLY = path.join(process.cwd(), "node_modules", ".bin", "redocly");
const REDOCLY_CONFIG = path.join(process.cwd(), "redocly.yaml");

/**
 * Runs the real `redocly lint` binary (by path, not npx) with the checked-in redocly.yaml on a
 * document written to a temporary file, and returns its JSON report. Telemetry and the update
 * check are turned off: nothing may leave the machine.
 */
function redoclyLint(document: unknown): {
  totals: { errors: number; warnings: number };
  problems: { ruleId: string; severity: string; message: string; location: { pointer?: string }[] }[];
} {
  const dir = mkdtempSync(path.join(tmpdir(), "openapi-lint-"));
  try {
    const file = path.join(dir, "openapi.json");
    writeFileSync(file, JSON.stringify(document, null, 2));
    const run = spawnSync(REDOCLY, ["lint", file, "--config", REDOCLY_CONFIG, "--format", "json"], {
      encoding: "utf8",
      timeout: 60_000,
      env: { ...process.env, REDOCLY_TELEMETRY: "off", REDOCLY_SUPPRESS_UPDATE_NOTICE: "true", NO_COLOR: "1" },
    });
    expect(run.error, String(run.error)).toBeUndefined();
    const start = run.stdout.indexOf("{");
    expect(start, `no JSON report from redocly (exit ${run.status}): ${run.stderr.slice(-500)}`).toBeGreaterThanOrEqual(0);
    return JSON.parse(run.stdout.slice(start));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe("redocly lint (recommended rules, redocly.yaml)", () => {
  it("finds no errors in the served document", () => {
    const report = redoclyLint(doc);
    const errors = report.problems
      .filter((p) => p.severity === "error")
      .map((p) => `${p.ruleId}: ${p.message} at ${p.location[0]?.pointer ?? "?"}`);
    const warnings = report.problems
      .filter((p) => p.severity === "warn")
      .map((p) => `${p.ruleId}: ${p.message} at ${p.location[0]?.pointer ?? "?"}`);
    if (warnings.length) console.info(`[redocly] ${warnings.length} warnings:\n${warnings.join("\n")}`);
    expect(errors).toEqual([]);
    expect(report.totals.errors).toBe(0);
  }, 90_000);

  it("is a real check: a broken copy of the document fails it", () => {
    const broken = JSON.parse(JSON.stringify(doc));
    broken.paths["/api/v1/gigs"].get.responses["200"].content["application/json"].schema = { $ref: "#/components/schemas/NoSuchSchema" };
    delete broken.paths["/api/v1/gigs/{id}"].parameters;
    const report = redoclyLint(broken);
    const rules = report.problems.filter((p) => p.severity === "error").map((p) => p.ruleId);
    expect(rules).toContain("no-unresolved-refs");
    expect(rules).toContain("path-parameters-defined");
    expect(report.totals.errors).toBeGreaterThan(0);
  }, 90_000);
});
