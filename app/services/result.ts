/**
 * The one shape every use case in app/services answers with (see docs/decisions/0019-conventions.md).
 *
 *   { ok: true, ...payload }
 *   { ok: false, status, code?, message, errors? }
 *
 * - `status` is the HTTP status a route or the API answers with (4xx: the caller can fix it).
 * - `code` is a stable machine-readable reason for the API and tests (`NOT_FOUND`, `CONFLICT`, ...).
 * - `message` is one sentence for a person, shown at the top of the form.
 * - `errors` are messages per form field (Conform's shape); `_form` holds further form-level
 *   sentences shown under `message`.
 */
export type FieldErrors = Record<string, string[]>;

export interface Failure {
  ok: false;
  status: number;
  code?: string;
  message: string;
  errors?: FieldErrors;
}

export type Result<T extends object = object> = ({ ok: true } & T) | Failure;

export function fail(status: number, message: string, more: { code?: string; errors?: FieldErrors } = {}): Failure {
  return { ok: false, status, message, ...more };
}

/** The sentences a form shows for a refusal: the message, then any form-level errors. */
export function refusalMessages(f: Pick<Failure, "message" | "errors">): string[] {
  return [f.message, ...(f.errors?._form ?? [])];
}

/**
 * The documented narrowing for form-first use cases (gigs, transfer rules, profiles, labs, auth):
 * `errors` is always present (routes hand it to Conform as is) and `message` is the first sentence
 * among them (`_form` first), so every failure still has one sentence for a person.
 */
export interface FormFailure extends Failure {
  errors: FieldErrors;
}

export type FormResult<T extends object = object> = ({ ok: true } & T) | FormFailure;

export function formFail(status: number, errors: FieldErrors, more: { code?: string; message?: string } = {}): FormFailure {
  const first = errors._form?.[0] ?? Object.values(errors).flat()[0] ?? "The request was refused.";
  return { ok: false, status, ...(more.code ? { code: more.code } : {}), message: more.message ?? first, errors };
}

/**
 * Groups an ordered `{ path, message }` list (the domain's and the REST API's form) into field
 * errors: the empty path is the form (`_form`), and each field keeps its messages in order.
 * `errorList` is the way back; the round trip is exact when a path's messages are adjacent in the
 * list, which the domain's checks guarantee (tests/unit/result.test.ts).
 */
export function errorsByField(list: readonly { path: string; message: string }[]): FieldErrors {
  const out: FieldErrors = {};
  for (const { path, message } of list) {
    const field = path || "_form";
    out[field] = [...(out[field] ?? []), message];
  }
  return out;
}

/** Field errors as the REST API's ordered `{ path, message }` list (`_form` is the empty path). */
export function errorList(errors: FieldErrors, pathOf: (field: string) => string = (f) => f): { path: string; message: string }[] {
  return Object.entries(errors).flatMap(([field, messages]) =>
    messages.map((message) => ({ path: field === "_form" ? "" : pathOf(field), message })),
  );
}
