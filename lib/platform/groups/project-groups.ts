import "server-only";
import type { ProjectAccess } from "../authz/project-access.ts";
import { plans } from "../billing/plans.ts";
import { db } from "../db.ts";
import { Prisma } from "../../generated/prisma/client.ts";
import { ForbiddenError } from "../errors.ts";

/** How many of the org's groups the page reads (by name): those with roles here, and the rest to add. */
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
  const canAdd = access.can("member:add");
  // One statement: the groups holding roles here first, then (for whoever may add) the others
  // to add, each with its member count and its grants here (null for a group without any).
  const rows = await db().$queryRaw<
    Array<{ id: string; name: string; slug: string; members: number; grants: Array<{ role: string; expiresAt: string | null }> | null }>
  >`
    SELECT g.id, g.name, g.slug,
           (SELECT count(*) FROM group_members gm WHERE gm.group_id = g.id)::int AS members,
           (SELECT json_agg(json_build_object('role', r.role, 'expiresAt', r.expires_at) ORDER BY r.role)
              FROM group_project_roles r WHERE r.group_id = g.id AND r.project_id = ${access.project.id}::uuid) AS grants
      FROM groups g
     WHERE g.org_id = ${access.orgAccess.org.id}::uuid
       ${canAdd ? Prisma.empty : Prisma.sql`AND EXISTS (SELECT 1 FROM group_project_roles r WHERE r.group_id = g.id AND r.project_id = ${access.project.id}::uuid)`}
     ORDER BY EXISTS (SELECT 1 FROM group_project_roles r WHERE r.group_id = g.id AND r.project_id = ${access.project.id}::uuid) DESC, g.name, g.id
     LIMIT ${ADDABLE_GROUPS_SHOWN}`;
  return {
    groups: rows
      .filter((row) => row.grants)
      .map((row) => ({
        id: row.id,
        name: row.name,
        slug: row.slug,
        members: row.members,
        grants: row.grants!.map((grant) => ({ role: grant.role, expiresAt: grant.expiresAt ? new Date(grant.expiresAt) : null })),
      })),
    addable: rows.filter((row) => !row.grants).map((row) => ({ id: row.id, name: row.name })),
    enabled,
  };
}
