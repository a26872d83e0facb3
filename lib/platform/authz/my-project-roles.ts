import "server-only";
import { projectRoleLabel } from "./role-labels.ts";
import { Prisma } from "../../generated/prisma/client.ts";
import { liveProjectGrantsSql } from "./grant-sql.ts";

/** One of the person's live roles in a project, named, with when it ends (ISO) if it does and the group it comes through. */
export type MyProjectRole = { label: string; expiresAt: string | null; group: string | null };

/** A role as myRolesSql reads it, before its label is worded. */
export type RawRole = { label: string; custom: boolean; expiresAt: string | null; group: string | null };

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
