/**
 * The forms of the active phase, on the one pipeline (Conform + zod): recording work, setting the
 * queue status, offboarding, holding a payout and rejecting a self-reported entry. Each form posts
 * an `intent`; the page's action answers `{ form, result }` on a refusal so only that form shows it.
 */
import { getFormProps } from "@conform-to/react";
import { Form } from "@remix-run/react";
import { z } from "zod";
import {
  OFFBOARD_REASONS,
  OFFBOARD_REASON_INFO,
  QUEUE_REASONS,
  QUEUE_REASON_LABELS,
  offboardFormSchema,
  queueFormSchema,
  workFormSchema,
} from "~/domain/work";
import { FormErrors, InputField, SelectInput, type SubmissionResult, TextareaField, firstErrorField, useAppForm } from "./conform";
import { CsrfInput } from "./csrf";

export type FormReply = { form: string; result: SubmissionResult<string[]> } | undefined;
const resultFor = (reply: FormReply, form: string) => (reply?.form === form ? reply.result : undefined);

export function RecordWorkForm({
  unit,
  today,
  clientEntryId,
  reply,
  title,
}: {
  unit: "HOUR" | "TASK";
  today: string;
  clientEntryId: string;
  reply: FormReply;
  title: string;
}) {
  const lastResult = resultFor(reply, "record");
  const [form, fields] = useAppForm({ id: "record-work", schema: workFormSchema, lastResult, defaultValue: { workDate: today } });
  const first = firstErrorField(lastResult, ["workDate", "amount", "note"]);
  const amountLabel = unit === "HOUR" ? "Hours worked" : "Tasks done";
  return (
    <Form method="post" className="stack" {...getFormProps(form)} aria-labelledby="record-h">
      <h2 id="record-h">{title}</h2>
      <CsrfInput />
      <input type="hidden" name="intent" value="record" />
      <input type="hidden" name="clientEntryId" value={clientEntryId} />
      <FormErrors form={form} labels={{ workDate: "Work date", amount: amountLabel, note: "Note" }} />
      <div className="row">
        <InputField field={fields.workDate} label="Work date" type="date" required max={today} autoFocus={first === "workDate"} />
        <InputField
          field={fields.amount}
          label={amountLabel}
          type="number"
          required
          step="any"
          inputMode={unit === "HOUR" ? "decimal" : "numeric"}
          hint={unit === "HOUR" ? "Decimal hours, e.g. 1.5 for 1 h 30 min." : undefined}
          autoFocus={first === "amount"}
        />
      </div>
      <TextareaField field={fields.note} label="Note" rows={2} maxLength={1000} autoFocus={first === "note"} />
      <p>
        <button type="submit">Record {unit === "HOUR" ? "hours" : "tasks"}</button>
      </p>
    </Form>
  );
}

export function QueueForm({
  reply,
  current,
  scopeNote,
  children,
}: {
  reply: FormReply;
  current: { state: string; reason: string | null; checkAgainOn: string | null };
  scopeNote: string;
  children?: React.ReactNode;
}) {
  const lastResult = resultFor(reply, "queue");
  const [form, fields] = useAppForm({
    id: "queue-status",
    schema: queueFormSchema,
    lastResult,
    defaultValue: { state: current.state, reason: current.reason ?? "", checkAgainOn: current.checkAgainOn ?? "" },
  });
  const first = firstErrorField(lastResult, ["state", "reason", "checkAgainOn", "note"]);
  return (
    <Form method="post" className="stack" {...getFormProps(form)} aria-labelledby="queue-h">
      <h2 id="queue-h">Queue status</h2>
      <p className="small muted">
        {scopeNote} Never blank: when there is no work, give the reason and the date you will check again. Past that date without an update,
        the coordinator is reminded and the person is told.
      </p>
      <CsrfInput />
      <input type="hidden" name="intent" value="queue" />
      {children}
      <FormErrors form={form} labels={{ state: "Work", reason: "Reason", checkAgainOn: "Check again on", note: "Note" }} />
      <SelectInput
        field={fields.state}
        label="Work"
        required
        options={[
          { value: "WORK_AVAILABLE", label: "Work available" },
          { value: "NO_WORK", label: "No work right now" },
        ]}
        autoFocus={first === "state"}
      />
      <div className="row">
        <SelectInput
          field={fields.reason}
          label="Reason (when there is no work)"
          empty="Choose…"
          options={QUEUE_REASONS.map((r) => ({ value: r, label: QUEUE_REASON_LABELS[r] }))}
          autoFocus={first === "reason"}
        />
        <InputField
          field={fields.checkAgainOn}
          label="Check again on (when there is no work)"
          type="date"
          autoFocus={first === "checkAgainOn"}
        />
      </div>
      <InputField field={fields.note} label="Note the person will read" maxLength={500} autoFocus={first === "note"} />
      <p>
        <button type="submit">Save queue status</button>
      </p>
    </Form>
  );
}

export function OffboardForm({ reply, version, personName }: { reply: FormReply; version: number; personName: string }) {
  const lastResult = resultFor(reply, "offboard");
  const [form, fields] = useAppForm({ id: "offboard", schema: offboardFormSchema, lastResult, defaultValue: { version: String(version) } });
  const first = firstErrorField(lastResult, ["reasonCode", "evidence", "decidedBy"]);
  return (
    <details className="decline" open={Boolean(lastResult)}>
      <summary>Offboard or remove {personName}…</summary>
      <Form method="post" className="stack" {...getFormProps(form)}>
        <CsrfInput />
        <input type="hidden" name="intent" value="offboard" />
        <input type="hidden" name="version" value={version} />
        <FormErrors form={form} labels={{ reasonCode: "Reason", evidence: "Evidence", decidedBy: "Who decided" }} />
        <SelectInput
          field={fields.reasonCode}
          label="Reason"
          required
          empty="Choose…"
          groups={[
            {
              label: "Offboarding (not about their work)",
              options: OFFBOARD_REASONS.filter((r) => OFFBOARD_REASON_INFO[r].kind === "OFFBOARDING").map((r) => ({
                value: r,
                label: OFFBOARD_REASON_INFO[r].label,
              })),
            },
            {
              label: "Removal (for cause)",
              options: OFFBOARD_REASONS.filter((r) => OFFBOARD_REASON_INFO[r].kind === "REMOVAL").map((r) => ({
                value: r,
                label: OFFBOARD_REASON_INFO[r].label,
              })),
            },
          ]}
          autoFocus={first === "reasonCode"}
        />
        <TextareaField
          field={fields.evidence}
          label={`Evidence ${personName} will read`}
          required
          rows={3}
          maxLength={4000}
          hint="What happened, when, and what it is measured against."
          autoFocus={first === "evidence"}
        />
        <InputField
          field={fields.decidedBy}
          label="Name of the person who decided"
          required
          maxLength={200}
          autoFocus={first === "decidedBy"}
        />
        <p className="small muted">{personName} can ask for a review; a coordinator other than the one who decided answers it.</p>
        <p>
          <button type="submit" className="danger">
            Offboard
          </button>
        </p>
      </Form>
    </details>
  );
}

export const entryNoteSchema = z.object({
  intent: z.enum(["reject", "hold"]),
  entryId: z.string().min(1).max(100),
  note: z.preprocess(
    (v) => (typeof v === "string" ? v.trim() : v),
    z
      .string({ error: "Say why; the person will read it." })
      .min(3, "Say why; the person will read it.")
      .max(500, "Use at most 500 characters."),
  ),
});

/** Reject a self-reported entry or hold a payout: both need a reason the person reads. */
export function EntryNoteForm({ intent, entryId, reply }: { intent: "reject" | "hold"; entryId: string; reply: FormReply }) {
  const formId = `${intent}-${entryId}`;
  const lastResult = resultFor(reply, formId);
  const [form, fields] = useAppForm({ id: formId, schema: entryNoteSchema, lastResult });
  return (
    <details open={Boolean(lastResult)}>
      <summary>{intent === "reject" ? "Reject…" : "Hold…"}</summary>
      <Form method="post" className="stack" {...getFormProps(form)}>
        <CsrfInput />
        <input type="hidden" name="intent" value={intent} />
        <input type="hidden" name="entryId" value={entryId} />
        <FormErrors form={form} labels={{ note: "Reason" }} />
        <InputField field={fields.note} label="Reason the person will read" required maxLength={500} autoFocus={Boolean(lastResult)} />
        <p>
          <button type="submit" className="danger">
            {intent === "reject" ? "Reject entry" : "Hold payout"}
          </button>
        </p>
      </Form>
    </details>
  );
}

/** One-button actions on an entry (accept, approve, mark paid, release). */
export function EntryButton({ intent, entryId, to, label }: { intent: "accept" | "payout"; entryId: string; to?: string; label: string }) {
  return (
    <Form method="post" className="inline">
      <CsrfInput />
      <input type="hidden" name="intent" value={intent} />
      <input type="hidden" name="entryId" value={entryId} />
      {to && <input type="hidden" name="to" value={to} />}
      <button type="submit" className="secondary">
        {label}
      </button>
    </Form>
  );
}
