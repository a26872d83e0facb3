import "server-only";
import { projectRoleLabel } from "./role-labels.ts";
import { db } from "../db.ts";
import { Prisma } from "../../generated/prisma/client.ts";

/** One of the person's live roles in a project, named, with when it ends (ISO) if it does. */
export type MyProjectRole = { label: string; expiresAt: string | null };

type RawRole = { label: string; custom: boolean; expiresAt: string | null };

/**
 * The live grants of the project membership `pm` of project `p`, with the custom roles'
 * names, as a JSON column (always an array). Live is decided by now() in SQL, like access.
 */
export const MY_ROLES_SQL = Prisma.sql`
  COALESCE(
    (SELECT json_agg(json_build_object('label', COALESCE(cr.name, g.role), 'custom', cr.id IS NOT NULL, 'expiresAt', g.expires_at) ORDER BY g.role)
       FROM project_role_grants g
       LEFT JOIN custom_roles cr ON cr.scope_key = 'project:' || p.id::text AND cr.slug = g.role
      WHERE g.project_membership_id = pm.id AND (g.expires_at IS NULL OR g.expires_at > now())),
    '[]')`;

export function myRolesFrom(raw: RawRole[]): MyProjectRole[] {
  return raw.map((role) => ({ label: role.custom ? role.label : projectRoleLabel(role.label), expiresAt: role.expiresAt }));
}

/** The person's live roles in each of these projects (one statement), for the projects list. */
export async function myRolesIn(userId: string, projectIds: string[]): Promise<Map<string, MyProjectRole[]>> {
  if (projectIds.length === 0) return new Map();
  const rows = await db().$queryRaw<Array<{ project_id: string; roles: RawRole[] }>>`
    SELECT p.id AS project_id, ${MY_ROLES_SQL} AS roles
      FROM project_memberships pm JOIN projects p ON p.id = pm.project_id
     WHERE pm.user_id = ${userId}::uuid AND pm.project_id IN (${Prisma.join(projectIds.map((id) => Prisma.sql`${id}::uuid`))})`;
  return new Map(rows.map((row) => [row.project_id, myRolesFrom(row.roles)]));
}
