/**
 * RFC 9457 problem details for the lab JSON API, and the JSON response helper every API route
 * uses. A route signals an error by throwing `ApiProblem`; the wrapper in auth.server.ts turns
 * it into an `application/problem+json` response.
 */
import type { z } from "zod";

export const PROBLEM_CONTENT_TYPE = "application/problem+json";
/** Problem types are URNs: stable identifiers clients can switch on (RFC 9457 section 3.1.1). */
const PROBLEM_BASE = "urn:second-act:problem:";

export interface FieldError {
  path: string;
  message: string;
}

export interface ProblemBody {
  type: string;
  title: string;
  status: number;
  detail: string;
  errors?: FieldError[];
  [extension: string]: unknown;
}

const TITLES: Record<number, string> = {
  400: "Bad Request",
  401: "Unauthorized",
  403: "Forbidden",
  404: "Not Found",
  405: "Method Not Allowed",
  409: "Conflict",
  413: "Content Too Large",
  415: "Unsupported Media Type",
  422: "Unprocessable Content",
  429: "Too Many Requests",
  500: "Internal Server Error",
};

export class ApiProblem extends Error {
  constructor(
    public status: number,
    /** Short slug appended to the problem type URN, e.g. "validation". */
    public slug: string,
    public detail: string,
    public extra: { title?: string; errors?: FieldError[]; headers?: Record<string, string>; [k: string]: unknown } = {},
  ) {
    super(detail);
  }

  toResponse(): Response {
    const { title, errors, headers, ...extensions } = this.extra;
    return problemResponse(
      {
        type: `${PROBLEM_BASE}${this.slug}`,
        title: title ?? TITLES[this.status] ?? "Error",
        status: this.status,
        detail: this.detail,
        ...(errors?.length ? { errors } : {}),
        ...extensions,
      },
      headers,
    );
  }
}

const BASE_HEADERS = { "Cache-Control": "no-store" };

export function problemResponse(body: ProblemBody, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status: body.status,
    headers: { ...BASE_HEADERS, ...headers, "Content-Type": PROBLEM_CONTENT_TYPE },
  });
}

export function jsonResponse(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { ...BASE_HEADERS, ...headers, "Content-Type": "application/json; charset=utf-8" },
  });
}

export function methodNotAllowed(allowed: string[]): ApiProblem {
  return new ApiProblem(405, "method-not-allowed", `This endpoint accepts ${allowed.join(", ")}.`, {
    headers: { Allow: allowed.join(", ") },
  });
}

export function notFound(detail = "No such gig."): ApiProblem {
  return new ApiProblem(404, "not-found", detail);
}

/**
 * zod issues -> `[{path, message}]` with dotted field paths ("taskTypes.0"). Unknown keys get
 * one entry per key so clients can point at the offending field.
 */
export function issuesToErrors(error: z.ZodError, hints: Record<string, string> = {}): FieldError[] {
  const out: FieldError[] = [];
  for (const issue of error.issues) {
    const prefix = issue.path.map(String);
    if (issue.code === "unrecognized_keys") {
      for (const key of issue.keys) {
        const path = [...prefix, key].join(".");
        out.push({ path, message: hints[path] ?? "Unknown field." });
      }
      continue;
    }
    out.push({ path: prefix.join("."), message: issue.message });
  }
  return out;
}

export function validationProblem(errors: FieldError[], detail = "The request body has invalid fields."): ApiProblem {
  return new ApiProblem(400, "validation", detail, { title: "Invalid request", errors });
}
