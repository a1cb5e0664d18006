/**
 * /api/v1/screeners: a lab's saved screeners through its API token (app/services/screeners.server.ts
 * does the work; the token sees only its own lab's screeners, like a member in the browser).
 */
import { z } from "zod";
import { screenerInputSchema, screenerVersionInputSchema } from "~/domain/screeners";
import { TASK_TYPE_KEYS } from "~/domain/taxonomy";
import {
  type ScreenerView,
  type ScreenerViewer,
  createScreener,
  eligibleCount,
  getScreener,
  inviteFromScreener,
  listScreeners,
  saveScreenerVersion,
  screenerVersions,
} from "~/services/screeners.server";
import type { ApiContext } from "./auth.server";
import { readJsonObject } from "./body.server";
import { type Failure, errorList } from "~/services/result";
import { ApiProblem, issuesToErrors, jsonResponse, validationProblem } from "./problem.server";

const isoDateTime = z.iso.datetime().describe("ISO 8601 timestamp in UTC.");

export const screenerCriteriaOutSchema = z
  .object({
    tasks: z
      .array(z.object({ taskType: z.enum(TASK_TYPE_KEYS), min: z.int().min(0).max(100) }).strict())
      .describe("Minimum transfer score per task type; the first one sorts the results."),
    languages: z.array(z.string()).describe("ISO 639 codes the person must all work in."),
    minHours: z.int().nullable().describe("Weekly hours available, at least."),
    tzMin: z.int().nullable().describe("Current UTC offset window start, in whole hours."),
    tzMax: z.int().nullable().describe("Current UTC offset window end, in whole hours."),
    verifiedOnly: z.boolean(),
    maxRate: z.number().nullable().describe("Coordinators' screeners only; always null for a lab's screener."),
  })
  .strict();

export const screenerSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    version: z.int().describe("The current version; every edit that changes something adds one."),
    criteria: screenerCriteriaOutSchema,
    eligibleCount: z
      .int()
      .nullable()
      .describe("How many people the screener finds right now (the talent search's own total); null while search is unavailable."),
    talentSearchPath: z.string().describe("The talent search page showing exactly these people (for a signed-in lab member)."),
    createdAt: isoDateTime,
    updatedAt: isoDateTime,
  })
  .strict();

export const screenerListSchema = z.object({ data: z.array(screenerSchema) }).strict();

export const screenerVersionSchema = z
  .object({
    version: z.int(),
    name: z.string(),
    criteria: screenerCriteriaOutSchema,
    changes: z.array(z.string()).describe("What this version changed, in words (empty for version 1)."),
    savedBy: z.string().describe("Who saved it."),
    createdAt: isoDateTime,
  })
  .strict();

export const screenerVersionListSchema = z.object({ data: z.array(screenerVersionSchema) }).strict();

export const screenerInvitationInputSchema = z
  .object({
    gigId: z.string().min(1).max(100).describe("An open gig of your lab."),
    profileId: z.string().min(1).max(100).describe("A person the screener finds (an id from the talent search)."),
  })
  .strict();

export const screenerInvitationSchema = z.object({ applicationId: z.string() }).strict();

export const screenerPath = (id: string) => `/api/v1/screeners/${encodeURIComponent(id)}`;

const viewerOf = (api: ApiContext): ScreenerViewer => ({ owner: "LAB", labId: api.labId, userId: api.actor.id, ip: api.actor.ip });

function toJson(s: ScreenerView, count: number | null): z.output<typeof screenerSchema> {
  return {
    id: s.id,
    name: s.name,
    version: s.version,
    criteria: { ...s.criteria, maxRate: null },
    eligibleCount: count,
    talentSearchPath: `/talent?${s.query}`,
    createdAt: s.createdAt.toISOString(),
    updatedAt: s.updatedAt.toISOString(),
  };
}

const notFound = () => new ApiProblem(404, "not-found", "No such screener.");

async function find(api: ApiContext, id: string | undefined): Promise<ScreenerView> {
  if (!id || id.length > 100) throw notFound();
  const s = await getScreener(id, viewerOf(api));
  if (!s) throw notFound();
  return s;
}

function serviceProblem(r: Failure): ApiProblem {
  if (r.status === 404) return notFound();
  if (r.status === 409) return new ApiProblem(409, "stale-version", r.message, { title: "Edited meanwhile", code: r.code });
  const errors = errorList(r.errors ?? {}, (field) => `criteria.${field}`);
  return new ApiProblem(r.status === 403 ? 403 : 400, r.status === 403 ? "forbidden" : "validation", r.message, {
    title: "Invalid request",
    code: r.code,
    errors,
  });
}

export async function listScreenersApi(api: ApiContext): Promise<Response> {
  const rows = await listScreeners(viewerOf(api));
  return jsonResponse({ data: rows.map((s) => toJson(s, s.eligible)) });
}

export async function createScreenerApi(request: Request, api: ApiContext): Promise<Response> {
  const body = await readJsonObject(request);
  const parsed = screenerInputSchema.safeParse(body.value);
  if (!parsed.success) throw validationProblem(issuesToErrors(parsed.error));
  const r = await createScreener(parsed.data, viewerOf(api));
  if (!r.ok) throw serviceProblem(r);
  return jsonResponse(toJson(r.screener, await eligibleCount(r.screener)), 201, { Location: screenerPath(r.screener.id) });
}

export async function getScreenerApi(api: ApiContext, id: string | undefined): Promise<Response> {
  const s = await find(api, id);
  return jsonResponse(toJson(s, await eligibleCount(s)));
}

export async function saveVersionApi(request: Request, api: ApiContext, id: string | undefined): Promise<Response> {
  await find(api, id);
  const body = await readJsonObject(request);
  const parsed = screenerVersionInputSchema.safeParse(body.value);
  if (!parsed.success) throw validationProblem(issuesToErrors(parsed.error));
  const r = await saveScreenerVersion(id as string, parsed.data, viewerOf(api));
  if (!r.ok) throw serviceProblem(r);
  return jsonResponse(toJson(r.screener, await eligibleCount(r.screener)), r.changed ? 201 : 200, {
    Location: screenerPath(r.screener.id),
  });
}

export async function listVersionsApi(api: ApiContext, id: string | undefined): Promise<Response> {
  const s = await find(api, id);
  const versions = await screenerVersions(s.id);
  return jsonResponse({
    data: versions.map((v) => ({
      version: v.version,
      name: v.name,
      criteria: { ...v.criteria, maxRate: null },
      changes: v.changes,
      savedBy: v.by,
      createdAt: v.at.toISOString(),
    })),
  });
}

export async function inviteApi(request: Request, api: ApiContext, id: string | undefined): Promise<Response> {
  const s = await find(api, id);
  const body = await readJsonObject(request);
  const parsed = screenerInvitationInputSchema.safeParse(body.value);
  if (!parsed.success) throw validationProblem(issuesToErrors(parsed.error));
  const r = await inviteFromScreener(s.id, parsed.data.profileId, parsed.data.gigId, viewerOf(api));
  if (r.ok) return jsonResponse({ applicationId: r.applicationId }, 201);
  if (r.status === 404) throw new ApiProblem(404, "not-found", r.message);
  if (r.status === 403) throw new ApiProblem(403, "forbidden", r.message, { code: r.code });
  throw new ApiProblem(409, "not-invited", r.message, { title: "Not invited", code: r.code });
}
