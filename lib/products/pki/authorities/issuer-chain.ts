import "server-only";
import { createHash } from "node:crypto";
import { boundedMemo } from "../../../platform/bounded-memo.ts";
import type { SqlRunner } from "../../../platform/db.ts";
import { NotFoundError, ValidationError } from "../../../platform/errors.ts";
import { Prisma } from "../../../generated/prisma/client.ts";
import { asProfileRow, type ProfileRow } from "../profiles/queries.ts";
import { certificateFromDer, toPem, x509 } from "../x509.ts";
import type { CaRow } from "./queries.ts";

/**
 * What signing under a CA needs, read in one statement: the CA, every CA above it (nearest
 * first), the certificates above the topmost when that one was signed outside, and the
 * project's sealed data key, which opens the CA's key.
 */
export type IssuerChain = { chain: [CaRow, ...CaRow[]]; externalChain: string; sealedDataKey: Uint8Array };

type ChainRow = CaRow & {
  externalChain: string | null;
  sealedDataKey: Uint8Array | null;
  profile: (Omit<ProfileRow, "updatedAt"> & { updatedAt: string }) | null;
};

/** The chain from the CA `start` names (a CA id, or a profile's CA) in the project, nearest first. */
function issuerChainSql(projectId: string, start: { caId: string } | { profileId: string }): Prisma.Sql {
  const first =
    "caId" in start
      ? Prisma.sql`${start.caId}::uuid`
      : Prisma.sql`(SELECT ca_id FROM certificate_profiles WHERE id = ${start.profileId}::uuid AND project_id = ${projectId}::uuid)`;
  const profile =
    "profileId" in start
      ? Prisma.sql`(SELECT json_build_object('id', p.id, 'projectId', p.project_id, 'name', p.name, 'description', p.description, 'caId', p.ca_id,
                      'allowedNames', p.allowed_names, 'allowWildcards', p.allow_wildcards, 'allowIpAddresses', p.allow_ip_addresses,
                      'keyAlgorithms', p.key_algorithms, 'keyUsages', p.key_usages, 'extendedKeyUsages', p.extended_key_usages,
                      'maxValidityDays', p.max_validity_days, 'updatedAt', p.updated_at)
                      FROM certificate_profiles p WHERE p.id = ${start.profileId}::uuid)`
      : Prisma.sql`NULL::json`;
  // The chain stops at 12, as deep as a CA may be made.
  return Prisma.sql`
    WITH RECURSIVE chain AS (
      SELECT ca.id, ca.parent_id, 0 AS depth FROM certificate_authorities ca WHERE ca.id = ${first} AND ca.project_id = ${projectId}::uuid
      UNION ALL
      SELECT parent.id, parent.parent_id, chain.depth + 1 FROM certificate_authorities parent JOIN chain ON parent.id = chain.parent_id WHERE chain.depth < 11)
    SELECT ca.id, ca.project_id AS "projectId", ca.name, ca.kind::text AS kind, ca.status::text AS status, ca.parent_id AS "parentId",
           ca.subject, ca.key_algorithm AS "keyAlgorithm", ca.sealed_private_key AS "sealedPrivateKey", ca.certificate,
           ca.not_after AS "notAfter", ca.max_path_length AS "maxPathLength",
           ca.permitted_dns_names AS "permittedDnsNames", ca.excluded_dns_names AS "excludedDnsNames",
           ca.permitted_ip_ranges AS "permittedIpRanges", ca.excluded_ip_ranges AS "excludedIpRanges",
           ca.external_chain AS "externalChain",
           CASE WHEN chain.depth = 0 THEN (SELECT k.encrypted_key FROM project_data_keys k WHERE k.project_id = ${projectId}::uuid) END AS "sealedDataKey",
           CASE WHEN chain.depth = 0 THEN ${profile} END AS profile
      FROM chain JOIN certificate_authorities ca ON ca.id = chain.id
     ORDER BY chain.depth`;
}

function toIssuerChain(rows: ChainRow[]): IssuerChain {
  const [first, ...above] = rows;
  // A CA's key was sealed under the project's data key, so a CA without one is not found either.
  if (!first?.sealedDataKey) throw new NotFoundError();
  const top = rows.at(-1)!;
  return {
    chain: [first, ...above],
    externalChain: top.kind === "ROOT" ? "" : (top.externalChain ?? ""),
    sealedDataKey: first.sealedDataKey,
  };
}

/** A CA of the project with the chain above it; ids from elsewhere are not found. */
export async function issuerChainOf(sql: SqlRunner, projectId: string, caId: string): Promise<IssuerChain> {
  return toIssuerChain(await sql.rows<ChainRow>(issuerChainSql(projectId, { caId })));
}

/** A profile of the project and its CA's chain, in one statement; ids from elsewhere are not found. */
export async function profileWithIssuer(sql: SqlRunner, projectId: string, profileId: string): Promise<{ profile: ProfileRow; issuer: IssuerChain }> {
  const rows = await sql.rows<ChainRow>(issuerChainSql(projectId, { profileId }));
  const profile = rows[0]?.profile;
  if (!profile) throw new NotFoundError();
  return { profile: asProfileRow({ ...profile, updatedAt: new Date(profile.updatedAt) }), issuer: toIssuerChain(rows) };
}

/** The certificates of the chain, PEM, the CA's own first, up to the root. */
export function chainPemOf({ chain, externalChain }: IssuerChain): string {
  return chain.map((one) => (one.certificate ? toPem(one.certificate, "CERTIFICATE") : "")).join("") + externalChain;
}

// Parsing a CA's certificate costs ~0.5 ms on every issuance; a certificate never changes
// under its hash, so the parsed one is kept.
const parsedCertificates = boundedMemo<x509.X509Certificate>(1_000);

/** The certificate of a CA that may sign now: active, imported, not expired. */
export function usableIssuer(ca: CaRow, field: string): x509.X509Certificate {
  if (ca.status === "PENDING" || !ca.certificate) throw ValidationError.field(field, `${ca.name} has no certificate yet: import its signed certificate first.`);
  if (ca.status === "DISABLED") throw ValidationError.field(field, `${ca.name} is disabled: it issues nothing until it is enabled.`);
  const der = ca.certificate;
  const certificate = parsedCertificates(createHash("sha256").update(der).digest("base64"), () => certificateFromDer(der));
  if (certificate.notAfter <= new Date()) throw ValidationError.field(field, `${ca.name} expired on ${certificate.notAfter.toISOString().slice(0, 10)}.`);
  return certificate;
}
