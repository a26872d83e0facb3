import "server-only";
import type { OrgAccess } from "../authz/org-access.ts";
import type { ProductType } from "../authz/catalogue.ts";
import { db } from "../db.ts";
import { ForbiddenError } from "../errors.ts";
import type { Prisma } from "../../generated/prisma/client.ts";
import { myRolesIn, type MyProjectRole } from "../authz/my-project-roles.ts";
import { plans } from "../billing/plans.ts";
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
 * The org's projects the actor may see: their own ("mine"), or every one ("all", for
 * project:read-all). Filtered by type and a name/slug search, ordered by type then name,
 * one page at a time, with the actor's roles in each (their own and their groups'). Four
 * statements whatever the org's size.
 */
export async function listProjects(access: OrgAccess, rawQuery: unknown): Promise<ProjectList> {
  const query = projectListQuerySchema.parse(rawQuery ?? {});
  if (query.scope === "all" && !access.can("project:read-all")) throw new ForbiddenError("project:read-all");

  const userId = access.actor.userId;
  const throughGroups: Prisma.ProjectWhereInput[] = plans()[access.org.plan].features.groups
    ? [{ groupRoles: { some: { group: { members: { some: { userId } } }, OR: [{ expiresAt: null }, { expiresAt: { gt: new Date() } }] } } }]
    : [];
  const visible: Prisma.ProjectWhereInput = {
    orgId: access.org.id,
    AND: [
      query.scope === "mine" ? { OR: [{ memberships: { some: { userId } } }, ...throughGroups] } : {},
      query.q ? { OR: [{ name: { contains: query.q, mode: "insensitive" } }, { slug: { contains: query.q.toLowerCase() } }] } : {},
    ],
  };
  const where: Prisma.ProjectWhereInput = query.type ? { ...visible, type: query.type } : visible;

  const [rows, groups] = await Promise.all([
    db().project.findMany({
      where,
      orderBy: [{ type: "asc" }, { name: "asc" }, { id: "asc" }],
      skip: (query.page - 1) * PROJECT_PAGE_SIZE,
      take: PROJECT_PAGE_SIZE,
      select: {
        id: true,
        name: true,
        slug: true,
        type: true,
        description: true,
        memberships: { where: { userId: access.actor.userId }, select: { id: true } },
      },
    }),
    db().project.groupBy({ by: ["type"], where: visible, _count: { _all: true } }),
  ]);

  const myRoles = await myRolesIn(
    access.org,
    userId,
    rows.map((row) => row.id),
  );
  const countsByType: Record<ProductType, number> = { SECRET_MANAGER: 0, PKI: 0, PAM: 0 };
  for (const group of groups) countsByType[group.type] = group._count._all;
  const total = query.type ? countsByType[query.type] : groups.reduce((sum, group) => sum + group._count._all, 0);

  return {
    query,
    items: rows.map(({ memberships, ...project }) => {
      const roles = myRoles.get(project.id) ?? [];
      return { ...project, isMember: memberships.length > 0 || roles.length > 0, myRoles: roles };
    }),
    countsByType,
    total,
    pageCount: Math.max(1, Math.ceil(total / PROJECT_PAGE_SIZE)),
  };
}
