import "server-only";
import type { Tx } from "../../platform/db.ts";
import { projectDataKey } from "../../platform/kms/data-keys.ts";
import { rowCipher } from "../../platform/kms/row-sealing.ts";

// A secret's value is sealed by the key service bound to the secret's id: copied onto another
// row (say, from production to development) it fails to open instead of leaking there.

/** Seals and opens the values of one project's secrets with its data key. */
export async function valueCipher(tx: Pick<Tx, "projectDataKey">, projectId: string) {
  return cipherWith(await projectDataKey(tx, projectId));
}

/** The same, with the data key the caller already read and opened (see `unseal`). */
export function cipherWith(key: Buffer) {
  const cipher = rowCipher(key, "secret-value");
  return {
    seal: (secretId: string, value: string) => cipher.seal(secretId, value),
    open: (secretId: string, box: Uint8Array): string => cipher.open(secretId, box).toString("utf8"),
  };
}
