import "server-only";
import type { Tx } from "../db.ts";
import { RefusedError } from "../errors.ts";
import { projectDataKey, unseal } from "./data-keys.ts";
import { open, seal, TamperedError } from "./envelope.ts";

// The one way products keep a value sealed: under the project's data key (itself sealed by
// the root key), bound to what it is and the row it belongs to. Copied onto another row, or
// read as something else, it does not open.

/** What a sealed value is; its name is part of what the value is bound to. */
export type SealedKind = "secret-value" | "pki-private-key" | "pam-broker-password" | "pam-grant-password";

const DESCRIPTION: Record<SealedKind, string> = {
  "secret-value": "This secret's stored value",
  "pki-private-key": "This private key",
  "pam-broker-password": "This database's broker password",
  "pam-grant-password": "This grant's password",
};

const REMEDY: Record<SealedKind, string> = {
  "secret-value": "Set a new value or restore it from a backup.",
  "pki-private-key": "Restore it from a backup; a CA whose key is lost must be replaced.",
  "pam-broker-password": "Enter the broker's password again on the resource.",
  "pam-grant-password": "Revoke the grant and ask again.",
};

/** A sealed value that failed its integrity check: the same refusal, whatever the product. */
export class TamperedValueError extends RefusedError {
  constructor(kind: SealedKind) {
    super(`${DESCRIPTION[kind]} failed its integrity check: it was changed outside Tessera. ${REMEDY[kind]}`);
    this.name = "TamperedValueError";
  }
}

const contextOf = (kind: SealedKind, rowId: string) => `tessera:${kind}:${rowId}`;

/** Seals and opens one kind of value with a data key already opened (many values in one go). */
export function rowCipher(dataKey: Buffer, kind: SealedKind) {
  return {
    seal: (rowId: string, plaintext: Buffer | string): Uint8Array<ArrayBuffer> =>
      Uint8Array.from(seal(dataKey, Buffer.from(plaintext), contextOf(kind, rowId))),
    open(rowId: string, box: Uint8Array): Buffer {
      try {
        return open(dataKey, box, contextOf(kind, rowId));
      } catch (error) {
        if (error instanceof TamperedError) throw new TamperedValueError(kind);
        throw error;
      }
    },
  };
}

/** Seals one value of a project's row. */
export async function sealForRow(
  tx: Pick<Tx, "projectDataKey">,
  projectId: string,
  kind: SealedKind,
  rowId: string,
  plaintext: Buffer | string,
): Promise<Uint8Array<ArrayBuffer>> {
  return rowCipher(await projectDataKey(tx, projectId), kind).seal(rowId, plaintext);
}

/** Opens one value of a project's row; a tampered or moved value is a TamperedValueError. */
export async function openForRow(tx: Pick<Tx, "projectDataKey">, projectId: string, kind: SealedKind, rowId: string, box: Uint8Array): Promise<Buffer> {
  return rowCipher(await projectDataKey(tx, projectId), kind).open(rowId, box);
}

/** Seals one value of a project's row with the project's sealed data key, already read. */
export function sealWithDataKey(
  projectId: string,
  sealedDataKey: Uint8Array,
  kind: SealedKind,
  rowId: string,
  plaintext: Buffer | string,
): Uint8Array<ArrayBuffer> {
  return rowCipher(unseal(projectId, sealedDataKey), kind).seal(rowId, plaintext);
}

/** Opens one value of a project's row with the project's sealed data key, read with the row. */
export function openWithDataKey(projectId: string, sealedDataKey: Uint8Array, kind: SealedKind, rowId: string, box: Uint8Array): Buffer {
  return rowCipher(unseal(projectId, sealedDataKey), kind).open(rowId, box);
}
