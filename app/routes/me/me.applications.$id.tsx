import { getFormProps } from "@conform-to/react";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useRouteLoaderData } from "@remix-run/react";
import type { ReactNode } from "react";
import { z } from "zod";
import {
  FocusedFormErrors,
  InputField,
  RefusalMessage,
  type SubmissionResult,
  TextareaField,
  asSubmissionResult,
  firstErrorField,
  parseSubmission,
  replyOptions,
  useAppForm,
  useResetKey,
} from "~/components/conform";
import { CsrfInput } from "~/components/csrf";
import { LEGAL_TEXTS } from "~/domain/legal";
import {
  type Stage,
  allowedTransitions,
  normalizeChecklist,
  overdueNotice,
  progress,
  reminderSentAt,
  stageLabel,
} from "~/domain/onboarding";
import { notFound, readForm } from "~/http.server";
import { ownsApplication, requireProfessional } from "~/permissions.server";
import { openAppeal } from "~/services/appeals.server";
import { applicationForTracker, applyChecklistAction, transitionApplication } from "~/services/applications.server";
import { loadSlaTable } from "~/services/sla.server";
import { redirectWithFlash, samePage } from "~/flash.server";
import { Time } from "~/components/time";
import { TermChangesNotice } from "~/components/terms";
import { termChangeViews } from "~/services/gigs.server";
import { WorkTracker } from "~/components/work";
import { workView } from "~/services/work.server";
import { Conversation } from "~/components/messages";
import { messageFormSchema } from "~/domain/messages";
import { conversationFor, sendMessage } from "~/services/messages.server";
import { refusalMessages } from "~/services/result";

export const meta: MetaFunction = () => [{ title: "Application · Second Act" }];

async function load(request: Request, id: string | undefined) {
  const user = await requireProfessional(request);
  const app = id ? await applicationForTracker(id) : null;
  if (!app || !ownsApplication(user, app)) throw notFound("No such application.");
  return { user, app };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, app } = await load(request, params.id);
  const checklist = normalizeChecklist(app.checklist);
  const rules = {
    screeningRequired: app.gig.screeningRequired,
    ndaRequired: app.gig.ndaRequired,
    trainingModules: app.gig.trainingModules,
  };
  const previous = app.transitions.length > 1 ? (app.transitions[app.transitions.length - 1].fromStage as Stage | null) : null;
  const tracker = progress(
    {
      stage: app.stage as Stage,
      checklist,
      stageEnteredAt: app.stageEnteredAt,
      previousStage: previous,
      startedAs: app.origin === "APPLIED" ? "APPLIED" : "INVITED",
    },
    rules,
    { now: new Date(), reason: app.lastReason, sla: await loadSlaTable() },
  );
  const overdue =
    tracker.stale && tracker.slaDays !== null
      ? overdueNotice({
          waitingOn: tracker.nextAction?.waitingOn ?? null,
          todo: tracker.nextAction?.text ?? null,
          days: tracker.daysInStage ?? 0,
          slaDays: tracker.slaDays,
          remindedAt: reminderSentAt(app),
        })
      : null;
  // Viewing the newest page of the conversation marks it read.
  const conversation = await conversationFor(app.id, user, { earlier: new URL(request.url).searchParams.get("earlier"), markRead: true });
  return {
    conversation,
    termChanges: await termChangeViews(app.gig.id),
    work: await workView(app.id),
    overdue,
    app: {
      id: app.id,
      version: app.version,
      stage: app.stage,
      lastReason: app.lastReason,
      matchScore: app.matchScore,
      matchReasons: app.matchReasons as string[],
    },
    gig: {
      id: app.gig.id,
      title: app.gig.title,
      labName: app.gig.lab.name,
      disclosureTrains: app.gig.disclosureTrains,
      screeningInstructions: app.gig.screeningInstructions,
      trainingModules: app.gig.trainingModules,
      ndaRequired: app.gig.ndaRequired,
    },
    checklist,
    tracker,
    actions: allowedTransitions({ stage: app.stage as Stage, checklist }, { actorRole: "PROFESSIONAL", gig: rules }),
    history: app.transitions.map((t) => ({ to: t.toStage, at: t.at.toISOString(), reason: t.reason })),
    appeals: app.appeals.map((a) => ({ id: a.id, message: a.message, status: a.status, outcome: a.outcome })),
    legal: { nda: LEGAL_TEXTS.NDA, contract: LEGAL_TEXTS.CONTRACT },
  };
}

const version = z.coerce.number().int().min(0);
/** Withdraw, or answer an invitation (the professional's own moves). */
const moveSchema = z.object({
  intent: z.literal("move"),
  to: z.enum(["SHORTLISTED", "CONTRACTING", "WITHDRAWN"]),
  version,
  reason: z.string().trim().max(1000, "Use at most 1000 characters.").optional(),
});
/** A checklist step: screening answer, NDA, contract, tax form, payout, a training module. */
const checkSchema = z.object({
  intent: z.literal("check"),
  action: z.enum(["submitScreening", "acceptNda", "acceptContract", "confirmTaxForm", "confirmPayout", "acknowledgeModule"]),
  module: z.string().max(200).optional(),
  answer: z.string().trim().max(5000, "Use at most 5000 characters.").optional(),
  version,
});
/** A request for a human review of a decline or an offboarding. */
const appealSchema = z.object({
  intent: z.literal("appeal"),
  message: z
    .string({ error: "Tell us in a sentence or two why you'd like a review." })
    .trim()
    .min(10, "Tell us in a sentence or two why you'd like a review.")
    .max(2000, "Use at most 2000 characters."),
});
const schema = z.discriminatedUnion("intent", [moveSchema, checkSchema, appealSchema]);

/** Which of the page's forms a submission came from (its refusal is shown in that form). */
function formKey(values: unknown): string {
  const v = (values && typeof values === "object" ? values : {}) as Record<string, unknown>;
  const s = (k: string) => (typeof v[k] === "string" ? (v[k] as string) : "");
  if (s("intent") === "move") return `move-${s("to")}`;
  if (s("intent") === "check") return `check-${s("action")}${s("action") === "acknowledgeModule" ? `-${s("module")}` : ""}`;
  if (s("intent") === "appeal") return "appeal";
  if (s("intent") === "message") return "message";
  return "";
}

const DONE: Record<string, (d: { module?: string; lab: string }) => string> = {
  submitScreening: (d) => `Screening submitted. ${d.lab} reads it with your application.`,
  acceptNda: () => "NDA accepted.",
  acceptContract: () => "Contract accepted.",
  confirmTaxForm: () => "Tax form confirmed.",
  confirmPayout: () => "Payout details confirmed.",
  acknowledgeModule: (d) => `"${d.module}" marked as read.`,
};

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { user, app } = await load(request, params.id);
  const form = await readForm(request, context);
  if (form.get("intent") === "message") {
    const sent = parseSubmission(form, messageFormSchema);
    if (sent.status !== "success") return data(sent.reply({ hideFields: ["_csrf"] }), { status: 400 });
    const r = await sendMessage(app.id, sent.value.body, { ...user, ip: context.ip });
    if (!r.ok)
      return data(sent.reply(replyOptions(r.field ? { [r.field]: [r.message] } : { _form: [r.message] })), {
        status: r.status >= 400 && r.status < 500 ? r.status : 400,
      });
    return redirectWithFlash(request, `/me/applications/${app.id}#messages`, r.message, { about: "messages" });
  }
  const submission = parseSubmission(form, schema);
  if (submission.status !== "success") return data(submission.reply({ hideFields: ["_csrf"] }), { status: 400 });
  const refuse = (status: number, messages: string[]) =>
    data(submission.reply(replyOptions({ _form: messages })), { status: status >= 400 && status < 500 ? status : 400 });
  const actor = { id: user.id, role: user.role, profileId: user.profileId, labId: null, ip: context.ip };
  const d = submission.value;
  const here = samePage(request);
  if (d.intent === "appeal") {
    const r = await openAppeal(app, d.message, actor);
    if (!r.ok) return refuse(r.status, [r.message]);
    return redirectWithFlash(request, samePage(request), "Your request for a human review was sent. A coordinator will answer it.");
  }
  if (d.intent === "move") {
    const r = await transitionApplication(app.id, d.to, actor, { expectedVersion: d.version, reason: d.reason });
    if (!r.ok) return refuse(r.status, refusalMessages(r));
    const message = d.to === "WITHDRAWN" ? "You withdrew your application." : `Your application is now at "${stageLabel(d.to as Stage)}".`;
    return redirectWithFlash(request, here, message);
  }
  const r = await applyChecklistAction(
    app.id,
    d.action === "acknowledgeModule"
      ? { action: d.action, module: d.module ?? "" }
      : d.action === "submitScreening"
        ? { action: d.action, answer: d.answer ?? null }
        : { action: d.action },
    actor,
    { expectedVersion: d.version },
  );
  if (!r.ok) return refuse(r.status, refusalMessages(r));
  return redirectWithFlash(request, here, DONE[d.action]({ module: d.module, lab: app.gig.lab.name }));
}

/**
 * One of the tracker's forms. Each has its own key (formKey): a refusal is shown in the form it
 * came from, and after a successful step the page's reset key mounts every form afresh.
 */
function TrackerForm({
  id,
  schema: formSchema,
  result,
  hidden,
  label,
  danger,
  className = "stack",
  fieldOrder = [],
  children,
}: {
  id: string;
  schema: z.ZodType;
  result: SubmissionResult<string[]> | undefined;
  hidden: Record<string, string | number>;
  label: string;
  danger?: boolean;
  className?: string;
  fieldOrder?: string[];
  // biome-ignore lint/suspicious/noExplicitAny: Conform's field metadata is generic over every schema
  children?: (fields: any, first: string | undefined) => ReactNode;
}) {
  const busy = useNavigation().state === "submitting";
  const [form, fields] = useAppForm({ id, schema: formSchema, lastResult: result });
  const first = firstErrorField(result, fieldOrder);
  return (
    <Form method="post" className={className} {...getFormProps(form)}>
      <FocusedFormErrors
        form={form}
        labels={{ answer: "Your answer", reason: "Reason", message: "Why should a person look at this again?" }}
        result={result}
      />
      <CsrfInput />
      {Object.entries(hidden).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      {children?.(fields, first)}
      <p>
        <button type="submit" className={danger ? "danger" : undefined} disabled={busy}>
          {label}
        </button>
      </p>
    </Form>
  );
}

export default function ApplicationPage() {
  const { app, gig, checklist, tracker, actions, history, appeals, legal, overdue, termChanges, work, conversation } =
    useLoaderData<typeof loader>();
  const rootFlash = useRouteLoaderData<{ flash?: { message: string; about?: string } | null }>("root")?.flash;
  const answer = asSubmissionResult(useActionData<typeof action>());
  const resetKey = useResetKey();
  const c = checklist;
  // Every form on the page, by key: a refusal goes to the form it came from, else to the top.
  const shown = new Set<string>();
  const resultFor = (key: string) => {
    shown.add(key);
    return answer && formKey(answer.initialValue) === key ? answer : undefined;
  };
  const step = (
    action: string,
    label: string,
    // biome-ignore lint/suspicious/noExplicitAny: Conform's field metadata is generic over every schema
    children?: (fields: any, first: string | undefined) => ReactNode,
    extra: Record<string, string> = {},
  ) => {
    const key = `check-${action}${action === "acknowledgeModule" ? `-${extra.module}` : ""}`;
    return (
      <TrackerForm
        key={`${key}:${resetKey}`}
        id={`tracker-${key}`}
        schema={checkSchema}
        result={resultFor(key)}
        hidden={{ intent: "check", action, version: app.version, ...extra }}
        label={label}
        fieldOrder={["answer"]}
      >
        {children}
      </TrackerForm>
    );
  };

  const screening =
    app.stage === "SCREENING" && c.screening.sentAt && !c.screening.submittedAt ? (
      <section className="card" aria-labelledby="screening-h">
        <h2 id="screening-h">Screening</h2>
        <p>{gig.screeningInstructions || "Complete the assessment the lab sent you."}</p>
        {step("submitScreening", "I have completed the screening", (fields, first) => (
          <TextareaField
            field={fields.answer}
            label="Your answer, or a link to it"
            hint={`${gig.labName} reads this with your application. Leave it empty if you completed the task elsewhere.`}
            rows={6}
            maxLength={5000}
            autoFocus={first === "answer"}
          />
        ))}
      </section>
    ) : null;

  const paperwork =
    app.stage === "CONTRACTING" ? (
      <section className="card" aria-labelledby="paperwork-h">
        <h2 id="paperwork-h">Paperwork</h2>
        {gig.ndaRequired &&
          !c.nda.acceptedAt &&
          step("acceptNda", "I accept the NDA", () => (
            <>
              <h3>
                {legal.nda.title} <span className="muted small">(version {legal.nda.version})</span>
              </h3>
              <p>{legal.nda.text}</p>
            </>
          ))}
        {c.nda.acceptedAt && (
          <p className="pill ok">
            NDA accepted {c.nda.acceptedAt.slice(0, 10)} (version {c.nda.textVersion})
          </p>
        )}
        {!c.contract.acceptedAt &&
          (!gig.ndaRequired || c.nda.acceptedAt) &&
          step("acceptContract", "I accept the contract", () => (
            <>
              <h3>
                {legal.contract.title} <span className="muted small">(version {legal.contract.version})</span>
              </h3>
              <p>{legal.contract.text}</p>
            </>
          ))}
      </section>
    ) : null;

  const payment =
    app.stage === "PAYMENT_SETUP" ? (
      <section className="card" aria-labelledby="payment-h">
        <h2 id="payment-h">Payment setup</h2>
        {!c.payment.taxFormConfirmed && step("confirmTaxForm", "I have submitted my tax form")}
        {c.payment.taxFormConfirmed && !c.payment.payoutConfirmed && step("confirmPayout", "My payout details are correct")}
      </section>
    ) : null;

  const training =
    app.stage === "TRAINING" ? (
      <section className="card" aria-labelledby="training-h">
        <h2 id="training-h">Training</h2>
        <ul>
          {gig.trainingModules.map((m) => (
            <li key={m}>
              {c.training.modulesAcknowledged.includes(m) ? (
                <span>✓ {m}</span>
              ) : (
                step("acknowledgeModule", `Mark "${m}" as read`, undefined, { module: m })
              )}
            </li>
          ))}
        </ul>
      </section>
    ) : null;

  const choices =
    actions.length > 0 ? (
      <section className="card" aria-labelledby="choices-h">
        <h2 id="choices-h">Your choices</h2>
        {actions.map((a) => {
          const key = `move-${a.to}`;
          return (
            <TrackerForm
              key={`${key}:${resetKey}`}
              id={`tracker-${key}`}
              schema={moveSchema}
              result={resultFor(key)}
              hidden={{ intent: "move", to: a.to, version: app.version }}
              label={a.label}
              danger={a.destructive}
              fieldOrder={["reason"]}
            >
              {a.to === "WITHDRAWN"
                ? (fields, first) => (
                    <InputField field={fields.reason} label="Reason for withdrawing" maxLength={1000} autoFocus={first === "reason"} />
                  )
                : undefined}
            </TrackerForm>
          );
        })}
      </section>
    ) : null;

  const review = ["DECLINED", "OFFBOARDED"].includes(app.stage) ? (
    <section className="card" aria-labelledby="review-h">
      <h2 id="review-h">Ask for a human review</h2>
      {appeals.map((a) => (
        <p key={a.id}>
          Your request: "{a.message}" — {a.status === "OPEN" ? "waiting for a coordinator" : `answered: ${a.outcome}`}
        </p>
      ))}
      {!appeals.some((a) => a.status === "OPEN") && (
        <TrackerForm
          key={`appeal:${resetKey}`}
          id="tracker-appeal"
          schema={appealSchema}
          result={resultFor("appeal")}
          hidden={{ intent: "appeal" }}
          label="Request a review"
          fieldOrder={["message"]}
        >
          {(fields, first) => (
            <TextareaField
              field={fields.message}
              label="Why should a person look at this again?"
              required
              maxLength={2000}
              autoFocus={first === "message"}
            />
          )}
        </TrackerForm>
      )}
    </section>
  ) : null;

  const messageResult = resultFor("message");
  // A refusal whose form is no longer on the page (someone else moved the application meanwhile).
  const orphan = answer && !shown.has(formKey(answer.initialValue)) ? answer : undefined;

  return (
    <article className="stack" style={{ maxWidth: 860 }}>
      <p className="muted">
        <Link to="/me">My dashboard</Link>
      </p>
      <h1>{gig.title}</h1>
      <p className="muted">
        {gig.labName} · <Link to={`/gigs/${gig.id}`}>gig page and AI-use disclosure</Link>
      </p>
      {orphan && <RefusalMessage result={orphan} />}
      <TermChangesNotice changes={termChanges} heading="The lab changed this gig's terms" />
      <section className="card" aria-labelledby="progress-h">
        <h2 id="progress-h">Where you stand</h2>
        <ol className="steps">
          {tracker.steps.map((s) => (
            <li key={s.stage} className={s.status} aria-current={s.status === "current" ? "step" : undefined}>
              {s.label}
              <span className="visually-hidden"> ({s.status})</span>
            </li>
          ))}
        </ol>
        {tracker.nextAction && (
          <p>
            <strong>{tracker.nextAction.waitingOn === "YOU" ? "Your next step: " : "Next: "}</strong>
            {tracker.nextAction.text}
          </p>
        )}
        {overdue && (
          <p className="alert warn" data-testid="overdue">
            {overdue}
          </p>
        )}
        {app.lastReason && ["DECLINED", "OFFBOARDED", "WITHDRAWN"].includes(app.stage) && (
          <p className="alert warn">Reason: {app.lastReason}</p>
        )}
      </section>
      {work && <WorkTracker work={work} reportHref={`/me/applications/${app.id}/work`} />}
      {screening}
      {c.screening.score != null && (
        <section className="card">
          <h2>Screening result</h2>
          <p>
            Score {c.screening.score}/100. {c.screening.feedback}
          </p>
        </section>
      )}
      {paperwork}
      {payment}
      {training}
      {choices}
      {review}
      {conversation && (
        <Conversation
          data={conversation}
          with={`With ${gig.labName} and Second Act's coordinators. They see your display name, never your email address.`}
          pageHref={(earlier) => `/me/applications/${app.id}${earlier ? `?earlier=${encodeURIComponent(earlier)}` : ""}`}
          messageResult={messageResult}
          resetKey={resetKey}
          flash={rootFlash?.about === "messages" ? rootFlash.message : null}
        />
      )}
      <section className="card">
        <h2>Why you were matched</h2>
        {app.matchScore != null ? <p>Match {app.matchScore}/100 when you applied.</p> : <p>No match score recorded.</p>}
        <ul>
          {app.matchReasons.map((r) => (
            <li key={r}>{r}</li>
          ))}
        </ul>
      </section>
      <section className="card">
        <h2>History</h2>
        <ul>
          {history.map((h, i) => (
            <li key={i}>
              <Time iso={h.at} />: {stageLabel(h.to as Stage)}
              {h.reason ? ` (${h.reason})` : ""}
            </li>
          ))}
        </ul>
      </section>
    </article>
  );
}
