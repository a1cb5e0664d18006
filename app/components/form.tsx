import type { ReactNode } from "react";

export type Errors = Record<string, string[] | undefined> | undefined;

export function ErrorSummary({ errors, message }: { errors?: Errors; message?: string }) {
  const formErrors = errors?._form ?? [];
  const count = errors ? Object.keys(errors).filter((k) => k !== "_form").length : 0;
  if (!formErrors.length && !count && !message) return null;
  return (
    <div className="alert error" role="alert">
      {message && <p>{message}</p>}
      {formErrors.map((e) => (
        <p key={e}>{e}</p>
      ))}
      {count > 0 && <p>Please fix the {count === 1 ? "field" : `${count} fields`} marked below.</p>}
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
