import "server-only";
import { Prisma } from "../../generated/prisma/client.ts";
import { PLAN_IDS, plans } from "../billing/plans.ts";

// The SQL every access loader shares for what a principal holds: their own grants and their
// groups' grants, live at this instant (compared with now()), in the statement that loads
// them. One definition, so a check, a page that describes access and the explainer cannot
// disagree about where access comes from.

/**
 * Whether an org on this plan lets its groups give roles (`orgPlan` is a column or value of
 * the plan). A plan without the feature stops groups being used, not only created.
 */
export function groupsOnSql(orgPlan: Prisma.Sql): Prisma.Sql {
  const on = PLAN_IDS.filter((id) => plans()[id].features.groups);
  return Prisma.sql`(${orgPlan})::text = ANY(${on}::text[])`;
}

/**
 * Every live project grant of `principal` in project `p`: through its own membership `pm`
 * (which may be null) and through each group it is in. Rows: role, expires_at, group_id and
 * group_name (null for a grant of its own). Expects `p` and `pm` in scope.
 */
export function liveProjectGrantsSql(principal: Prisma.Sql, groupsOn: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`(
    SELECT g.role, g.expires_at, NULL::uuid AS group_id, NULL::text AS group_name
      FROM project_role_grants g
     WHERE g.project_membership_id = pm.id AND (g.expires_at IS NULL OR g.expires_at > now())
    UNION ALL
    SELECT gpr.role, gpr.expires_at, gr.id, gr.name
      FROM group_members gm
      JOIN groups gr ON gr.id = gm.group_id AND gr.org_id = p.org_id
      JOIN group_project_roles gpr ON gpr.group_id = gm.group_id AND gpr.project_id = p.id
     WHERE gm.user_id = ${principal} AND ${groupsOn} AND (gpr.expires_at IS NULL OR gpr.expires_at > now()))`;
}

/**
 * Two JSON columns: `live_grants` (each live grant with its expiry and the group it comes
 * through) and `custom_roles` (the custom roles among them, with their rules).
 */
export function liveRolesSql(principal: Prisma.Sql, groupsOn: Prisma.Sql): Prisma.Sql {
  const grants = liveProjectGrantsSql(principal, groupsOn);
  return Prisma.sql`
  COALESCE(
    (SELECT json_agg(json_build_object('role', x.role, 'expiresAt', x.expires_at, 'groupId', x.group_id, 'group', x.group_name)
                     ORDER BY x.role, x.group_name NULLS FIRST)
       FROM ${grants} x),
    '[]') AS live_grants,
  COALESCE(
    (SELECT json_agg(json_build_object('id', cr.id, 'slug', cr.slug, 'name', cr.name, 'version', cr.version, 'permissions', cr.permissions))
       FROM custom_roles cr
      WHERE cr.scope_key = 'project:' || p.id::text AND cr.slug IN (SELECT x.role FROM ${grants} x)),
    '[]') AS custom_roles`;
}

/**
 * The org roles `u` holds in org `o` through its groups, each with its group and (for a
 * custom role) the role's rules, as a JSON column `group_org_roles`.
 */
export function groupOrgRolesSql(): Prisma.Sql {
  return Prisma.sql`
  COALESCE(
    (SELECT json_agg(json_build_object('groupId', gr.id, 'group', gr.name, 'role', gr.org_role, 'custom',
              (SELECT json_build_object('id', cr.id, 'slug', cr.slug, 'name', cr.name, 'version', cr.version, 'permissions', cr.permissions)
                 FROM custom_roles cr WHERE cr.scope_key = 'org:' || o.id::text AND cr.slug = gr.org_role)) ORDER BY gr.name, gr.id)
       FROM group_members gm JOIN groups gr ON gr.id = gm.group_id
      WHERE gm.user_id = u.id AND gr.org_id = o.id AND gr.org_role IS NOT NULL AND ${groupsOnSql(Prisma.sql`o.plan`)}),
    '[]') AS group_org_roles`;
}

/**
 * The projects of org `orgId` where `principal` holds any live grant: as a member, or
 * through a group. A project membership with every grant expired still counts (they are
 * listed as a member with no roles).
 */
export function principalProjectIdsSql(principal: Prisma.Sql, groupsOn: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`(
    SELECT pm0.project_id FROM project_memberships pm0 WHERE pm0.user_id = ${principal}
    UNION
    SELECT gpr.project_id
      FROM group_members gm JOIN group_project_roles gpr ON gpr.group_id = gm.group_id
     WHERE gm.user_id = ${principal} AND ${groupsOn} AND (gpr.expires_at IS NULL OR gpr.expires_at > now()))`;
}
