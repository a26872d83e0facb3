import "server-only";
import type { OrgAccess } from "../authz/org-access.ts";
import { loadMemberProjectAccesses } from "../authz/project-access.ts";
import { plans } from "../billing/plans.ts";
import { db } from "../db.ts";
import { ForbiddenError, NotFoundError } from "../errors.ts";
import { roleNamesIn } from "../roles/role-names.ts";

type ProjectRef = { id: string; name: string; slug: string };
type HeldRole = { roleName: string; expiresAt: Date | null };

export type MemberAccess = {
  userId: string;
  name: string;
  email: string;
  kind: "PERSON" | "IDENTITY";
  orgRoleName: string;
  joinedAt: Date;
  /** Each group they are in, with what it gives: its org role and its project roles. */
  groups: Array<{ id: string; name: string; slug: string; addedAt: Date; orgRoleName: string | null; projects: Array<ProjectRef & { roles: HeldRole[] }> }>;
  /** Their own project roles. */
  projects: Array<ProjectRef & { roles: HeldRole[] }>;
  /** Projects of theirs (own or through groups) the viewer may not see, counted, not named. */
  hiddenProjects: number;
  /** Groups give nothing on the org's plan now. */
  groupsOff: boolean;
};

/**
 * One member's access as whoever may read the org's members sees it: their org role, their
 * groups and what each gives, their own project roles. Projects the viewer cannot see
 * themselves (not in them, no project:read-all) are counted, not named.
 */
export async function getMemberAccess(access: OrgAccess, userId: string): Promise<MemberAccess> {
  if (!access.can("member:read")) throw new ForbiddenError("member:read");
  const membership = await db().orgMembership.findFirst({
    where: { orgId: access.org.id, userId },
    select: {
      role: true,
      createdAt: true,
      user: { select: { id: true, name: true, email: true, kind: true } },
      groupMemberships: {
        orderBy: { group: { name: "asc" } },
        select: {
          createdAt: true,
          group: {
            select: {
              id: true,
              name: true,
              slug: true,
              orgRole: true,
              projectRoles: { orderBy: { role: "asc" }, select: { role: true, expiresAt: true, project: { select: { id: true, name: true, slug: true } } } },
            },
          },
        },
      },
      projectMemberships: {
        orderBy: { project: { name: "asc" } },
        select: { project: { select: { id: true, name: true, slug: true } }, grants: { orderBy: { role: "asc" }, select: { role: true, expiresAt: true } } },
      },
    },
  });
  if (!membership) throw new NotFoundError("Not a member of this organization");
  const [names, visibleIds] = await Promise.all([
    roleNamesIn(access.org.id),
    access.can("project:read-all") ? null : loadMemberProjectAccesses(access).then((accesses) => new Set(accesses.map((one) => one.project.id))),
  ]);
  const visible = (project: ProjectRef) => visibleIds === null || visibleIds.has(project.id);
  const hidden = new Set<string>();
  const byProject = (grants: ReadonlyArray<{ role: string; expiresAt: Date | null; project: ProjectRef }>) => {
    const projects = new Map<string, ProjectRef & { roles: HeldRole[] }>();
    for (const grant of grants) {
      if (!visible(grant.project)) {
        hidden.add(grant.project.id);
        continue;
      }
      const entry = projects.get(grant.project.id) ?? { ...grant.project, roles: [] };
      entry.roles.push({ roleName: names.project(grant.project.id, grant.role), expiresAt: grant.expiresAt });
      projects.set(grant.project.id, entry);
    }
    return [...projects.values()].sort((a, b) => a.name.localeCompare(b.name));
  };
  const result: MemberAccess = {
    userId: membership.user.id,
    name: membership.user.name,
    email: membership.user.email,
    kind: membership.user.kind,
    orgRoleName: names.org(membership.role),
    joinedAt: membership.createdAt,
    groups: membership.groupMemberships.map(({ createdAt, group }) => ({
      id: group.id,
      name: group.name,
      slug: group.slug,
      addedAt: createdAt,
      orgRoleName: group.orgRole ? names.org(group.orgRole) : null,
      projects: byProject(group.projectRoles),
    })),
    projects: byProject(membership.projectMemberships.flatMap(({ project, grants }) => grants.map((grant) => ({ ...grant, project })))),
    hiddenProjects: 0,
    groupsOff: !plans()[access.org.plan].features.groups && membership.groupMemberships.length > 0,
  };
  result.hiddenProjects = hidden.size;
  return result;
}
