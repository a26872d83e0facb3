import { createHash, randomBytes } from "node:crypto";
import { crc32 } from "node:zlib";

/**
 * Universal Auth credentials: `tessera_cs_…` (a client secret) and `tessera_at_…` (an access
 * token); and `tessera_scim_…`, an identity provider's provisioning token. The typed prefix lets secret scanners (GitHub's, gitleaks…) recognise a leak; the
 * last six characters are a CRC-32 of the rest, so a scanner (or Tessera) tells a real one
 * from a lookalike without asking the server. 32 random bytes, base62: no `-` or `_`
 * inside, so the whole token is one word to every tool.
 */
export type CredentialKind = "cs" | "at" | "scim";

const ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

function base62(bytes: Buffer): string {
  let value = BigInt(`0x${bytes.toString("hex")}`);
  let out = "";
  while (value > 0n) {
    out = ALPHABET[Number(value % 62n)] + out;
    value /= 62n;
  }
  return out;
}

function checksum(body: string): string {
  let value = crc32(body);
  let out = "";
  for (let index = 0; index < 6; index++) {
    out = ALPHABET[value % 62] + out;
    value = Math.floor(value / 62);
  }
  return out;
}

export function mintCredential(kind: CredentialKind): string {
  const body = `tessera_${kind}_${base62(randomBytes(32)).padStart(43, "0")}`;
  return body + checksum(body);
}

/** Whether a string is a well-formed credential of this kind (prefix, length, checksum). */
export function isCredential(kind: CredentialKind, value: string): boolean {
  const prefix = `tessera_${kind}_`;
  if (!value.startsWith(prefix) || value.length !== prefix.length + 49 || !/^[0-9A-Za-z]+$/.test(value.slice(prefix.length))) return false;
  return checksum(value.slice(0, -6)) === value.slice(-6);
}

/** What the database keeps: 32 random bytes need no slow hash, only one that does not reverse. */
export function credentialHash(value: string): string {
  return createHash("sha256").update(value).digest("hex");
}
