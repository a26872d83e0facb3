import "server-only";
import { projectRoleLabel } from "./role-labels.ts";
import { db } from "../db.ts";
import { Prisma } from "../../generated/prisma/client.ts";
import { groupsOnSql, liveProjectGrantsSql } from "./grant-sql.ts";
import type { Plan } from "../../generated/prisma/enums.ts";

/** One of the person's live roles in a project, named, with when it ends (ISO) if it does and the group it comes through. */
export type MyProjectRole = { label: string; expiresAt: string | null; group: string | null };

type RawRole = { label: string; custom: boolean; expiresAt: string | null; group: string | null };

/**
 * The live grants of `principal` in project `p` (its membership `pm`, which may be null,
 * and its groups), with the custom roles' names, as a JSON column (always an array). Live
 * is decided by now() in SQL, like access.
 */
export function myRolesSql(principal: Prisma.Sql, groupsOn: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`
  COALESCE(
    (SELECT json_agg(json_build_object('label', COALESCE(cr.name, x.role), 'custom', cr.id IS NOT NULL, 'expiresAt', x.expires_at, 'group', x.group_name)
                     ORDER BY x.role, x.group_name NULLS FIRST)
       FROM ${liveProjectGrantsSql(principal, groupsOn)} x
       LEFT JOIN custom_roles cr ON cr.scope_key = 'project:' || p.id::text AND cr.slug = x.role),
    '[]')`;
}

export function myRolesFrom(raw: RawRole[]): MyProjectRole[] {
  return raw.map((role) => ({ label: role.custom ? role.label : projectRoleLabel(role.label), expiresAt: role.expiresAt, group: role.group }));
}

/** The person's live roles in each of these projects (one statement), for the projects list. */
export async function myRolesIn(org: { plan: Plan }, userId: string, projectIds: string[]): Promise<Map<string, MyProjectRole[]>> {
  if (projectIds.length === 0) return new Map();
  const principal = Prisma.sql`${userId}::uuid`;
  const rows = await db().$queryRaw<Array<{ project_id: string; roles: RawRole[] }>>`
    SELECT p.id AS project_id, ${myRolesSql(principal, groupsOnSql(Prisma.sql`${org.plan}`))} AS roles
      FROM projects p LEFT JOIN project_memberships pm ON pm.project_id = p.id AND pm.user_id = ${userId}::uuid
     WHERE p.id IN (${Prisma.join(projectIds.map((id) => Prisma.sql`${id}::uuid`))})`;
  return new Map(rows.map((row) => [row.project_id, myRolesFrom(row.roles)]));
}
