/**
 * The work credential (issue 23): a portable record of AI-training work done through Second Act,
 * signed by the platform, that says only what the lab agreed to say. Pure: building the payload,
 * its canonical bytes (what is signed), the signed document's shape, and its JSON Resume entries.
 * Signing and verifying (node:crypto, keys) live in app/services/credentials.server.ts.
 *
 * What a credential may contain is decided here and nowhere else:
 * - the task types (the gig's, as labels), hours and tasks recorded and approved, the period of
 *   recorded work (first and last work date), the professional's display name;
 * - the client as the lab allows it to be named (the gig's public descriptor; "an AI lab" when
 *   the lab set none), never the lab's real name unless that is the descriptor it chose;
 * - a quality note only when the gig allows quality notes and the lab wrote one.
 * Nothing else about the gig (title, description, pay, lab, other people) is ever in it.
 */
import { z } from "zod";
import { taskTypeName } from "./taxonomy";

export const CREDENTIAL_TYPE = "SecondActWorkCredential";
export const CREDENTIAL_VERSION = 1;
/** What a credential says about the client when the lab chose no descriptor. */
export const DEFAULT_CLIENT_DESCRIPTOR = "an AI lab";
/** Prefix of the signed bytes: a signature over a credential cannot be replayed as anything else. */
export const SIGNING_CONTEXT = "second-act/work-credential/v1\n";

/** The recorded work a credential is built from (approved ledger entries of one engagement). */
export interface RecordedWork {
  taskTypes: readonly string[];
  /** Approved hours (may be fractional: quarter hours). */
  hours: number;
  /** Approved tasks. */
  tasks: number;
  /** YYYY-MM-DD of the first and last approved entry. */
  firstWorkDate: string;
  lastWorkDate: string;
}

/** What the lab agreed to say, from the gig's terms. */
export interface CredentialPermissions {
  /** Public descriptor of the client ("a frontier AI lab", or the lab's name if it allows it); null: the default. */
  descriptor: string | null;
  /** Whether quality notes may be included. */
  qualityNotesAllowed: boolean;
}

export const credentialPayloadSchema = z
  .object({
    type: z.literal(CREDENTIAL_TYPE),
    version: z.literal(CREDENTIAL_VERSION),
    id: z.string().min(1).max(64),
    issuer: z.object({ name: z.string().min(1).max(100), url: z.string().url() }).strict(),
    subject: z.object({ name: z.string().min(1).max(200) }).strict(),
    work: z
      .object({
        client: z.string().min(1).max(120),
        taskTypes: z
          .array(z.object({ key: z.string().min(1).max(80), label: z.string().min(1).max(120) }).strict())
          .min(1)
          .max(50),
        hours: z.number().finite().min(0).max(100_000),
        tasks: z.number().int().min(0).max(10_000_000),
        from: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
        to: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
        qualityNote: z.string().min(1).max(1000).optional(),
      })
      .strict(),
    issuedAt: z.string().datetime(),
  })
  .strict();
export type CredentialPayload = z.infer<typeof credentialPayloadSchema>;

export const signedCredentialSchema = z
  .object({
    credential: credentialPayloadSchema,
    proof: z
      .object({
        type: z.literal("Ed25519Signature"),
        keyId: z.string().min(1).max(64),
        signature: z
          .string()
          .regex(/^[A-Za-z0-9_-]+$/, "must be base64url")
          .max(200),
      })
      .strict(),
  })
  .strict();
export type SignedCredential = z.infer<typeof signedCredentialSchema>;

/** Hours rounded to the quarter hour, as the ledger records them (no float noise in a signed document). */
export function roundHours(hours: number): number {
  if (!Number.isFinite(hours) || hours <= 0) return 0;
  return Math.round(hours * 4) / 4;
}

/** A descriptor as it may appear: trimmed, single spaces, at most 120 characters; empty -> the default. */
export function clientDescriptor(descriptor: string | null | undefined): string {
  const d = (descriptor ?? "").replace(/\s+/g, " ").trim().slice(0, 120);
  return d || DEFAULT_CLIENT_DESCRIPTOR;
}

/** Whether this engagement has work a credential can state (some approved hours or tasks). */
export function hasRecordedWork(work: RecordedWork | null | undefined): work is RecordedWork {
  return !!work && (roundHours(work.hours) > 0 || work.tasks > 0) && work.taskTypes.length > 0;
}

/**
 * The payload to sign. Only what the lab allowed: the descriptor (or the default), a quality note
 * only when allowed and written. Deterministic for the same input.
 */
export function buildCredentialPayload(input: {
  id: string;
  issuerUrl: string;
  subjectName: string;
  work: RecordedWork;
  permissions: CredentialPermissions;
  qualityNote?: string | null;
  issuedAt: Date;
}): CredentialPayload {
  const keys = [...new Set(input.work.taskTypes)].sort();
  const note = (input.qualityNote ?? "").trim().slice(0, 1000);
  const [from, to] = [input.work.firstWorkDate, input.work.lastWorkDate].sort();
  const payload: CredentialPayload = {
    type: CREDENTIAL_TYPE,
    version: CREDENTIAL_VERSION,
    id: input.id,
    issuer: { name: "Second Act", url: input.issuerUrl },
    subject: { name: input.subjectName.trim().slice(0, 200) || "A Second Act professional" },
    work: {
      client: clientDescriptor(input.permissions.descriptor),
      taskTypes: keys.map((key) => ({ key, label: taskTypeName(key) })),
      hours: roundHours(input.work.hours),
      tasks: Math.max(0, Math.floor(input.work.tasks)),
      from,
      to,
    },
    issuedAt: input.issuedAt.toISOString(),
  };
  if (input.permissions.qualityNotesAllowed && note) payload.work.qualityNote = note;
  return payload;
}

/**
 * Canonical JSON: object keys sorted by code unit, no whitespace, arrays in order, only JSON
 * values (no undefined, no non-finite numbers). Two documents with the same meaning have the same
 * bytes, so a copy re-serialised by any tool still verifies, and any changed value does not.
 */
export function canonicalJson(value: unknown): string {
  if (value === null) return "null";
  if (typeof value === "string" || typeof value === "boolean") return JSON.stringify(value);
  if (typeof value === "number") {
    if (!Number.isFinite(value)) throw new TypeError("canonicalJson: numbers must be finite");
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
  }
  throw new TypeError(`canonicalJson: cannot encode ${typeof value}`);
}

/** The exact bytes that are signed. */
export function signingInput(payload: CredentialPayload): Buffer {
  return Buffer.from(SIGNING_CONTEXT + canonicalJson(payload), "utf8");
}

/** "Dialogue quality rating, Preference ranking" */
export function taskTypeList(payload: CredentialPayload): string {
  return payload.work.taskTypes.map((t) => t.label).join(", ");
}

/** One line of what was done: "120 hours and 340 tasks, 2026-01-05 to 2026-03-20". */
export function workSummary(payload: CredentialPayload): string {
  const parts: string[] = [];
  const h = payload.work.hours;
  if (h > 0) parts.push(`${h} hour${h === 1 ? "" : "s"}`);
  if (payload.work.tasks > 0) parts.push(`${payload.work.tasks} task${payload.work.tasks === 1 ? "" : "s"}`);
  const period = payload.work.from === payload.work.to ? `on ${payload.work.from}` : `${payload.work.from} to ${payload.work.to}`;
  return `${parts.join(" and ") || "Recorded work"}, ${period}`;
}

/**
 * JSON Resume entries for a credential: a `work` entry (client as allowed, task types, period,
 * hours) and a `certificates` entry linking to the public verification page, carrying the signed
 * document itself (`x-secondAct`, allowed by the schema) so a copy can be verified offline.
 */
export function credentialToJsonResume(signed: SignedCredential, verifyUrl: string) {
  const c = signed.credential;
  const work: Record<string, unknown> = {
    name: `AI training work for ${c.work.client}`,
    position: `AI training: ${taskTypeList(c)}`,
    startDate: c.work.from,
    endDate: c.work.to,
    summary: `${workSummary(c)}, recorded through Second Act and signed by the platform.`,
    highlights: c.work.qualityNote ? [c.work.qualityNote] : [],
    url: verifyUrl,
  };
  const certificate = {
    name: `Second Act work credential: ${taskTypeList(c)}`,
    issuer: c.issuer.name,
    date: c.issuedAt.slice(0, 10),
    url: verifyUrl,
    "x-secondAct": signed,
  };
  return { work: [work], certificates: [certificate] };
}

/** A full JSON Resume document holding credentials (for the export download). */
export function credentialsResume(subjectName: string, entries: { signed: SignedCredential; verifyUrl: string }[], lastModified: Date) {
  const parts = entries.map((e) => credentialToJsonResume(e.signed, e.verifyUrl));
  return {
    $schema: "https://raw.githubusercontent.com/jsonresume/resume-schema/v1.0.0/schema.json",
    basics: { name: subjectName },
    work: parts.flatMap((p) => p.work),
    certificates: parts.flatMap((p) => p.certificates),
    meta: { version: "v1.0.0", lastModified: lastModified.toISOString().slice(0, 19) },
  };
}

/**
 * Finds a signed credential in what someone pasted or uploaded: the signed document itself, a
 * JSON Resume holding it in a certificate's `x-secondAct`, or a single certificate entry.
 * Returns the candidates found (a resume may hold several).
 */
export function findSignedCredentials(doc: unknown): unknown[] {
  if (!doc || typeof doc !== "object") return [];
  const o = doc as Record<string, unknown>;
  if ("credential" in o && "proof" in o) return [doc];
  if ("x-secondAct" in o) return [o["x-secondAct"]];
  if (Array.isArray(o.certificates)) {
    return o.certificates.flatMap((c) =>
      c && typeof c === "object" && "x-secondAct" in c ? [(c as Record<string, unknown>)["x-secondAct"]] : [],
    );
  }
  return [];
}
