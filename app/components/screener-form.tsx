/**
 * The screener form (create, and "save as new version"): Conform + zod with the schema in
 * app/domain/screeners.ts, so the browser and the server check the same rules.
 */
import { type FieldMetadata, getFormProps } from "@conform-to/react";
import { Form, useNavigation } from "@remix-run/react";
import { CheckboxField, FormErrors, InputField, type SubmissionResult, firstErrorField, formPropsFocusing, useAppForm } from "./conform";
import { CsrfInput } from "./csrf";
import { SCREENER_NAME_MAX, screenerFormSchema } from "~/domain/screeners";
import { TASK_TYPES } from "~/domain/taxonomy";

const ORDER = ["name", "tasks", "languages", "minHours", "tzMin", "tzMax", "verifiedOnly", "maxRate"] as const;
export const SCREENER_LABELS: Record<string, string> = {
  name: "Name",
  tasks: "Transfer scores",
  languages: "Languages",
  minHours: "Hours per week",
  tzMin: "UTC offset from",
  tzMax: "UTC offset to",
  verifiedOnly: "Verified credits",
  maxRate: "Max hourly rate",
};

// biome-ignore lint/suspicious/noExplicitAny: Conform's field metadata is generic over every schema
type Field = FieldMetadata<any, any, string[]>;

export function ScreenerForm({
  id,
  defaultValue,
  lastResult,
  canFilterRate,
  submitLabel,
  intent,
}: {
  id: string;
  defaultValue: Record<string, unknown>;
  lastResult?: SubmissionResult<string[]>;
  canFilterRate: boolean;
  submitLabel: string;
  intent: string;
}) {
  const busy = useNavigation().state === "submitting";
  const [form, fields] = useAppForm({ id, schema: screenerFormSchema, lastResult, defaultValue });
  const first = firstErrorField(lastResult, ORDER);
  const rows = (fields.tasks as unknown as { getFieldList(): Field[] }).getFieldList();
  const tasksError = (fields.tasks as Field).errors?.[0];
  return (
    <Form method="post" className="stack card" {...formPropsFocusing(getFormProps(form))}>
      <CsrfInput />
      <input type="hidden" name="intent" value={intent} />
      {defaultValue.version ? <input type="hidden" name="version" value={String(defaultValue.version)} /> : null}
      <FormErrors form={form} labels={SCREENER_LABELS} />
      <InputField
        field={fields.name}
        label="Name"
        required
        maxLength={SCREENER_NAME_MAX}
        autoFocus={first === "name"}
        placeholder="e.g. Bilingual comedy raters"
      />
      <fieldset
        className="field"
        id={`${form.id}-tasks`}
        aria-invalid={tasksError ? true : undefined}
        aria-describedby={tasksError ? `${form.id}-tasks-error` : undefined}
      >
        <legend>Transfer scores (up to 3)</legend>
        {rows.map((row, i) => {
          const cells = (row as unknown as { getFieldset(): Record<string, Field> }).getFieldset();
          const taskField = cells.taskType;
          const minField = cells.min;
          return (
            <div className="row screener-task" key={row.key}>
              <div className="field grow">
                <label htmlFor={taskField.id}>{`Task type ${i + 1}`}</label>
                <select
                  id={taskField.id}
                  name={taskField.name}
                  defaultValue={typeof taskField.initialValue === "string" ? taskField.initialValue : ""}
                  aria-invalid={taskField.errors?.length ? true : undefined}
                  aria-describedby={taskField.errors?.length ? taskField.errorId : undefined}
                >
                  <option value="">Any</option>
                  {TASK_TYPES.map((t) => (
                    <option key={t.key} value={t.key}>
                      {t.name}
                    </option>
                  ))}
                </select>
                {taskField.errors?.length ? (
                  <p className="field-error" id={taskField.errorId}>
                    {taskField.errors[0]}
                  </p>
                ) : null}
              </div>
              <InputField field={minField} label="at least" type="number" min={0} max={100} plain autoFocus={first === `tasks[${i}].min`} />
            </div>
          );
        })}
        {tasksError && (
          <p className="field-error" id={`${form.id}-tasks-error`}>
            {tasksError}
          </p>
        )}
      </fieldset>
      <InputField
        field={fields.languages}
        label="Languages (all of)"
        hint="Names or codes, separated by commas: English, es"
        autoFocus={first === "languages"}
      />
      <InputField
        field={fields.minHours}
        label="Hours per week available, at least"
        type="number"
        min={0}
        max={80}
        autoFocus={first === "minHours"}
      />
      <div className="row">
        <InputField field={fields.tzMin} label="UTC offset from" type="number" min={-12} max={14} autoFocus={first === "tzMin"} />
        <InputField field={fields.tzMax} label="to" type="number" min={-12} max={14} autoFocus={first === "tzMax"} />
      </div>
      <CheckboxField field={fields.verifiedOnly} label="Only people with verified credits" autoFocus={first === "verifiedOnly"} />
      {canFilterRate && (
        <InputField
          field={fields.maxRate}
          label="Max hourly rate (USD)"
          type="number"
          min={0}
          hint="The person's private minimum rate is at most this. Coordinators only: labs never filter on it."
          autoFocus={first === "maxRate"}
        />
      )}
      <p>
        <button type="submit" disabled={busy}>
          {submitLabel}
        </button>
      </p>
    </Form>
  );
}
