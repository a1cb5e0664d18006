/**
 * Work credentials (issue 23): the platform's Ed25519 key, issuing a credential from an
 * engagement's recorded work, verification of any copy, revocation, and the professional's choice
 * of what shows on their profile. What a credential may contain is decided in app/domain/credential.ts.
 *
 * The key: CREDENTIAL_SIGNING_KEY (a PKCS#8 PEM Ed25519 private key) when set; otherwise, outside
 * production, one is generated on first use and kept in the SigningKey table, so every instance of a
 * development site signs with the same key. The public half of every key ever used stays in
 * SigningKey, so a credential keeps verifying after a rotation.
 */
import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject, randomBytes } from "node:crypto";
import {
  buildCredentialPayload,
  type CredentialPayload,
  credentialsResume,
  findSignedCredentials,
  hasRecordedWork,
  type RecordedWork,
  type SignedCredential,
  signedCredentialSchema,
  taskTypeList,
  workSummary,
} from "~/domain/credential";
import { signatureMatches, signWithKey } from "~/domain/credential-signature.server";
import { db, type Tx } from "~/db.server";
import { env } from "~/env.server";
import type { Prisma } from "~/generated/prisma/client";
import type { ActingUser } from "./actor";
import { audit } from "./audit.server";
import { appUrl } from "./mail.server";
import { type Result, fail } from "./result";

/** A refusal inside this module; the exported use cases answer it as the one result shape. */
export class CredentialError extends Error {
  constructor(
    message: string,
    readonly status: 400 | 403 | 404 | 409 | 503 = 400,
  ) {
    super(message);
  }
}

const CODES = { 400: "INVALID", 403: "FORBIDDEN", 404: "NOT_FOUND", 409: "CONFLICT", 503: "UNAVAILABLE" } as const;

async function asResult<T extends object>(run: () => Promise<T>): Promise<Result<T>> {
  try {
    return { ok: true, ...(await run()) };
  } catch (e) {
    if (e instanceof CredentialError) return fail(e.status, e.message, { code: CODES[e.status] });
    throw e;
  }
}

/** Issues a credential for the professional's own engagement with recorded work. */
export const issueCredential = (user: ActingUser, applicationId: string) => asResult(() => issueCredentialOrThrow(user, applicationId));

/** Shows or hides the professional's own credential on their profile (a revoked one cannot be shown). */
export const setOnPublicProfile = (user: ActingUser, id: string, shown: boolean) =>
  asResult(async () => {
    await setOnPublicProfileOrThrow(user, id, shown);
    return {};
  });

/** Revocation (for example when a lab disputes hours): the lab's members or staff, with a reason. */
export const revokeCredential = (user: ActingUser, id: string, reason: string) =>
  asResult(async () => {
    await revokeCredentialOrThrow(user, id, reason);
    return {};
  });

/** The lab writes (or clears) its quality note on an engagement of one of its gigs. */
export const setQualityNote = (user: ActingUser, labId: string, applicationId: string, note: string) =>
  asResult(async () => {
    await setQualityNoteOrThrow(user, labId, applicationId, note);
    return {};
  });

interface PlatformKey {
  id: string;
  privateKey: KeyObject;
  publicKey: KeyObject;
}

/** Key id: base64url of the first 12 bytes of sha256 of the raw 32-byte public key. */
export function keyIdOf(publicKey: KeyObject): string {
  const raw = publicKey.export({ format: "jwk" }).x ?? "";
  return createHash("sha256").update(Buffer.from(raw, "base64url")).digest().subarray(0, 12).toString("base64url");
}

/** Reads CREDENTIAL_SIGNING_KEY: PEM text, with real or escaped (\n) line breaks. */
export function parseSigningKey(text: string): KeyObject {
  const pem = text.includes("\\n") ? text.replace(/\\n/g, "\n") : text;
  let key: KeyObject;
  try {
    key = createPrivateKey({ key: pem, format: "pem" });
  } catch {
    throw new CredentialError("CREDENTIAL_SIGNING_KEY is not a PEM private key (make one with: openssl genpkey -algorithm ed25519)", 503);
  }
  if (key.asymmetricKeyType !== "ed25519") throw new CredentialError("CREDENTIAL_SIGNING_KEY must be an Ed25519 key", 503);
  return key;
}

let cachedKey: Promise<PlatformKey> | undefined;
const publicKeys = new Map<string, KeyObject | null>();

async function loadPlatformKey(): Promise<PlatformKey> {
  const configured = process.env.CREDENTIAL_SIGNING_KEY;
  if (configured) {
    const privateKey = parseSigningKey(configured);
    const publicKey = createPublicKey(privateKey);
    const id = keyIdOf(publicKey);
    const publicKeyPem = publicKey.export({ type: "spki", format: "pem" }).toString();
    await db().signingKey.upsert({ where: { id }, create: { id, publicKeyPem, source: "CONFIG" }, update: {} });
    return { id, privateKey, publicKey };
  }
  if (env().production) {
    throw new CredentialError("Credentials cannot be signed: CREDENTIAL_SIGNING_KEY is not configured on this site.", 503);
  }
  // Development: the oldest generated key, or a new one. Two instances racing both insert; both
  // then read the oldest, so they sign with the same key from then on.
  const existing = await db().signingKey.findFirst({
    where: { source: "GENERATED", privateKeyPem: { not: null } },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
  });
  if (!existing) {
    const pair = generateKeyPairSync("ed25519");
    const id = keyIdOf(pair.publicKey);
    await db().signingKey.create({
      data: {
        id,
        publicKeyPem: pair.publicKey.export({ type: "spki", format: "pem" }).toString(),
        privateKeyPem: pair.privateKey.export({ type: "pkcs8", format: "pem" }).toString(),
        source: "GENERATED",
      },
    });
    return loadPlatformKey();
  }
  const privateKey = createPrivateKey(existing.privateKeyPem as string);
  return { id: existing.id, privateKey, publicKey: createPublicKey(privateKey) };
}

/** The key that signs new credentials (loaded once per process). */
export function platformKey(): Promise<PlatformKey> {
  cachedKey ??= loadPlatformKey().catch((e) => {
    cachedKey = undefined;
    throw e;
  });
  return cachedKey;
}

/** Forget the cached key (tests that switch CREDENTIAL_SIGNING_KEY). */
export function resetCredentialKeyCache() {
  cachedKey = undefined;
  publicKeys.clear();
}

async function publicKeyById(keyId: string): Promise<KeyObject | null> {
  if (publicKeys.has(keyId)) return publicKeys.get(keyId) ?? null;
  const row = await db().signingKey.findUnique({ where: { id: keyId } });
  const key = row ? createPublicKey(row.publicKeyPem) : null;
  if (key) publicKeys.set(keyId, key);
  return key;
}

/** The public keys, for anyone who wants to verify offline (/credentials/keys.json). */
export async function publicKeySet() {
  await platformKey().catch(() => undefined);
  const rows = await db().signingKey.findMany({ orderBy: { createdAt: "asc" } });
  return {
    keys: rows.map((r) => ({ kid: r.id, ...createPublicKey(r.publicKeyPem).export({ format: "jwk" }), alg: "EdDSA", use: "sig" })),
    signedBytes: "UTF-8 of 'second-act/work-credential/v1\\n' followed by the credential as canonical JSON (keys sorted, no whitespace)",
  };
}

export async function signPayload(payload: CredentialPayload): Promise<SignedCredential> {
  const key = await platformKey();
  const signature = signWithKey(payload, key.privateKey);
  return { credential: payload, proof: { type: "Ed25519Signature", keyId: key.id, signature } };
}

export type VerificationStatus = "valid" | "revoked" | "tampered" | "unknown-key" | "malformed" | "not-found";

export interface Verification {
  status: VerificationStatus;
  /** One sentence for a person. */
  message: string;
  credential?: CredentialPayload;
  revokedAt?: Date;
  revokedReason?: string | null;
  problems?: string[];
}

/**
 * Checks a signed credential someone holds: the document's shape, the signature over its
 * canonical bytes with the key it names, then the registry for revocation. Never trusts the stored
 * copy or the document's own claims; any changed byte of meaning fails the signature.
 */
export async function verifyCredential(input: unknown): Promise<Verification> {
  const parsed = signedCredentialSchema.safeParse(input);
  if (!parsed.success) {
    return {
      status: "malformed",
      message: "This is not a Second Act work credential (or parts of it are missing or changed in shape).",
      problems: parsed.error.issues.slice(0, 10).map((i) => `${i.path.join(".") || "document"}: ${i.message}`),
    };
  }
  const doc = parsed.data;
  const key = await publicKeyById(doc.proof.keyId);
  if (!key)
    return { status: "unknown-key", message: "It names a signing key this site never used: it was not issued here, or it was altered." };
  if (!signatureMatches(doc.credential, doc.proof.signature, key))
    return {
      status: "tampered",
      message: "The signature does not match: this copy was changed after Second Act issued it.",
      credential: doc.credential,
    };
  const row = await db().workCredential.findUnique({ where: { id: doc.credential.id }, select: { revokedAt: true, revokedReason: true } });
  if (!row) {
    return {
      status: "not-found",
      message:
        "The signature is genuine, but the credential is no longer in Second Act's registry (the holder may have deleted their account), so its revocation cannot be checked.",
      credential: doc.credential,
    };
  }
  if (row.revokedAt) {
    return {
      status: "revoked",
      message: "Second Act issued this credential, but it has been revoked.",
      credential: doc.credential,
      revokedAt: row.revokedAt,
      revokedReason: row.revokedReason,
    };
  }
  return { status: "valid", message: "Valid: issued and signed by Second Act, unchanged, and not revoked.", credential: doc.credential };
}

/** Verifies what someone pasted or uploaded: a signed credential, or a JSON Resume holding one. */
export async function verifyText(text: string): Promise<Verification[]> {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    return [{ status: "malformed", message: "That is not JSON: paste the credential file (or the JSON Resume) exactly as downloaded." }];
  }
  const found = findSignedCredentials(doc);
  if (found.length === 0) return [await verifyCredential(doc)];
  return Promise.all(found.slice(0, 20).map(verifyCredential));
}

/**
 * The approved recorded work of one engagement: accepted ledger entries only (hours from minutes,
 * tasks), their first and last work dates, and the gig's task types.
 */
export async function recordedWorkFor(applicationId: string, tx: Tx | ReturnType<typeof db> = db()): Promise<RecordedWork | null> {
  const rows = await tx.$queryRaw<
    { minutes: bigint | null; tasks: bigint | null; first: Date | null; last: Date | null; taskTypes: string[] }[]
  >`
    SELECT
      (SELECT sum(w.quantity) FROM "WorkEntry" w WHERE w."applicationId" = a.id AND w.review = 'ACCEPTED' AND w.unit = 'HOUR') AS minutes,
      (SELECT sum(w.quantity) FROM "WorkEntry" w WHERE w."applicationId" = a.id AND w.review = 'ACCEPTED' AND w.unit = 'TASK') AS tasks,
      (SELECT min(w."workDate") FROM "WorkEntry" w WHERE w."applicationId" = a.id AND w.review = 'ACCEPTED') AS first,
      (SELECT max(w."workDate") FROM "WorkEntry" w WHERE w."applicationId" = a.id AND w.review = 'ACCEPTED') AS last,
      g."taskTypes" AS "taskTypes"
    FROM "Application" a JOIN "Gig" g ON g.id = a."gigId"
    WHERE a.id = ${applicationId}`;
  const r = rows[0];
  if (!r?.first || !r.last) return null;
  const work: RecordedWork = {
    taskTypes: r.taskTypes ?? [],
    hours: Number(r.minutes ?? 0n) / 60,
    tasks: Number(r.tasks ?? 0n),
    firstWorkDate: r.first.toISOString().slice(0, 10),
    lastWorkDate: r.last.toISOString().slice(0, 10),
  };
  return hasRecordedWork(work) ? work : null;
}

export function credentialUrl(id: string): string {
  return appUrl(`/credentials/${id}`);
}

/** issueCredential, refusing by throwing CredentialError (answered as a result above). */
async function issueCredentialOrThrow(user: ActingUser, applicationId: string) {
  if (user.role !== "PROFESSIONAL" || !user.profileId)
    throw new CredentialError("Only the professional who did the work can ask for its credential.", 403);
  const app = await db().application.findUnique({
    where: { id: applicationId },
    select: {
      id: true,
      profileId: true,
      qualityNote: true,
      profile: { select: { displayName: true } },
      gig: { select: { id: true, labId: true, credentialDescriptor: true, credentialQualityNotes: true } },
    },
  });
  if (!app || app.profileId !== user.profileId) throw new CredentialError("No such engagement of yours.", 404);
  const work = await recordedWorkFor(app.id);
  if (!work)
    throw new CredentialError("There is no approved recorded work on this engagement yet: a credential states recorded work only.", 409);
  const id = randomBytes(16).toString("base64url");
  const payload = buildCredentialPayload({
    id,
    issuerUrl: appUrl("/"),
    subjectName: app.profile.displayName,
    work,
    permissions: { descriptor: app.gig.credentialDescriptor, qualityNotesAllowed: app.gig.credentialQualityNotes },
    qualityNote: app.qualityNote,
    issuedAt: new Date(),
  });
  const signed = await signPayload(payload);
  await db().$transaction(async (tx) => {
    await tx.workCredential.create({
      data: {
        id,
        profileId: app.profileId,
        applicationId: app.id,
        gigId: app.gig.id,
        labId: app.gig.labId,
        document: signed as unknown as Prisma.InputJsonValue,
        keyId: signed.proof.keyId,
        issuedAt: new Date(payload.issuedAt),
      },
    });
    await audit(
      {
        actorId: user.id,
        actorRole: user.role,
        ip: user.ip,
        action: "credential.issued",
        entityType: "WorkCredential",
        entityId: id,
        after: { applicationId: app.id, hours: payload.work.hours, tasks: payload.work.tasks },
      },
      tx,
    );
  });
  return { id, signed };
}

export interface CredentialRow {
  id: string;
  signed: SignedCredential;
  issuedAt: Date;
  onPublicProfile: boolean;
  revokedAt: Date | null;
  revokedReason: string | null;
  applicationId: string | null;
}

function toRow(r: {
  id: string;
  document: unknown;
  issuedAt: Date;
  onPublicProfile: boolean;
  revokedAt: Date | null;
  revokedReason: string | null;
  applicationId: string | null;
}): CredentialRow {
  return {
    id: r.id,
    signed: r.document as SignedCredential,
    issuedAt: r.issuedAt,
    onPublicProfile: r.onPublicProfile,
    revokedAt: r.revokedAt,
    revokedReason: r.revokedReason,
    applicationId: r.applicationId,
  };
}

const rowSelect = {
  id: true,
  document: true,
  issuedAt: true,
  onPublicProfile: true,
  revokedAt: true,
  revokedReason: true,
  applicationId: true,
} as const;

export async function credentialsOfProfile(profileId: string): Promise<CredentialRow[]> {
  const rows = await db().workCredential.findMany({
    where: { profileId },
    orderBy: [{ issuedAt: "desc" }, { id: "asc" }],
    select: rowSelect,
  });
  return rows.map(toRow);
}

/** What others see on the profile: the ones the professional chose, not revoked. */
export async function publicCredentialsOfProfile(profileId: string): Promise<CredentialRow[]> {
  const rows = await db().workCredential.findMany({
    where: { profileId, onPublicProfile: true, revokedAt: null },
    orderBy: [{ issuedAt: "desc" }, { id: "asc" }],
    select: rowSelect,
  });
  return rows.map(toRow);
}

/** Engagements of this professional with approved recorded work, and whether each has a credential. */
export async function engagementsWithWork(profileId: string) {
  const apps = await db().application.findMany({
    where: { profileId, stage: { in: ["ACTIVE", "OFFBOARDED"] } },
    select: { id: true, gig: { select: { title: true, credentialDescriptor: true, credentialQualityNotes: true } } },
    orderBy: { createdAt: "desc" },
  });
  const out = [];
  for (const a of apps) {
    const work = await recordedWorkFor(a.id);
    if (work)
      out.push({
        applicationId: a.id,
        gigTitle: a.gig.title,
        work,
        descriptor: a.gig.credentialDescriptor,
        qualityNotesAllowed: a.gig.credentialQualityNotes,
      });
  }
  return out;
}

async function setOnPublicProfileOrThrow(user: ActingUser, id: string, shown: boolean) {
  const row = await db().workCredential.findUnique({ where: { id }, select: { profileId: true, revokedAt: true } });
  if (!row || row.profileId !== user.profileId) throw new CredentialError("No such credential of yours.", 404);
  if (shown && row.revokedAt) throw new CredentialError("A revoked credential cannot be shown on your profile.", 409);
  await db().$transaction(async (tx) => {
    await tx.workCredential.update({ where: { id }, data: { onPublicProfile: shown } });
    await audit(
      {
        actorId: user.id,
        actorRole: user.role,
        ip: user.ip,
        action: shown ? "credential.shown" : "credential.hidden",
        entityType: "WorkCredential",
        entityId: id,
      },
      tx,
    );
  });
}

/** revokeCredential, refusing by throwing CredentialError. */
async function revokeCredentialOrThrow(user: ActingUser, id: string, reason: string) {
  const row = await db().workCredential.findUnique({
    where: { id },
    select: { labId: true, revokedAt: true, profileId: true, profile: { select: { userId: true } } },
  });
  const staff = user.role === "COORDINATOR" || user.role === "ADMIN";
  if (!row || !(staff || (user.role === "LAB_MEMBER" && user.labId === row.labId)))
    throw new CredentialError("No such credential for your lab.", 404);
  if (row.revokedAt) throw new CredentialError("This credential is already revoked.", 409);
  const text = reason.trim();
  await db().$transaction(async (tx) => {
    await tx.workCredential.update({
      where: { id },
      data: { revokedAt: new Date(), revokedReason: text, revokedById: user.id, onPublicProfile: false },
    });
    await audit(
      {
        actorId: user.id,
        actorRole: user.role,
        ip: user.ip,
        action: "credential.revoked",
        entityType: "WorkCredential",
        entityId: id,
        after: { reason: text },
      },
      tx,
    );
    await tx.notification.create({
      data: {
        userId: row.profile.userId,
        kind: "credential.revoked",
        title: "A work credential of yours was revoked",
        body: `Reason given: ${text}`,
        link: `/me/credentials`,
      },
    });
  });
}

/** The credential behind a stable link, for its public page (only what the document says). */
export async function credentialForPage(id: string) {
  if (!/^[A-Za-z0-9_-]{10,64}$/.test(id)) return null;
  const row = await db().workCredential.findUnique({ where: { id }, select: rowSelect });
  if (!row) return null;
  const verification = await verifyCredential(row.document);
  return { row: toRow(row), verification };
}

/** A JSON Resume holding the chosen credentials of this professional (all of theirs when ids is empty). */
export async function credentialsResumeFor(profileId: string, ids: readonly string[] = []) {
  const profile = await db().profile.findUnique({ where: { id: profileId }, select: { displayName: true } });
  const rows = (await credentialsOfProfile(profileId)).filter((r) => !r.revokedAt && (ids.length === 0 || ids.includes(r.id)));
  return credentialsResume(
    profile?.displayName ?? "",
    rows.map((r) => ({ signed: r.signed, verifyUrl: credentialUrl(r.id) })),
    new Date(),
  );
}

/** The lab's view: credentials issued for its gigs (to revoke one it disputes). */
export async function labCredentials(labId: string) {
  const rows = await db().workCredential.findMany({
    where: { labId },
    orderBy: [{ issuedAt: "desc" }, { id: "asc" }],
    take: 200,
    select: { ...rowSelect, profile: { select: { displayName: true } } },
  });
  return rows.map((r) => ({ ...toRow(r), holder: r.profile.displayName }));
}

/** Engagements on the lab's gigs (active or finished), with the quality note the lab may write. */
export async function labEngagements(labId: string) {
  const apps = await db().application.findMany({
    where: { gig: { labId }, stage: { in: ["ACTIVE", "OFFBOARDED"] } },
    orderBy: [{ updatedAt: "desc" }, { id: "asc" }],
    take: 200,
    select: {
      id: true,
      qualityNote: true,
      profile: { select: { displayName: true } },
      gig: { select: { title: true, credentialQualityNotes: true, credentialDescriptor: true } },
    },
  });
  return apps.map((a) => ({
    applicationId: a.id,
    person: a.profile.displayName,
    gigTitle: a.gig.title,
    qualityNote: a.qualityNote,
    notesAllowed: a.gig.credentialQualityNotes,
    descriptor: a.gig.credentialDescriptor,
  }));
}

/** setQualityNote, refusing by throwing CredentialError. */
async function setQualityNoteOrThrow(user: ActingUser, labId: string, applicationId: string, note: string) {
  const app = await db().application.findUnique({
    where: { id: applicationId },
    select: { qualityNote: true, gig: { select: { labId: true } } },
  });
  if (!app || app.gig.labId !== labId) throw new CredentialError("No such engagement on your lab's gigs.", 404);
  const text = note.trim();
  await db().$transaction(async (tx) => {
    await tx.application.update({ where: { id: applicationId }, data: { qualityNote: text } });
    await audit(
      {
        actorId: user.id,
        actorRole: user.role,
        ip: user.ip,
        action: "application.quality_note",
        entityType: "Application",
        entityId: applicationId,
        before: { qualityNote: app.qualityNote },
        after: { qualityNote: text },
      },
      tx,
    );
  });
}

/** The credentials on a profile, as the profile and candidate pages show them. */
export async function publicCredentialItems(profileId: string) {
  const rows = await publicCredentialsOfProfile(profileId);
  return rows.map((r) => ({
    id: r.id,
    taskTypes: taskTypeList(r.signed.credential),
    client: r.signed.credential.work.client,
    summary: workSummary(r.signed.credential),
  }));
}
