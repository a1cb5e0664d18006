/**
 * JSON Resume import (profile basics only; credits come from the credit form, CSV or IMDb where
 * their role and format are read and confirmed). Preview reads and validates the document with the
 * official schema and the profile's own field limits; apply writes the fields that were read, in
 * one transaction with the people-index outbox row and an audit entry.
 */
import { db } from "~/db.server";
import { type ResumeProfile, jsonResumeBasics } from "~/domain/json-resume";
import { isHttpUrl, MAX_LINKS } from "~/domain/profile";
import { enqueue } from "~/search/outbox.server";
import { audit } from "./audit.server";
import type { Actor } from "./actor";
import { lockProfile } from "./transfer.server";

export const MAX_RESUME_BYTES = 1_000_000;

export type ResumeBasics = Partial<ResumeProfile>;
export type ResumePreview = { ok: true; basics: ResumeBasics; fields: (keyof ResumeProfile)[] } | { ok: false; errors: string[] };

const LIMITS: Record<Exclude<keyof ResumeProfile, "links">, [number, string]> = {
  displayName: [80, "basics.name"],
  headline: [140, "basics.label"],
  bio: [4000, "basics.summary"],
  location: [120, "basics.location"],
};

/** Reads a JSON Resume document (text) into the profile fields it would change. */
export function previewResume(text: string): ResumePreview {
  if (new TextEncoder().encode(text).length > MAX_RESUME_BYTES) return { ok: false, errors: ["The JSON Resume file is larger than 1 MB."] };
  const read = jsonResumeBasics(text);
  if (!read.ok) return { ok: false, errors: read.errors.slice(0, 20) };
  const basics = read.profile;
  const errors: string[] = [];
  for (const [field, [max, where]] of Object.entries(LIMITS) as [keyof typeof LIMITS, [number, string]][]) {
    const v = basics[field];
    if (v !== undefined && v.length > max)
      errors.push(`${where}: use at most ${max.toLocaleString("en-US")} characters (it has ${v.length.toLocaleString("en-US")}).`);
  }
  if (basics.links) {
    const bad = basics.links.filter((l) => !isHttpUrl(l));
    if (bad.length > 0)
      errors.push(
        `basics.profiles: ${bad.map((b) => `\u201c${b.slice(0, 80)}\u201d`).join(", ")} ${bad.length === 1 ? "is not a web address" : "are not web addresses"} (http or https).`,
      );
    if (basics.links.length > MAX_LINKS) errors.push(`basics.profiles: at most ${MAX_LINKS} links (it has ${basics.links.length}).`);
  }
  if (errors.length > 0) return { ok: false, errors };
  const fields = (Object.keys(basics) as (keyof ResumeProfile)[]).filter((k) => basics[k] !== undefined);
  if (fields.length === 0)
    return { ok: false, errors: ["The document has no basics we can use (name, label, summary, location, url or profiles)."] };
  return { ok: true, basics, fields };
}

/** Writes the fields of a previewed document (read again from its text) onto the profile. */
export async function applyResume(profileId: string, text: string, actor: Actor): Promise<ResumePreview> {
  const preview = previewResume(text);
  if (!preview.ok) return preview;
  const b = preview.basics;
  await db().$transaction(async (tx) => {
    await lockProfile(tx, profileId);
    await tx.profile.update({
      where: { id: profileId },
      data: {
        ...(b.displayName !== undefined ? { displayName: b.displayName } : {}),
        ...(b.headline !== undefined ? { headline: b.headline } : {}),
        ...(b.bio !== undefined ? { bio: b.bio } : {}),
        ...(b.location !== undefined ? { location: b.location } : {}),
        ...(b.links !== undefined ? { links: b.links } : {}),
      },
    });
    await enqueue(tx, "people", profileId);
    await audit(
      {
        actorId: actor.id,
        actorRole: actor.role,
        action: "profile.updated",
        entityType: "Profile",
        entityId: profileId,
        after: { source: "json-resume", changed: preview.fields },
        ip: actor.ip,
      },
      tx,
    );
  });
  return preview;
}
