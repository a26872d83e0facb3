import "server-only";
import type { ProjectAccess } from "../authz/project-access.ts";
import { db } from "../db.ts";
import { ForbiddenError } from "../errors.ts";
import { Prisma } from "../../generated/prisma/client.ts";
import { addableMemberSearchSchema, type AddableMemberSearchInput } from "./schemas.ts";

/** How many people one search shows; the picker asks for more by typing more. */
export const ADDABLE_MEMBERS_SHOWN = 8;

export type AddableMember = { userId: string; name: string; email: string; inProject: boolean };

/**
 * Org members the Add-member picker offers, searched on the server by name or email (the
 * trigram indexes serve both at 10,000 members). Those already in the project come back
 * marked, so the picker can say why they cannot be chosen instead of hiding them.
 */
export async function findAddableMembers(access: ProjectAccess, input: AddableMemberSearchInput): Promise<AddableMember[]> {
  if (!access.can("member:add")) throw new ForbiddenError("member:add");
  const { q, kind } = addableMemberSearchSchema.parse(input);
  const pattern = `%${q.replace(/[\\%_]/g, "\\$&")}%`;
  const matches = q ? Prisma.sql`AND (u.name ILIKE ${pattern} OR u.email LIKE ${pattern.toLowerCase()})` : Prisma.empty;
  const rows = await db().$queryRaw<Array<{ user_id: string; name: string; email: string; in_project: boolean }>>`
    SELECT u.id AS user_id, u.name, u.email,
           EXISTS (SELECT 1 FROM project_memberships pm WHERE pm.project_id = ${access.project.id}::uuid AND pm.user_id = u.id) AS in_project
      FROM org_memberships m JOIN users u ON u.id = m.user_id
     WHERE m.org_id = ${access.orgAccess.org.id}::uuid AND u.kind = ${kind}::"PrincipalKind" ${matches}
     ORDER BY u.name, u.id
     LIMIT ${ADDABLE_MEMBERS_SHOWN}`;
  return rows.map((row) => ({ userId: row.user_id, name: row.name, email: row.email, inProject: row.in_project }));
}
