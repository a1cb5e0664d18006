/**
 * The one form pipeline: Conform + zod 4. The same zod schema validates in the browser (on blur,
 * then as the person types) and on the server (`parseSubmission`), errors are shown next to their
 * field (aria-invalid + aria-describedby), the first invalid field is focused (also without
 * JavaScript, through `autofocus`), values are kept on error, and `useResetKey` remounts a form
 * after a successful submission (the action redirected) so an "add" form is empty again.
 */
import {
  type FieldMetadata,
  type FormMetadata,
  getCollectionProps,
  getInputProps,
  getSelectProps,
  getTextareaProps,
  type Submission,
  type SubmissionResult,
  useForm,
} from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { useActionData, useNavigation } from "@remix-run/react";
import { type FormEvent, type ReactNode, useEffect, useRef, useState } from "react";
import type { z } from "zod";

export type { SubmissionResult };

/**
 * Parses a submitted form with a zod schema the Conform way (nested names like `a.b`, `a[0]`).
 * The project's schemas read raw strings themselves (preprocessors), so Conform's own coercion is off.
 */
export function parseSubmission<S extends z.ZodType>(formData: FormData, schema: S) {
  return parseWithZod(withoutHugeIndices(formData), { schema, disableAutoCoercion: true });
}

/**
 * Conform builds a real array up to a name's list index, so one field named `x[99999999]` cost
 * ~50 s of CPU and a 500 MB answer (the submitted values are sent back on error). No form has
 * lists anywhere near this long: such fields are dropped before parsing.
 */
const MAX_LIST_INDEX = 1000;
const hugeIndex = (name: string) => [...name.matchAll(/\[(\d+)\]/g)].some((m) => Number(m[1]) > MAX_LIST_INDEX);
export function withoutHugeIndices(formData: FormData): FormData {
  if (![...formData.keys()].some(hugeIndex)) return formData;
  const out = new FormData();
  for (const [name, value] of formData.entries()) if (!hugeIndex(name)) out.append(name, value);
  return out;
}

/** `errors` of the project's services (`_form` = about the whole form) as Conform reply options. */
export function replyOptions(errors: Record<string, string[] | undefined>) {
  const { _form, ...fieldErrors } = errors;
  return {
    formErrors: _form ?? [],
    fieldErrors: Object.fromEntries(Object.entries(fieldErrors).filter(([, v]) => v?.length)) as Record<string, string[]>,
    hideFields: ["_csrf"],
  };
}

/** A SubmissionResult for a refusal that did not come from parsing (no submitted values to keep). */
export function refusalResult(errors: Record<string, string[] | undefined>): SubmissionResult<string[]> {
  const { _form, ...fields } = errors;
  const error: Record<string, string[]> = {};
  if (_form?.length) error[""] = _form;
  for (const [k, v] of Object.entries(fields)) if (v?.length) error[k] = v;
  return { status: "error", error };
}

/** Whether an action's answer is a Conform SubmissionResult (and not some other payload). */
export function asSubmissionResult(value: unknown): SubmissionResult<string[]> | undefined {
  if (!value || typeof value !== "object") return undefined;
  const v = value as { status?: unknown; error?: unknown };
  return v.status === "error" && v.error && typeof v.error === "object" ? (value as SubmissionResult<string[]>) : undefined;
}

/**
 * A key that changes after each successful POST navigation of this page (the action redirected,
 * so there is no action data) and stays the same while a submission failed. Put it on the
 * component that calls `useAppForm` so an "add" form starts empty after it was saved.
 */
export function useResetKey(): number {
  const navigation = useNavigation();
  const actionData = useActionData();
  const [key, setKey] = useState(0);
  const submitting = useRef(false);
  useEffect(() => {
    if (navigation.state !== "idle" && navigation.formMethod && navigation.formMethod.toUpperCase() !== "GET") submitting.current = true;
    if (navigation.state === "idle" && submitting.current) {
      submitting.current = false;
      if (actionData === undefined) setKey((k) => k + 1);
    }
  }, [navigation.state, navigation.formMethod, actionData]);
  return key;
}

/** useForm with the project's defaults: the schema validates in the browser too. */
export function useAppForm<S extends z.ZodType>(opts: {
  id: string;
  schema: S;
  lastResult?: SubmissionResult<string[]> | null;
  defaultValue?: Record<string, unknown>;
  /**
   * When to check a field first (then again as the person types). "onSubmit" suits short forms
   * whose button sits right below the last field: an error appearing on blur pushes the button
   * down between mouse-down and mouse-up, and the click is lost.
   */
  shouldValidate?: "onBlur" | "onSubmit";
}) {
  return useForm<Record<string, unknown>>({
    id: opts.id,
    lastResult: opts.lastResult ?? undefined,
    defaultValue: opts.defaultValue as Record<string, string | null | undefined> | undefined,
    shouldValidate: opts.shouldValidate ?? "onBlur",
    shouldRevalidate: "onInput",
    onValidate({ formData }) {
      return parseSubmission(formData, opts.schema) as unknown as Submission<Record<string, unknown>, string[]>;
    },
  });
}

type AnyField = FieldMetadata<unknown, Record<string, unknown>, string[]>;

/** True while rendering on the server (there is no document there). */
export const ON_SERVER = typeof document === "undefined";

/**
 * A field's metadata as `useAppForm` gives it before anything was submitted or typed: the same id, name,
 * form, description and error ids and initial value, no errors (useAppForm passes no constraints, so there
 * are none to copy). For a form's server-rendered twin (decision 0043): the field components render the
 * same markup from it without a Conform form behind them, and the browser hydrates that markup with the
 * real Conform form. Only for forms with nothing to report (no `lastResult`).
 */
// biome-ignore lint/suspicious/noExplicitAny: Conform's field metadata is generic over every schema
export function initialField(formId: string, name: string, initialValue?: string): FieldMetadata<any, any, string[]> {
  const id = `${formId}-${name}`;
  const meta = { id, name, formId, errorId: `${id}-error`, descriptionId: `${id}-description`, initialValue, errors: undefined };
  // biome-ignore lint/suspicious/noExplicitAny: see above
  return meta as unknown as FieldMetadata<any, any, string[]>;
}

/** The name of the first field (in `order`) that has an error in `result`: it gets `autofocus`. */
export function firstErrorField(result: SubmissionResult<string[]> | null | undefined, order: readonly string[]): string | undefined {
  const error = result?.error;
  if (!error) return undefined;
  const failing = Object.keys(error).filter((k) => k !== "" && error[k]?.length);
  return order.find((name) => failing.some((k) => k === name || k.startsWith(`${name}.`) || k.startsWith(`${name}[`))) ?? failing[0];
}

/**
 * The box at the top of a form: errors about the whole form, and for field errors a list that
 * names each field and links to it (the field itself shows the message too).
 */
export function FormErrors({ form, labels }: { form: FormMetadata<Record<string, unknown>, string[]>; labels: Record<string, string> }) {
  const formErrors = form.errors ?? [];
  const all = form.allErrors;
  const named = Object.keys(all)
    .filter((k) => k !== form.id && k !== "" && all[k]?.length)
    .map((k) => {
      const base = Object.keys(labels).find((name) => k === name || k.startsWith(`${name}.`) || k.startsWith(`${name}[`));
      return { key: k, label: base ? labels[base] : k, id: base ?? k };
    })
    .filter((x, i, list) => list.findIndex((y) => y.id === x.id) === i);
  if (!formErrors.length && !named.length) return null;
  return (
    <div className="alert error" role="alert" id={form.errorId}>
      {formErrors.map((e) => (
        <p key={e}>{e}</p>
      ))}
      {named.length > 0 && (
        <>
          <p>{named.length === 1 ? "Please fix this field:" : `Please fix these ${named.length} fields:`}</p>
          <ul>
            {named.map((n) => (
              <li key={n.key}>
                <a href={`#${form.id}-${n.id}`}>{n.label}</a>: {all[n.key]?.[0]}
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}

function Label({ field, label, required, plain }: { field: AnyField; label: ReactNode; required?: boolean; plain?: boolean }) {
  return (
    <label htmlFor={field.id}>
      {label}
      {required || plain ? "" : <span className="muted small"> (optional)</span>}
    </label>
  );
}

function FieldError({ field }: { field: AnyField }) {
  if (!field.errors?.length) return null;
  return (
    <p className="field-error" id={field.errorId}>
      {field.errors[0]}
    </p>
  );
}

function describedBy(field: AnyField, hint: ReactNode): string | undefined {
  return [hint ? field.descriptionId : undefined, field.errors?.length ? field.errorId : undefined].filter(Boolean).join(" ") || undefined;
}

interface CommonProps {
  // biome-ignore lint/suspicious/noExplicitAny: Conform's field metadata is generic over every schema
  field: FieldMetadata<any, any, string[]>;
  label: ReactNode;
  hint?: ReactNode;
  required?: boolean;
  autoFocus?: boolean;
  /** No "(optional)" after the label: whether it is needed depends on the button pressed (the label says when). */
  plain?: boolean;
}

/** A field's label and optional hint (the hint is the field's description for screen readers). */
function FieldHead({
  field,
  label,
  required,
  hint,
  plain,
}: {
  field: AnyField;
  label: ReactNode;
  required?: boolean;
  hint?: ReactNode;
  plain?: boolean;
}) {
  return (
    <>
      <Label field={field} label={label} required={required} plain={plain} />
      {hint && (
        <span className="hint" id={field.descriptionId}>
          {hint}
        </span>
      )}
    </>
  );
}

export function InputField(
  props: CommonProps & {
    type?: "text" | "number" | "email" | "url" | "date" | "password" | "search" | "tel";
    maxLength?: number;
    min?: number | string;
    max?: number | string;
    step?: number | string;
    list?: string;
    autoComplete?: string;
    placeholder?: string;
    inputMode?: "numeric" | "decimal" | "text";
    onChange?: (value: string) => void;
    after?: ReactNode;
  },
) {
  const field = props.field as AnyField;
  const { key, ...input } = getInputProps(field, { type: props.type ?? "text", ariaAttributes: false });
  return (
    <div className="field">
      <FieldHead field={field} label={props.label} required={props.required} hint={props.hint} plain={props.plain} />
      <input
        key={key}
        {...input}
        required={props.required}
        maxLength={props.maxLength}
        min={props.min}
        max={props.max}
        step={props.step}
        list={props.list}
        autoComplete={props.autoComplete}
        placeholder={props.placeholder}
        inputMode={props.inputMode}
        autoFocus={props.autoFocus}
        aria-invalid={field.errors?.length ? true : undefined}
        aria-describedby={describedBy(field, props.hint)}
        onChange={props.onChange ? (e) => props.onChange?.(e.currentTarget.value) : undefined}
      />
      {props.after}
      <FieldError field={field} />
    </div>
  );
}

export function TextareaField(props: CommonProps & { rows?: number; maxLength?: number }) {
  const field = props.field as AnyField;
  const { key, ...input } = getTextareaProps(field, { ariaAttributes: false });
  return (
    <div className="field">
      <FieldHead field={field} label={props.label} required={props.required} hint={props.hint} plain={props.plain} />
      <textarea
        key={key}
        {...input}
        rows={props.rows ?? 4}
        required={props.required}
        maxLength={props.maxLength}
        autoFocus={props.autoFocus}
        aria-invalid={field.errors?.length ? true : undefined}
        aria-describedby={describedBy(field, props.hint)}
      />
      <FieldError field={field} />
    </div>
  );
}

export interface Option {
  value: string;
  label: string;
}

export function SelectInput(
  props: CommonProps & { options?: readonly Option[]; groups?: readonly { label: string; options: readonly Option[] }[]; empty?: string },
) {
  const field = props.field as AnyField;
  const { key, ...select } = getSelectProps(field, { ariaAttributes: false });
  return (
    <div className="field">
      <FieldHead field={field} label={props.label} required={props.required} hint={props.hint} plain={props.plain} />
      <select
        key={key}
        {...select}
        defaultValue={typeof select.defaultValue === "string" ? select.defaultValue : ""}
        required={props.required}
        autoFocus={props.autoFocus}
        aria-invalid={field.errors?.length ? true : undefined}
        aria-describedby={describedBy(field, props.hint)}
      >
        {props.empty !== undefined && <option value="">{props.empty}</option>}
        {props.options?.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
        {props.groups?.map((g) => (
          <optgroup key={g.label} label={g.label}>
            {g.options.map((o) => (
              <option key={o.value} value={o.value}>
                {o.label}
              </option>
            ))}
          </optgroup>
        ))}
      </select>
      <FieldError field={field} />
    </div>
  );
}

/** Checkboxes for a list field (`genres`): every ticked value is submitted under the same name. */
export function CheckboxesField(props: Omit<CommonProps, "required"> & { options: readonly Option[] }) {
  const field = props.field as AnyField;
  const boxes = getCollectionProps(field as FieldMetadata<string[], Record<string, unknown>, string[]>, {
    type: "checkbox",
    options: props.options.map((o) => o.value),
    ariaAttributes: false,
  });
  const labelOf = new Map(props.options.map((o) => [o.value, o.label]));
  const invalid = Boolean(field.errors?.length);
  return (
    <fieldset className="field" id={field.id} aria-invalid={invalid || undefined} aria-describedby={describedBy(field, props.hint)}>
      <legend>{props.label}</legend>
      {props.hint && (
        <span className="hint" id={field.descriptionId}>
          {props.hint}
        </span>
      )}
      <div className="checks">
        {boxes.map(({ key, ...box }, i) => (
          <label key={key ?? box.value}>
            <input {...box} autoFocus={i === 0 ? props.autoFocus : undefined} /> {labelOf.get(box.value ?? "") ?? box.value}
          </label>
        ))}
      </div>
      <FieldError field={field} />
    </fieldset>
  );
}

/** A refusal that is not about one form's fields (an unknown action, a guard): shown at the top. */
export function RefusalMessage({ result }: { result: SubmissionResult<string[]> }) {
  const messages = Object.values(result.error ?? {}).flatMap((v) => v ?? []);
  if (!messages.length) return null;
  return (
    <div className="alert error" role="alert">
      {messages.map((m) => (
        <p key={m}>{m}</p>
      ))}
    </div>
  );
}

// ----------------------------------------------------------------- choices and form-level refusals

/** Radio buttons for one value (`accountType`, `visibility`); the fieldset is marked when it has an error. */
export function RadioField(props: Omit<CommonProps, "required"> & { options: readonly (Option & { hint?: ReactNode })[] }) {
  const field = props.field as AnyField;
  const radios = getCollectionProps(field as FieldMetadata<string, Record<string, unknown>, string[]>, {
    type: "radio",
    options: props.options.map((o) => o.value),
    ariaAttributes: false,
  });
  const byValue = new Map(props.options.map((o) => [o.value, o]));
  const invalid = Boolean(field.errors?.length);
  return (
    <fieldset className="field" id={field.id} aria-invalid={invalid || undefined} aria-describedby={describedBy(field, props.hint)}>
      <legend>{props.label}</legend>
      {props.hint && (
        <span className="hint" id={field.descriptionId}>
          {props.hint}
        </span>
      )}
      {radios.map(({ key, ...radio }, i) => {
        const option = byValue.get(radio.value ?? "");
        return (
          <label key={key ?? radio.value}>
            <input {...radio} autoFocus={i === 0 ? props.autoFocus : undefined} /> {option?.label ?? radio.value}
            {option?.hint && <span className="hint"> {option.hint}</span>}
          </label>
        );
      })}
      <FieldError field={field} />
    </fieldset>
  );
}

/** One checkbox that submits "on" when ticked (`acceptTerms`, `aiUseConsent`); its label may hold links. */
export function CheckboxField(props: Omit<CommonProps, "required"> & { children?: ReactNode }) {
  const field = props.field as AnyField;
  const { key, ...box } = getInputProps(field as FieldMetadata<string, Record<string, unknown>, string[]>, {
    type: "checkbox",
    value: "on",
    ariaAttributes: false,
  });
  return (
    <div className="field">
      <label htmlFor={field.id}>
        <input
          key={key}
          {...box}
          autoFocus={props.autoFocus}
          aria-invalid={field.errors?.length ? true : undefined}
          aria-describedby={describedBy(field, props.hint)}
        />{" "}
        {props.label}
      </label>
      {props.hint && (
        <span className="hint" id={field.descriptionId}>
          {props.hint}
        </span>
      )}
      {props.children}
      <FieldError field={field} />
    </div>
  );
}

/**
 * FormErrors for forms whose refusals are often about the whole form (a wrong password, a rate
 * limit, a stale version): when no field is marked, the box itself takes the focus and scrolls
 * into view (also without JavaScript, through `autofocus`), so the refusal is where the person looks.
 */
export function FocusedFormErrors({
  form,
  labels,
  result,
}: {
  form: FormMetadata<Record<string, unknown>, string[]>;
  labels: Record<string, string>;
  result: SubmissionResult<string[]> | null | undefined;
}) {
  const ref = useRef<HTMLDivElement>(null);
  const onlyFormErrors =
    Boolean(result?.error?.[""]?.length) && !Object.entries(result?.error ?? {}).some(([k, v]) => k !== "" && v?.length);
  // Conform reports a server answer to the form state after the first render: wait for the box.
  const messages = form.errors ?? [];
  const boxShown = onlyFormErrors && messages.length > 0;
  // biome-ignore lint/correctness/useExhaustiveDependencies: a new result is a new refusal to bring into view again
  useEffect(() => {
    if (!boxShown || !ref.current) return;
    ref.current.focus();
    ref.current.scrollIntoView({ block: "center" });
  }, [boxShown, result]);
  if (!boxShown) return <FormErrors form={form} labels={labels} />;
  return (
    <div ref={ref} className="alert error" role="alert" id={form.errorId} tabIndex={-1} autoFocus>
      {messages.map((e) => (
        <p key={e}>{e}</p>
      ))}
    </div>
  );
}

/**
 * Errors about the whole form only (no list of fields): for small forms (one or two fields, a
 * row of buttons) where each field shows its own error and a summary would only repeat it.
 */
export function FormLevelErrors({ form }: { form: FormMetadata<Record<string, unknown>, string[]> }) {
  const errors = form.errors ?? [];
  if (!errors.length) return null;
  return (
    <div className="alert error" role="alert" id={form.errorId}>
      {errors.map((e) => (
        <p key={e}>{e}</p>
      ))}
    </div>
  );
}

/**
 * Puts the cursor in the first field marked invalid inside `form` (after React has marked it) and
 * scrolls it into view. Conform focuses the first invalid field itself, but when that field was the
 * one being left (its blur validated it) the browser's focus on the pressed button lands afterwards.
 */
export function focusFirstInvalid(form: HTMLFormElement) {
  const run = () => {
    const field = [...form.elements].find((el) => el.getAttribute("aria-invalid") === "true") as HTMLElement | undefined;
    if (!field || document.activeElement === field) return;
    field.focus();
    field.scrollIntoView({ block: "nearest" });
  };
  setTimeout(run, 0);
  setTimeout(run, 50);
}

/**
 * Conform's form props with `focusFirstInvalid` after a submission the schema stopped in the
 * browser (Conform prevented the default; Remix's <Form> then sends nothing).
 */
export function formPropsFocusing<P extends { onSubmit: (event: FormEvent<HTMLFormElement>) => void }>(props: P): P {
  return {
    ...props,
    onSubmit(event: FormEvent<HTMLFormElement>) {
      props.onSubmit(event);
      // Conform's own validation on blur is a submission too (a hidden "__intent__" button): leave the focus alone then.
      const submitter = (event.nativeEvent as SubmitEvent).submitter;
      if (event.defaultPrevented && submitter?.getAttribute("name") !== "__intent__") focusFirstInvalid(event.currentTarget);
    },
  };
}
