import "server-only";
import { recordAuditEvent } from "../../platform/audit/record-audit-event.ts";
import { db, pgTransaction, prismaRunner, type SqlRunner, type Tx } from "../../platform/db.ts";
import { Prisma } from "../../generated/prisma/client.ts";
import { openSigningKey } from "./keys.ts";
import { certificateFromDer, crlEntryDer, signCrl, type RevocationReason } from "./x509.ts";

/** A CRL is good for a week and re-signed when less than half of that is left. */
export const CRL_VALIDITY_MS = 7 * 86_400_000;
const RESIGN_BEFORE_MS = CRL_VALIDITY_MS / 2;

/**
 * Signs the CA's CRL anew, listing every certificate it revoked: the CA row is locked, so
 * CRL numbers go up by one at a time across instances, and next-update is always a week
 * ahead of the moment it was signed. `keys` opens the CA's key (inside the caller's
 * transaction when the key was made in it).
 */
export async function resignCrl(sql: SqlRunner, keys: Pick<Tx, "projectDataKey">, caId: string): Promise<{ number: number; nextUpdate: Date } | null> {
  const [ca] = await sql.rows<{
    id: string;
    project_id: string;
    key_algorithm: string;
    sealed_private_key: Uint8Array;
    certificate: Uint8Array | null;
    crl_number: number;
  }>(
    Prisma.sql`SELECT id, project_id, key_algorithm, sealed_private_key, certificate, crl_number FROM certificate_authorities WHERE id = ${caId}::uuid FOR UPDATE`,
  );
  if (!ca?.certificate) return null;
  // Certificates revoked before entries were kept get theirs now, once.
  const missing = await sql.rows<{ id: string; serial_number: string; revoked_at: Date; revocation_reason: string }>(
    Prisma.sql`SELECT id, serial_number, revoked_at, revocation_reason
                 FROM certificates WHERE ca_id = ${caId}::uuid AND revoked_at IS NOT NULL AND crl_entry IS NULL`,
  );
  if (missing.length) {
    const entries = missing.map((row) =>
      crlEntryDer({ serialNumber: row.serial_number, revokedAt: row.revoked_at, reason: row.revocation_reason as RevocationReason }),
    );
    await sql.rows(
      Prisma.sql`UPDATE certificates c SET crl_entry = m.entry
                   FROM unnest(${missing.map((row) => row.id)}::uuid[], ${entries}::bytea[]) AS m(id, entry)
                  WHERE c.id = m.id`,
    );
  }
  // The entries come back as one value, already in order: 10,000 rows would cost more as rows.
  // With them, in the same snapshot, the revocations no CRL listed yet: marked listed below.
  const [{ entries, unlisted } = { entries: null, unlisted: null }] = await sql.rows<{ entries: Uint8Array | null; unlisted: string[] | null }>(
    Prisma.sql`SELECT string_agg(crl_entry, ''::bytea ORDER BY revoked_at, id) AS entries,
                      array_agg(id::text) FILTER (WHERE NOT crl_listed) AS unlisted
                 FROM certificates WHERE ca_id = ${caId}::uuid AND revoked_at IS NOT NULL`,
  );
  const key = await openSigningKey(keys, { id: ca.id, projectId: ca.project_id, keyAlgorithm: ca.key_algorithm, sealedPrivateKey: ca.sealed_private_key });
  const certificate = certificateFromDer(ca.certificate);
  const thisUpdate = new Date();
  const nextUpdate = new Date(thisUpdate.getTime() + CRL_VALIDITY_MS);
  const number = ca.crl_number + 1;
  const der = await signCrl(
    { number, thisUpdate, nextUpdate, entries: entries ?? new Uint8Array(0) },
    { name: certificate.subjectName, key, publicKey: certificate.publicKey },
  );
  await sql.rows(
    Prisma.sql`UPDATE certificate_authorities SET crl_number = ${number}, crl = ${der}, crl_this_update = ${thisUpdate}, crl_next_update = ${nextUpdate}, updated_at = now()
                WHERE id = ${caId}::uuid`,
  );
  if (unlisted?.length) await sql.rows(Prisma.sql`UPDATE certificates SET crl_listed = true WHERE id = ANY(${unlisted}::uuid[])`);
  return { number, nextUpdate };
}

/**
 * After a revocation has committed: signs the CA's CRL on `pg` directly (a CRL of 10,000
 * entries is ~640 KiB, which Prisma moves slowly). The revocation stays unlisted until a
 * CRL lists it, so if this fails (or the process stops first) the sweep signs it within
 * SWEEP_INTERVAL_SECONDS.
 */
export async function resignCrlAfterRevocation(caId: string): Promise<{ number: number } | null> {
  try {
    return await pgTransaction((sql) => resignCrl(sql, db(), caId));
  } catch (error) {
    console.error(`Re-signing the CRL of CA ${caId} after a revocation failed; the sweep retries it:`, (error as Error).message);
    return null;
  }
}

/** Signings in progress in this process, by CA: whether another revocation came in meanwhile. */
const signing = new Map<string, { again: boolean; done: Promise<void> }>();

/**
 * After a signing, revocations that came in meanwhile wait this long for theirs, so that a
 * burst shares one: each signing reads and sends every entry (~60 ms of the database's and
 * this process's time at 10,000), which would otherwise run back to back beside the
 * revocations themselves. A lone revocation is listed at once.
 */
export const CRL_RESIGN_SPACING_MS = 1_000;

/**
 * Signs the CA's CRL after a revocation, coalescing: a revocation that arrives while this
 * process signs that CA's CRL is covered by one more signing, CRL_RESIGN_SPACING_MS after it
 * ends, however many came meanwhile. Resolves once a CRL signed after the call's revocation
 * committed is stored (or has failed, for the sweep to finish).
 */
export function resignCrlSoon(caId: string): Promise<void> {
  const running = signing.get(caId);
  if (running) {
    running.again = true;
    return running.done;
  }
  const state = { again: false, done: Promise.resolve() };
  state.done = (async () => {
    try {
      await resignCrlAfterRevocation(caId);
      while (state.again) {
        await new Promise((resolve) => setTimeout(resolve, CRL_RESIGN_SPACING_MS));
        state.again = false;
        await resignCrlAfterRevocation(caId);
      }
    } finally {
      signing.delete(caId);
    }
  })();
  signing.set(caId, state);
  return state.done;
}

/**
 * The sweep: re-signs the CRLs that reach half their validity, and those with revocations no
 * CRL lists yet, a few at a time. Rows are claimed with SKIP LOCKED, so several instances
 * share the work and never sign one twice.
 */
export async function resignDueCrls(batch = 20): Promise<number> {
  return db().$transaction(
    async (tx) => {
      const due = await tx.$queryRaw<Array<{ id: string; name: string; org_id: string; project_id: string }>>`
        SELECT ca.id, ca.name, p.org_id, ca.project_id
          FROM certificate_authorities ca JOIN projects p ON p.id = ca.project_id
         WHERE ca.status <> 'PENDING'
           AND (ca.crl_next_update < ${new Date(Date.now() + RESIGN_BEFORE_MS)}
                -- A revocation whose signing did not happen (the process stopped first, or it failed).
                OR EXISTS (SELECT 1 FROM certificates c WHERE c.ca_id = ca.id AND c.revoked_at IS NOT NULL AND NOT c.crl_listed))
         ORDER BY ca.crl_next_update
         LIMIT ${batch}
           FOR UPDATE OF ca SKIP LOCKED`;
      for (const ca of due) {
        const signed = await resignCrl(prismaRunner(tx), tx, ca.id);
        if (!signed) continue;
        await recordAuditEvent(tx, {
          orgId: ca.org_id,
          projectId: ca.project_id,
          actorId: null,
          action: "pki.crl-signed",
          target: { type: "certificate-authority", id: ca.id, label: ca.name },
          metadata: { crlNumber: signed.number, nextUpdate: signed.nextUpdate.toISOString(), by: "schedule" },
          summary: `CRL ${signed.number}, good until ${signed.nextUpdate.toISOString()}`,
        });
      }
      return due.length;
    },
    { timeout: 60_000 },
  );
}
