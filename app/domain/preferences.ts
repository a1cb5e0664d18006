/** What a person sets about themselves on /account (besides the password): the forms' zod schemas. */
import { z } from "zod";
import { isValidTimeZone } from "./time";

/** "" (or nothing) = detect from the browser; otherwise an IANA zone this runtime knows. */
export const timeZoneChoiceSchema = z.object({
  timeZone: z.preprocess(
    (v) => (typeof v === "string" && v.trim() !== "" ? v.trim() : null),
    z
      .string()
      .max(64)
      .refine(isValidTimeZone, "Choose a time zone from the list (for example Europe/London), or choose to detect it.")
      .nullable(),
  ),
});

export const emailPreferencesSchema = z.object({ emailNotifications: z.enum(["on"]).optional() });
