import "server-only";
import type { OrgAccess } from "../authz/org-access.ts";
import type { ProductType } from "../authz/catalogue.ts";
import { db } from "../db.ts";
import { groupsOnSql, principalProjectIdsSql } from "../authz/grant-sql.ts";
import { ForbiddenError } from "../errors.ts";
import { Prisma } from "../../generated/prisma/client.ts";
import { myRolesFrom, myRolesSql, type MyProjectRole } from "../authz/my-project-roles.ts";
import { PROJECT_PAGE_SIZE, projectListQuerySchema, type ProjectListQuery } from "./schemas.ts";

export type ProjectListItem = {
  id: string;
  name: string;
  slug: string;
  type: ProductType;
  description: string;
  isMember: boolean;
  /** The actor's live roles there (empty when not a member). */
  myRoles: MyProjectRole[];
};

export type ProjectList = {
  query: ProjectListQuery;
  items: ProjectListItem[];
  /** Matching projects per type, before the type filter: the filter's counts. */
  countsByType: Record<ProductType, number>;
  total: number;
  pageCount: number;
};

/**
 * The org's projects the actor may see: their own ("mine": as a member or through a group),
 * or every one ("all": names and types, for project:browse or project:read-all). Filtered by type and a name/slug search,
 * ordered by type then name, one page at a time, with the actor's roles in each (their own
 * and their groups'). Two statements whatever the org's size: the page with the roles, and
 * the counts per type.
 */
export async function listProjects(access: OrgAccess, rawQuery: unknown): Promise<ProjectList> {
  const query = projectListQuerySchema.parse(rawQuery ?? {});
  if (query.scope === "all" && !access.can("project:read-all") && !access.can("project:browse")) throw new ForbiddenError("project:browse");
  const principal = Prisma.sql`${access.actor.userId}::uuid`;
  const groupsOn = groupsOnSql(Prisma.sql`${access.org.plan}`);
  const pattern = `%${query.q.replace(/[\\%_]/g, "\\$&")}%`;
  const visible = Prisma.sql`p.org_id = ${access.org.id}::uuid
    ${query.scope === "mine" ? Prisma.sql`AND p.id IN ${principalProjectIdsSql(principal, groupsOn)}` : Prisma.empty}
    ${query.q ? Prisma.sql`AND (p.name ILIKE ${pattern} OR p.slug LIKE ${pattern.toLowerCase()})` : Prisma.empty}`;
  const [rows, groups] = await Promise.all([
    db().$queryRaw<Array<Omit<ProjectListItem, "isMember" | "myRoles"> & { member: boolean; roles: Parameters<typeof myRolesFrom>[0] }>>`
      SELECT p.id, p.name, p.slug, p.type::text AS type, p.description, pm.id IS NOT NULL AS member, ${myRolesSql(principal, groupsOn)} AS roles
        FROM projects p LEFT JOIN project_memberships pm ON pm.project_id = p.id AND pm.user_id = ${principal}
       WHERE ${visible} ${query.type ? Prisma.sql`AND p.type = ${query.type}::"ProductType"` : Prisma.empty}
       ORDER BY p.type, p.name, p.id
       LIMIT ${PROJECT_PAGE_SIZE} OFFSET ${(query.page - 1) * PROJECT_PAGE_SIZE}`,
    db().$queryRaw<Array<{ type: ProductType; count: number }>>`
      SELECT p.type::text AS type, count(*)::int AS count FROM projects p WHERE ${visible} GROUP BY p.type`,
  ]);
  const countsByType: Record<ProductType, number> = { SECRET_MANAGER: 0, PKI: 0, PAM: 0 };
  for (const group of groups) countsByType[group.type] = group.count;
  const total = query.type ? countsByType[query.type] : groups.reduce((sum, group) => sum + group.count, 0);
  return {
    query,
    items: rows.map(({ member, roles, ...project }) => {
      const myRoles = myRolesFrom(roles);
      return { ...project, isMember: member || myRoles.length > 0, myRoles };
    }),
    countsByType,
    total,
    pageCount: Math.max(1, Math.ceil(total / PROJECT_PAGE_SIZE)),
  };
}
