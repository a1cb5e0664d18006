import { Form } from "@remix-run/react";
import { useState } from "react";
import { describeLanguages, languageName, readLanguages } from "../domain/languages";
import { FORMATS, GENRES, MODALITIES, TASK_FAMILIES, TASK_TYPES } from "../domain/taxonomy";
import { CsrfInput } from "./csrf";
import { CheckboxGroup, ErrorSummary, type Errors, SelectField, TextArea, TextField, errorsByField } from "./form";

const LABELS: Record<string, string> = {
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
  screeningRate: "Screening pay",
  startDate: "Start date",
  endDate: "End date",
  timezoneMinOffset: "Earliest UTC offset",
  timezoneMaxOffset: "Latest UTC offset",
  screeningInstructions: "Screening instructions",
  trainingModules: "Training modules",
  disclosureTrains: "What model or product does this work train?",
  disclosureCreativeUse: "Creative use of outputs",
  disclosureRetention: "Retention",
};

/** Languages typed as names or codes; below the field, how they were read ("English (en)"). */
function LanguagesField({ defaultValue, errors }: { defaultValue: string; errors: Errors }) {
  const [typed, setTyped] = useState(defaultValue);
  const readings = readLanguages(typed);
  const error = errors?.languages?.[0];
  return (
    <div className="field">
      <label htmlFor="f-languages">
        Required languages<span className="muted small"> (optional)</span>
      </label>
      <span className="hint" id="f-languages-hint">
        Names or codes, separated by commas: English, Spanish or en, es.
      </span>
      <input
        id="f-languages"
        name="languages"
        defaultValue={defaultValue}
        onChange={(e) => setTyped(e.currentTarget.value)}
        aria-invalid={error ? true : undefined}
        aria-describedby={["f-languages-hint", "f-languages-read", error ? "f-languages-error" : ""].filter(Boolean).join(" ")}
      />
      <span className="hint" id="f-languages-read" aria-live="polite">
        {readings.length ? `Read as: ${describeLanguages(readings)}` : "No language required."}
      </span>
      {error && (
        <p className="field-error" id="f-languages-error">
          {error}
        </p>
      )}
    </div>
  );
}

type Values = Record<string, unknown>;

const str = (v: unknown) => (v === null || v === undefined ? "" : String(v));
const list = (v: unknown) => (Array.isArray(v) ? (v as string[]) : typeof v === "string" && v ? [v] : []);

/** Languages as the person sees them: names for known codes, what they typed otherwise. */
function languagesText(v: unknown): string {
  if (typeof v === "string") return v;
  return list(v).map(languageName).join(", ");
}

export function GigForm({ values, errors: rawErrors, submitLabel }: { values: Values; errors?: Errors; submitLabel: string }) {
  const errors = errorsByField(rawErrors);
  return (
    <Form method="post" className="stack" noValidate>
      <CsrfInput />
      <ErrorSummary errors={errors} labels={LABELS} />
      <TextField name="title" label="Title" required maxLength={140} defaultValue={str(values.title)} errors={errors} />
      <TextArea
        name="description"
        label="Description"
        rows={8}
        defaultValue={str(values.description)}
        errors={errors}
        hint="Markdown is supported (headings, lists, links). HTML is shown as text."
      />
      <fieldset className="field" id="f-taskTypes" aria-invalid={errors?.taskTypes ? true : undefined}>
        <legend>Task types</legend>
        <span className="hint">What will people do? Opening the gig needs at least one.</span>
        {TASK_FAMILIES.map((family) => (
          <CheckboxGroup
            key={family.key}
            name="taskTypes"
            legend={family.label}
            options={TASK_TYPES.filter((t) => t.family === family.key).map((t) => ({ value: t.key, label: t.name }))}
            selected={list(values.taskTypes)}
          />
        ))}
        {errors?.taskTypes && <p className="field-error">{errors.taskTypes[0]}</p>}
      </fieldset>
      <SelectField name="modality" label="Modality" required options={MODALITIES.map((m) => ({ value: m.key, label: m.label }))} defaultValue={str(values.modality) || "TEXT"} errors={errors} />
      <CheckboxGroup name="genres" legend="Genres and domains" options={GENRES.map((g) => ({ value: g.key, label: g.label }))} selected={list(values.genres)} errors={errors} />
      <CheckboxGroup name="formats" legend="TV formats that fit" options={FORMATS.map((f) => ({ value: f.key, label: f.label }))} selected={list(values.formats)} errors={errors} />
      <LanguagesField defaultValue={languagesText(values.languages)} errors={errors} />
      <fieldset className="field">
        <legend>Pay and hours</legend>
        <div className="row">
          <TextField name="payAmount" label="Pay amount" type="number" step="0.01" min={0} defaultValue={str(values.payAmount)} errors={errors} />
          <SelectField name="payUnit" label="Per" required options={[{ value: "HOUR", label: "hour" }, { value: "TASK", label: "task" }]} defaultValue={str(values.payUnit) || "HOUR"} errors={errors} />
          <TextField name="payCurrency" label="Currency" required maxLength={3} defaultValue={str(values.payCurrency) || "USD"} errors={errors} />
          <TextField name="minutesPerTask" label="Minutes per task" type="number" min={1} hint="Per-task pay: used to show the hourly equivalent." defaultValue={str(values.minutesPerTask)} errors={errors} />
        </div>
        <div className="row">
          <TextField name="hoursPerWeek" label="Expected hours per week" type="number" min={1} max={80} defaultValue={str(values.hoursPerWeek)} errors={errors} />
          <TextField name="weeklyCapHours" label="Weekly cap (hours)" type="number" min={1} max={80} defaultValue={str(values.weeklyCapHours)} errors={errors} />
          <TextField name="slots" label="Slots" type="number" min={1} defaultValue={str(values.slots) || "1"} errors={errors} />
        </div>
        <label>
          <input type="checkbox" name="screeningPaid" defaultChecked={values.screeningPaid === true} /> Screening assessment is paid
        </label>
        <TextField name="screeningRate" label="Screening pay (same currency, per hour)" type="number" step="0.01" min={0} defaultValue={str(values.screeningRate)} errors={errors} />
        <label>
          <input type="checkbox" name="onboardingPaid" defaultChecked={values.onboardingPaid === true} /> Onboarding and training time is paid
        </label>
      </fieldset>
      <fieldset className="field">
        <legend>Dates and time zones</legend>
        <div className="row">
          <TextField name="startDate" label="Start date" type="date" defaultValue={str(values.startDate)} errors={errors} />
          <TextField name="endDate" label="End date" type="date" defaultValue={str(values.endDate)} errors={errors} />
        </div>
        <div className="row">
          <TextField name="timezoneMinOffset" label="Earliest UTC offset (minutes)" type="number" hint="e.g. -480 for UTC-8" defaultValue={str(values.timezoneMinOffset)} errors={errors} />
          <TextField name="timezoneMaxOffset" label="Latest UTC offset (minutes)" type="number" hint="e.g. 60 for UTC+1" defaultValue={str(values.timezoneMaxOffset)} errors={errors} />
        </div>
      </fieldset>
      <fieldset className="field">
        <legend>Screening, NDA and training</legend>
        <label>
          <input type="checkbox" name="screeningRequired" defaultChecked={values.screeningRequired === true} /> A screening assessment is required
        </label>
        <TextArea name="screeningInstructions" label="Screening instructions" rows={3} defaultValue={str(values.screeningInstructions)} errors={errors} />
        <label>
          <input type="checkbox" name="ndaRequired" defaultChecked={values.ndaRequired === true} /> An NDA is required
        </label>
        <TextArea name="trainingModules" label="Training modules" rows={3} hint="One per line." defaultValue={list(values.trainingModules).join("\n")} errors={errors} />
      </fieldset>
      <fieldset className="field disclosure">
        <legend>AI-use disclosure (shown prominently on the gig)</legend>
        <TextArea name="disclosureTrains" label="What model or product does this work train?" rows={2} defaultValue={str(values.disclosureTrains)} errors={errors} />
        <SelectField
          name="disclosureCreativeUse"
          label="May outputs be used to generate scripts or other creative work?"
          includeEmpty="Choose an answer"
          options={[
            { value: "NO", label: "No" },
            { value: "YES", label: "Yes" },
            { value: "UNDECIDED", label: "Not decided yet" },
          ]}
          defaultValue={str(values.disclosureCreativeUse)}
          errors={errors}
        />
        <TextArea name="disclosureRetention" label="How long is contributed work retained, and who can access it?" rows={2} defaultValue={str(values.disclosureRetention)} errors={errors} />
      </fieldset>
      <p>
        <button type="submit">{submitLabel}</button>
      </p>
    </Form>
  );
}
