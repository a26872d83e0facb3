import "server-only";
import { groupsOnSql } from "../authz/grant-sql.ts";
import type { ProjectRoleSlug } from "../authz/built-in-roles.ts";
import { Prisma } from "../../generated/prisma/client.ts";

const ADMIN: ProjectRoleSlug = "admin";

/**
 * Who holds a live project Admin grant in project `projectId` (an SQL expression), as rows of
 * (project_id, user_id, via_group): through their own membership, or as a member of a group
 * holding Admin there (on a plan with groups); a member the identity provider deactivated
 * holds nothing. A person may appear once per path: count
 * distinct user_id. The one definition the last-Admin rules count.
 */
export function projectAdminHoldersSql(projectId: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`(
    SELECT pm.project_id, pm.user_id, FALSE AS via_group
      FROM project_memberships pm JOIN project_role_grants g ON g.project_membership_id = pm.id
      JOIN org_memberships m ON m.id = pm.org_membership_id AND m.deactivated_at IS NULL
     WHERE pm.project_id = ${projectId} AND g.role = ${ADMIN} AND (g.expires_at IS NULL OR g.expires_at > now())
    UNION ALL
    SELECT gpr.project_id, gm.user_id, TRUE
      FROM group_project_roles gpr
      JOIN group_members gm ON gm.group_id = gpr.group_id
      JOIN org_memberships m ON m.id = gm.org_membership_id AND m.deactivated_at IS NULL
      JOIN groups gr ON gr.id = gpr.group_id
      JOIN organizations o ON o.id = gr.org_id
     WHERE gpr.project_id = ${projectId} AND gpr.role = ${ADMIN} AND (gpr.expires_at IS NULL OR gpr.expires_at > now())
       AND ${groupsOnSql(Prisma.sql`o.plan`)})`;
}

/** The projects where `userId` holds a live Admin grant, by any path (rows of project_id). */
export function adminProjectsOfSql(userId: string): Prisma.Sql {
  return Prisma.sql`(
    SELECT pm.project_id
      FROM project_memberships pm JOIN project_role_grants g ON g.project_membership_id = pm.id
     WHERE pm.user_id = ${userId}::uuid AND g.role = ${ADMIN} AND (g.expires_at IS NULL OR g.expires_at > now())
    UNION
    SELECT gpr.project_id
      FROM group_members gm
      JOIN group_project_roles gpr ON gpr.group_id = gm.group_id
      JOIN groups gr ON gr.id = gm.group_id
      JOIN organizations o ON o.id = gr.org_id
     WHERE gm.user_id = ${userId}::uuid AND gpr.role = ${ADMIN} AND (gpr.expires_at IS NULL OR gpr.expires_at > now())
       AND ${groupsOnSql(Prisma.sql`o.plan`)})`;
}
