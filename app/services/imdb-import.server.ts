/**
 * Import from IMDb's dataset TSV layout (app/domain/imdb.ts) for one person. All or nothing: any
 * malformed row, any credit whose role is unknown, or any credit whose format the person has not
 * chosen (IMDb's `tvSeries` does not say) means nothing is written; otherwise every credit is
 * written in one transaction together with the recomputed transfer scores and an audit entry.
 * Re-importing the same files is a no-op (importKey + skipDuplicates, as for CSV).
 */
import { db } from "~/db.server";
import { type ImdbCreditDraft, type ImdbRowError, type ImdbSkipped, parseImdbDatasets, relevantImdbRows } from "~/domain/imdb";
import { creditDepartment, currentUtcYear } from "~/domain/profile";
import { type FormatKey, type RoleKey, genreLabel, isFormatKey, isRoleKey, readFormat, roleLabel } from "~/domain/taxonomy";
import { normaliseShowTitle } from "~/domain/transfer";
import { audit } from "./audit.server";
import { importKeyOf } from "./credit-import.server";
import type { Actor } from "./actor";
import { type Failure, fail } from "./result";
import { lockProfile, recomputeProfileTransfer } from "./transfer.server";

export interface ImdbImportInput {
  nconst: string;
  principals: string;
  basics: string;
  episode: string;
  /** The person's choices where IMDb does not say: tconst → format, `${tconst}|${roleInput}` → role. */
  formats?: Record<string, string>;
  roles?: Record<string, string>;
}

/**
 * The one result shape (app/services/result.ts). A refusal writes nothing and carries the rows to
 * fix (`rowErrors`, per file and line) and the credits that still need the person's choice.
 */
export type ImdbImportResult =
  | { ok: true; imported: number; duplicates: number; skipped: ImdbSkipped[] }
  | (Failure & { rowErrors: ImdbRowError[]; needsChoice: ImdbCreditDraft[] });

const plural = (n: number, one: string, many: string) => (n === 1 ? `1 ${one}` : `${n} ${many}`);

/** The sentence for rows that need fixing; the files are not imported. */
const rowsMessage = (n: number) =>
  `Nothing was imported: ${plural(n, "row needs", "rows need")} fixing (listed below). Fix the files and check them again.`;

function importRefused(rowErrors: ImdbRowError[], needsChoice: ImdbCreditDraft[]): ImdbImportResult {
  const n = needsChoice.length;
  return {
    ...(n > 0
      ? fail(400, `Nothing was imported yet: choose what ${plural(n, "credit", "credits")} marked below ${n === 1 ? "is" : "are"}.`, {
          code: "NEEDS_CHOICE",
        })
      : fail(400, rowsMessage(rowErrors.length), { code: "INVALID_ROWS" })),
    rowErrors,
    needsChoice,
  };
}

export async function importImdbCredits(profileId: string, input: ImdbImportInput, actor: Actor): Promise<ImdbImportResult> {
  const parsed = parseImdbDatasets(input, input.nconst.trim());
  if (!parsed.ok) return importRefused(parsed.errors, []);
  const year = currentUtcYear();
  const needsChoice: ImdbCreditDraft[] = [];
  const errors: ImdbRowError[] = [];
  const rows: {
    showTitle: string;
    format: FormatKey;
    role: RoleKey;
    genres: string[];
    startYear: number;
    endYear: number | null;
    episodes: number;
  }[] = [];
  // A credit for the same show and role already on the profile is skipped (the preview said so),
  // without asking for its format again; checked once more under the profile lock below.
  const existingBefore = await existingShowRoles(db(), profileId);
  let alreadyThere = 0;
  for (const d of parsed.credits) {
    // The person's choice wins over our reading (they may correct it); without one, our reading.
    const format = input.formats?.[d.tconst] || d.format;
    const role = input.roles?.[`${d.tconst}|${d.roleInput}`] || d.role;
    if (isRoleKey(role) && existingBefore.has(`${normaliseShowTitle(d.showTitle)}|${role}`)) {
      alreadyThere++;
      continue;
    }
    if (!isFormatKey(format) || !isRoleKey(role)) {
      needsChoice.push(d);
      continue;
    }
    if (d.startYear === null || d.startYear < 1930 || d.startYear > year) {
      errors.push({ file: "title.basics.tsv", line: 0, message: `${d.showTitle} (${d.tconst}) has no usable start year.` });
      continue;
    }
    const endYear = d.endYear !== null && d.endYear > year ? year : d.endYear;
    rows.push({
      showTitle: d.showTitle.slice(0, 200),
      format,
      role,
      genres: d.genres.slice(0, 6),
      startYear: d.startYear,
      endYear,
      episodes: Math.min(d.episodes, 10_000),
    });
  }
  if (errors.length > 0 || needsChoice.length > 0) return importRefused(errors, needsChoice);
  if (rows.length === 0 && alreadyThere > 0) return { ok: true, imported: 0, duplicates: alreadyThere, skipped: parsed.skipped };
  if (rows.length === 0) {
    return importRefused([{ file: "title.principals.tsv", line: 0, message: `No credits for ${input.nconst} in these files.` }], []);
  }

  const created = await db().$transaction(
    async (tx) => {
      await lockProfile(tx, profileId);
      // Under the profile lock: a credit for the same show and role already on the profile (imported
      // before or added by hand) is skipped, as the preview said.
      const existing = await existingShowRoles(tx, profileId);
      const fresh = rows.filter((c) => !existing.has(`${normaliseShowTitle(c.showTitle)}|${c.role}`));
      const last = await tx.credit.aggregate({ where: { profileId }, _max: { position: true } });
      const start = (last._max.position ?? -1) + 1;
      const result = await tx.credit.createMany({
        skipDuplicates: true,
        data: fresh.map((c, i) => ({
          profileId,
          showTitle: c.showTitle,
          showTitleNorm: normaliseShowTitle(c.showTitle),
          network: "",
          format: c.format,
          genres: c.genres,
          role: c.role,
          department: creditDepartment(c.role),
          startYear: c.startYear,
          endYear: c.endYear,
          episodes: c.episodes,
          position: start + i,
          importKey: importKeyOf(c),
        })),
      });
      if (result.count > 0) await recomputeProfileTransfer(tx, profileId);
      await audit(
        {
          actorId: actor.id,
          actorRole: actor.role,
          action: "credit.imported",
          entityType: "Profile",
          entityId: profileId,
          after: {
            source: "imdb-datasets",
            nconst: input.nconst,
            credits: rows.length,
            imported: result.count,
            skipped: parsed.skipped.length,
          },
          ip: actor.ip,
        },
        tx,
      );
      return result.count;
    },
    { timeout: 60_000 },
  );
  return { ok: true, imported: created, duplicates: alreadyThere + rows.length - created, skipped: parsed.skipped };
}

type Db = Pick<ReturnType<typeof db>, "credit">;

/** `${showTitleNorm}|${role}` of every credit on the profile. */
async function existingShowRoles(client: Db, profileId: string): Promise<Set<string>> {
  const rows = await client.credit.findMany({ where: { profileId }, select: { showTitleNorm: true, role: true } });
  return new Set(rows.map((r) => `${r.showTitleNorm}|${r.role}`));
}

/** One credit as the preview shows it: what was read, how, and what still needs the person. */
export interface ImdbPreviewCredit extends ImdbCreditDraft {
  roleLabel: string | null;
  /** Why the format needs a choice (IMDb's title type does not say), or null when it was read. */
  formatNote: string | null;
  genreLabels: string[];
  /** A credit for the same show and role is already on the profile: it will be skipped. */
  duplicate: boolean;
}

export type ImdbPreviewResult =
  | {
      ok: true;
      credits: ImdbPreviewCredit[];
      skipped: ImdbSkipped[];
      rowsRead: number;
      /** The rows that matter for this person, to carry to the confirm step. */
      files: { principals: string; basics: string; episode: string };
    }
  | (Failure & { rowErrors: ImdbRowError[]; rowsRead: number });

function previewRefused(rowErrors: ImdbRowError[], rowsRead: number): ImdbPreviewResult {
  return { ...fail(400, rowsMessage(rowErrors.length), { code: "INVALID_ROWS" }), rowErrors, rowsRead };
}

/** Reads the files for one person without writing anything: the preview before "Import". */
export async function previewImdbImport(profileId: string, input: Omit<ImdbImportInput, "formats" | "roles">): Promise<ImdbPreviewResult> {
  const nconst = input.nconst.trim();
  const parsed = parseImdbDatasets(input, nconst);
  if (!parsed.ok) return previewRefused(parsed.errors, parsed.rowsRead);
  if (parsed.credits.length === 0)
    return previewRefused(
      [{ file: "title.principals.tsv", line: 0, message: `No credits for ${nconst} in these files.` }],
      parsed.rowsRead,
    );
  const existing = await existingShowRoles(db(), profileId);
  const credits = parsed.credits.map((d) => ({
    ...d,
    roleLabel: d.role ? roleLabel(d.role) : null,
    formatNote: d.format ? null : (readFormat(d.titleType).note ?? `IMDb's title type “${d.titleType}” does not say which format this is.`),
    genreLabels: d.genres.map(genreLabel),
    duplicate: d.role !== null && existing.has(`${normaliseShowTitle(d.showTitle)}|${d.role}`),
  }));
  return { ok: true, credits, skipped: parsed.skipped, rowsRead: parsed.rowsRead, files: relevantImdbRows(input, nconst) };
}
