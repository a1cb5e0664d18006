/**
 * zod schemas shared by forms, the JSON API and importers. Messages are written for people.
 */
import { z } from "zod";

export const emailSchema = z
  .string({ error: "Enter your email address." })
  .trim()
  .toLowerCase()
  .min(3, "Enter your email address.")
  .max(254, "That email address is too long.")
  .pipe(z.email("Enter a valid email address, like name@example.com."));

export const passwordSchema = z
  .string({ error: "Enter a password." })
  .min(10, "Use at least 10 characters.")
  .max(200, "Use at most 200 characters.");

export const nameSchema = z.string({ error: "Enter your name." }).trim().min(1, "Enter your name.").max(120, "Use at most 120 characters.");

export const signupSchema = z
  .object({
    name: nameSchema,
    email: emailSchema,
    password: passwordSchema,
    accountType: z.enum(["PROFESSIONAL", "LAB"], { error: "Choose what kind of account you need." }),
    labName: z.string().trim().max(120, "Use at most 120 characters.").optional(),
    acceptTerms: z.literal("on", { error: "You need to accept the terms to create an account." }),
  })
  .superRefine((v, ctx) => {
    if (v.accountType === "LAB" && !v.labName) {
      ctx.addIssue({ code: "custom", path: ["labName"], message: "Enter your lab's name." });
    }
  });

export const loginSchema = z.object({
  email: emailSchema,
  password: z.string({ error: "Enter your password." }).min(1, "Enter your password.").max(200, "That password is too long."),
  // Never a reason to refuse a log-in: an unusable target falls back to the person's home (safeNext).
  next: z.string().max(2000).optional().catch(undefined),
});

export const forgotSchema = z.object({ email: emailSchema });

export const resetSchema = z
  .object({
    token: z.string().min(10, "This reset link is not valid.").max(200, "This reset link is not valid."),
    password: passwordSchema,
    confirm: z.string(),
  })
  .refine((v) => v.password === v.confirm, { path: ["confirm"], message: "The passwords do not match." });

export const changePasswordSchema = z
  .object({ current: z.string().min(1, "Enter your current password.").max(200), password: passwordSchema, confirm: z.string() })
  .refine((v) => v.password === v.confirm, { path: ["confirm"], message: "The passwords do not match." });

/**
 * Stands for the site's own origin when a redirect target is parsed. The `.invalid` top-level
 * domain is reserved (RFC 2606), so no real target can share it: a target that resolves to any
 * other origin came with a host of its own.
 */
const OWN_ORIGIN = "http://second-act.invalid";

/**
 * The one check for every redirect target read from a request (`?next=` after log-in): the
 * same-origin path it names, or `fallback`. The target is parsed the way a browser would parse
 * it (`new URL(target, origin)`: tabs and line breaks removed, `\` read as `/`), so `/\t/evil`,
 * `//evil`, `/\\evil`, `https://evil`, `javascript:...` and `/.//evil` all fall back. The result
 * is the serialized path, query and fragment: printable ASCII only (anything else percent-encoded),
 * always safe in a Location header.
 */
export function safeNext(next: string | undefined | null, fallback = "/"): string {
  if (typeof next !== "string" || !next.startsWith("/")) return fallback;
  let url: URL;
  try {
    url = new URL(next, OWN_ORIGIN);
  } catch {
    return fallback;
  }
  if (url.origin !== OWN_ORIGIN) return fallback;
  const target = url.pathname + url.search + url.hash;
  // A path that normalizes to "//host" (e.g. "/.//evil") would be protocol-relative in a Location.
  if (!target.startsWith("/") || target.startsWith("//") || !/^[\x21-\x7e]*$/.test(target)) return fallback;
  return target;
}
