import "server-only";
import type { OrgAccess } from "../authz/org-access.ts";
import type { ProductType } from "../authz/catalogue.ts";
import { listQuery } from "../db.ts";
import { groupsOnSql, principalProjectIdsSql } from "../authz/grant-sql.ts";
import { ForbiddenError } from "../errors.ts";
import { Prisma } from "../../generated/prisma/client.ts";
import { myRolesFrom, myRolesSql, type MyProjectRole, type RawRole } from "../authz/my-project-roles.ts";
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

type PageRow = {
  secret_manager: number;
  pki: number;
  pam: number;
  items: Array<Omit<ProjectListItem, "isMember" | "myRoles"> & { member: boolean; roles: RawRole[] }>;
};

/**
 * The org's projects the actor may see: their own ("mine": as a member or through a group),
 * or every one ("all": names and types, for project:browse or project:read-all). Filtered by type and a name/slug search,
 * ordered by type then name, one page at a time, with the actor's roles in each (their own
 * and their groups'). One statement whatever the org's size, the page and the counts per type
 * together, on `pg`: prepared without a search (its plan does not depend on the org or the
 * page; parsing and planning it was two thirds of the projects page's PostgreSQL time),
 * planned for its pattern with one (as the members list is).
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
  const [row] = await listQuery(query.q)<PageRow>(Prisma.sql`
    SELECT count(*) FILTER (WHERE p.type = 'SECRET_MANAGER')::int AS secret_manager,
           count(*) FILTER (WHERE p.type = 'PKI')::int AS pki,
           count(*) FILTER (WHERE p.type = 'PAM')::int AS pam,
           (SELECT COALESCE(json_agg(json_build_object('id', l.id, 'name', l.name, 'slug', l.slug, 'type', l.type, 'description', l.description,
                                                       'member', l.member, 'roles', l.roles) ORDER BY l.type, l.name, l.id), '[]')
              FROM (SELECT p.id, p.name, p.slug, p.type, p.description, pm.id IS NOT NULL AS member, ${myRolesSql(principal, groupsOn)} AS roles
                      FROM projects p LEFT JOIN project_memberships pm ON pm.project_id = p.id AND pm.user_id = ${principal}
                     WHERE ${visible} ${query.type ? Prisma.sql`AND p.type = ${query.type}::"ProductType"` : Prisma.empty}
                     ORDER BY p.type, p.name, p.id
                     LIMIT ${PROJECT_PAGE_SIZE} OFFSET ${(query.page - 1) * PROJECT_PAGE_SIZE}) l) AS items
      FROM projects p WHERE ${visible}`);
  const countsByType: Record<ProductType, number> = { SECRET_MANAGER: row?.secret_manager ?? 0, PKI: row?.pki ?? 0, PAM: row?.pam ?? 0 };
  const total = query.type ? countsByType[query.type] : countsByType.SECRET_MANAGER + countsByType.PKI + countsByType.PAM;
  return {
    query,
    items: (row?.items ?? []).map(({ member, roles, ...project }) => {
      const myRoles = myRolesFrom(roles);
      return { ...project, isMember: member || myRoles.length > 0, myRoles };
    }),
    countsByType,
    total,
    pageCount: Math.max(1, Math.ceil(total / PROJECT_PAGE_SIZE)),
  };
}
