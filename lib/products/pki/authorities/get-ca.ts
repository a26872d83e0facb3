import "server-only";
import { requireProjectType, type ProjectAccess } from "../../../platform/authz/project-access.ts";
import { db, prismaRunner } from "../../../platform/db.ts";
import { caRefSchema, type CaRefInput } from "../schemas.ts";
import { caUrls } from "../urls.ts";
import { toPem, type NameConstraintLists } from "../x509.ts";
import { chainPemOf, issuerChainOf } from "./issuer-chain.ts";
import { caInProject } from "./queries.ts";
import { type CaSummary } from "./list-cas.ts";

export type CaDetail = CaSummary &
  NameConstraintLists & {
    maxPathLength: number | null;
    serialNumber: string | null;
    notBefore: Date | null;
    certificatePem: string | null;
    chainPem: string | null;
    csrPem: string | null;
    crlNumber: number;
    crlNextUpdate: Date | null;
    urls: { certificateUrl: string; crlUrl: string };
    revokedCount: number;
    /** CAs it signed: while it has any (or certificates), it cannot be deleted. */
    childCount: number;
    /** Profiles that issue from it: none, and its page offers to create one before issuing. */
    profileCount: number;
    /**
     * What it would leave stranded by ending first: live certificates it signed that end later,
     * and profiles whose longest validity from today reaches past its end (issuing through them
     * is refused or cut short). Flagged on its page from the moment it exists.
     */
    endsEarly: { certificates: number; profiles: string[] };
  };
/** One CA with its certificate, chain (up to its root), pending CSR and CRL state. */
export async function getCa(access: ProjectAccess, input: CaRefInput): Promise<CaDetail> {
  requireProjectType(access, "PKI");
  const { caId } = caRefSchema.parse(input);
  return db().$transaction(async (tx) => {
    const ca = await caInProject(tx, access, caId);
    access.assert("certificate-authority:read", { caName: ca.name });
    const row = await tx.certificateAuthority.findUniqueOrThrow({
      where: { id: caId },
      select: {
        serialNumber: true,
        notBefore: true,
        csr: true,
        crlNumber: true,
        crlNextUpdate: true,
        parent: { select: { name: true } },
        _count: { select: { certificates: true, children: true, profiles: true } },
      },
    });
    const revokedCount = await tx.certificate.count({ where: { caId, revokedAt: { not: null } } });
    const end = ca.notAfter;
    const [outliving, profiles] = end
      ? await Promise.all([
          tx.certificate.count({ where: { caId, revokedAt: null, notAfter: { gt: end } } }),
          tx.certificateProfile.findMany({ where: { caId }, select: { name: true, maxValidityDays: true }, orderBy: { name: "asc" } }),
        ])
      : [0, []];
    const endsEarly = {
      certificates: outliving,
      profiles: profiles.filter((profile) => end && Date.now() + profile.maxValidityDays * 86_400_000 > end.getTime()).map((profile) => profile.name),
    };
    const chainPem = ca.certificate ? chainPemOf(await issuerChainOf(prismaRunner(tx), access.project.id, ca.id)) : null;
    return {
      id: ca.id,
      name: ca.name,
      kind: ca.kind,
      status: ca.status,
      subject: ca.subject,
      keyAlgorithm: ca.keyAlgorithm,
      notAfter: ca.notAfter,
      parentName: row.parent?.name ?? null,
      certificateCount: row._count.certificates,
      profileCount: row._count.profiles,
      maxPathLength: ca.maxPathLength,
      permittedDnsNames: ca.permittedDnsNames,
      excludedDnsNames: ca.excludedDnsNames,
      permittedIpRanges: ca.permittedIpRanges,
      excludedIpRanges: ca.excludedIpRanges,
      serialNumber: row.serialNumber,
      notBefore: row.notBefore,
      certificatePem: ca.certificate ? toPem(ca.certificate, "CERTIFICATE") : null,
      chainPem: chainPem || null,
      csrPem: ca.status === "PENDING" && row.csr ? toPem(row.csr, "CERTIFICATE REQUEST") : null,
      crlNumber: row.crlNumber,
      crlNextUpdate: row.crlNextUpdate,
      urls: caUrls(ca.id),
      revokedCount,
      childCount: row._count.children,
      endsEarly,
    };
  });
}
