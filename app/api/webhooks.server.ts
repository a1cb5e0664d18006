/**
 * Handlers behind /api/v1/webhooks (issue 24): list and create endpoints, read and delete one, its
 * delivery log (cursor-paginated, newest first) and replaying a delivery. Scoped to the token's lab:
 * another lab's endpoint or delivery answers 404. Wire shapes are zod schemas (the OpenAPI
 * document is generated from them).
 */
import { z } from "zod";
import { WEBHOOK_EVENTS, webhookDescriptionField, webhookEventsField, webhookUrlField } from "~/domain/webhooks";
import { errorList, type Failure } from "~/services/result";
import {
  createEndpoint,
  deleteEndpoint,
  deliveryView,
  endpointDeliveryId,
  findEndpoint,
  listDeliveries,
  listEndpoints,
  replayDelivery,
  toView,
} from "~/services/webhooks.server";
import type { ApiContext } from "./auth.server";
import { readJsonObject } from "./body.server";
import { encodeCursor, readPageParams } from "./pagination.server";
import { ApiProblem, issuesToErrors, jsonResponse, validationProblem } from "./problem.server";

const isoDateTime = z.iso.datetime();

export const webhookInputSchema = z
  .object({
    url: webhookUrlField.describe("https:// URL that receives POSTed events (http:// only for localhost on a local run)."),
    description: webhookDescriptionField.optional(),
    events: webhookEventsField.describe("Event types to receive."),
  })
  .strict();

export const webhookEndpointSchema = z
  .object({
    id: z.string(),
    url: z.string(),
    description: z.string(),
    events: z.array(z.enum(WEBHOOK_EVENTS)),
    enabled: z.boolean(),
    disabledAt: isoDateTime.nullable(),
    disabledReason: z.string().nullable(),
    secretHint: z.string().describe("The first characters of the signing secret."),
    consecutiveFailures: z.int(),
    createdAt: isoDateTime,
  })
  .strict();

export const webhookCreatedSchema = webhookEndpointSchema.extend({
  secret: z.string().describe("The signing secret. Returned only here (and when rotated in the UI): store it now."),
});

export const webhookListSchema = z.object({ data: z.array(webhookEndpointSchema) }).strict();

export const webhookDeliverySchema = z
  .object({
    id: z.string(),
    eventId: z.string().describe("Sent as the Webhook-Id header; the same for a replay."),
    eventType: z.enum(WEBHOOK_EVENTS),
    status: z.enum(["PENDING", "SUCCEEDED", "FAILED"]).describe("FAILED = abandoned after the last attempt."),
    attempts: z.int(),
    responseStatus: z.int().nullable(),
    durationMs: z.int().nullable(),
    lastError: z.string().nullable(),
    lastAttemptAt: isoDateTime.nullable(),
    nextAttemptAt: isoDateTime.nullable(),
    replayOf: z.string().nullable(),
    createdAt: isoDateTime,
  })
  .strict();

export const webhookDeliveryListSchema = z.object({ data: z.array(webhookDeliverySchema), nextCursor: z.string().nullable() }).strict();

function refusal(r: Failure): ApiProblem {
  if (r.status === 404) return new ApiProblem(404, "not-found", r.message);
  if (r.errors) return validationProblem(errorList(r.errors));
  const code = r.code ?? "REFUSED";
  return new ApiProblem(r.status, code.toLowerCase().replace(/_/g, "-"), r.message, { title: "Request refused", code });
}

async function labEndpoint(api: ApiContext, id: string | undefined) {
  const endpoint = id ? await findEndpoint(api.labId, id) : null;
  if (!endpoint) throw new ApiProblem(404, "not-found", "No such webhook endpoint.");
  return endpoint;
}

export async function listWebhooks(_request: Request, api: ApiContext): Promise<Response> {
  return jsonResponse({ data: await listEndpoints(api.labId) });
}

export async function createWebhook(request: Request, api: ApiContext): Promise<Response> {
  const body = await readJsonObject(request);
  const parsed = webhookInputSchema.safeParse(body.value);
  if (!parsed.success) throw validationProblem(issuesToErrors(parsed.error));
  const created = await createEndpoint(api.labId, { ...parsed.data, description: parsed.data.description ?? "" }, api.actor);
  if (!created.ok) throw refusal(created);
  return jsonResponse({ ...created.endpoint, secret: created.secret }, 201, { Location: `/api/v1/webhooks/${created.endpoint.id}` });
}

export async function getWebhook(_request: Request, api: ApiContext, id: string | undefined): Promise<Response> {
  return jsonResponse(toView(await labEndpoint(api, id)));
}

export async function removeWebhook(_request: Request, api: ApiContext, id: string | undefined): Promise<Response> {
  const endpoint = await labEndpoint(api, id);
  const r = await deleteEndpoint(api.labId, endpoint.id, api.actor);
  if (!r.ok) throw refusal(r);
  return jsonResponse({ id: endpoint.id, deleted: true });
}

export async function listWebhookDeliveries(request: Request, api: ApiContext, id: string | undefined): Promise<Response> {
  const endpoint = await labEndpoint(api, id);
  const { limit, after } = readPageParams(new URL(request.url));
  const rows = await listDeliveries(endpoint.id, { limit, after });
  const more = rows.length > limit;
  const kept = rows.slice(0, limit);
  return jsonResponse({ data: kept.map(deliveryView), nextCursor: more ? encodeCursor(kept[kept.length - 1]) : null });
}

export async function replayWebhookDelivery(
  _request: Request,
  api: ApiContext,
  id: string | undefined,
  deliveryId: string | undefined,
): Promise<Response> {
  const endpoint = await labEndpoint(api, id);
  const original = deliveryId ? await endpointDeliveryId(endpoint.id, deliveryId) : null;
  if (!original) throw new ApiProblem(404, "not-found", "No such delivery for this endpoint.");
  const r = await replayDelivery(api.labId, original, api.actor);
  if (!r.ok) throw refusal(r);
  return jsonResponse(r.delivery, 202);
}
