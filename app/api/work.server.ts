/**
 * Handlers behind /api/v1/gigs/{id}/work-entries and /api/v1/gigs/{id}/queue-status. Scoped to the
 * caller's lab: another lab's gig (or a person not on this gig) answers 404.
 *
 * Ledger entries are idempotent two ways: an Idempotency-Key header (the whole response is
 * replayed) or a clientEntryId in the body (the stored entry is returned with 200 instead of 201).
 */
import { z } from "zod";
import type { Tx } from "~/db.server";
import { workEntryInputSchema } from "~/domain/work";
import type { ActingUser } from "~/services/applications.server";
import { labGigOrNull } from "~/services/gigs.server";
import { errorList, type Failure } from "~/services/result";
import { entryToJson, recordWork, setQueueStatus, workEntriesForGig } from "~/services/work.server";
import type { ApiContext } from "./auth.server";
import { readJsonObject } from "./body.server";
import { idempotent, inTransaction, readIdempotencyKey, requestHash } from "./idempotency.server";
import { ApiProblem, issuesToErrors, jsonResponse, notFound, validationProblem } from "./problem.server";
import { queueStatusBodySchema } from "./work-schemas.server";

export const workEntriesPath = (gigId: string) => `/api/v1/gigs/${encodeURIComponent(gigId)}/work-entries`;

async function findLabGig(api: ApiContext, id: string | undefined) {
  if (!id || id.length > 100) throw notFound();
  const gig = await labGigOrNull(api.labId, id);
  if (!gig) throw notFound();
  return gig;
}

/** The token acts as a member of its lab; the audit log records the token's creator. */
const actingFor = (api: ApiContext): ActingUser => ({ id: api.actor.id ?? "", role: "LAB_MEMBER", labId: api.labId, ip: api.actor.ip });

function refusal(r: Failure): ApiProblem {
  if (r.status === 404) return notFound(r.message);
  const code = r.code ?? "REFUSED";
  const errors = r.errors ? errorList(r.errors) : [];
  return new ApiProblem(r.status, code.toLowerCase().replace(/_/g, "-"), r.message, {
    title: "Request refused",
    code,
    ...(errors.length ? { errors } : {}),
  });
}

export async function createWorkEntry(request: Request, api: ApiContext, id: string | undefined): Promise<Response> {
  const gig = await findLabGig(api, id);
  const key = readIdempotencyKey(request);
  const body = await readJsonObject(request);
  const parsed = workEntryInputSchema.safeParse(body.value);
  if (!parsed.success) throw validationProblem(issuesToErrors(parsed.error));
  const work = async (tx: Tx) => {
    const r = await recordWork(gig.id, parsed.data, actingFor(api), { source: "LAB", tx });
    // Thrown, so the transaction (and an Idempotency-Key claim) rolls back: nothing half-written.
    if (!r.ok) throw refusal(r);
    return {
      status: r.replayed ? 200 : 201,
      body: entryToJson(r.entry),
      headers: { Location: `${workEntriesPath(gig.id)}/${r.entry.id}` },
    };
  };
  if (!key) {
    const result = await inTransaction(work);
    return jsonResponse(result.body, result.status, result.headers);
  }
  return idempotent({ scope: api.tokenId, key, hash: requestHash("POST", workEntriesPath(gig.id), body.value) }, work);
}

const listQuery = z.object({ applicationId: z.string().min(1).max(100).optional() });

export async function listWorkEntries(request: Request, api: ApiContext, id: string | undefined): Promise<Response> {
  const gig = await findLabGig(api, id);
  const q = listQuery.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!q.success)
    throw new ApiProblem(400, "invalid-query", "The query parameters are invalid.", {
      title: "Invalid request",
      errors: issuesToErrors(q.error),
    });
  const rows = await workEntriesForGig(gig.id, q.data.applicationId);
  return jsonResponse({ data: rows.map(entryToJson) });
}

export async function putQueueStatus(request: Request, api: ApiContext, id: string | undefined): Promise<Response> {
  const gig = await findLabGig(api, id);
  const body = await readJsonObject(request);
  const parsed = queueStatusBodySchema.safeParse(body.value);
  if (!parsed.success) throw validationProblem(issuesToErrors(parsed.error));
  const { applicationIds, ...status } = parsed.data;
  const r = await setQueueStatus(gig.id, applicationIds ?? null, status, actingFor(api));
  if (!r.ok) throw refusal(r);
  return jsonResponse({ updated: r.updated, applicationIds: r.applicationIds, status });
}
