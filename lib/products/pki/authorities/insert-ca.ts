import "server-only";
import { assertWithinPlan } from "../../../platform/billing/limits.ts";
import { recordProjectEvent } from "../../../platform/audit/record-audit-event.ts";
import { type ProjectAccess } from "../../../platform/authz/project-access.ts";
import { isUniqueViolation, prismaRunner, type Tx } from "../../../platform/db.ts";
import { ValidationError } from "../../../platform/errors.ts";
import { resignCrl } from "../crl.ts";
import { sealPrivateKey } from "../keys.ts";
import { createRootCaSchema } from "../schemas.ts";
import { x509, type NameConstraintLists } from "../x509.ts";

type Profile = ReturnType<typeof createRootCaSchema.parse>;

export function constraintsOf(profile: Profile): NameConstraintLists {
  return {
    permittedDnsNames: profile.permittedDnsNames,
    excludedDnsNames: profile.excludedDnsNames,
    permittedIpRanges: profile.permittedIpRanges,
    excludedIpRanges: profile.excludedIpRanges,
  };
}

export async function insertCa(
  tx: Tx,
  access: ProjectAccess,
  data: {
    id: string;
    profile: Profile;
    kind: "ROOT" | "INTERMEDIATE";
    status: "PENDING" | "ACTIVE";
    parentId: string | null;
    subject: string;
    pkcs8: Buffer;
    certificate: x509.X509Certificate | null;
    csr: Buffer | null;
  },
): Promise<void> {
  const { id, profile, certificate } = data;
  await assertWithinPlan(tx, access.orgAccess.org.id, "certificateAuthorities");
  try {
    await tx.certificateAuthority.create({
      data: {
        id,
        projectId: access.project.id,
        name: profile.name,
        kind: data.kind,
        status: data.status,
        parentId: data.parentId,
        subject: data.subject,
        keyAlgorithm: profile.keyAlgorithm,
        sealedPrivateKey: await sealPrivateKey(tx, access.project.id, id, data.pkcs8),
        certificate: certificate ? Uint8Array.from(Buffer.from(certificate.rawData)) : null,
        csr: data.csr ? Uint8Array.from(data.csr) : null,
        serialNumber: certificate?.serialNumber.toLowerCase() ?? null,
        notBefore: certificate?.notBefore ?? null,
        notAfter: certificate?.notAfter ?? null,
        maxPathLength: profile.maxPathLength,
        ...constraintsOf(profile),
        createdById: access.orgAccess.actor.userId,
      },
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw ValidationError.field("name", `A certificate authority named ${profile.name} already exists in this project.`);
    throw error;
  }
  if (certificate) await resignCrl(prismaRunner(tx), tx, id);
  await recordProjectEvent(tx, access, {
    action: "pki.ca-created",
    target: { type: "certificate-authority", id, label: profile.name },
    metadata: {
      name: profile.name,
      kind: data.kind,
      subject: data.subject,
      keyAlgorithm: profile.keyAlgorithm,
      parentId: data.parentId,
      signedOutside: data.status === "PENDING",
    },
  });
}
