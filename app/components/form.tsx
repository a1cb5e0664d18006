import { type ReactNode, useEffect, useRef } from "react";

export type Errors = Record<string, string[] | undefined> | undefined;

/** "payAmount" -> "Pay amount": a readable name when a form gives no label for a field. */
function humanize(key: string): string {
  const words = key.replace(/[._-]+/g, " ").replace(/([a-z])([A-Z])/g, "$1 $2").toLowerCase().trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/**
 * Errors keyed by nested paths ("languages.0") belong to the field they are about ("languages"),
 * so the field that shows them is marked: merges child paths into their top-level field.
 */
export function errorsByField(errors: Errors): Errors {
  if (!errors) return errors;
  const out: Record<string, string[]> = {};
  for (const [key, list] of Object.entries(errors)) {
    if (!list?.length) continue;
    const field = key === "_form" ? key : key.split(/[.[]/)[0];
    out[field] = [...(out[field] ?? []), ...list];
  }
  return out;
}

/**
 * The box at the top of a form: errors about the whole form, then each field error named (a link
 * to the field, which shows the message and is marked aria-invalid too).
 */
export function ErrorSummary({
  errors,
  message,
  labels,
  idPrefix = "f-",
}: {
  errors?: Errors;
  message?: string;
  labels?: Record<string, string>;
  /** Field ids are `${idPrefix}${name}` (the form components use "f-"). */
  idPrefix?: string;
}) {
  const byField = errorsByField(errors);
  const formErrors = byField?._form ?? [];
  const fields = byField ? Object.entries(byField).filter(([k, v]) => k !== "_form" && v?.length) : [];
  const ref = useRef<HTMLDivElement>(null);
  const shown = formErrors.length > 0 || fields.length > 0 || Boolean(message);
  // Focus the first marked field (or this box) where the person can see it, after every new answer.
  // biome-ignore lint/correctness/useExhaustiveDependencies: a new errors object is a new answer to focus again
  useEffect(() => {
    if (!shown || !ref.current) return;
    const scope = ref.current.closest("form") ?? document.querySelector("main") ?? document;
    let target = scope.querySelector<HTMLElement>('[aria-invalid="true"]');
    if (target?.tagName === "FIELDSET") target = target.querySelector<HTMLElement>("input, select, textarea") ?? target;
    (target ?? ref.current).focus();
    (target ?? ref.current).scrollIntoView({ block: "center" });
  }, [shown, errors, message]);
  if (!shown) return null;
  return (
    <div className="alert error" role="alert" tabIndex={-1} ref={ref} autoFocus>
      {message && <p>{message}</p>}
      {formErrors.map((e) => (
        <p key={e}>{e}</p>
      ))}
      {fields.length > 0 && (
        <>
          <p>{fields.length === 1 ? "Please fix this field:" : `Please fix these ${fields.length} fields:`}</p>
          <ul>
            {fields.map(([key, list]) => (
              <li key={key}>
                <a href={`#${idPrefix}${key}`}>{labels?.[key] ?? humanize(key)}</a>: {list?.[0]}
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}

interface FieldProps {
  name: string;
  label: string;
  errors?: Errors;
  hint?: ReactNode;
  type?: string;
  defaultValue?: string | number | null;
  required?: boolean;
  autoComplete?: string;
  placeholder?: string;
  min?: number | string;
  max?: number | string;
  step?: number | string;
  list?: string;
  maxLength?: number;
}

export function TextField(props: FieldProps) {
  const id = `f-${props.name}`;
  const error = props.errors?.[props.name]?.[0];
  const hintId = props.hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  return (
    <div className="field">
      <label htmlFor={id}>
        {props.label}
        {props.required ? "" : <span className="muted small"> (optional)</span>}
      </label>
      {props.hint && (
        <span className="hint" id={hintId}>
          {props.hint}
        </span>
      )}
      <input
        id={id}
        name={props.name}
        type={props.type ?? "text"}
        defaultValue={props.defaultValue ?? undefined}
        required={props.required}
        autoComplete={props.autoComplete}
        placeholder={props.placeholder}
        min={props.min}
        max={props.max}
        step={props.step}
        list={props.list}
        maxLength={props.maxLength}
        aria-invalid={error ? true : undefined}
        aria-describedby={[hintId, errorId].filter(Boolean).join(" ") || undefined}
      />
      {error && (
        <p className="field-error" id={errorId}>
          {error}
        </p>
      )}
    </div>
  );
}

export function TextArea(props: FieldProps & { rows?: number }) {
  const id = `f-${props.name}`;
  const error = props.errors?.[props.name]?.[0];
  const hintId = props.hint ? `${id}-hint` : undefined;
  return (
    <div className="field">
      <label htmlFor={id}>
        {props.label}
        {props.required ? "" : <span className="muted small"> (optional)</span>}
      </label>
      {props.hint && (
        <span className="hint" id={hintId}>
          {props.hint}
        </span>
      )}
      <textarea
        id={id}
        name={props.name}
        rows={props.rows ?? 4}
        defaultValue={props.defaultValue ?? undefined}
        required={props.required}
        maxLength={props.maxLength}
        aria-invalid={error ? true : undefined}
        aria-describedby={[hintId, error ? `${id}-error` : undefined].filter(Boolean).join(" ") || undefined}
      />
      {error && (
        <p className="field-error" id={`${id}-error`}>
          {error}
        </p>
      )}
    </div>
  );
}

export function SelectField(
  props: FieldProps & { options: readonly { value: string; label: string }[]; includeEmpty?: string },
) {
  const id = `f-${props.name}`;
  const error = props.errors?.[props.name]?.[0];
  return (
    <div className="field">
      <label htmlFor={id}>
        {props.label}
        {props.required ? "" : <span className="muted small"> (optional)</span>}
      </label>
      {props.hint && <span className="hint">{props.hint}</span>}
      <select
        id={id}
        name={props.name}
        defaultValue={props.defaultValue ?? ""}
        required={props.required}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
      >
        {props.includeEmpty !== undefined && <option value="">{props.includeEmpty}</option>}
        {props.options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      {error && (
        <p className="field-error" id={`${id}-error`}>
          {error}
        </p>
      )}
    </div>
  );
}

export function CheckboxGroup(props: {
  name: string;
  legend: string;
  options: readonly { value: string; label: string }[];
  selected?: readonly string[];
  errors?: Errors;
  hint?: ReactNode;
}) {
  const error = props.errors?.[props.name]?.[0];
  return (
    <fieldset className="field" aria-invalid={error ? true : undefined}>
      <legend>{props.legend}</legend>
      {props.hint && <span className="hint">{props.hint}</span>}
      <div className="checks">
        {props.options.map((o) => (
          <label key={o.value}>
            <input type="checkbox" name={props.name} value={o.value} defaultChecked={props.selected?.includes(o.value)} />{" "}
            {o.label}
          </label>
        ))}
      </div>
      {error && <p className="field-error">{error}</p>}
    </fieldset>
  );
}

export function Pager({ page, totalPages, href }: { page: number; totalPages: number; href: (p: number) => string }) {
  if (totalPages <= 1) return null;
  return (
    <nav className="pager" aria-label="Pagination">
      {page > 1 ? <a href={href(page - 1)}>← Previous</a> : <span className="muted">← Previous</span>}
      <span>
        Page {page} of {totalPages}
      </span>
      {page < totalPages ? <a href={href(page + 1)}>Next →</a> : <span className="muted">Next →</span>}
    </nav>
  );
}
