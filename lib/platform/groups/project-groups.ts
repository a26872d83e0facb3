import "server-only";
import type { ProjectAccess } from "../authz/project-access.ts";
import { plans } from "../billing/plans.ts";
import { db } from "../db.ts";
import { ForbiddenError } from "../errors.ts";

/** How many of the org's groups the Add-group choice lists (by name). */
export const ADDABLE_GROUPS_SHOWN = 500;

export type ProjectGroup = {
  id: string;
  name: string;
  slug: string;
  members: number;
  grants: Array<{ role: string; expiresAt: Date | null }>;
};

/**
 * The groups holding roles in the project, beside its people on the Members page, and (for
 * whoever may add members) the org's other groups to add. Empty when the plan has no groups.
 */
export async function listProjectGroups(
  access: ProjectAccess,
): Promise<{ groups: ProjectGroup[]; addable: Array<{ id: string; name: string }>; enabled: boolean }> {
  if (!access.can("member:read")) throw new ForbiddenError("member:read");
  const enabled = plans()[access.orgAccess.org.plan].features.groups;
  if (!enabled) return { groups: [], addable: [], enabled };
  const projectId = access.project.id;
  const [groups, addable] = await Promise.all([
    db().group.findMany({
      where: { orgId: access.orgAccess.org.id, projectRoles: { some: { projectId } } },
      orderBy: [{ name: "asc" }, { id: "asc" }],
      select: {
        id: true,
        name: true,
        slug: true,
        _count: { select: { members: true } },
        projectRoles: { where: { projectId }, orderBy: { role: "asc" }, select: { role: true, expiresAt: true } },
      },
    }),
    access.can("member:add")
      ? db().group.findMany({
          where: { orgId: access.orgAccess.org.id, projectRoles: { none: { projectId } } },
          orderBy: [{ name: "asc" }, { id: "asc" }],
          take: ADDABLE_GROUPS_SHOWN,
          select: { id: true, name: true },
        })
      : [],
  ]);
  return {
    groups: groups.map((group) => ({ id: group.id, name: group.name, slug: group.slug, members: group._count.members, grants: group.projectRoles })),
    addable,
    enabled,
  };
}
