/**
 * Ed25519 signing and checking of a work credential's canonical bytes (app/domain/credential.ts).
 * Deterministic and without I/O, but kept out of the browser bundle (node:crypto).
 */
import { type KeyObject, sign, verify } from "node:crypto";
import { type CredentialPayload, signingInput } from "./credential";

/** Ed25519 signature (deterministic) over the signing input, base64url. */
export function signWithKey(payload: CredentialPayload, privateKey: KeyObject): string {
  return sign(null, signingInput(payload), privateKey).toString("base64url");
}

/**
 * Whether `signature` is this key's signature over the payload. The base64url text must be the
 * canonical encoding of exactly 64 bytes, so no character of a copy can change unnoticed (a
 * lenient decoder would ignore the spare bits of the last character).
 */
export function signatureMatches(payload: CredentialPayload, signature: string, publicKey: KeyObject): boolean {
  const bytes = Buffer.from(signature, "base64url");
  if (bytes.length !== 64 || bytes.toString("base64url") !== signature) return false;
  try {
    return verify(null, signingInput(payload), publicKey, bytes);
  } catch {
    return false;
  }
}
