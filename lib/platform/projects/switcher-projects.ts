import "server-only";
import { groupsOnSql, principalProjectIdsSql } from "../authz/grant-sql.ts";
import { myRolesFrom, myRolesSql, type MyProjectRole } from "../authz/my-project-roles.ts";
import type { OrgAccess } from "../authz/org-access.ts";
import type { ProductType } from "../authz/catalogue.ts";
import { preparedQuery } from "../db.ts";
import { Prisma } from "../../generated/prisma/client.ts";

/** A project of the actor's in this org, with their roles there: the project switcher's entries. */
export type ProjectSwitcherEntry = { id: string; name: string; slug: string; type: ProductType; roles: MyProjectRole[] };

export const SWITCHER_PROJECT_LIMIT = 30;

/**
 * The actor's first projects in the org (their own and their groups'), by type and name, with
 * their roles in each. Asked for when the project switcher opens, and by the welcome note: on
 * every org page it cost ~2.5 ms of the page's one statement for a member of 11 groups.
 */
export async function switcherProjects(access: OrgAccess): Promise<ProjectSwitcherEntry[]> {
  const me = Prisma.sql`${access.actor.userId}::uuid`;
  const groupsOn = groupsOnSql(Prisma.sql`${access.org.plan}`);
  const rows = await preparedQuery<Omit<ProjectSwitcherEntry, "roles"> & { roles: Parameters<typeof myRolesFrom>[0] }>(Prisma.sql`
    SELECT p.id, p.name, p.slug, p.type::text AS type, ${myRolesSql(me, groupsOn)} AS roles
      FROM projects p LEFT JOIN project_memberships pm ON pm.project_id = p.id AND pm.user_id = ${me}
     WHERE p.id IN ${principalProjectIdsSql(me, groupsOn)} AND p.org_id = ${access.org.id}::uuid
     ORDER BY p.type, p.name, p.id LIMIT ${SWITCHER_PROJECT_LIMIT}`);
  return rows.map((project) => ({ ...project, roles: myRolesFrom(project.roles) }));
}
