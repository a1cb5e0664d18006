/** Helpers every route uses: form reading with CSRF, zod parsing into field errors. */
import type { AppLoadContext } from "@remix-run/node";
import { data } from "@remix-run/node";
import type { z } from "zod";
import { CSRF_FIELD } from "./components/csrf";
import { BodyTooLargeError, BodyUnreadableError, describeLimit, readBodyCapped } from "./body-limit.server";
import { sameOrigin, verifyCsrfToken } from "./csrf.server";

export type FieldErrors = Record<string, string[]>;

const MAX_FORM_BYTES = 3_000_000; // above the 2 MiB CSV import limit

export class HttpError extends Error {
  constructor(
    public status: number,
    message: string,
  ) {
    super(message);
  }
}

/**
 * Reads a browser form and checks CSRF. Every route `action` goes through this. The body is read
 * with MAX_FORM_BYTES counted while it streams in (a chunked body has no Content-Length to
 * check): over the limit, 413 before anything is parsed.
 */
export async function readForm(
  request: Request,
  context: AppLoadContext,
  /** Another limit for one form (lower for the lab logo, higher for the import page), and what to say when it is passed. */
  opts: { maxBytes?: number; tooLarge?: string } = {},
): Promise<FormData> {
  if (!sameOrigin(request)) throw forbidden("Cross-site request refused.");
  const maxBytes = opts.maxBytes ?? MAX_FORM_BYTES;
  let bytes: Uint8Array<ArrayBuffer>;
  try {
    bytes = await readBodyCapped(request, maxBytes);
  } catch (e) {
    if (e instanceof BodyTooLargeError) {
      throw data(
        {
          message:
            opts.tooLarge ||
            `The form is too large: at most ${describeLimit(maxBytes)} can be sent at once. Send less (for an import, a smaller file).`,
        },
        { status: 413 },
      );
    }
    if (e instanceof BodyUnreadableError) throw data({ message: "The form could not be read. Try again." }, { status: 400 });
    throw e;
  }
  let form: FormData;
  try {
    // Parsed from the bytes already read (urlencoded or multipart), never from the raw stream.
    const type = request.headers.get("content-type") ?? "";
    form = await new Response(bytes, { headers: { "content-type": type } }).formData();
  } catch {
    throw data({ message: "The request body is not a form." }, { status: 400 });
  }
  for (const [key, value] of form.entries()) {
    if (key.includes("\u0000") || (typeof value === "string" && value.includes("\u0000"))) {
      throw data({ message: "The form contains a NUL character, which is not allowed." }, { status: 400 });
    }
  }
  if (!verifyCsrfToken(context.csrfSecret, form.get(CSRF_FIELD))) {
    throw data({ message: "Your session token is missing or expired. Reload the page and try again." }, { status: 403 });
  }
  return form;
}

export function forbidden(message = "You do not have access to this page.") {
  return data({ message }, { status: 403 });
}
export function notFound(message = "Not found.") {
  return data({ message }, { status: 404 });
}

/** Turns FormData into a plain object; repeated keys become arrays where `arrays` says so. */
export function formToObject(form: FormData, arrays: readonly string[] = []): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of form.entries()) {
    if (key === CSRF_FIELD || typeof value !== "string") continue;
    if (arrays.includes(key)) {
      const list = (out[key] as string[] | undefined) ?? [];
      list.push(value);
      out[key] = list;
    } else {
      out[key] = value;
    }
  }
  for (const key of arrays) out[key] ??= [];
  return out;
}

export function fieldErrors(error: z.ZodError): FieldErrors {
  const out: FieldErrors = {};
  for (const issue of error.issues) {
    const key = issue.path.length ? issue.path.join(".") : "_form";
    out[key] = [...(out[key] ?? []), issue.message];
  }
  return out;
}

export type ParseResult<T> = { ok: true; data: T } | { ok: false; errors: FieldErrors };

export function parseWith<S extends z.ZodType>(schema: S, input: unknown): ParseResult<z.output<S>> {
  const result = schema.safeParse(input);
  return result.success ? { ok: true, data: result.data } : { ok: false, errors: fieldErrors(result.error) };
}

/** The 400 response an action returns for invalid input: field errors plus the values sent. */
export function invalid(errors: FieldErrors, values?: Record<string, unknown>) {
  return data({ ok: false as const, errors, values: values ?? {} }, { status: 400 });
}

/** A refused operation (conflict, guard, permission) with the service's status code. */
export function refused(r: { status: number; message: string; errors?: FieldErrors }) {
  return data(
    { ok: false as const, errors: { _form: [r.message, ...(r.errors?._form ?? [])] } as FieldErrors, values: {} },
    { status: r.status >= 400 && r.status < 500 ? r.status : 400 },
  );
}
