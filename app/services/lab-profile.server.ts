/**
 * A lab's self-description: description, website and logo (stored in PostgreSQL, table LabLogo).
 * Authorization is the route's job (owners and staff: canOwnLab); this checks the content again.
 */
import { createHash } from "node:crypto";
import { db } from "~/db.server";
import { LOGO_MAX_BYTES, type LogoType, sniffLogoType } from "~/domain/lab-profile";
import { describeLimit } from "~/body-limit.server";
import { invalidateGigPage } from "~/page-cache.server";
import type { Actor } from "./actor";
import { audit } from "./audit.server";
import { type FormResult, formFail } from "./result";

export interface LabProfileInput {
  description: string;
  website: string;
  /** A new logo (raw bytes as uploaded), "remove", or undefined to keep the current one. */
  logo?: Uint8Array | "remove";
}

/** The one result shape, narrowed so `errors` is always there (see ./result.ts). */
export type LabProfileResult = FormResult<{ logo: "kept" | "replaced" | "removed" }>;

/** Checks an uploaded logo: size, and a PNG/JPEG/WebP signature (SVG and everything else are refused). */
export function checkLogo(bytes: Uint8Array): { ok: true; type: LogoType } | { ok: false; message: string } {
  if (bytes.byteLength === 0) return { ok: false, message: "The file is empty." };
  if (bytes.byteLength > LOGO_MAX_BYTES) return { ok: false, message: `The logo is too large: at most ${describeLimit(LOGO_MAX_BYTES)}.` };
  const type = sniffLogoType(bytes);
  if (!type) return { ok: false, message: "The logo must be a PNG, JPEG or WebP image (SVG and other formats are not accepted)." };
  return { ok: true, type };
}

export async function updateLabProfile(labId: string, input: LabProfileInput, actor: Actor): Promise<LabProfileResult> {
  let logo: { bytes: Uint8Array; type: LogoType; sha256: string } | null = null;
  if (input.logo instanceof Uint8Array) {
    const checked = checkLogo(input.logo);
    if (!checked.ok) return formFail(400, { logo: [checked.message] });
    logo = { bytes: input.logo, type: checked.type, sha256: createHash("sha256").update(input.logo).digest("hex") };
  }
  const gigIds = await db().$transaction(async (tx) => {
    const before = await tx.lab.findUniqueOrThrow({
      where: { id: labId },
      select: { description: true, website: true, logo: { select: { sha256: true } } },
    });
    await tx.lab.update({ where: { id: labId }, data: { description: input.description, website: input.website } });
    if (logo) {
      const row = { contentType: logo.type, bytes: Buffer.from(logo.bytes), sha256: logo.sha256 };
      await tx.labLogo.upsert({ where: { labId }, create: { labId, ...row }, update: row });
    } else if (input.logo === "remove") {
      await tx.labLogo.deleteMany({ where: { labId } });
    }
    await audit(
      {
        actorId: actor.id,
        actorRole: actor.role,
        action: "lab.profile_updated",
        entityType: "Lab",
        entityId: labId,
        before: { description: before.description, website: before.website, logoSha256: before.logo?.sha256 ?? null },
        after: {
          description: input.description,
          website: input.website,
          logoSha256: logo ? logo.sha256 : input.logo === "remove" ? null : (before.logo?.sha256 ?? null),
        },
        ip: actor.ip,
      },
      tx,
    );
    return (await tx.gig.findMany({ where: { labId }, select: { id: true } })).map((g) => g.id);
  });
  // Anonymous gig pages show the lab's description and logo: drop their cached copies (after the commit).
  for (const id of gigIds) invalidateGigPage(id);
  return { ok: true, logo: logo ? "replaced" : input.logo === "remove" ? "removed" : "kept" };
}

export async function getLabLogo(slug: string) {
  const lab = await db().lab.findUnique({ where: { slug }, select: { logo: true } });
  return lab?.logo ?? null;
}

/** The logo's content hash (for its cache-busting URL), or undefined when the lab has no logo. */
export async function labLogoHash(labId: string) {
  return (await db().labLogo.findUnique({ where: { labId }, select: { sha256: true } }))?.sha256;
}
