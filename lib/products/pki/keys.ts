import "server-only";
import type { Tx } from "../../platform/db.ts";
import { openForRow, openWithDataKey, sealForRow, sealWithDataKey } from "../../platform/kms/row-sealing.ts";
import { importSigningKey, type KeyAlgorithm, type SigningKey } from "./x509.ts";

// Private keys (CAs', and certificates' when kept) are sealed by the key service, bound to
// the row they belong to: copied to another row, a sealed key no longer opens.

export function sealPrivateKey(tx: Pick<Tx, "projectDataKey">, projectId: string, ownerId: string, pkcs8: Buffer): Promise<Uint8Array<ArrayBuffer>> {
  return sealForRow(tx, projectId, "pki-private-key", ownerId, pkcs8);
}

/** Seals a private key with the project's sealed data key, already read. */
export function sealPrivateKeyWith(sealedDataKey: Uint8Array, projectId: string, ownerId: string, pkcs8: Buffer): Uint8Array<ArrayBuffer> {
  return sealWithDataKey(projectId, sealedDataKey, "pki-private-key", ownerId, pkcs8);
}

export function openPrivateKey(tx: Pick<Tx, "projectDataKey">, projectId: string, ownerId: string, sealed: Uint8Array): Promise<Buffer> {
  return openForRow(tx, projectId, "pki-private-key", ownerId, sealed);
}

export async function openSigningKey(
  tx: Pick<Tx, "projectDataKey">,
  ca: { id: string; projectId: string; keyAlgorithm: string; sealedPrivateKey: Uint8Array },
): Promise<SigningKey> {
  return importSigningKey(ca.keyAlgorithm as KeyAlgorithm, await openPrivateKey(tx, ca.projectId, ca.id, ca.sealedPrivateKey));
}

/** A CA's key, opened with the project's sealed data key read in the same statement as the CA. */
export function openSigningKeyWith(
  sealedDataKey: Uint8Array,
  ca: { id: string; projectId: string; keyAlgorithm: string; sealedPrivateKey: Uint8Array },
): Promise<SigningKey> {
  return importSigningKey(ca.keyAlgorithm as KeyAlgorithm, openWithDataKey(ca.projectId, sealedDataKey, "pki-private-key", ca.id, ca.sealedPrivateKey));
}
