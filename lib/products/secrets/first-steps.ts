import "server-only";
import type { ProjectAccess } from "../../platform/authz/project-access.ts";
import { db } from "../../platform/db.ts";

/**
 * Whether a Secrets Management project's overview offers its first steps (add a secret,
 * import a .env file): to those who may create secrets, while the project holds none.
 */
export async function offersSecretsFirstSteps(access: ProjectAccess): Promise<boolean> {
  if (access.project.type !== "SECRET_MANAGER" || !access.can("secret:create")) return false;
  const secret = await db().secret.findFirst({ where: { environment: { projectId: access.project.id } }, select: { id: true } });
  return secret === null;
}
