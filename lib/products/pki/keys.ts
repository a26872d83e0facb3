import "server-only";
import type { Tx } from "../../platform/db.ts";
import { projectDataKey } from "../../platform/kms/data-keys.ts";
import { open, seal } from "../../platform/kms/envelope.ts";
import { importSigningKey, type KeyAlgorithm, type SigningKey } from "./x509.ts";

// Private keys (CAs', and certificates' when kept) are sealed under the project's data key,
// the envelope secrets use, bound to the row they belong to: copied to another row, a sealed
// key no longer opens.
const keyContext = (ownerId: string) => `tessera:pki-private-key:${ownerId}`;

export async function sealPrivateKey(tx: Pick<Tx, "projectDataKey">, projectId: string, ownerId: string, pkcs8: Buffer): Promise<Uint8Array<ArrayBuffer>> {
  return Uint8Array.from(seal(await projectDataKey(tx, projectId), pkcs8, keyContext(ownerId)));
}

export async function openPrivateKey(tx: Pick<Tx, "projectDataKey">, projectId: string, ownerId: string, sealed: Uint8Array): Promise<Buffer> {
  return open(await projectDataKey(tx, projectId), sealed, keyContext(ownerId));
}

export async function openSigningKey(tx: Pick<Tx, "projectDataKey">, ca: { id: string; projectId: string; keyAlgorithm: string; sealedPrivateKey: Uint8Array }): Promise<SigningKey> {
  return importSigningKey(ca.keyAlgorithm as KeyAlgorithm, await openPrivateKey(tx, ca.projectId, ca.id, ca.sealedPrivateKey));
}
