import "server-only";
import type { ProjectAccess } from "../authz/project-access.ts";
import type { Tx } from "../db.ts";
import { Prisma } from "../../generated/prisma/client.ts";
import { projectAdminHoldersSql } from "./project-admins.ts";
import { RefusedError } from "../errors.ts";
import { assertCanGrant, projectRoleScope } from "../roles/scope.ts";

/** Refuses project roles that do not exist here or allow more than the actor holds here. */
export async function assertCanGrantRoles(access: ProjectAccess, roles: readonly string[], field = "grants", client?: Pick<Tx, "customRole">): Promise<void> {
  await assertCanGrant(projectRoleScope(access), roles, field, client);
}

/** Locks the projects' rows in id order, so concurrent changes to their Admins queue up. */
export async function lockProjects(tx: Pick<Tx, "$queryRaw">, projectIds: readonly string[]): Promise<void> {
  if (projectIds.length === 0) return;
  await tx.$queryRaw`SELECT id FROM projects WHERE id = ANY(${[...projectIds]}::uuid[]) ORDER BY id FOR UPDATE`;
}

/**
 * When `membershipId` holds Admin of its own and is about to stop: locks the project row so
 * that concurrent changes to its admins queue up, then checks that another live Admin
 * remains: another member's own grant, or any member of a group holding Admin there (the
 * same person included, who stays an Admin through it). Two admins demoting each other at
 * once cannot both succeed.
 */
export async function assertAnotherAdminRemains(tx: Tx, projectId: string, membershipId: string, message: string) {
  await lockProjects(tx, [projectId]);
  const [row] = await tx.$queryRaw<Array<{ is_admin: boolean; others: boolean }>>`
    SELECT EXISTS (SELECT 1 FROM project_role_grants g
                    WHERE g.project_membership_id = ${membershipId}::uuid AND g.role = 'admin' AND (g.expires_at IS NULL OR g.expires_at > now())) AS is_admin,
           EXISTS (SELECT 1 FROM ${projectAdminHoldersSql(Prisma.sql`${projectId}::uuid`)} a
                    WHERE a.via_group OR a.user_id <> (SELECT user_id FROM project_memberships WHERE id = ${membershipId}::uuid)) AS others`;
  if (row?.is_admin && !row.others) throw new RefusedError(message);
}

/** How many people hold a live Admin grant in each of these projects, by any path. */
async function adminCounts(tx: Pick<Tx, "$queryRaw">, projectIds: readonly string[]): Promise<Map<string, { name: string; admins: number }>> {
  const rows = await tx.$queryRaw<Array<{ id: string; name: string; admins: number }>>`
    SELECT p.id, p.name, (SELECT count(DISTINCT a.user_id) FROM ${projectAdminHoldersSql(Prisma.sql`p.id`)} a)::int AS admins
      FROM projects p WHERE p.id = ANY(${[...projectIds]}::uuid[])`;
  return new Map(rows.map((row) => [row.id, { name: row.name, admins: row.admins }]));
}

/**
 * Runs a change that may take Admin away from someone (a grant changed or removed, a person
 * leaving a group, a group's role or the group itself going) and refuses it, rolling back,
 * if any of these projects had an Admin before and has none after. The projects are locked
 * first, so two such changes at once cannot each leave the other's project empty.
 */
export async function keepingProjectAdmins<T>(
  tx: Tx,
  projectIds: readonly string[],
  message: (projectNames: string[]) => string,
  change: () => Promise<T>,
): Promise<T> {
  const ids = [...new Set(projectIds)];
  if (ids.length === 0) return change();
  await lockProjects(tx, ids);
  const before = await adminCounts(tx, ids);
  const result = await change();
  const after = await adminCounts(tx, ids);
  const emptied = ids.filter((id) => (before.get(id)?.admins ?? 0) > 0 && (after.get(id)?.admins ?? 0) === 0);
  if (emptied.length > 0) throw new RefusedError(message(emptied.map((id) => before.get(id)!.name)));
  return result;
}
