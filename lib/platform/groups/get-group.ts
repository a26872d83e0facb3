import "server-only";
import type { OrgAccess } from "../authz/org-access.ts";
import { listQuery } from "../db.ts";
import { Prisma } from "../../generated/prisma/client.ts";
import { ForbiddenError, NotFoundError } from "../errors.ts";
import { orgRoleLabel, projectRoleLabel } from "../authz/role-labels.ts";
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
  /** Made and filled by the org's identity provider: its name and members change there. */
  scimManaged: boolean;
  /** The provider's group it follows at each single sign-on; null: none. */
  idpGroup: string | null;
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
  const pattern = `%${query.q.replace(/[\\%_]/g, "\\$&")}%`;
  const matches = query.q ? Prisma.sql`AND (u.name ILIKE ${pattern} OR u.email LIKE ${pattern.toLowerCase()})` : Prisma.empty;
  // The group with its roles named (custom roles by their names), one page of its members
  // and their total, in one statement on pg (listQuery: prepared without a search).
  const [group] = await listQuery(query.q)<{
    id: string;
    name: string;
    slug: string;
    description: string;
    org_role: string | null;
    org_role_custom_name: string | null;
    scim_managed: boolean;
    idp_group: string | null;
    created_at: Date;
    project_roles: Array<{ projectId: string; projectName: string; projectSlug: string; role: string; customName: string | null; expiresAt: string | null }>;
    members: Array<{ userId: string; name: string; email: string; kind: "PERSON" | "IDENTITY"; addedBy: string | null; addedAt: string }>;
    member_total: number;
  }>(Prisma.sql`
    SELECT g.id, g.name, g.slug, g.description, g.org_role, g.scim_managed, g.idp_group, g.created_at,
           (SELECT cr.name FROM custom_roles cr WHERE cr.scope_key = 'org:' || g.org_id::text AND cr.slug = g.org_role) AS org_role_custom_name,
           COALESCE((SELECT json_agg(json_build_object('projectId', p.id, 'projectName', p.name, 'projectSlug', p.slug, 'role', r.role,
                                                       'customName', cr.name, 'expiresAt', r.expires_at) ORDER BY p.name, r.role)
                       FROM group_project_roles r JOIN projects p ON p.id = r.project_id
                       LEFT JOIN custom_roles cr ON cr.scope_key = 'project:' || p.id::text AND cr.slug = r.role
                      WHERE r.group_id = g.id), '[]') AS project_roles,
           COALESCE((SELECT json_agg(json_build_object('userId', m.user_id, 'name', m.name, 'email', m.email, 'kind', m.kind,
                                                       'addedBy', m.added_by, 'addedAt', m.added_at) ORDER BY m.name, m.user_id)
                       FROM (SELECT gm.user_id, u.name, u.email, u.kind::text AS kind, adder.name AS added_by, gm.created_at AS added_at
                               FROM group_members gm JOIN users u ON u.id = gm.user_id LEFT JOIN users adder ON adder.id = gm.added_by_id
                              WHERE gm.group_id = g.id ${matches}
                              ORDER BY u.name, u.id
                              LIMIT ${GROUP_MEMBER_PAGE_SIZE} OFFSET ${(query.page - 1) * GROUP_MEMBER_PAGE_SIZE}) m), '[]') AS members,
           (SELECT count(*)::int FROM group_members gm JOIN users u ON u.id = gm.user_id WHERE gm.group_id = g.id ${matches}) AS member_total
      FROM groups g WHERE g.org_id = ${access.org.id}::uuid AND g.slug = ${slug}`);
  if (!group) throw new NotFoundError("No such group");
  const memberTotal = group.member_total;
  return {
    id: group.id,
    name: group.name,
    slug: group.slug,
    description: group.description,
    orgRole: group.org_role,
    orgRoleName: group.org_role ? (group.org_role_custom_name ?? orgRoleLabel(group.org_role)) : null,
    scimManaged: group.scim_managed,
    idpGroup: group.idp_group,
    createdAt: group.created_at,
    members: group.members.map((member) => ({ ...member, addedAt: new Date(member.addedAt) })),
    memberTotal,
    memberPageCount: Math.max(1, Math.ceil(memberTotal / GROUP_MEMBER_PAGE_SIZE)),
    memberQuery: query,
    projectRoles: group.project_roles.map((grant) => ({
      projectId: grant.projectId,
      projectName: grant.projectName,
      projectSlug: grant.projectSlug,
      role: grant.role,
      roleName: grant.customName ?? projectRoleLabel(grant.role),
      expiresAt: grant.expiresAt ? new Date(grant.expiresAt) : null,
    })),
  };
}
