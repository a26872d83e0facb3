import "server-only";
import type { ProjectAccess } from "../../platform/authz/project-access.ts";
import type { Tx } from "../../platform/db.ts";
import { NotFoundError, ValidationError } from "../../platform/errors.ts";

export type EnvironmentRow = { id: string; name: string; slug: string; position: number };

/** Where secrets live: one folder of one environment. Role conditions are decided on it. */
export type SecretPlace = { environment: EnvironmentRow; path: string };

export type SecretPermission = "secret:describe" | "secret:read-value" | "secret:create" | "secret:edit" | "secret:delete";

/** The resource role conditions see: `environment` is the slug, `secretPath` the folder. */
export function conditionFieldsOf(place: SecretPlace): Record<string, string> {
  return { environment: place.environment.slug, secretPath: place.path };
}

export function canAt(access: ProjectAccess, permission: SecretPermission, place: SecretPlace): boolean {
  return access.can(permission, conditionFieldsOf(place));
}

const ENVIRONMENT_COLUMNS = { id: true, name: true, slug: true, position: true } as const;

export async function environmentsOf(tx: Pick<Tx, "environment">, projectId: string): Promise<EnvironmentRow[]> {
  return tx.environment.findMany({ where: { projectId }, orderBy: [{ position: "asc" }, { id: "asc" }], select: ENVIRONMENT_COLUMNS });
}

/** An environment of the actor's project by slug (a form names it); another project's is not found. */
export async function environmentBySlug(tx: Pick<Tx, "environment">, access: ProjectAccess, slug: string): Promise<EnvironmentRow> {
  const environment = await tx.environment.findUnique({
    where: { projectId_slug: { projectId: access.project.id, slug } },
    select: ENVIRONMENT_COLUMNS,
  });
  if (!environment) throw ValidationError.field("environment", "This environment no longer exists. Reload the page.");
  return environment;
}

/** An environment of the actor's project by id; ids from elsewhere are not found. */
export async function environmentById(tx: Pick<Tx, "environment">, access: ProjectAccess, id: string): Promise<EnvironmentRow> {
  const environment = await tx.environment.findFirst({ where: { id, projectId: access.project.id }, select: ENVIRONMENT_COLUMNS });
  if (!environment) throw new NotFoundError();
  return environment;
}

/**
 * The root always exists; any other folder must have been created. The row is share-locked
 * until the caller's transaction ends, so the folder cannot be deleted under a new secret.
 */
export async function assertFolderExists(tx: Pick<Tx, "$queryRaw">, place: SecretPlace): Promise<void> {
  if (place.path === "/") return;
  const rows = await tx.$queryRaw<unknown[]>`
    SELECT 1 FROM secret_folders WHERE environment_id = ${place.environment.id}::uuid AND path = ${place.path} FOR SHARE`;
  if (rows.length === 0) throw ValidationError.field("path", `There is no folder ${place.path} in ${place.environment.name}.`);
}

export function childPath(parent: string, name: string): string {
  return parent === "/" ? `/${name}` : `${parent}/${name}`;
}
