/** Handlers behind the /api/v1 gig routes. Every lookup is scoped to the caller's lab. */
import type { Tx } from "~/db.server";
import { GIG_STATUSES, type GigStatus, gigEditSchema, gigInputSchema } from "~/domain/gigs";
import { fromMinorUnits } from "~/domain/pay";
import { missingTerms } from "~/domain/terms";
import type { Gig } from "~/generated/prisma/client";
import {
  changeGigStatus,
  createGigInTx,
  gigApplicantsPage,
  gigTermChanges,
  gigToInput,
  labGigOrNull,
  labGigsPage,
  updateGig,
} from "~/services/gigs.server";
import { errorList } from "~/services/result";
import type { ApiContext } from "./auth.server";
import { readJsonObject } from "./body.server";
import { idempotent, inTransaction, readIdempotencyKey, requestHash } from "./idempotency.server";
import { afterWhere, page, readPageParams } from "./pagination.server";
import { ApiProblem, type FieldError, issuesToErrors, jsonResponse, notFound, validationProblem } from "./problem.server";
import { applicantToJson, gigToJson, statusChangeSchema, termChangeToJson } from "./schemas.server";

const FIELD_HINTS: Record<string, string> = {
  status: "Unknown field: change the status with POST /api/v1/gigs/{id}/status.",
  id: "Unknown field: the id is assigned by the server.",
};

export const gigPath = (id: string) => `/api/v1/gigs/${encodeURIComponent(id)}`;

/** The caller's gig or a 404 (a gig of another lab is indistinguishable from a missing one). */
async function findLabGig(api: ApiContext, id: string | undefined): Promise<Gig> {
  if (!id || id.length > 100) throw notFound();
  const gig = await labGigOrNull(api.labId, id);
  if (!gig) throw notFound();
  return gig;
}

export async function listGigs(request: Request, api: ApiContext): Promise<Response> {
  const url = new URL(request.url);
  const { limit, after } = readPageParams(url);
  const status = url.searchParams.get("status");
  if (status !== null && !(GIG_STATUSES as readonly string[]).includes(status)) {
    throw new ApiProblem(400, "invalid-query", "The query parameters are invalid.", {
      title: "Invalid request",
      errors: [{ path: "status", message: `status must be one of ${GIG_STATUSES.join(", ")}.` }],
    });
  }
  const rows = await labGigsPage(api.labId, status ? (status as GigStatus) : null, afterWhere(after), limit + 1);
  return jsonResponse(page(rows, limit, gigToJson));
}

export async function createGig(request: Request, api: ApiContext): Promise<Response> {
  const key = readIdempotencyKey(request);
  const body = await readJsonObject(request);
  const parsed = gigInputSchema.safeParse(body.value);
  if (!parsed.success) throw validationProblem(issuesToErrors(parsed.error, FIELD_HINTS));
  const work = async (tx: Tx) => {
    const gig = await createGigInTx(tx, api.labId, parsed.data, api.actor);
    return { status: 201, body: gigToJson(gig), headers: { Location: gigPath(gig.id) } };
  };
  if (!key) {
    const result = await inTransaction(work);
    return jsonResponse(result.body, result.status, result.headers);
  }
  return idempotent(
    {
      scope: api.tokenId,
      key,
      hash: requestHash("POST", "/api/v1/gigs", body.value),
      replayHeaders: (stored): Record<string, string> => {
        const id = (stored as { id?: unknown })?.id;
        return typeof id === "string" ? { Location: gigPath(id) } : {};
      },
    },
    work,
  );
}

export async function getGig(api: ApiContext, id: string | undefined): Promise<Response> {
  return jsonResponse(gigToJson(await findLabGig(api, id)));
}

function closedProblem(): ApiProblem {
  return new ApiProblem(409, "gig-closed", "A closed gig is final and cannot be edited.", { code: "CLOSED" });
}

export async function patchGig(request: Request, api: ApiContext, id: string | undefined): Promise<Response> {
  const gig = await findLabGig(api, id);
  if (gig.status === "CLOSED") throw closedProblem();
  const body = await readJsonObject(request);
  const patch: Record<string, unknown> = { ...body.value };
  // Stored amounts are minor units; convert them with the currency's real precision (JPY has none),
  // so fields the client did not send survive the merge unchanged.
  if (!("payAmount" in patch)) patch.payAmount = gig.payAmountCents == null ? null : fromMinorUnits(gig.payAmountCents, gig.payCurrency);
  if (!("screeningRate" in patch))
    patch.screeningRate = gig.screeningRateCents == null ? null : fromMinorUnits(gig.screeningRateCents, gig.payCurrency);
  const parsed = gigEditSchema.safeParse({ ...gigToInput(gig), ...patch });
  if (!parsed.success) throw validationProblem(issuesToErrors(parsed.error, FIELD_HINTS));
  const result = await updateGig(gig.id, patch, api.actor, { merge: true });
  if (!result.ok) {
    if (result.status === 404) throw notFound();
    if (result.status === 409) throw closedProblem();
    if (result.code === "TERMS_REASON_REQUIRED") {
      const detail = result.errors.changeReason?.[0] ?? "This change breaks the promised terms: give a reason.";
      throw new ApiProblem(422, "terms-reason-required", detail, {
        title: "Change against the promised terms needs a reason",
        code: result.code,
        errors: [{ path: "changeReason", message: detail }],
      });
    }
    throw validationProblem(errorList(result.errors));
  }
  return jsonResponse(gigToJson(result.gig));
}

/** Which input field each publish problem (app/domain/gigs.ts publishProblems) is about. */
const PROBLEM_FIELDS: [RegExp, string][] = [
  [/task type/i, "taskTypes"],
  [/minutes per task/i, "minutesPerTask"],
  [/pay rate/i, "payAmount"],
  [/disclosure|what model/i, "disclosureTrains"],
  [/creative work|generate scripts/i, "disclosureCreativeUse"],
  [/retain/i, "disclosureRetention"],
];

function problemField(message: string): string {
  return PROBLEM_FIELDS.find(([re]) => re.test(message))?.[1] ?? "status";
}

export async function changeStatus(request: Request, api: ApiContext, id: string | undefined): Promise<Response> {
  const gig = await findLabGig(api, id);
  const body = await readJsonObject(request);
  const parsed = statusChangeSchema.safeParse(body.value);
  if (!parsed.success) throw validationProblem(issuesToErrors(parsed.error));
  const { status, reason, acknowledgeLowPay } = parsed.data;
  // Asking for the status the gig already has is a no-op, so a retried request is safe.
  if (gig.status === status) return jsonResponse(gigToJson(gig));
  const result = await changeGigStatus(gig.id, status, api.actor, { reason: reason ?? null, acknowledgeLowPay });
  if (result.ok) return jsonResponse(gigToJson(result.gig));
  if (result.status === 404) throw notFound();
  const messages = result.errors.status ?? Object.values(result.errors).flat();
  const [detail = "The status change was refused.", ...problems] = messages;
  const code = result.code ?? "REFUSED";
  if (code === "EMAIL_NOT_CONFIRMED") {
    throw new ApiProblem(403, "email-not-confirmed", detail, { title: "Email address not confirmed", code });
  }
  if (code === "NOT_ALLOWED" || result.status === 409) {
    throw new ApiProblem(409, "status-not-allowed", detail, { title: "Status change not allowed", code });
  }
  const errors: FieldError[] =
    code === "INCOMPLETE"
      ? problems.flatMap((message) =>
          /engagement terms/i.test(message)
            ? missingTerms(gig).map(([path, words]) => ({ path, message: `Set the ${words} before opening.` }))
            : [{ path: problemField(message), message }],
        )
      : code === "REASON_REQUIRED"
        ? [{ path: "reason", message: detail }]
        : code === "LOW_PAY_UNACKNOWLEDGED"
          ? [{ path: "acknowledgeLowPay", message: `${detail} Send acknowledgeLowPay: true to open it anyway.` }]
          : [{ path: "status", message: detail }];
  throw new ApiProblem(422, `status-${code.toLowerCase().replace(/_/g, "-")}`, detail, {
    title: "Status change refused",
    code,
    ...(problems.length ? { problems } : {}),
    errors,
  });
}

export async function listApplicants(request: Request, api: ApiContext, id: string | undefined): Promise<Response> {
  const gig = await findLabGig(api, id);
  const { limit, after } = readPageParams(new URL(request.url));
  // Only what labs may see: never rates, demographics, contact details or notes (the service's select).
  const rows = await gigApplicantsPage(gig.id, afterWhere(after), limit + 1);
  return jsonResponse(page(rows, limit, applicantToJson));
}

export async function listTermChanges(api: ApiContext, id: string | undefined): Promise<Response> {
  const gig = await findLabGig(api, id);
  const rows = await gigTermChanges(gig.id);
  return jsonResponse({ data: rows.map(termChangeToJson) });
}
