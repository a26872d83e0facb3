import "server-only";
import type { OrgAccess } from "../authz/org-access.ts";
import { db } from "../db.ts";
import { ForbiddenError, NotFoundError } from "../errors.ts";
import { Prisma } from "../../generated/prisma/client.ts";
import { groupCandidateSearchSchema, type GroupCandidateSearchInput } from "./schemas.ts";

const CANDIDATES_SHOWN = 8;

export type GroupCandidate = { userId: string; name: string; email: string; inGroup: boolean };

/**
 * Org members (people or machine identities) the group's picker offers, searched on the
 * server by name or email. Those already in the group come back marked, not hidden.
 */
export async function findGroupCandidates(access: OrgAccess, input: GroupCandidateSearchInput): Promise<GroupCandidate[]> {
  if (!access.can("group:manage-members")) throw new ForbiddenError("group:manage-members");
  const { groupId, q, kind } = groupCandidateSearchSchema.parse(input);
  const group = await db().group.findFirst({ where: { id: groupId, orgId: access.org.id }, select: { id: true } });
  if (!group) throw new NotFoundError("No such group");
  const pattern = `%${q.replace(/[\\%_]/g, "\\$&")}%`;
  const matches = q ? Prisma.sql`AND (u.name ILIKE ${pattern} OR u.email LIKE ${pattern.toLowerCase()})` : Prisma.empty;
  const rows = await db().$queryRaw<Array<{ user_id: string; name: string; email: string; in_group: boolean }>>`
    SELECT u.id AS user_id, u.name, u.email,
           EXISTS (SELECT 1 FROM group_members gm WHERE gm.group_id = ${group.id}::uuid AND gm.user_id = u.id) AS in_group
      FROM org_memberships m JOIN users u ON u.id = m.user_id
     WHERE m.org_id = ${access.org.id}::uuid AND u.kind = ${kind}::"PrincipalKind" ${matches}
     ORDER BY u.name, u.id
     LIMIT ${CANDIDATES_SHOWN}`;
  return rows.map((row) => ({ userId: row.user_id, name: row.name, email: row.email, inGroup: row.in_group }));
}
