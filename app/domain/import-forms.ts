/**
 * zod schemas of the import page's forms (/me/profile/import), shared by the browser (Conform
 * validates as the person types) and the action. Files are read by the action; here they are only
 * required to be present.
 */
import { z } from "zod";
import { FORMAT_KEYS, ROLE_KEYS } from "./taxonomy";

const blank = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);
const trimmed = (v: unknown) => (typeof v === "string" ? v.trim() : v);

/** A non-empty uploaded file (File in the browser and in Node). */
export function isUploadedFile(v: unknown): v is File {
  return typeof v === "object" && v !== null && typeof (v as File).arrayBuffer === "function" && (v as File).size > 0;
}

const optionalFile = z.preprocess((v) => (isUploadedFile(v) ? v : undefined), z.custom<File>(() => true).optional());
const requiredFile = (message: string) =>
  z.preprocess(
    (v) => (isUploadedFile(v) ? v : undefined),
    z.custom<File>((v) => v !== undefined, { error: message }),
  );

export const csvUploadSchema = z
  .object({
    intent: z.literal("preview"),
    file: optionalFile,
    csv: z.preprocess(blank, z.string().optional()),
  })
  .superRefine((v, ctx) => {
    if (!v.file && !v.csv) ctx.addIssue({ code: "custom", path: ["file"], message: "Choose a CSV file to upload, or paste the CSV text." });
  });

const choice = z.preprocess(blank, z.string().max(64).optional());

/** Confirm step of the CSV import: the checked text plus the person's choice for each unclear cell. */
export const csvConfirmSchema = z
  .object({
    intent: z.literal("import"),
    // The checked text from the preview; a file posted straight to "import" (no preview) works too.
    csv: z.preprocess(blank, z.string().optional()),
    file: optionalFile,
    choices: z
      .record(
        z.string().regex(/^r\d{1,6}$/),
        z.object({
          role: choice,
          format: choice,
          genres: z
            .array(z.preprocess((v) => (v === undefined || v === null ? undefined : String(v)), z.string().max(64).optional()))
            .optional(),
        }),
      )
      .optional(),
  })
  .superRefine((v, ctx) => {
    if (!v.file && !v.csv) ctx.addIssue({ code: "custom", path: ["csv"], message: "Upload the file again: the checked copy is missing." });
  });

export const NCONST_PATTERN = /^nm\d{7,}$/;

export const imdbUploadSchema = z.object({
  intent: z.literal("imdb-preview"),
  nconst: z.preprocess(
    trimmed,
    z
      .string({ error: "Enter your IMDb name id, like nm0000123." })
      .regex(
        NCONST_PATTERN,
        "An IMDb name id is nm followed by at least 7 digits, like nm0000123 (it is in the address of your IMDb page).",
      ),
  ),
  principals: requiredFile("Choose the title.principals.tsv file."),
  basics: requiredFile("Choose the title.basics.tsv file."),
  episode: requiredFile("Choose the title.episode.tsv file."),
});

/** Confirm step of the IMDb import: the rows that matter (from the preview) and the person's choices. */
export const imdbConfirmSchema = z.object({
  intent: z.literal("imdb-import"),
  nconst: z.string().regex(NCONST_PATTERN),
  principals: z.string().min(1),
  basics: z.string().min(1),
  episode: z.string().min(1),
  credits: z
    .array(
      z.object({
        tconst: z.string().max(20),
        roleInput: z.string().max(300),
        role: z.preprocess(blank, z.enum(ROLE_KEYS, { error: "Choose a role from the list." }).optional()),
        format: z.preprocess(blank, z.enum(FORMAT_KEYS, { error: "Choose a format from the list." }).optional()),
      }),
    )
    .max(2000)
    .default([]),
});

export const resumeUploadSchema = z
  .object({
    intent: z.literal("resume-preview"),
    file: optionalFile,
    json: z.preprocess(blank, z.string().optional()),
  })
  .superRefine((v, ctx) => {
    if (!v.file && !v.json) ctx.addIssue({ code: "custom", path: ["file"], message: "Choose a JSON Resume file, or paste its text." });
  });

export const resumeConfirmSchema = z.object({
  intent: z.literal("resume-import"),
  json: z.string().min(1, "Upload the document again: the checked copy is missing."),
});
