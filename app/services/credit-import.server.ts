/**
 * CSV credit import: preview (validate every row, change nothing), then import every valid
 * row in one transaction. Each imported credit carries importKey = sha256 of its normalised
 * identity, and @@unique([profileId, importKey]) with skipDuplicates makes re-importing the
 * same file a no-op.
 */
import { createHash } from "node:crypto";
import { db } from "../db.server";
import {
  type CsvRow,
  checkCsvText,
  creditDepartment,
  currentUtcYear,
  decodeCsvBytes,
  importIdentity,
  parseCreditsCsv,
} from "../domain/profile";
import { normaliseShowTitle } from "../domain/transfer";
import { audit } from "./audit.server";
import { type Actor, lockProfile, recomputeProfileTransfer } from "./transfer.server";

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
  duplicate: boolean;
}

export type PreviewResult =
  | { ok: true; csv: string; rows: PreviewRow[]; validCount: number; errorCount: number; duplicateCount: number }
  | { ok: false; error: string };

function decode(source: CsvSource) {
  return source.kind === "file" ? decodeCsvBytes(source.bytes) : checkCsvText(source.text);
}

/** Validates a CSV for one profile without changing anything. */
export async function previewImport(profileId: string, source: CsvSource): Promise<PreviewResult> {
  const decoded = decode(source);
  if (!decoded.ok) return decoded;
  const parsed = parseCreditsCsv(decoded.text, currentUtcYear());
  if (!parsed.ok) return parsed;
  const keys = parsed.rows.map((r) => (r.credit ? importKeyOf(r.credit) : null));
  const wanted = keys.filter((k): k is string => k !== null);
  const existing = new Set(
    wanted.length
      ? (await db().credit.findMany({ where: { profileId, importKey: { in: wanted } }, select: { importKey: true } })).map((c) => c.importKey)
      : [],
  );
  const seenInFile = new Set<string>();
  const rows = parsed.rows.map((r, i) => {
    const key = keys[i];
    const duplicate = key !== null && (existing.has(key) || seenInFile.has(key));
    if (key) seenInFile.add(key);
    return { row: r.row, values: r.values, errors: r.errors, valid: r.credit !== null, duplicate };
  });
  return {
    ok: true,
    csv: decoded.text,
    rows,
    validCount: parsed.validCount,
    errorCount: parsed.errorCount,
    duplicateCount: rows.filter((r) => r.duplicate).length,
  };
}

export type ImportResult =
  | { ok: true; imported: number; duplicates: number; invalid: number }
  | { ok: false; error: string };

/**
 * Imports every valid row in one transaction (rows with errors are skipped and reported);
 * file-level problems import nothing. Returns how many credits were new.
 */
export async function commitImport(profileId: string, source: CsvSource, actor: Actor): Promise<ImportResult> {
  const decoded = decode(source);
  if (!decoded.ok) return decoded;
  const parsed = parseCreditsCsv(decoded.text, currentUtcYear());
  if (!parsed.ok) return parsed;
  const valid = parsed.rows.filter((r) => r.credit !== null);
  if (valid.length === 0) return { ok: false, error: "None of the rows are valid, so nothing was imported. Fix the errors shown and try again." };

  const imported = await db().$transaction(
    async (tx) => {
      await lockProfile(tx, profileId);
      const last = await tx.credit.aggregate({ where: { profileId }, _max: { position: true } });
      const start = (last._max.position ?? -1) + 1;
      const created = await tx.credit.createMany({
        skipDuplicates: true,
        data: valid.map((r, i) => {
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
