import "server-only";
import type { OrgAccess } from "../authz/org-access.ts";
import { preparedQuery } from "../db.ts";
import { ForbiddenError } from "../errors.ts";
import { Prisma } from "../../generated/prisma/client.ts";
import { roleNamesIn } from "../roles/role-names.ts";
import { GROUP_PAGE_SIZE, groupListQuerySchema, type GroupListQuery } from "./schemas.ts";

export type GroupListItem = {
  id: string;
  name: string;
  slug: string;
  description: string;
  orgRoleName: string | null;
  members: number;
  projects: number;
};

export type GroupList = { query: GroupListQuery; items: GroupListItem[]; total: number; pageCount: number };

/** One page of the org's groups by name, searched by name or slug, with member and project counts. */
export async function listGroups(access: OrgAccess, rawQuery: unknown): Promise<GroupList> {
  if (!access.can("group:read")) throw new ForbiddenError("group:read");
  const query = groupListQuerySchema.parse(rawQuery ?? {});
  const pattern = `%${query.q.replace(/[\\%_]/g, (character) => `\\${character}`)}%`;
  const matches = query.q ? Prisma.sql`AND (g.name ILIKE ${pattern} OR g.slug ILIKE ${pattern})` : Prisma.empty;
  const [rows, names] = await Promise.all([
    // Prepared: an org's groups are read by its index whatever their number, one plan for all.
    preparedQuery<Omit<GroupListItem, "orgRoleName"> & { org_role: string | null; total: number }>(Prisma.sql`
      SELECT g.id, g.name, g.slug, g.description, g.org_role,
             (SELECT count(*) FROM group_members gm WHERE gm.group_id = g.id)::int AS members,
             (SELECT count(DISTINCT gpr.project_id) FROM group_project_roles gpr WHERE gpr.group_id = g.id)::int AS projects,
             count(*) OVER ()::int AS total
        FROM groups g
       WHERE g.org_id = ${access.org.id}::uuid ${matches}
       ORDER BY g.name, g.id
       LIMIT ${GROUP_PAGE_SIZE} OFFSET ${(query.page - 1) * GROUP_PAGE_SIZE}`),
    roleNamesIn(access.org.id),
  ]);
  const total = rows[0]?.total ?? 0;
  return {
    query,
    items: rows.map(({ org_role, total: _total, ...row }) => ({ ...row, orgRoleName: org_role ? names.org(org_role) : null })),
    total,
    pageCount: Math.max(1, Math.ceil(total / GROUP_PAGE_SIZE)),
  };
}
