import "server-only";
import type { Tx } from "../../platform/db.ts";
import { projectDataKey } from "../../platform/kms/data-keys.ts";
import { RefusedError } from "../../platform/errors.ts";
import { open, seal, TamperedError } from "../../platform/kms/envelope.ts";

// A secret's value is sealed with its id as associated data: copied onto another row (say,
// from production to development) it fails to open instead of leaking there.
const valueContext = (secretId: string) => `tessera:secret-value:${secretId}`;

export const TAMPERED =
  "This secret's stored value failed its integrity check: it was changed outside Tessera. Set a new value or restore it from a backup.";

/** Seals and opens the values of one project's secrets with its data key. */
export async function valueCipher(tx: Pick<Tx, "projectDataKey">, projectId: string) {
  return cipherWith(await projectDataKey(tx, projectId));
}

/** The same, with the data key the caller already read and opened (see `unseal`). */
export function cipherWith(key: Buffer) {
  return {
    seal: (secretId: string, value: string) => Uint8Array.from(seal(key, Buffer.from(value, "utf8"), valueContext(secretId))),
    open(secretId: string, box: Uint8Array): string {
      try {
        return open(key, box, valueContext(secretId)).toString("utf8");
      } catch (error) {
        if (error instanceof TamperedError) throw new RefusedError(TAMPERED);
        throw error;
      }
    },
  };
}
