import { getFormProps } from "@conform-to/react";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useFormAction, useLoaderData, useRouteLoaderData } from "@remix-run/react";
import { type ComponentProps, type ReactNode, useEffect, useRef, useState } from "react";
import {
  FormErrors,
  initialField,
  InputField,
  ON_SERVER,
  RefusalMessage,
  SelectInput,
  type SubmissionResult,
  TextareaField,
  firstErrorField,
  parseSubmission,
  refusalResult,
  useAppForm,
  useResetKey,
  formPropsFocusing,
} from "~/components/conform";
import { CSRF_FIELD, CsrfInput } from "~/components/csrf";
import {
  assignFormSchema,
  boardInviteSchema,
  boardQuery,
  boardReturn,
  bulkFormSchema,
  cardMoveValue,
  countLine,
  moveFormSchema,
  readBoardFilters,
  scoreSchema,
  withCardMove,
} from "~/domain/board";
import {
  type ActorRole,
  type Stage,
  allowedTransitions,
  daysInStage,
  isStale,
  normalizeChecklist,
  reminderSentAt,
  STAGES,
  stageLabel,
} from "~/domain/onboarding";
import { getFlash, redirectWithFlash } from "~/flash.server";
import { safeNext } from "~/domain/schemas";
import { notFound, readForm } from "~/http.server";
import { assertCanManageLab, isStaff } from "~/permissions.server";
import { applicationsOnBoard, inviteToGig } from "~/services/applications.server";
import { assignCoordinator, bulkMoveOnGig, messageApplicants } from "~/services/board.server";
import { labVisibleApplicants, moveCandidate, scoreCandidate } from "~/services/candidates.server";
import { requireUser } from "~/session.server";
import { gigStatusLabel } from "~/domain/taxonomy";
import { boardPageReads, gigForBoard } from "~/services/gigs.server";
import { displayNameOf } from "~/services/people.server";
import { type Failure, refusalMessages } from "~/services/result";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `Board: ${data?.gig.title ?? ""} · Second Act` }];

async function guard(request: Request, id: string | undefined) {
  const user = await requireUser(request);
  const gig = id ? await gigForBoard(id) : null;
  if (!gig) throw notFound("No such gig.");
  assertCanManageLab(user, gig.labId);
  return { user, gig };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const id = params.id ?? "";
  // Two statements at once: the gig with the SLA table and (only staff choose the responsible
  // coordinator) the staff list, and the applications. Nothing leaves the loader until the viewer
  // is known to manage the gig's lab.
  const [reads, apps, { flash, clear }] = await Promise.all([
    id ? boardPageReads(id, { staff: isStaff(user) }) : null,
    id ? applicationsOnBoard(id, user.id) : [],
    getFlash(request),
  ]);
  if (!reads) throw notFound("No such gig.");
  assertCanManageLab(user, reads.gig.labId);
  const { gig, sla, staff } = reads;
  const filters = readBoardFilters(new URL(request.url).searchParams);
  // Labs see a headline only where the person shares their profile with the lab.
  const visible = isStaff(user) ? null : await labVisibleApplicants(apps);
  const now = new Date();
  const actorRole = (isStaff(user) ? user.role : "LAB_MEMBER") as ActorRole;
  const rules = { screeningRequired: gig.screeningRequired, ndaRequired: gig.ndaRequired, trainingModules: gig.trainingModules };
  const query = boardQuery(filters);
  const all = apps.map((a) => {
    const checklist = normalizeChecklist(a.checklist);
    const actions = allowedTransitions({ stage: a.stage as Stage, checklist }, { actorRole, gig: rules });
    const next = actions.find((x) => x.reason !== "required");
    // Only what a card shows goes to the browser (no screening answer or feedback, no unused move fields).
    return {
      id: a.id,
      version: a.version,
      stage: a.stage as Stage,
      name: a.profile.displayName,
      headline: !visible || visible.has(a.id) ? a.profile.headline : "",
      href: `/coord/gigs/${gig.id}/candidates/${a.id}${query}`,
      matchScore: a.matchScore,
      unread: a.unread,
      origin: a.origin,
      days: daysInStage(a.stageEnteredAt, now),
      stale: isStale(a.stageEnteredAt, a.stage as Stage, now, sla),
      sla: sla[a.stage as Stage],
      reminded: reminderSentAt(a) !== null,
      screening: a.stage === "SCREENING" ? { submitted: checklist.screening.submittedAt !== null, score: checklist.screening.score } : null,
      // One visible next step per card; moves that need a reason (decline, offboard) open a box first.
      next: next ? { to: next.to, label: next.label } : null,
      ending: actions.filter((x) => x.reason === "required").map((x) => ({ to: x.to, label: x.label })),
    };
  });
  const matching = all.filter(
    (c) => !filters.q || c.name.toLowerCase().includes(filters.q) || c.headline.toLowerCase().includes(filters.q),
  );
  const cards = matching.filter((c) => !filters.stale || c.stale);
  const headers: HeadersInit = clear ? { "Set-Cookie": clear } : {};
  return data(
    {
      gig: {
        id: gig.id,
        title: gig.title,
        status: gig.status,
        labName: gig.lab.name,
        screeningRequired: gig.screeningRequired,
        coordinator: gig.coordinator,
      },
      staff: staff.map((u) => ({ id: u.id, name: u.name, role: u.role })),
      canAssign: isStaff(user),
      filters,
      columns: STAGES.map((s) => ({ stage: s.key, label: s.label, cards: cards.filter((c) => c.stage === s.key) })),
      countLine: countLine(cards.length, all.length, Boolean(filters.q || filters.stale)),
      // Overdue among what the name filter shows, so the checkbox says what ticking it will show.
      staleCount: matching.filter((c) => c.stale).length,
      flash,
    },
    { headers },
  );
}

const HIDE = ["_csrf"];

/** What an action answers when it refuses: the Conform result and which form it is about (a card id, "bulk", "assign", or null). */
type Refusal = { about: string | null; result: SubmissionResult<string[]> };

function refuse(about: string | null, result: SubmissionResult<string[]>, status = 400) {
  return data<Refusal>({ about, result }, { status: status >= 400 && status < 500 ? status : 400 });
}

/** A refusal from a service (a guard, a conflict), kept with what was typed. */
function refused(
  about: string | null,
  reply: (o: { formErrors: string[]; hideFields: string[] }) => SubmissionResult<string[]>,
  r: Failure,
) {
  return refuse(about, reply({ formErrors: refusalMessages(r), hideFields: HIDE }), r.status);
}

const aboutCard = (v: FormDataEntryValue | null) => (typeof v === "string" && v ? v.slice(0, 40) : null);

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { user, gig } = await guard(request, params.id);
  const form = await readForm(request, context);
  const actor = { id: user.id, role: user.role, profileId: user.profileId, labId: user.labId, ip: context.ip };
  // Back to the same board, same filters, with what was acted on in view.
  const filters = readBoardFilters(new URL(request.url).searchParams);
  const intent = form.get("intent");
  switch (intent) {
    case "move": {
      const moved = withCardMove(form);
      const about = aboutCard(moved.get("applicationId"));
      const submission = parseSubmission(moved, moveFormSchema);
      if (submission.status !== "success") return refuse(about, submission.reply({ hideFields: HIDE }));
      const r = await moveCandidate(gig.id, submission.value, actor);
      if (!r.ok) return refused(about, submission.reply, r);
      return redirectWithFlash(request, boardReturn(gig.id, filters, submission.value.applicationId), r.message, {
        about: submission.value.applicationId,
      });
    }
    case "score": {
      const about = aboutCard(form.get("applicationId"));
      const submission = parseSubmission(form, scoreSchema);
      if (submission.status !== "success") return refuse(about, submission.reply({ hideFields: HIDE }));
      const r = await scoreCandidate(gig.id, submission.value, actor);
      if (!r.ok) return refused(about, submission.reply, r);
      return redirectWithFlash(request, boardReturn(gig.id, filters, submission.value.applicationId), r.message, {
        about: submission.value.applicationId,
      });
    }
    case "invite": {
      const submission = parseSubmission(form, boardInviteSchema);
      if (submission.status !== "success") return refuse(null, submission.reply({ hideFields: HIDE }));
      const { profileId, source, returnTo } = submission.value;
      const r = await inviteToGig(profileId, gig.id, actor, { recommended: source === "recommendation" });
      if (!r.ok) return refused(null, submission.reply, r);
      const name = await displayNameOf(profileId);
      const message = `Invitation sent to ${name ?? "them"}. They are in the Invited column of the board.`;
      // Inviting from a list (the gig page's recommendations, talent search) returns to that list.
      const back = safeNext(returnTo, "") || null;
      if (back) return redirectWithFlash(request, back, message, { about: `candidate-${profileId}` });
      return redirectWithFlash(request, boardReturn(gig.id, filters, r.applicationId), message, { about: r.applicationId });
    }
    case "assign": {
      if (!isStaff(user))
        return refuse("assign", refusalResult({ _form: ["Only coordinators can choose who is responsible for a gig."] }), 403);
      const submission = parseSubmission(form, assignFormSchema);
      if (submission.status !== "success") return refuse("assign", submission.reply({ hideFields: HIDE }));
      const r = await assignCoordinator(gig, submission.value.coordinatorId, {
        id: user.id,
        role: user.role,
        name: user.name,
        ip: context.ip,
      });
      if (!r.ok) {
        if (r.errors?.coordinatorId)
          return refuse("assign", submission.reply({ fieldErrors: { coordinatorId: r.errors.coordinatorId }, hideFields: HIDE }));
        return refused("assign", submission.reply, r);
      }
      const message = r.coordinator
        ? `${r.coordinator.name} is now responsible for this gig.`
        : "No named coordinator: reminders go to whoever last moved each application.";
      return redirectWithFlash(request, `${boardReturn(gig.id, filters)}#assign`, message, { about: "assign" });
    }
    case "bulk-move":
    case "bulk-message": {
      const submission = parseSubmission(form, bulkFormSchema);
      if (submission.status !== "success") return refuse("bulk", submission.reply({ hideFields: HIDE }));
      const v = submission.value;
      const items = v.select.map((s) => {
        const [applicationId, version] = s.split(":");
        return { applicationId, expectedVersion: Number(version) };
      });
      if (v.intent === "bulk-message") {
        const r = await messageApplicants(
          gig,
          items.map((i) => i.applicationId),
          v.message,
          actor,
        );
        if (!r.ok) return refused("bulk", submission.reply, r);
        return redirectWithFlash(
          request,
          `${boardReturn(gig.id, filters)}#bulk`,
          `Message sent to ${r.sent} ${r.sent === 1 ? "person" : "people"}.`,
          { about: "bulk" },
        );
      }
      const r = await bulkMoveOnGig(gig.id, items, v.to, actor, v.reason);
      if (!r.ok) return refused("bulk", submission.reply, r);
      return redirectWithFlash(
        request,
        `${boardReturn(gig.id, filters)}#bulk`,
        `Moved ${r.moved} application${r.moved === 1 ? "" : "s"} to ${stageLabel(v.to)}.`,
        { about: "bulk" },
      );
    }
    default:
      return refuse(null, refusalResult({ _form: ["Unknown action."] }));
  }
}

type CardData = ReturnType<typeof useLoaderData<typeof loader>>["columns"][number]["cards"][number];
type Flash = { message: string; about?: string } | null;

/** The refusal (if any) that is about `about`. */
function refusalFor(refusal: Refusal | undefined, about: string): SubmissionResult<string[]> | undefined {
  return refusal && refusal.about === about ? refusal.result : undefined;
}

/** A card's confirmation, or a refusal about the whole card (a conflict, a guard): on the card. */
function CardAlert({ id, flash, result }: { id: string; flash: Flash; result?: SubmissionResult<string[]> }) {
  const messages = result?.error?.[""] ?? [];
  if (messages.length) {
    return (
      <div className="alert error" role="alert">
        {messages.map((m) => (
          <p key={m}>{m}</p>
        ))}
      </div>
    );
  }
  if (flash?.about === id && !result)
    return (
      <p className="alert ok" role="status">
        {flash.message}
      </p>
    );
  return null;
}

/**
 * "Decline…" (or "Offboard…"): a reason box behind a disclosure; the reason is checked in the browser and on the server by the same schema.
 * Conform starts only once the box is opened (or the server sent it back): until then the same form is
 * rendered plain, because two dozen idle Conform forms were a large part of the board's render cost
 * (decision 0036). Nothing can be typed or sent before it opens.
 */
function ReasonMove({
  c,
  action,
  lastResult,
  plain,
}: {
  c: CardData;
  action: CardData["ending"][number];
  lastResult?: SubmissionResult<string[]>;
  plain: PlainForm;
}) {
  const [opened, setOpened] = useState(false);
  const details = useRef<HTMLDetailsElement>(null);
  // Opened before the page's JavaScript ran: start Conform now.
  useEffect(() => {
    if (details.current?.open) setOpened(true);
  }, []);
  const start = opened ? undefined : () => setOpened(true);
  const id = `move-${c.id}-${action.to}`;
  // Open when the server sent it back (without JavaScript the page is new); the person's own toggle is left alone.
  // Conform starts when the disclosure gets the focus (mouse, touch or keyboard: before it opens), else when it opens.
  return (
    <details ref={details} className="decline" open={lastResult ? true : undefined} onToggle={start} onFocus={start}>
      <summary className="small">{action.label}…</summary>
      {opened || lastResult ? (
        <ReasonMoveForm id={id} c={c} action={action} lastResult={lastResult} />
      ) : (
        <PlainReasonMove id={id} c={c} action={action} plain={plain} />
      )}
    </details>
  );
}

function ReasonMoveForm({
  id,
  c,
  action,
  lastResult,
}: {
  id: string;
  c: CardData;
  action: CardData["ending"][number];
  lastResult?: SubmissionResult<string[]>;
}) {
  const [form, fields] = useAppForm({ id, schema: moveFormSchema, lastResult });
  return (
    <ReasonMoveFields
      formProps={formPropsFocusing(getFormProps(form))}
      reason={fields.reason}
      c={c}
      action={action}
      autoFocus={firstErrorField(lastResult, ["reason"]) === "reason"}
    />
  );
}

function ReasonMoveFields({
  formProps,
  reason,
  c,
  action,
  autoFocus,
}: {
  formProps: ComponentProps<typeof Form>;
  reason: ComponentProps<typeof TextareaField>["field"];
  c: CardData;
  action: CardData["ending"][number];
  autoFocus?: boolean;
}) {
  return (
    <Form method="post" className="stack" preventScrollReset {...formProps}>
      <CsrfInput />
      <input type="hidden" name="intent" value="move" />
      <input type="hidden" name="applicationId" value={c.id} />
      <input type="hidden" name="version" value={c.version} />
      <input type="hidden" name="to" value={action.to} />
      <TextareaField field={reason} label={reasonLabel(c, action)} rows={2} maxLength={1000} required autoFocus={autoFocus} />
      <button type="submit" className="small danger">
        {action.label}
      </button>
    </Form>
  );
}

/** What every closed reason box's plain form shares: its action (the board's URL, filters kept) and the CSRF token. */
interface PlainForm {
  action: string;
  csrf: string;
}

/**
 * A closed reason box as plain elements: the same markup as `ReasonMoveFields` renders through Remix's `Form`
 * and Conform's `TextareaField` (tests/e2e/forms-coord.test.ts compares the two), without their per-form
 * work (resolving the form's action, Conform's field props): the board has one of these per card and
 * possible ending, and they were a large part of its render (decision 0042). It is replaced by the Conform
 * form before it can be used (when the box gets the focus or opens); without JavaScript it posts as is.
 */
function PlainReasonMove({ id, c, action, plain }: { id: string; c: CardData; action: CardData["ending"][number]; plain: PlainForm }) {
  const reasonId = `${id}-reason`;
  return (
    <form method="post" action={plain.action} className="stack" id={id} noValidate data-discover="true">
      <input type="hidden" name={CSRF_FIELD} value={plain.csrf} />
      <input type="hidden" name="intent" value="move" />
      <input type="hidden" name="applicationId" value={c.id} />
      <input type="hidden" name="version" value={c.version} />
      <input type="hidden" name="to" value={action.to} />
      <div className="field">
        <label htmlFor={reasonId}>{reasonLabel(c, action)}</label>
        <textarea id={reasonId} name="reason" form={id} rows={2} required maxLength={1000} />
      </div>
      <button type="submit" className="small danger">
        {action.label}
      </button>
    </form>
  );
}

function reasonLabel(c: CardData, action: CardData["ending"][number]): string {
  return `Reason to ${action.label.toLowerCase()} ${c.name} (they will see it)`;
}

/** The one form behind every card's next-step button (decision 0036). */
const CARD_MOVES = "card-moves";

function Card({ c, flash, refusal, kept, plain }: { c: CardData; flash: Flash; refusal?: Refusal; kept: boolean; plain: PlainForm }) {
  const result = refusalFor(refusal, c.id);
  return (
    <article id={`card-${c.id}`} className={`board-card${c.stale ? " stale" : ""}`} data-testid={`card-${c.id}`}>
      <div className="card-head">
        <input
          type="checkbox"
          name="select"
          value={`${c.id}:${c.version}`}
          form="bulk"
          aria-label={`Select ${c.name}`}
          defaultChecked={kept || undefined}
        />
        <Link to={c.href} className="card-name">
          {c.name}
        </Link>
        {c.unread > 0 && (
          <Link
            to={`${c.href}#messages`}
            className="unread"
            data-testid="unread"
            title={`${c.unread} unread message${c.unread === 1 ? "" : "s"}`}
          >
            {c.unread}
            <span className="visually-hidden"> unread message{c.unread === 1 ? "" : "s"}</span>
          </Link>
        )}
      </div>
      {c.headline && <p className="small muted card-headline">{c.headline}</p>}
      <div className="small muted">
        {c.matchScore != null ? `Match ${c.matchScore}` : "No score"} · day {c.days}
        {c.stale && (
          <span className="pill warn" title={`SLA ${c.sla} days`}>
            overdue
          </span>
        )}
        {c.stale && c.reminded && <span className="pill">reminded</span>}
        {c.origin === "INVITED" && <span className="pill">invited</span>}
        {c.origin === "RECOMMENDED" && (
          <span className="pill" title="Invited from the recommended candidates">
            recommended
          </span>
        )}
      </div>
      {c.screening && (
        <p className="small card-screening">
          {c.screening.submitted
            ? c.screening.score != null
              ? `Screening scored ${c.screening.score}`
              : "Submitted, not scored"
            : "Screening sent"}
          {c.screening.submitted && (
            <>
              {" · "}
              <Link to={`${c.href}#screening`}>
                {c.screening.score != null ? "Open screening" : "Read and score"}
                <span className="visually-hidden"> for {c.name}</span>
              </Link>
            </>
          )}
        </p>
      )}
      <CardAlert id={c.id} flash={flash} result={result} />
      {(c.next || c.ending.length > 0) && (
        <div className="card-actions">
          {c.next && (
            <button
              type="submit"
              form={CARD_MOVES}
              name="move"
              value={cardMoveValue(c.id, c.version, c.next.to)}
              className="small secondary"
            >
              {c.next.label}
            </button>
          )}
          {c.ending.map((a) => (
            <ReasonMove key={a.to} c={c} action={a} plain={plain} lastResult={result?.initialValue?.to === a.to ? result : undefined} />
          ))}
        </div>
      )}
    </article>
  );
}

const BULK_LABELS = { select: "People", to: "Move to", reason: "Reason", message: "Message" };

type FieldOf = ComponentProps<typeof InputField>["field"];
type FormPropsOf = ComponentProps<typeof Form>;

/**
 * The bulk bar: acts on the ticked cards (their checkboxes belong to this form through form="bulk").
 * On the server, with nothing to report, it is rendered from `initialField`s instead of a Conform form:
 * the same markup for a fraction of the work, which the browser hydrates with the Conform form (decision 0043;
 * tests/e2e/forms-coord.test.ts compares the two).
 */
function BulkBar(props: { ticked: number | null; flash: Flash; lastResult?: SubmissionResult<string[]> }) {
  if (ON_SERVER && !props.lastResult) {
    const fields = { to: initialField("bulk", "to"), reason: initialField("bulk", "reason"), message: initialField("bulk", "message") };
    return <BulkBarFields ticked={props.ticked} flash={props.flash} formProps={{ id: "bulk", noValidate: true }} fields={fields} />;
  }
  return <LiveBulkBar {...props} />;
}

function LiveBulkBar({ ticked, flash, lastResult }: { ticked: number | null; flash: Flash; lastResult?: SubmissionResult<string[]> }) {
  const [form, fields] = useAppForm({ id: "bulk", schema: bulkFormSchema, lastResult });
  return (
    <BulkBarFields
      ticked={ticked}
      flash={flash}
      formProps={formPropsFocusing(getFormProps(form))}
      fields={{ to: fields.to, reason: fields.reason, message: fields.message }}
      failed={Object.keys(form.allErrors).length > 0}
      first={firstErrorField(lastResult, ["to", "reason", "message"])}
      errors={<FormErrors form={form} labels={BULK_LABELS} />}
    />
  );
}

function BulkBarFields({
  ticked,
  flash,
  formProps,
  fields,
  failed,
  first,
  errors,
}: {
  ticked: number | null;
  flash: Flash;
  formProps: FormPropsOf;
  fields: { to: FieldOf; reason: FieldOf; message: FieldOf };
  failed?: boolean;
  first?: string;
  errors?: ReactNode;
}) {
  return (
    <Form method="post" className="card bulk-bar" {...formProps}>
      <CsrfInput />
      <p className="bulk-title" id="bulk-select">
        <strong>With selected</strong>
        {ticked !== null && <span aria-live="polite"> ({ticked} selected)</span>}:
      </p>
      {/* A refusal replaces the earlier success (the success is about an earlier submission). */}
      {flash?.about === "bulk" && !failed && (
        <p className="alert ok" role="status">
          {flash.message}
        </p>
      )}
      {errors}
      <div className="row">
        <SelectInput field={fields.to} label="Move to" plain empty="Choose a stage" options={STAGE_OPTIONS} autoFocus={first === "to"} />
        <InputField field={fields.reason} label="Reason (required to decline)" plain maxLength={1000} autoFocus={first === "reason"} />
        <button type="submit" name="intent" value="bulk-move">
          {ticked ? `Move ${ticked} selected` : "Move selected"}
        </button>
      </div>
      <div className="row">
        <InputField field={fields.message} label="Message" plain maxLength={2000} autoFocus={first === "message"} />
        <button type="submit" name="intent" value="bulk-message" className="secondary">
          {ticked ? `Message ${ticked} selected` : "Message selected"}
        </button>
      </div>
    </Form>
  );
}

const STAGE_OPTIONS = STAGES.map((s) => ({ value: s.key, label: s.label }));

type AssignProps = {
  current: string;
  staff: { id: string; name: string; role: string }[];
  flash: Flash;
  lastResult?: SubmissionResult<string[]>;
};

/** Who gets this gig's SLA reminders (staff only). Rendered on the server like the bulk bar (decision 0043). */
function AssignForm(props: AssignProps) {
  if (ON_SERVER && !props.lastResult) {
    return (
      <AssignFields
        {...props}
        formProps={{ id: "assign", noValidate: true }}
        field={initialField("assign", "coordinatorId", props.current)}
      />
    );
  }
  return <LiveAssignForm {...props} />;
}

function LiveAssignForm(props: AssignProps) {
  const { current, lastResult } = props;
  const [form, fields] = useAppForm({ id: "assign", schema: assignFormSchema, lastResult, defaultValue: { coordinatorId: current } });
  return (
    <AssignFields
      {...props}
      formProps={formPropsFocusing(getFormProps(form))}
      field={fields.coordinatorId}
      first={firstErrorField(lastResult, ["coordinatorId"])}
      formErrors={form.errors}
    />
  );
}

function AssignFields({
  staff,
  flash,
  lastResult,
  formProps,
  field,
  first,
  formErrors,
}: AssignProps & { formProps: FormPropsOf; field: FieldOf; first?: string; formErrors?: string[] }) {
  return (
    <Form method="post" className="row" style={{ marginBottom: "1rem" }} {...formProps}>
      <CsrfInput />
      <input type="hidden" name="intent" value="assign" />
      <SelectInput
        field={field}
        label="Responsible coordinator"
        plain
        hint="Gets the SLA reminders for this gig. Without one, reminders go to whoever last moved the application, else to every coordinator."
        empty="Nobody named"
        options={staff.map((u) => ({ value: u.id, label: `${u.name}${u.role === "ADMIN" ? " (admin)" : ""}` }))}
        autoFocus={first === "coordinatorId"}
      />
      <button type="submit" className="secondary">
        Save
      </button>
      {(formErrors ?? []).length > 0 && <RefusalMessage result={{ status: "error", error: { "": formErrors ?? [] } }} />}
      {flash?.about === "assign" && !lastResult && (
        <p className="alert ok" role="status">
          {flash.message}
        </p>
      )}
    </Form>
  );
}

export default function Board() {
  const { gig, columns, countLine, staleCount, staff, canAssign, filters, flash } = useLoaderData<typeof loader>();
  const refusal = useActionData<typeof action>() as Refusal | undefined;
  const resetKey = useResetKey();
  // Computed once for every card's closed reason box (PlainReasonMove), not once per box.
  const plain: PlainForm = { action: useFormAction(), csrf: useRouteLoaderData<{ csrf: string }>("root")?.csrf ?? "" };
  const [ticked, setTicked] = useState<number | null>(null);
  const known = new Set(["bulk", "assign", ...columns.flatMap((col) => col.cards.map((c) => c.id))]);
  const topRefusal = refusal && (refusal.about === null || !known.has(refusal.about)) ? refusal.result : undefined;
  const countTicked = () => setTicked(document.querySelectorAll('input[name="select"][form="bulk"]:checked').length);
  // Without JavaScript a refused bulk action renders the page again: keep what was ticked.
  const bulkResult = refusalFor(refusal, "bulk");
  const keptSelection = new Set(([] as unknown[]).concat(bulkResult?.initialValue?.select ?? []).map(String));
  // After an action the cards are new (new versions, maybe other columns): count again what is still ticked.
  // biome-ignore lint/correctness/useExhaustiveDependencies: re-count whenever the loader data changes
  useEffect(countTicked, [columns]);
  return (
    <section>
      <p className="muted">
        <Link to={`/gigs/${gig.id}`}>{gig.title}</Link> · {gig.labName} · {gigStatusLabel(gig.status)}
      </p>
      <h1>Onboarding board</h1>
      <p>
        <Link to={`/coord/gigs/${gig.id}/work`}>Work, pay and queue status of the people active on this gig</Link>
      </p>
      {flash?.about && !known.has(flash.about) && (
        <p className="alert ok" role="status">
          {flash.message}
        </p>
      )}
      {topRefusal && <RefusalMessage result={topRefusal} />}
      <Form method="get" className="row" style={{ marginBottom: "1rem" }}>
        <div className="field">
          <label htmlFor="q">Filter by name or headline</label>
          <input id="q" name="q" defaultValue={filters.q} />
        </div>
        <label>
          <input type="checkbox" name="stale" value="1" defaultChecked={filters.stale} /> Only overdue ({staleCount})
        </label>
        <button type="submit" className="secondary">
          Filter
        </button>
        {(filters.q || filters.stale) && <Link to={`/coord/gigs/${gig.id}`}>Clear filters</Link>}
      </Form>
      {canAssign ? (
        <AssignForm
          key={`assign:${resetKey}`}
          current={gig.coordinator?.id ?? ""}
          staff={staff}
          flash={flash}
          lastResult={refusalFor(refusal, "assign")}
        />
      ) : (
        <p className="muted">Responsible coordinator: {gig.coordinator?.name ?? "nobody named yet"}</p>
      )}
      <p className="muted" data-testid="board-count">
        {countLine}. Cards marked overdue have waited longer than their stage's SLA (<Link to="/coord/sla">stage SLAs</Link>); "reminded"
        means the coordinator has been sent a reminder for this wait.
      </p>
      {/* Every card's next-step button submits this one form (form="card-moves"), its value naming the card and the move. */}
      <Form id={CARD_MOVES} method="post" preventScrollReset>
        <CsrfInput />
        <input type="hidden" name="intent" value="move" />
      </Form>
      <BulkBar key={`bulk:${resetKey}`} ticked={ticked} flash={flash} lastResult={bulkResult} />
      <div className="board" onChange={countTicked}>
        {columns.map((col) => (
          <section key={col.stage} className="board-col" aria-label={`${col.label}: ${col.cards.length}`}>
            <h2>
              {col.label} <span className="muted">({col.cards.length})</span>
            </h2>
            {col.cards.map((c) => (
              <Card
                key={`${c.id}:${resetKey}`}
                c={c}
                flash={flash}
                refusal={refusal}
                kept={keptSelection.has(`${c.id}:${c.version}`)}
                plain={plain}
              />
            ))}
          </section>
        ))}
      </div>
    </section>
  );
}
