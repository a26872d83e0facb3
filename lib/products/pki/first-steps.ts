import "server-only";
import type { ProjectAccess } from "../../platform/authz/project-access.ts";
import { db } from "../../platform/db.ts";

/**
 * Whether a PKI project's overview offers its first step (create a root CA): to those who may
 * create CAs, while the project has none.
 */
export async function offersPkiFirstSteps(access: ProjectAccess): Promise<boolean> {
  if (access.project.type !== "PKI" || !access.can("certificate-authority:create")) return false;
  const ca = await db().certificateAuthority.findFirst({ where: { projectId: access.project.id }, select: { id: true } });
  return ca === null;
}
