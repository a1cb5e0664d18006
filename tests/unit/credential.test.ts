/**
 * The work credential's pure rules (issue 23): what it may contain, its canonical bytes, the
 * signature round trip, that no changed byte of a signed copy verifies, and its JSON Resume form
 * against the official schema.
 */
import { generateKeyPairSync } from "node:crypto";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  buildCredentialPayload,
  type CredentialPayload,
  canonicalJson,
  credentialsResume,
  credentialToJsonResume,
  DEFAULT_CLIENT_DESCRIPTOR,
  findSignedCredentials,
  hasRecordedWork,
  type RecordedWork,
  roundHours,
  type SignedCredential,
  signedCredentialSchema,
  workSummary,
} from "~/domain/credential";
import { signatureMatches, signWithKey } from "~/domain/credential-signature.server";
import { validateJsonResume } from "~/domain/json-resume";
import { TASK_TYPE_KEYS } from "~/domain/taxonomy";

const keys = generateKeyPairSync("ed25519");
const otherKeys = generateKeyPairSync("ed25519");

const work: RecordedWork = {
  taskTypes: ["DIALOGUE_DEMONSTRATION", TASK_TYPE_KEYS[3]],
  hours: 37.5,
  tasks: 120,
  firstWorkDate: "2026-09-01",
  lastWorkDate: "2026-11-20",
};

function payload(over: Partial<Parameters<typeof buildCredentialPayload>[0]> = {}): CredentialPayload {
  return buildCredentialPayload({
    id: "c_abcdefghijklmnop",
    issuerUrl: "https://secondact.example.org/",
    subjectName: "Ana Ortiz",
    work,
    permissions: { descriptor: "a frontier AI lab", qualityNotesAllowed: false },
    qualityNote: "Careful, consistent rater.",
    issuedAt: new Date("2026-12-01T10:00:00Z"),
    ...over,
  });
}

function signed(p: CredentialPayload = payload()): SignedCredential {
  return { credential: p, proof: { type: "Ed25519Signature", keyId: "k1", signature: signWithKey(p, keys.privateKey) } };
}

/** What a verifier decides about a copy (the pure part of app/services/credentials.server.ts). */
function decide(text: string): "valid" | "tampered" | "malformed" {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    return "malformed";
  }
  const parsed = signedCredentialSchema.safeParse(doc);
  if (!parsed.success) return "malformed";
  if (parsed.data.proof.keyId !== "k1") return "tampered";
  return signatureMatches(parsed.data.credential, parsed.data.proof.signature, keys.publicKey) ? "valid" : "tampered";
}

describe("what a credential may contain", () => {
  it("says only what the lab allowed: the descriptor, no quality note unless allowed", () => {
    const p = payload();
    expect(p.work.client).toBe("a frontier AI lab");
    expect(p.work.qualityNote).toBeUndefined();
    expect(canonicalJson(p)).not.toContain("Careful");
    const allowed = payload({ permissions: { descriptor: null, qualityNotesAllowed: true } });
    expect(allowed.work.client).toBe(DEFAULT_CLIENT_DESCRIPTOR);
    expect(allowed.work.qualityNote).toBe("Careful, consistent rater.");
    expect(payload({ permissions: { descriptor: "  ", qualityNotesAllowed: true }, qualityNote: "   " }).work.qualityNote).toBeUndefined();
  });

  it("property: the payload has exactly the permitted fields, whatever the input", () => {
    fc.assert(
      fc.property(
        fc.record({
          descriptor: fc.option(fc.string({ maxLength: 200 })),
          allowed: fc.boolean(),
          note: fc.option(fc.string({ maxLength: 2000 })),
          name: fc.string({ maxLength: 300 }),
          hours: fc.double({ min: 0, max: 5000, noNaN: true }),
          tasks: fc.nat(100_000),
          types: fc.uniqueArray(fc.constantFrom(...TASK_TYPE_KEYS), { minLength: 1, maxLength: 6 }),
        }),
        (r) => {
          const p = payload({
            subjectName: r.name,
            work: { ...work, hours: r.hours, tasks: r.tasks, taskTypes: r.types },
            permissions: { descriptor: r.descriptor, qualityNotesAllowed: r.allowed },
            qualityNote: r.note,
          });
          expect(Object.keys(p).sort()).toEqual(["id", "issuedAt", "issuer", "subject", "type", "version", "work"]);
          const workKeys = Object.keys(p.work).sort();
          const base = ["client", "from", "hours", "taskTypes", "tasks", "to"];
          expect(workKeys).toEqual(r.allowed && r.note?.trim() ? [...base, "qualityNote"].sort() : base);
          expect(p.work.client.length).toBeGreaterThan(0);
          expect(p.work.client.length).toBeLessThanOrEqual(120);
          expect(Number.isInteger(p.work.hours * 4)).toBe(true);
          // What is built is always a valid signed document's payload.
          expect(signedCredentialSchema.safeParse(signed(p)).success).toBe(true);
        },
      ),
      { numRuns: 300 },
    );
  });

  it("recorded work needs approved hours or tasks and a task type", () => {
    expect(hasRecordedWork(work)).toBe(true);
    expect(hasRecordedWork({ ...work, hours: 0.1, tasks: 0 })).toBe(false);
    expect(hasRecordedWork({ ...work, hours: 0, tasks: 1 })).toBe(true);
    expect(hasRecordedWork({ ...work, taskTypes: [] })).toBe(false);
    expect(hasRecordedWork(null)).toBe(false);
    expect(roundHours(1.13)).toBe(1.25);
    expect(roundHours(Number.NaN)).toBe(0);
  });

  it("reads as a person would say it", () => {
    expect(workSummary(payload())).toBe("37.5 hours and 120 tasks, 2026-09-01 to 2026-11-20");
    expect(workSummary(payload({ work: { ...work, hours: 1, tasks: 0, lastWorkDate: "2026-09-01" } }))).toBe("1 hour, on 2026-09-01");
  });
});

describe("canonical JSON", () => {
  it("property: key order does not matter and the value survives a round trip", () => {
    fc.assert(
      fc.property(fc.jsonValue({ noUnicodeString: false }), (v) => {
        const text = canonicalJson(v);
        expect(canonicalJson(JSON.parse(text))).toBe(text);
        const reversed = JSON.parse(JSON.stringify(v), function (this: unknown, _k, value) {
          return value && typeof value === "object" && !Array.isArray(value) ? Object.fromEntries(Object.entries(value).reverse()) : value;
        });
        expect(canonicalJson(reversed)).toBe(text);
      }),
      { numRuns: 200 },
    );
  });

  it("refuses values JSON cannot carry", () => {
    expect(() => canonicalJson({ a: Number.NaN })).toThrow();
    expect(() => canonicalJson({ a: () => 1 })).toThrow();
    expect(canonicalJson({ b: 1, a: undefined, c: [2, "x"] })).toBe('{"b":1,"c":[2,"x"]}');
  });
});

describe("signature", () => {
  it("round trip: a copy as issued verifies, pretty-printed or re-ordered too", () => {
    const doc = signed();
    expect(decide(JSON.stringify(doc))).toBe("valid");
    expect(decide(JSON.stringify(doc, null, 2))).toBe("valid");
    expect(decide(canonicalJson(doc))).toBe("valid");
  });

  it("another key's signature does not verify", () => {
    const p = payload();
    expect(signatureMatches(p, signWithKey(p, otherKeys.privateKey), keys.publicKey)).toBe(false);
  });

  it("every single changed byte of a signed copy is rejected (malformed or tampered, never valid)", () => {
    const text = canonicalJson(signed());
    const replacements = ["0", "1", "9", "a", "A", "z", "_", "-", " ", '"', ".", "{"];
    let checked = 0;
    for (let i = 0; i < text.length; i++) {
      for (const r of replacements) {
        if (text[i] === r) continue;
        const changed = text.slice(0, i) + r + text.slice(i + 1);
        // A space between tokens changes no meaning (and is not part of the canonical copy anyway).
        const reparsed = safeParse(changed);
        if (r === " " && typeof reparsed !== "symbol" && canonicalJson(reparsed) === text) continue;
        expect(decide(changed), `byte ${i} "${text[i]}" -> "${r}"`).not.toBe("valid");
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(text.length * 10);
  });

  it("the signature's spare bits cannot be changed either: of all 64 last characters only the issued one verifies", () => {
    const doc = signed();
    const sig = doc.proof.signature;
    const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    const verifying = [...alphabet].filter((ch) => signatureMatches(doc.credential, sig.slice(0, -1) + ch, keys.publicKey));
    expect(verifying).toEqual([sig.slice(-1)]);
  });

  it("property: any change of meaning in the payload breaks the signature", () => {
    const doc = signed();
    fc.assert(
      fc.property(
        fc.oneof(
          fc
            .record({ hours: fc.double({ min: 0, max: 5000, noNaN: true }) })
            .map((o) => (p: CredentialPayload) => ({ ...p, work: { ...p.work, hours: o.hours } })),
          fc.nat(1_000_000).map((n) => (p: CredentialPayload) => ({ ...p, work: { ...p.work, tasks: n } })),
          fc.string({ minLength: 1, maxLength: 60 }).map((s) => (p: CredentialPayload) => ({ ...p, work: { ...p.work, client: s } })),
          fc.string({ minLength: 1, maxLength: 60 }).map((s) => (p: CredentialPayload) => ({ ...p, subject: { name: s } })),
          fc.string({ minLength: 1, maxLength: 60 }).map((s) => (p: CredentialPayload) => ({ ...p, work: { ...p.work, qualityNote: s } })),
        ),
        (change) => {
          const altered = change(doc.credential);
          fc.pre(canonicalJson(altered) !== canonicalJson(doc.credential));
          expect(signatureMatches(altered, doc.proof.signature, keys.publicKey)).toBe(false);
        },
      ),
      { numRuns: 300 },
    );
  });
});

function safeParse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return Symbol.for("invalid");
  }
}

describe("JSON Resume", () => {
  it("the export validates against the official schema and carries the signed copy", () => {
    const doc = signed(payload({ permissions: { descriptor: "a frontier AI lab", qualityNotesAllowed: true } }));
    const resume = credentialsResume(
      "Ana Ortiz",
      [{ signed: doc, verifyUrl: "https://secondact.example.org/credentials/c_abcdefghijklmnop" }],
      new Date("2026-12-02T00:00:00Z"),
    );
    expect(validateJsonResume(resume)).toEqual([]);
    expect(resume.work[0]).toMatchObject({
      name: "AI training work for a frontier AI lab",
      startDate: "2026-09-01",
      endDate: "2026-11-20",
    });
    expect(resume.certificates[0].url).toContain("/credentials/");
    const found = findSignedCredentials(JSON.parse(JSON.stringify(resume)));
    expect(found).toHaveLength(1);
    expect(decide(JSON.stringify(found[0]))).toBe("valid");
    expect(findSignedCredentials(credentialToJsonResume(doc, "https://x.example/credentials/a").certificates[0])).toHaveLength(1);
    expect(findSignedCredentials({ basics: {} })).toEqual([]);
  });
});
