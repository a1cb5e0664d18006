/**
 * Work credentials end to end over HTTP (issue 23): issued only from approved recorded work,
 * saying only what the lab allowed; verified on the public page and the API; a changed copy is
 * rejected; revocation by the lab shows everywhere; keys rotate without breaking old credentials;
 * the JSON Resume export validates; authorization for every action.
 */
import { generateKeyPairSync } from "node:crypto";
import { describe, expect, it } from "vitest";
import { db } from "~/db.server";
import { canonicalJson } from "~/domain/credential";
import { validateJsonResume } from "~/domain/json-resume";
import { issueCredential, resetCredentialKeyCache, verifyCredential } from "~/services/credentials.server";
import { recordWork } from "~/services/work.server";
import { logIn, signUp } from "../setup/http";
import { useTestServer } from "../setup/server";
import { labWithOpenGig, staff } from "./fixtures";

const base = await useTestServer();
const text = async (res: Response) => (await res.text()).replace(/<!-- -->/g, "");

async function activePro(gigId: string) {
  const pro = await signUp(base);
  const res = await pro.client.post(`/gigs/${gigId}`, { intent: "apply", note: "Ten years of sitcom rooms." });
  expect(res.status).toBe(303);
  const appId = res.headers.get("location")!.split("/").pop()!;
  await db().application.update({
    where: { id: appId },
    data: { stage: "ACTIVE", stageEnteredAt: new Date(Date.now() - 10 * 86_400_000) },
  });
  const user = await db().user.findUniqueOrThrow({ where: { email: pro.email }, include: { profile: true } });
  return { ...pro, appId, user, profileId: user.profile!.id };
}

async function record(gigId: string, appId: string, actorId: string, entry: { workDate: string; hours?: number; tasks?: number }) {
  const app = await db().application.findUniqueOrThrow({ where: { id: appId }, select: { gig: { select: { labId: true } } } });
  const r = await recordWork(
    gigId,
    { applicationId: appId, note: "", ...entry },
    { id: actorId, role: "LAB_MEMBER", labId: app.gig.labId },
    { source: "LAB" },
  );
  if (!r.ok) throw new Error(JSON.stringify(r));
  return r.entry;
}

async function verifyApi(body: unknown) {
  const res = await fetch(new URL("/api/v1/credentials/verify", base), {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
  expect(res.status).toBe(200);
  return ((await res.json()) as { verdicts: { status: string; credential?: { work: { hours: number } } }[] }).verdicts;
}

describe("work credentials", () => {
  it("issue from recorded work, only what the lab allowed; verify; tamper; revoke; export", async () => {
    const { gig, ownerUser, owner } = await labWithOpenGig(base);
    expect(gig.credentialQualityNotes).toBe(false);
    await db().gig.update({ where: { id: gig.id }, data: { credentialDescriptor: "a frontier AI lab", credentialQualityNotes: false } });
    const pro = await activePro(gig.id);
    const lab = await logIn(base, owner.email);

    // No recorded work yet: nothing to issue.
    const early = await pro.client.post("/me/credentials", { intent: "issue", applicationId: pro.appId });
    expect(early.status).toBe(409);
    expect(await text(early)).toContain("no approved recorded work");

    // The lab writes a quality note (not allowed in credentials for this gig) and records work.
    const labRow = await db().lab.findUniqueOrThrow({ where: { id: ownerUser.labMember!.labId } });
    const note = await lab.post(`/labs/${labRow.slug}/credentials`, {
      intent: "note",
      applicationId: pro.appId,
      qualityNote: "Sharp, reliable rater.",
    });
    expect(note.status).toBe(303);
    expect((await db().application.findUniqueOrThrow({ where: { id: pro.appId } })).qualityNote).toBe("Sharp, reliable rater.");
    await record(gig.id, pro.appId, ownerUser.id, {
      workDate: new Date(Date.now() - 3 * 86_400_000).toISOString().slice(0, 10),
      hours: 1.5,
    });
    await record(gig.id, pro.appId, ownerUser.id, { workDate: new Date(Date.now() - 86_400_000).toISOString().slice(0, 10), hours: 2.5 });
    // A self-report the lab has not accepted does not count.
    const self = await recordWork(
      gig.id,
      { applicationId: pro.appId, workDate: new Date().toISOString().slice(0, 10), hours: 8, note: "" },
      { id: pro.user.id, role: "PROFESSIONAL", profileId: pro.profileId },
      { source: "PROFESSIONAL" },
    );
    expect(self.ok).toBe(true);

    const page = await text(await pro.client.get("/me/credentials"));
    expect(page).toContain("a frontier AI lab");
    const issued = await pro.client.post("/me/credentials", { intent: "issue", applicationId: pro.appId });
    expect(issued.status).toBe(303);
    const row = await db().workCredential.findFirstOrThrow({ where: { applicationId: pro.appId } });
    const doc = row.document as { credential: { work: Record<string, unknown> } };
    expect(doc.credential.work).toMatchObject({ client: "a frontier AI lab", hours: 4, tasks: 0 });
    expect(doc.credential.work.qualityNote).toBeUndefined();
    const canonical = canonicalJson(doc);
    for (const secret of [gig.title, labRow.name, "Sharp, reliable", pro.email]) expect(canonical).not.toContain(secret);

    // Public page and API: valid. The downloaded file verifies; a changed copy does not.
    const pub = await text(await fetch(new URL(`/credentials/${row.id}`, base)));
    expect(pub).toContain("Valid");
    expect(pub).toContain("a frontier AI lab");
    const file = await (await fetch(new URL(`/credentials/${row.id}/credential.json`, base))).text();
    expect((await verifyApi(file))[0].status).toBe("valid");
    const tampered = JSON.parse(file);
    tampered.credential.work.hours = 40;
    expect((await verifyApi(tampered))[0].status).toBe("tampered");
    expect((await verifyApi({ hello: "world" }))[0].status).toBe("malformed");

    // The /verify page, without JavaScript.
    const anon = (await signUp(base)).client;
    const v1 = await text(await anon.post("/verify", { document: file }));
    expect(v1).toContain("Valid: issued and signed by Second Act");
    const v2 = await text(await anon.post("/verify", { document: JSON.stringify(tampered) }));
    expect(v2).toContain("changed after Second Act issued it");
    const empty = await anon.post("/verify", { document: "" });
    expect(empty.status).toBe(400);

    // JSON Resume export validates and holds a verifiable copy.
    const resume = await (await pro.client.get("/me/credentials/resume.json")).json();
    expect(validateJsonResume(resume)).toEqual([]);
    expect((await verifyApi(resume))[0].status).toBe("valid");

    // Shown on the profile: the lab sees it on the person's page.
    expect((await pro.client.post("/me/credentials", { intent: "show", credentialId: row.id })).status).toBe(303);
    expect(await text(await lab.get(`/people/${pro.profileId}`))).toContain("a frontier AI lab");

    // Another lab cannot revoke; the lab needs a reason; then it is revoked everywhere.
    const other = await labWithOpenGig(base);
    const otherSlug = (await db().lab.findUniqueOrThrow({ where: { id: other.labId } })).slug;
    const otherLab = await logIn(base, other.owner.email);
    const sneaky = await otherLab.post(`/labs/${otherSlug}/credentials`, {
      intent: "revoke",
      credentialId: row.id,
      reason: "Not ours but still",
    });
    expect(sneaky.status).toBe(404);
    const slug = labRow.slug;
    const noReason = await lab.post(`/labs/${slug}/credentials`, { intent: "revoke", credentialId: row.id, reason: "" });
    expect(noReason.status).toBe(400);
    expect((await db().workCredential.findUniqueOrThrow({ where: { id: row.id } })).revokedAt).toBeNull();
    const revoked = await lab.post(`/labs/${slug}/credentials`, {
      intent: "revoke",
      credentialId: row.id,
      reason: "Hours disputed with the client",
    });
    expect(revoked.status).toBe(303);
    // Refusals keep their status and sentence (the service answers the one result shape).
    const twice = await lab.post(`/labs/${slug}/credentials`, { intent: "revoke", credentialId: row.id, reason: "Once more" });
    expect(twice.status).toBe(409);
    expect(await text(twice)).toContain("This credential is already revoked.");
    const showRevoked = await pro.client.post("/me/credentials", { intent: "show", credentialId: row.id });
    expect(showRevoked.status).toBe(409);
    expect(await text(showRevoked)).toContain("A revoked credential cannot be shown on your profile.");
    expect((await verifyApi(file))[0].status).toBe("revoked");
    expect(await text(await fetch(new URL(`/credentials/${row.id}`, base)))).toContain("Hours disputed with the client");
    expect(await db().notification.count({ where: { userId: pro.user.id, kind: "credential.revoked" } })).toBe(1);
    expect(await text(await lab.get(`/people/${pro.profileId}`))).not.toContain("a frontier AI lab");

    // Quality notes appear once the gig allows them.
    await db().gig.update({ where: { id: gig.id }, data: { credentialQualityNotes: true } });
    const again = await pro.client.post("/me/credentials", { intent: "issue", applicationId: pro.appId });
    expect(again.status).toBe(303);
    const latest = await db().workCredential.findFirstOrThrow({ where: { applicationId: pro.appId, revokedAt: null } });
    expect((latest.document as { credential: { work: { qualityNote?: string } } }).credential.work.qualityNote).toBe(
      "Sharp, reliable rater.",
    );
  });

  it("who may do what", async () => {
    const { gig } = await labWithOpenGig(base);
    const pro = await activePro(gig.id);
    const stranger = await signUp(base);
    const r = await stranger.client.post("/me/credentials", { intent: "issue", applicationId: pro.appId });
    expect(r.status).toBe(404);
    const labUser = await signUp(base, { type: "LAB" });
    expect((await labUser.client.get("/me/credentials")).status).toBe(403);
    expect((await fetch(new URL("/credentials/not-a-real-id-000", base))).status).toBe(404);
    const coord = await staff();
    const c = await logIn(base, coord.email);
    expect((await c.get("/me/credentials")).status).toBe(403);
  });

  it("a key rotation keeps old credentials valid; the configured key signs new ones", async () => {
    const { gig, ownerUser } = await labWithOpenGig(base);
    const pro = await activePro(gig.id);
    await record(gig.id, pro.appId, ownerUser.id, { workDate: new Date().toISOString().slice(0, 10), hours: 1 });
    const sessionUser = { id: pro.user.id, role: "PROFESSIONAL", profileId: pro.profileId } as never;
    const first = await issueCredential(sessionUser, pro.appId);
    if (!first.ok) throw new Error(first.message);
    const pem = generateKeyPairSync("ed25519").privateKey.export({ type: "pkcs8", format: "pem" }).toString();
    process.env.CREDENTIAL_SIGNING_KEY = pem.replace(/\n/g, "\\n");
    resetCredentialKeyCache();
    try {
      const second = await issueCredential(sessionUser, pro.appId);
      if (!second.ok) throw new Error(second.message);
      expect(second.signed.proof.keyId).not.toBe(first.signed.proof.keyId);
      expect((await verifyCredential(first.signed)).status).toBe("valid");
      expect((await verifyCredential(second.signed)).status).toBe("valid");
      const swapped = { ...second.signed, proof: { ...second.signed.proof, keyId: first.signed.proof.keyId } };
      expect((await verifyCredential(swapped)).status).toBe("tampered");
      expect((await verifyCredential({ ...first.signed, proof: { ...first.signed.proof, keyId: "nope" } })).status).toBe("unknown-key");
    } finally {
      delete process.env.CREDENTIAL_SIGNING_KEY;
      resetCredentialKeyCache();
    }
  });
});
