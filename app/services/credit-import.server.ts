/**
 * CSV credit import: preview (validate every row, change nothing), then import every valid
 * row in one transaction. Each imported credit carries importKey = sha256 of its normalised
 * identity, and @@unique([profileId, importKey]) with skipDuplicates makes re-importing the
 * same file a no-op.
 */
import { createHash } from "node:crypto";
import { db } from "~/db.server";
import {
  type CreditInput,
  type CsvChoices,
  type CsvRow,
  type UnclearCell,
  creditDepartment,
  currentUtcYear,
  importIdentity,
} from "~/domain/profile";
import { checkCsvText, decodeCsvBytes, parseCreditsCsv } from "~/domain/profile/csv.server";
import { normaliseShowTitle } from "~/domain/transfer";
import { audit } from "./audit.server";
import type { Actor } from "./actor";
import { lockProfile, recomputeProfileTransfer } from "./transfer.server";
import { type Failure, fail } from "./result";

export function importKeyOf(credit: Parameters<typeof importIdentity>[0]): string {
  return createHash("sha256").update(importIdentity(credit)).digest("hex");
}

export type CsvSource = { kind: "file"; bytes: Uint8Array } | { kind: "text"; text: string };

/** Reads a File entry from a form, or pasted text; null when neither was given. */
export async function csvSourceFromForm(form: FormData, fileField = "file", textField = "csv"): Promise<CsvSource | null> {
  const file = form.get(fileField);
  if (file && typeof file !== "string" && file.size > 0) {
    return { kind: "file", bytes: new Uint8Array(await file.arrayBuffer()) };
  }
  const text = form.get(textField);
  if (typeof text === "string" && text.trim() !== "") return { kind: "text", text };
  return null;
}

export interface PreviewRow {
  row: number;
  values: CsvRow["values"];
  errors: string[];
  valid: boolean;
  /** How the row will be stored (null when it has errors). */
  credit: CreditInput | null;
  /** Already on the profile (imported or added by hand), or repeated earlier in the same file. */
  duplicate: boolean;
  duplicateOf: "profile" | "file" | null;
  /** Cells whose label was not understood and still need the person's choice. */
  unclear: UnclearCell[];
}

export type PreviewResult =
  | {
      ok: true;
      csv: string;
      rows: PreviewRow[];
      validCount: number;
      errorCount: number;
      unclearCount: number;
      duplicateCount: number;
      newCount: number;
    }
  | Failure;

function decode(source: CsvSource) {
  return source.kind === "file" ? decodeCsvBytes(source.bytes) : checkCsvText(source.text);
}

type Db = Pick<ReturnType<typeof db>, "credit">;

/**
 * The identities of every credit on a profile: imported ones by their stored importKey, and every
 * credit (also those added by hand) by the identity of its current facts.
 */
async function existingKeys(client: Db, profileId: string): Promise<Set<string>> {
  const credits = await client.credit.findMany({
    where: { profileId },
    select: { importKey: true, showTitle: true, role: true, format: true, startYear: true, endYear: true, episodes: true },
  });
  const keys = new Set<string>();
  for (const c of credits) {
    if (c.importKey) keys.add(c.importKey);
    keys.add(importKeyOf({ ...c, role: c.role as CreditInput["role"], format: c.format as CreditInput["format"] }));
  }
  return keys;
}

/** Marks each parsed row as new, a duplicate of a credit on the profile, or a repeat within the file. */
function classify(rows: CsvRow[], existing: Set<string>): PreviewRow[] {
  const seenInFile = new Set<string>();
  return rows.map((r) => {
    const key = r.credit ? importKeyOf(r.credit) : null;
    const duplicateOf = key === null ? null : existing.has(key) ? "profile" : seenInFile.has(key) ? "file" : null;
    if (key) seenInFile.add(key);
    return {
      row: r.row,
      values: r.values,
      errors: r.errors,
      valid: r.credit !== null,
      credit: r.credit,
      duplicate: duplicateOf !== null,
      duplicateOf,
      unclear: r.unclear,
    };
  });
}

/** Validates a CSV for one profile without changing anything. */
export async function previewImport(profileId: string, source: CsvSource, choices: CsvChoices = {}): Promise<PreviewResult> {
  const decoded = decode(source);
  if (!decoded.ok) return fail(400, decoded.error);
  const parsed = parseCreditsCsv(decoded.text, currentUtcYear(), choices);
  if (!parsed.ok) return fail(400, parsed.error);
  const rows = classify(parsed.rows, await existingKeys(db(), profileId));
  const duplicateCount = rows.filter((r) => r.duplicate).length;
  return {
    ok: true,
    csv: decoded.text,
    rows,
    validCount: parsed.validCount,
    errorCount: parsed.errorCount,
    unclearCount: parsed.unclearCount,
    duplicateCount,
    newCount: rows.filter((r) => r.valid && !r.duplicate).length,
  };
}

export type ImportResult =
  | { ok: true; imported: number; duplicates: number; invalid: number }
  | (Failure & { unclear?: { row: number; cells: UnclearCell[] }[] });

/**
 * Imports every valid row in one transaction (rows with errors are skipped and reported);
 * file-level problems import nothing. Returns how many credits were new.
 */
export async function commitImport(profileId: string, source: CsvSource, actor: Actor, choices: CsvChoices = {}): Promise<ImportResult> {
  const decoded = decode(source);
  if (!decoded.ok) return fail(400, decoded.error);
  const parsed = parseCreditsCsv(decoded.text, currentUtcYear(), choices);
  if (!parsed.ok) return fail(400, parsed.error);
  // A label we did not understand is never guessed: until the person chose, nothing is imported.
  const unclear = parsed.rows.filter((r) => r.errors.length === 0 && r.unclear.length > 0).map((r) => ({ row: r.row, cells: r.unclear }));
  if (unclear.length > 0) {
    const n = unclear.reduce((sum, u) => sum + u.cells.length, 0);
    return { ...fail(400, `Choose what ${n === 1 ? "1 label means" : `${n} labels mean`} (marked below) before importing.`), unclear };
  }
  const valid = parsed.rows.filter((r) => r.credit !== null);
  if (valid.length === 0) return fail(400, "None of the rows are valid, so nothing was imported. Fix the errors shown and try again.");

  const imported = await db().$transaction(
    async (tx) => {
      await lockProfile(tx, profileId);
      // Under the profile lock: rows matching a credit already there (imported or added by hand)
      // or repeated in the file are skipped, as the preview said.
      const fresh = classify(valid, await existingKeys(tx, profileId)).filter((r) => !r.duplicate);
      const last = await tx.credit.aggregate({ where: { profileId }, _max: { position: true } });
      const start = (last._max.position ?? -1) + 1;
      const created = await tx.credit.createMany({
        skipDuplicates: true,
        data: fresh.map((r, i) => {
          const c = r.credit!;
          return {
            profileId,
            showTitle: c.showTitle,
            showTitleNorm: normaliseShowTitle(c.showTitle),
            network: c.network,
            format: c.format,
            genres: c.genres,
            role: c.role,
            department: creditDepartment(c.role),
            startYear: c.startYear,
            endYear: c.endYear,
            episodes: c.episodes,
            position: start + i,
            importKey: importKeyOf(c),
          };
        }),
      });
      if (created.count > 0) {
        await recomputeProfileTransfer(tx, profileId);
      }
      await audit(
        {
          actorId: actor.id,
          actorRole: actor.role,
          action: "credit.imported",
          entityType: "Profile",
          entityId: profileId,
          after: { rows: parsed.rows.length, valid: valid.length, imported: created.count, invalid: parsed.errorCount },
          ip: actor.ip,
        },
        tx,
      );
      return created.count;
    },
    { timeout: 60_000, maxWait: 10_000 },
  );
  return { ok: true, imported, duplicates: valid.length - imported, invalid: parsed.errorCount };
}
