import "server-only";
import { requireProjectType, type ProjectAccess } from "../../../platform/authz/project-access.ts";
import { db } from "../../../platform/db.ts";
import { certificateRefSchema, type CertificateRefInput } from "../schemas.ts";
import { toPem } from "../x509.ts";
import { assertCanOn, certificateInProject, rowOf, type CertificateRow } from "./queries.ts";

export type CertificateDetail = CertificateRow & {
  keyUsages: string[];
  extendedKeyUsages: string[];
  keyKept: boolean;
  renewedFromId: string | null;
  certificatePem: string;
};

export async function getCertificate(access: ProjectAccess, input: CertificateRefInput): Promise<CertificateDetail> {
  requireProjectType(access, "PKI");
  const { certificateId } = certificateRefSchema.parse(input);
  const row = await db().$transaction((tx) => certificateInProject(tx, access, certificateId));
  assertCanOn(access, "certificate:read", row);
  return {
    ...rowOf(row),
    keyUsages: row.keyUsages,
    extendedKeyUsages: row.extendedKeyUsages,
    keyKept: row.sealedPrivateKey !== null,
    renewedFromId: row.renewedFromId,
    certificatePem: toPem(row.certificate, "CERTIFICATE"),
  };
}
