import "server-only";
import { requireProjectType, type ProjectAccess } from "../../../platform/authz/project-access.ts";
import { db } from "../../../platform/db.ts";
import { ForbiddenError } from "../../../platform/errors.ts";

export type CaSummary = {
  id: string;
  name: string;
  kind: "ROOT" | "INTERMEDIATE";
  status: "PENDING" | "ACTIVE" | "DISABLED";
  subject: string;
  keyAlgorithm: string;
  notAfter: Date | null;
  parentName: string | null;
  certificateCount: number;
};

/** The project's CAs the actor may see, roots first, then by name. */
export async function listCas(access: ProjectAccess): Promise<CaSummary[]> {
  requireProjectType(access, "PKI");
  if (!access.can("certificate-authority:read")) throw new ForbiddenError("certificate-authority:read");
  const rows = await db().certificateAuthority.findMany({
    where: { projectId: access.project.id },
    orderBy: [{ kind: "asc" }, { name: "asc" }],
    select: {
      id: true,
      name: true,
      kind: true,
      status: true,
      subject: true,
      keyAlgorithm: true,
      notAfter: true,
      parent: { select: { name: true } },
      _count: { select: { certificates: true } },
    },
  });
  return rows
    .filter((row) => access.can("certificate-authority:read", { caName: row.name }))
    .map(({ parent, _count, ...row }) => ({ ...row, parentName: parent?.name ?? null, certificateCount: _count.certificates }));
}
