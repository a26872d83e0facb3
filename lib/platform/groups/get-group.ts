import "server-only";
import type { OrgAccess } from "../authz/org-access.ts";
import { db } from "../db.ts";
import { ForbiddenError, NotFoundError } from "../errors.ts";
import { roleNamesIn } from "../roles/role-names.ts";
import { GROUP_MEMBER_PAGE_SIZE, groupListQuerySchema } from "./schemas.ts";

export type GroupMemberRow = {
  userId: string;
  name: string;
  email: string;
  kind: "PERSON" | "IDENTITY";
  addedBy: string | null;
  addedAt: Date;
};

export type GroupDetails = {
  id: string;
  name: string;
  slug: string;
  description: string;
  orgRole: string | null;
  orgRoleName: string | null;
  createdAt: Date;
  members: GroupMemberRow[];
  memberTotal: number;
  memberPageCount: number;
  memberQuery: { q: string; page: number };
  projectRoles: Array<{ projectId: string; projectName: string; projectSlug: string; role: string; roleName: string; expiresAt: Date | null }>;
};

/** A group of the actor's org by slug, with one page of its members (searchable) and its project roles. */
export async function getGroup(access: OrgAccess, slug: string, rawQuery: unknown): Promise<GroupDetails> {
  if (!access.can("group:read")) throw new ForbiddenError("group:read");
  const query = groupListQuerySchema.parse(rawQuery ?? {});
  const group = await db().group.findUnique({
    where: { orgId_slug: { orgId: access.org.id, slug } },
    select: {
      id: true,
      name: true,
      slug: true,
      description: true,
      orgRole: true,
      createdAt: true,
      projectRoles: {
        orderBy: [{ project: { name: "asc" } }, { role: "asc" }],
        select: { projectId: true, role: true, expiresAt: true, project: { select: { name: true, slug: true } } },
      },
    },
  });
  if (!group) throw new NotFoundError("No such group");
  const search = query.q
    ? { user: { OR: [{ name: { contains: query.q, mode: "insensitive" as const } }, { email: { contains: query.q.toLowerCase() } }] } }
    : {};
  const [members, memberTotal, names] = await Promise.all([
    db().groupMember.findMany({
      where: { groupId: group.id, ...search },
      orderBy: [{ user: { name: "asc" } }, { userId: "asc" }],
      skip: (query.page - 1) * GROUP_MEMBER_PAGE_SIZE,
      take: GROUP_MEMBER_PAGE_SIZE,
      select: { userId: true, createdAt: true, user: { select: { name: true, email: true, kind: true } }, addedBy: { select: { name: true } } },
    }),
    db().groupMember.count({ where: { groupId: group.id, ...search } }),
    roleNamesIn(access.org.id),
  ]);
  return {
    id: group.id,
    name: group.name,
    slug: group.slug,
    description: group.description,
    orgRole: group.orgRole,
    orgRoleName: group.orgRole ? names.org(group.orgRole) : null,
    createdAt: group.createdAt,
    members: members.map((member) => ({
      userId: member.userId,
      name: member.user.name,
      email: member.user.email,
      kind: member.user.kind,
      addedBy: member.addedBy?.name ?? null,
      addedAt: member.createdAt,
    })),
    memberTotal,
    memberPageCount: Math.max(1, Math.ceil(memberTotal / GROUP_MEMBER_PAGE_SIZE)),
    memberQuery: query,
    projectRoles: group.projectRoles.map((grant) => ({
      projectId: grant.projectId,
      projectName: grant.project.name,
      projectSlug: grant.project.slug,
      role: grant.role,
      roleName: names.project(grant.projectId, grant.role),
      expiresAt: grant.expiresAt,
    })),
  };
}
