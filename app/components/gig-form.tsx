/**
 * The gig form (new and edit) on the one form pipeline (Conform + zod, app/components/conform.tsx):
 * the same schema validates in the browser and on the server, errors sit next to their fields,
 * values are kept on error, and it works without JavaScript.
 */
import { getCollectionProps, getFormProps } from "@conform-to/react";
import { Form, useNavigation } from "@remix-run/react";
import { useState } from "react";
import { gigCreateFormSchema, gigEditFormSchema } from "~/domain/gigs";
import { describeLanguages, readLanguages } from "~/domain/languages";
import { PAID_WHEN_LABELS } from "~/domain/terms";
import { FORMATS, GENRES, MODALITIES, TASK_FAMILIES, TASK_TYPES } from "~/domain/taxonomy";
import {
  CheckboxesField,
  FormErrors,
  InputField,
  SelectInput,
  type SubmissionResult,
  TextareaField,
  firstErrorField,
  useAppForm,
} from "./conform";
import { CsrfInput } from "./csrf";

export const GIG_LABELS: Record<string, string> = {
  title: "Title",
  description: "Description",
  taskTypes: "Task types",
  modality: "Modality",
  genres: "Genres and domains",
  formats: "TV formats that fit",
  languages: "Required languages",
  payAmount: "Pay amount",
  payUnit: "Per",
  payCurrency: "Currency",
  minutesPerTask: "Minutes per task",
  hoursPerWeek: "Expected hours per week",
  weeklyCapHours: "Weekly cap (hours)",
  slots: "Slots",
  startDate: "Start date",
  endDate: "End date",
  noticeDays: "Notice period (days)",
  rateLockDays: "Rate lock (days)",
  minimumPaidHoursPerWeek: "Minimum paid hours per week",
  killFee: "Kill fee",
  assessmentMinutes: "Assessment minutes",
  assessmentPaidWhen: "When the assessment is paid",
  screeningRate: "Screening pay",
  trainingMinutes: "Training minutes",
  trainingPaidWhen: "When training is paid",
  timezoneMinOffset: "Earliest UTC offset",
  timezoneMaxOffset: "Latest UTC offset",
  screeningInstructions: "Screening instructions",
  trainingModules: "Training modules",
  disclosureTrains: "What model or product does this work train?",
  disclosureCreativeUse: "Creative use of outputs",
  disclosureRetention: "Retention",
  credentialDescriptor: "How credentials name you",
  changeReason: "Reason for the change",
  changeEffectiveDate: "Hours cut takes effect on",
};

export const GIG_FIELD_ORDER = Object.keys(GIG_LABELS);

const PAID_WHEN_OPTIONS = [
  { value: "ON_COMPLETION", label: `Paid: ${PAID_WHEN_LABELS.ON_COMPLETION}` },
  { value: "IF_ACCEPTED", label: `Paid: ${PAID_WHEN_LABELS.IF_ACCEPTED}` },
];

export function GigForm({
  defaultValue,
  lastResult,
  submitLabel,
  mode,
  published = false,
}: {
  defaultValue?: Record<string, unknown>;
  lastResult?: SubmissionResult<string[]>;
  submitLabel: string;
  mode: "new" | "edit";
  /** An edit of a gig that has opened: its terms are promises, so a change may need a reason. */
  published?: boolean;
}) {
  const busy = useNavigation().state === "submitting";
  const [form, fields] = useAppForm({
    id: "gig-form",
    schema: mode === "new" ? gigCreateFormSchema : gigEditFormSchema,
    lastResult,
    defaultValue,
  });
  const first = firstErrorField(lastResult, GIG_FIELD_ORDER);
  const [typedLanguages, setTypedLanguages] = useState(typeof defaultValue?.languages === "string" ? defaultValue.languages : "");
  const readings = readLanguages(typedLanguages);
  const taskBoxes = getCollectionProps(fields.taskTypes as never, {
    type: "checkbox",
    options: TASK_TYPES.map((t) => t.key),
    ariaAttributes: false,
  }) as {
    key?: string;
    value?: string;
    [k: string]: unknown;
  }[];
  const taskErrors = fields.taskTypes.errors;
  const af = (name: string) => first === name;
  return (
    <Form method="post" className="stack" {...getFormProps(form)}>
      <CsrfInput />
      <FormErrors form={form} labels={GIG_LABELS} />
      <InputField field={fields.title} label="Title" required maxLength={140} autoFocus={af("title")} />
      <TextareaField
        field={fields.description}
        label="Description"
        rows={8}
        hint="Markdown is supported (headings, lists, links). HTML is shown as text."
        autoFocus={af("description")}
      />
      <fieldset
        className="field"
        id={fields.taskTypes.id}
        aria-invalid={taskErrors?.length ? true : undefined}
        aria-describedby={taskErrors?.length ? fields.taskTypes.errorId : undefined}
      >
        <legend>Task types</legend>
        <span className="hint">What will people do? Opening the gig needs at least one.</span>
        {TASK_FAMILIES.map((family) => (
          <fieldset key={family.key} className="field">
            <legend>{family.label}</legend>
            <div className="checks">
              {taskBoxes
                .filter((b) => TASK_TYPES.find((t) => t.key === b.value)?.family === family.key)
                .map(({ key, ...box }, i) => (
                  <label key={key ?? box.value}>
                    <input {...(box as object)} autoFocus={af("taskTypes") && family === TASK_FAMILIES[0] && i === 0 ? true : undefined} />{" "}
                    {TASK_TYPES.find((t) => t.key === box.value)?.name}
                  </label>
                ))}
            </div>
          </fieldset>
        ))}
        {taskErrors?.length ? (
          <p className="field-error" id={fields.taskTypes.errorId}>
            {taskErrors[0]}
          </p>
        ) : null}
      </fieldset>
      <SelectInput
        field={fields.modality}
        label="Modality"
        required
        options={MODALITIES.map((m) => ({ value: m.key, label: m.label }))}
        autoFocus={af("modality")}
      />
      <CheckboxesField
        field={fields.genres}
        label="Genres and domains (optional)"
        options={GENRES.map((g) => ({ value: g.key, label: g.label }))}
        autoFocus={af("genres")}
      />
      <CheckboxesField
        field={fields.formats}
        label="TV formats that fit (optional)"
        options={FORMATS.map((f) => ({ value: f.key, label: f.label }))}
        autoFocus={af("formats")}
      />
      <InputField
        field={fields.languages}
        label="Required languages"
        hint="Names or codes, separated by commas: English, Spanish or en, es."
        autoFocus={af("languages")}
        onChange={setTypedLanguages}
        after={
          <span className="hint" aria-live="polite">
            {readings.length ? `Read as: ${describeLanguages(readings)}` : "No language required."}
          </span>
        }
      />
      <fieldset className="field">
        <legend>Pay</legend>
        <div className="row">
          <InputField field={fields.payAmount} label="Pay amount" type="number" step="0.01" min={0} autoFocus={af("payAmount")} />
          <SelectInput
            field={fields.payUnit}
            label="Per"
            required
            options={[
              { value: "HOUR", label: "hour" },
              { value: "TASK", label: "task" },
            ]}
            autoFocus={af("payUnit")}
          />
          <InputField field={fields.payCurrency} label="Currency" required maxLength={3} autoFocus={af("payCurrency")} />
          <InputField
            field={fields.minutesPerTask}
            label="Minutes per task"
            type="number"
            min={1}
            hint="Per-task pay: used to show the hourly equivalent."
            autoFocus={af("minutesPerTask")}
          />
        </div>
        <div className="row">
          <InputField
            field={fields.weeklyCapHours}
            label="Weekly cap (hours)"
            type="number"
            min={1}
            max={80}
            autoFocus={af("weeklyCapHours")}
          />
          <InputField field={fields.slots} label="Slots" type="number" min={1} autoFocus={af("slots")} />
        </div>
      </fieldset>
      <fieldset className="field" id="terms">
        <legend>Engagement terms (shown before people apply; all needed to open)</legend>
        <div className="row">
          <InputField
            field={fields.hoursPerWeek}
            label="Expected hours per week"
            type="number"
            min={1}
            max={80}
            autoFocus={af("hoursPerWeek")}
          />
          <InputField field={fields.startDate} label="Start date" type="date" autoFocus={af("startDate")} />
          <InputField field={fields.endDate} label="End date" type="date" autoFocus={af("endDate")} />
        </div>
        <div className="row">
          <InputField
            field={fields.noticeDays}
            label="Notice period (days)"
            type="number"
            min={0}
            max={365}
            hint="Days of notice before ending early or cutting weekly hours."
            autoFocus={af("noticeDays")}
          />
          <InputField
            field={fields.rateLockDays}
            label="Rate lock (days)"
            type="number"
            min={0}
            max={730}
            hint="Days from opening during which the rate cannot go down (0 = no lock)."
            autoFocus={af("rateLockDays")}
          />
        </div>
        <div className="row">
          <InputField
            field={fields.minimumPaidHoursPerWeek}
            label="Minimum paid hours per week"
            type="number"
            min={1}
            max={80}
            autoFocus={af("minimumPaidHoursPerWeek")}
          />
          <InputField
            field={fields.killFee}
            label="Kill fee (pay currency)"
            type="number"
            step="0.01"
            min={0}
            hint="Paid if the gig ends early."
            autoFocus={af("killFee")}
          />
        </div>
        <div className="row">
          <InputField
            field={fields.assessmentMinutes}
            label="Assessment minutes"
            type="number"
            min={0}
            hint="Time a screening assessment takes (0 if none)."
            autoFocus={af("assessmentMinutes")}
          />
          <InputField
            field={fields.trainingMinutes}
            label="Training minutes"
            type="number"
            min={0}
            hint="Training before paid work (0 if none)."
            autoFocus={af("trainingMinutes")}
          />
        </div>
        <div className="row">
          <SelectInput
            field={fields.assessmentPaidWhen}
            label="Is the assessment paid?"
            empty="Not paid"
            options={PAID_WHEN_OPTIONS}
            autoFocus={af("assessmentPaidWhen")}
          />
          <InputField
            field={fields.screeningRate}
            label="Assessment pay (per hour)"
            type="number"
            step="0.01"
            min={0}
            hint="Empty: paid at the gig's rate."
            autoFocus={af("screeningRate")}
          />
        </div>
        <SelectInput
          field={fields.trainingPaidWhen}
          label="Is training paid? (at the gig's rate)"
          empty="Not paid"
          options={PAID_WHEN_OPTIONS}
          autoFocus={af("trainingPaidWhen")}
        />
      </fieldset>
      <fieldset className="field">
        <legend>Time zones</legend>
        <div className="row">
          <InputField
            field={fields.timezoneMinOffset}
            label="Earliest UTC offset (minutes)"
            type="number"
            hint="e.g. -480 for UTC-8"
            autoFocus={af("timezoneMinOffset")}
          />
          <InputField
            field={fields.timezoneMaxOffset}
            label="Latest UTC offset (minutes)"
            type="number"
            hint="e.g. 60 for UTC+1"
            autoFocus={af("timezoneMaxOffset")}
          />
        </div>
      </fieldset>
      <fieldset className="field">
        <legend>Screening, NDA and training</legend>
        <label>
          <input type="checkbox" name={fields.screeningRequired.name} defaultChecked={fields.screeningRequired.initialValue === "on"} /> A
          screening assessment is required
        </label>
        <TextareaField
          field={fields.screeningInstructions}
          label="Screening instructions"
          rows={3}
          autoFocus={af("screeningInstructions")}
        />
        <label>
          <input type="checkbox" name={fields.ndaRequired.name} defaultChecked={fields.ndaRequired.initialValue === "on"} /> An NDA is
          required
        </label>
        <TextareaField
          field={fields.trainingModules}
          label="Training modules"
          rows={3}
          hint="One per line."
          autoFocus={af("trainingModules")}
        />
      </fieldset>
      <fieldset className="field disclosure">
        <legend>AI-use disclosure (shown prominently on the gig)</legend>
        <TextareaField
          field={fields.disclosureTrains}
          label="What model or product does this work train?"
          rows={2}
          autoFocus={af("disclosureTrains")}
        />
        <SelectInput
          field={fields.disclosureCreativeUse}
          label="May outputs be used to generate scripts or other creative work?"
          empty="Choose an answer"
          options={[
            { value: "NO", label: "No" },
            { value: "YES", label: "Yes" },
            { value: "UNDECIDED", label: "Not decided yet" },
          ]}
          autoFocus={af("disclosureCreativeUse")}
        />
        <TextareaField
          field={fields.disclosureRetention}
          label="How long is contributed work retained, and who can access it?"
          rows={2}
          autoFocus={af("disclosureRetention")}
        />
      </fieldset>
      <fieldset className="field" id="credentials">
        <legend>Work credentials (what people may show for this work)</legend>
        <InputField
          field={fields.credentialDescriptor}
          label="How credentials name you"
          hint={
            'For example "a frontier AI lab", or your lab\'s name if you allow it. Empty: "an AI lab". Nothing else about the gig or your lab appears in a credential.'
          }
          maxLength={120}
          autoFocus={af("credentialDescriptor")}
        />
        <label>
          <input
            type="checkbox"
            name={fields.credentialQualityNotes.name}
            defaultChecked={fields.credentialQualityNotes.initialValue === "on"}
          />{" "}
          Credentials may include our quality notes about the person
        </label>
      </fieldset>
      {mode === "edit" && published && (
        <fieldset className="field" id="change">
          <legend>Changing the promised terms</legend>
          <p className="hint">
            Lowering the rate during the rate lock, moving the end date earlier or cutting weekly hours with less notice than promised needs
            a reason. Everyone on the gig is told at once, and the change counts against your lab's record. Changes with enough notice are
            recorded too.
          </p>
          <InputField
            field={fields.changeEffectiveDate}
            label="A cut in weekly hours takes effect on"
            type="date"
            hint="Empty: today (no notice)."
            autoFocus={af("changeEffectiveDate")}
          />
          <TextareaField
            field={fields.changeReason}
            label="Reason for the change"
            rows={2}
            hint="Only needed when the change breaks a promise."
            autoFocus={af("changeReason")}
          />
        </fieldset>
      )}
      <p>
        <button type="submit" disabled={busy}>
          {submitLabel}
        </button>
      </p>
    </Form>
  );
}
