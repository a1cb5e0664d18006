/**
 * A lab's webhook endpoints (issue 24): add one (URL + events; the signing secret is shown once, in
 * the one-time flash), disable/enable, rotate the secret, delete, and each endpoint's delivery log
 * (newest first, paged) with a replay button. Members of the lab and staff see the page; the lab's
 * owners and staff change it. Anyone else gets 404: another lab's endpoints are not even admitted to.
 */
import { getFormProps } from "@conform-to/react";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { decodeCursor, encodeCursor } from "~/api/pagination.server";
import {
  CheckboxesField,
  FormLevelErrors,
  InputField,
  RefusalMessage,
  type SubmissionResult,
  asSubmissionResult,
  parseSubmission,
  refusalResult,
  replyOptions,
  useAppForm,
  useResetKey,
} from "~/components/conform";
import { CsrfInput } from "~/components/csrf";
import { Time } from "~/components/time";
import { WEBHOOK_EVENTS, WEBHOOK_EVENT_LABELS, webhookDescriptionField, webhookEventsField, webhookUrlField } from "~/domain/webhooks";
import { redirectWithFlash, samePage } from "~/flash.server";
import { notFound, readForm } from "~/http.server";
import { canManageLab, canOwnLab, deny } from "~/permissions.server";
import { getLabBySlug } from "~/services/labs.server";
import {
  createEndpoint,
  deleteEndpoint,
  deliveryView,
  findEndpoint,
  listDeliveries,
  listEndpoints,
  replayDelivery,
  rotateSecret,
  setEndpointEnabled,
} from "~/services/webhooks.server";
import { requireUser } from "~/session.server";

export const meta: MetaFunction = () => [{ title: "Webhooks · Second Act" }];

const LOG_PAGE = 20;

async function guard(request: Request, slug?: string) {
  const user = await requireUser(request);
  const lab = slug ? await getLabBySlug(slug) : null;
  // Not this lab's member (nor staff): the page does not exist for them.
  if (!lab || !canManageLab(user, lab.id)) throw notFound("No such lab.");
  return { user, lab };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, lab } = await guard(request, params.slug);
  const url = new URL(request.url);
  const endpoints = await listEndpoints(lab.id);
  const selectedId = url.searchParams.get("endpoint") ?? "";
  const selected = selectedId ? await findEndpoint(lab.id, selectedId) : null;
  let log: { endpointId: string; url: string; deliveries: ReturnType<typeof deliveryView>[]; next: string | null } | null = null;
  if (selected) {
    const after = decodeCursor(url.searchParams.get("cursor") ?? "");
    const rows = await listDeliveries(selected.id, { limit: LOG_PAGE, after });
    const more = rows.length > LOG_PAGE;
    const kept = rows.slice(0, LOG_PAGE);
    log = {
      endpointId: selected.id,
      url: selected.url,
      deliveries: kept.map(deliveryView),
      next: more ? encodeCursor(kept[kept.length - 1]) : null,
    };
  }
  return {
    lab: { name: lab.name, slug: lab.slug },
    canManage: canOwnLab(user, lab.id),
    endpoints,
    log,
    eventOptions: WEBHOOK_EVENTS.map((e) => ({ value: e, label: `${e}: ${WEBHOOK_EVENT_LABELS[e]}` })),
  };
}

export const createWebhookSchema = z.object({
  intent: z.literal("create"),
  url: webhookUrlField,
  description: webhookDescriptionField,
  events: webhookEventsField,
});
export const endpointActionSchema = z.object({
  intent: z.enum(["enable", "disable", "rotate", "delete"]),
  endpointId: z.string().min(1).max(100),
});
export const replaySchema = z.object({ intent: z.literal("replay"), deliveryId: z.string().min(1).max(100) });

const DONE: Record<string, string> = {
  enable: "Endpoint enabled. Deliveries waiting for it will be sent.",
  disable: "Endpoint disabled. Events are no longer queued for it.",
  delete: "Endpoint deleted, with its delivery log.",
};

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { user, lab } = await guard(request, params.slug);
  const form = await readForm(request, context);
  if (!canOwnLab(user, lab.id)) deny("Only the lab's owners can change its webhooks.");
  const actor = { id: user.id, role: user.role, ip: context?.ip };
  const intent = form.get("intent");
  if (intent === "create") {
    const submission = parseSubmission(form, createWebhookSchema);
    if (submission.status !== "success") return data(submission.reply({ hideFields: ["_csrf"] }), { status: 400 });
    const created = await createEndpoint(lab.id, submission.value, actor);
    if (!created.ok)
      return data(submission.reply(replyOptions(created.errors ?? { _form: [created.message] })), {
        status: 400,
      });
    return redirectWithFlash(request, `/labs/${lab.slug}/webhooks`, "Endpoint added. Copy its signing secret now: it is shown only once.", {
      secret: created.secret,
    });
  }
  if (intent === "enable" || intent === "disable" || intent === "rotate" || intent === "delete") {
    const submission = parseSubmission(form, endpointActionSchema);
    if (submission.status !== "success") return data(submission.reply({ hideFields: ["_csrf"] }), { status: 400 });
    const { endpointId } = submission.value;
    if (intent === "rotate") {
      const rotated = await rotateSecret(lab.id, endpointId, actor);
      if (!rotated.ok) return data(submission.reply(replyOptions({ _form: [rotated.message] })), { status: 400 });
      return redirectWithFlash(
        request,
        samePage(request),
        "New signing secret. Copy it now: it is shown only once, and the old one no longer signs.",
        { secret: rotated.secret },
      );
    }
    const r =
      intent === "delete"
        ? await deleteEndpoint(lab.id, endpointId, actor)
        : await setEndpointEnabled(lab.id, endpointId, intent === "enable", actor);
    if (!r.ok) return data(submission.reply(replyOptions({ _form: [r.message] })), { status: 400 });
    return redirectWithFlash(request, intent === "delete" ? `/labs/${lab.slug}/webhooks` : samePage(request), DONE[intent]);
  }
  if (intent === "replay") {
    const submission = parseSubmission(form, replaySchema);
    if (submission.status !== "success") return data(submission.reply({ hideFields: ["_csrf"] }), { status: 400 });
    const r = await replayDelivery(lab.id, submission.value.deliveryId, actor);
    if (!r.ok) return data(submission.reply(replyOptions({ _form: [r.message] })), { status: 400 });
    return redirectWithFlash(request, samePage(request), "Delivery queued again with the same event id.");
  }
  return data(refusalResult({ _form: ["Unknown action."] }), { status: 400 });
}

function CreateForm({ lastResult, options }: { lastResult?: SubmissionResult<string[]>; options: { value: string; label: string }[] }) {
  const busy = useNavigation().state === "submitting";
  const [form, fields] = useAppForm({ id: "create-webhook", schema: createWebhookSchema, lastResult, shouldValidate: "onSubmit" });
  return (
    <Form method="post" className="stack card" {...getFormProps(form)} aria-labelledby="create-webhook-h">
      <CsrfInput />
      <input type="hidden" name="intent" value="create" />
      <h2 id="create-webhook-h">Add an endpoint</h2>
      <FormLevelErrors form={form} />
      <InputField
        field={fields.url}
        label="URL"
        type="url"
        required
        autoComplete="off"
        hint="An https:// address that accepts POST requests with a JSON body."
        autoFocus={Boolean(fields.url.errors?.length)}
      />
      <InputField
        field={fields.description}
        label="Description"
        maxLength={200}
        autoComplete="off"
        hint="Optional: what receives these events."
      />
      <CheckboxesField field={fields.events} label="Events" options={options} autoFocus={Boolean(fields.events.errors?.length)} />
      <p>
        <button type="submit" disabled={busy}>
          Add endpoint
        </button>
      </p>
    </Form>
  );
}

function EndpointButton({
  endpointId,
  intent,
  label,
  danger,
  lastResult,
}: {
  endpointId: string;
  intent: string;
  label: string;
  danger?: boolean;
  lastResult?: SubmissionResult<string[]>;
}) {
  const [form] = useAppForm({ id: `${intent}-${endpointId}`, schema: endpointActionSchema, lastResult });
  return (
    <Form method="post" {...getFormProps(form)} className="inline">
      <CsrfInput />
      <input type="hidden" name="intent" value={intent} />
      <input type="hidden" name="endpointId" value={endpointId} />
      <FormLevelErrors form={form} />
      <button type="submit" className={danger ? "small danger" : "small secondary"}>
        {label}
      </button>
    </Form>
  );
}

function ReplayButton({ deliveryId, lastResult }: { deliveryId: string; lastResult?: SubmissionResult<string[]> }) {
  const [form] = useAppForm({ id: `replay-${deliveryId}`, schema: replaySchema, lastResult });
  return (
    <Form method="post" {...getFormProps(form)}>
      <CsrfInput />
      <input type="hidden" name="intent" value="replay" />
      <input type="hidden" name="deliveryId" value={deliveryId} />
      <FormLevelErrors form={form} />
      <button type="submit" className="small secondary" aria-label={`Replay delivery ${deliveryId}`}>
        Replay
      </button>
    </Form>
  );
}

const STATUS_PILL: Record<string, string> = { SUCCEEDED: "ok", PENDING: "warn", FAILED: "bad" };

export default function Webhooks() {
  const { lab, endpoints, canManage, log, eventOptions } = useLoaderData<typeof loader>();
  const result = asSubmissionResult(useActionData<typeof action>());
  const resetKey = useResetKey();
  const answered = result?.initialValue;
  const base = `/labs/${lab.slug}/webhooks`;
  return (
    <section className="stack">
      <h1>Webhooks for {lab.name}</h1>
      <p className="muted">
        Second Act POSTs a signed JSON event to each endpoint when something happens on your lab's gigs. Check the{" "}
        <code>Webhook-Signature</code> header with the endpoint's secret (the README shows how) and refuse timestamps older than five
        minutes. Failed deliveries are retried with growing pauses; events about one application arrive in order.
      </p>
      {result && !answered && <RefusalMessage result={result} />}
      {canManage ? (
        <CreateForm key={resetKey} options={eventOptions} lastResult={answered?.intent === "create" ? result : undefined} />
      ) : (
        <p className="alert warn">Only the lab's owners can add or change endpoints.</p>
      )}
      <h2>Endpoints</h2>
      {endpoints.length === 0 ? (
        <p className="empty">No endpoints yet.</p>
      ) : (
        <ul className="card-grid">
          {endpoints.map((e) => {
            const mine = answered && "endpointId" in answered && answered.endpointId === e.id ? result : undefined;
            return (
              <li key={e.id} id={`endpoint-${e.id}`} className="card stack">
                <p className="wrap-anywhere">
                  <strong>{e.url}</strong>{" "}
                  {e.enabled ? <span className="pill ok">enabled</span> : <span className="pill bad">disabled</span>}
                </p>
                {e.description && <p>{e.description}</p>}
                {!e.enabled && e.disabledReason && (
                  <p className="alert warn">
                    {e.disabledReason}{" "}
                    {e.disabledAt && (
                      <>
                        (<Time iso={e.disabledAt} />)
                      </>
                    )}
                  </p>
                )}
                <p className="muted wrap-anywhere">
                  Events: {e.events.join(", ")}. Secret <code>{e.secretHint}</code>. Added <Time iso={e.createdAt} />.
                  {e.consecutiveFailures > 0 && <> {e.consecutiveFailures} failed deliveries in a row.</>}
                </p>
                <div className="row">
                  <Link to={`${base}?endpoint=${e.id}#log`} className="button small secondary">
                    Delivery log
                  </Link>
                  {canManage && (
                    <>
                      <EndpointButton
                        endpointId={e.id}
                        intent={e.enabled ? "disable" : "enable"}
                        label={e.enabled ? "Disable" : "Enable"}
                        lastResult={mine}
                      />
                      <EndpointButton endpointId={e.id} intent="rotate" label="Rotate secret" />
                      <EndpointButton endpointId={e.id} intent="delete" label="Delete" danger />
                    </>
                  )}
                </div>
              </li>
            );
          })}
        </ul>
      )}
      {log && (
        <section className="stack" id="log" aria-labelledby="log-h">
          <h2 id="log-h" className="wrap-anywhere">
            Deliveries to {log.url}
          </h2>
          {log.deliveries.length === 0 ? (
            <p className="empty">No deliveries yet.</p>
          ) : (
            <div className="table-scroll">
              <table className="records">
                <thead>
                  <tr>
                    <th>Event</th>
                    <th>Status</th>
                    <th>Attempts</th>
                    <th>Response</th>
                    <th>Last attempt</th>
                    <th>Next attempt</th>
                    {canManage && <th>Replay</th>}
                  </tr>
                </thead>
                <tbody>
                  {log.deliveries.map((d) => (
                    <tr key={d.id} id={`delivery-${d.id}`}>
                      <td data-label="Event">
                        {d.eventType}
                        <br />
                        <code className="muted">{d.eventId}</code>
                        {d.replayOf && <span className="muted"> (replay)</span>}
                      </td>
                      <td data-label="Status">
                        <span className={`pill ${STATUS_PILL[d.status] ?? ""}`}>{d.status.toLowerCase()}</span>
                      </td>
                      <td data-label="Attempts">{d.attempts}</td>
                      <td data-label="Response" className="wrap-anywhere">
                        {d.responseStatus ?? "none"}
                        {d.durationMs !== null && <> in {d.durationMs} ms</>}
                        {d.lastError && (
                          <>
                            <br />
                            <span className="muted">{d.lastError}</span>
                          </>
                        )}
                      </td>
                      <td data-label="Last attempt">{d.lastAttemptAt ? <Time iso={d.lastAttemptAt} /> : "not yet"}</td>
                      <td data-label="Next attempt">{d.nextAttemptAt ? <Time iso={d.nextAttemptAt} /> : "none"}</td>
                      {canManage && (
                        <td data-label="Replay">
                          <ReplayButton
                            deliveryId={d.id}
                            lastResult={answered?.intent === "replay" && answered.deliveryId === d.id ? result : undefined}
                          />
                        </td>
                      )}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          {log.next && (
            <p>
              <Link to={`${base}?endpoint=${log.endpointId}&cursor=${log.next}#log`}>Older deliveries</Link>
            </p>
          )}
        </section>
      )}
    </section>
  );
}
