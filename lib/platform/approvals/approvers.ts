import "server-only";
import { memberAbilities, type MemberAbility } from "../authz/project-access.ts";
import type { ProductType } from "../authz/catalogue.ts";
import type { Tx } from "../db.ts";
import { groupsOnSql } from "../authz/grant-sql.ts";
import { Prisma } from "../../generated/prisma/client.ts";

/**
 * Who a policy names to approve: people, the members of groups (only while the org's plan has
 * groups: a feature switched off stops being used), and the holders of a project role. Copied onto each request when it is asked, so a later edit does not move the goalposts;
 * whether each named person may approve is still decided when they do.
 */
export type ApproverList = { approverIds: string[]; approverGroupIds: string[]; approverRole: string | null };

/** Whether someone's abilities in the project let them approve this request's subject. */
export type MayApprove = (ability: MemberAbility) => boolean;

/** The people an approver list names now (not `requesterId`), before asking what each may do. */
async function namedPeople(tx: Pick<Tx, "$queryRaw">, projectId: string, requesterId: string | null, list: ApproverList): Promise<string[]> {
  const rows = await tx.$queryRaw<Array<{ user_id: string }>>`
    SELECT id AS user_id FROM users WHERE id = ANY(${list.approverIds}::uuid[])
    UNION
    SELECT gm.user_id FROM group_members gm JOIN projects p ON p.id = ${projectId}::uuid
      JOIN groups gr ON gr.id = gm.group_id AND gr.org_id = p.org_id JOIN organizations o ON o.id = p.org_id
     WHERE gm.group_id = ANY(${list.approverGroupIds}::uuid[]) AND ${groupsOnSql(Prisma.sql`o.plan`)}
    UNION
    SELECT pm.user_id FROM project_memberships pm JOIN project_role_grants g ON g.project_membership_id = pm.id
     WHERE pm.project_id = ${projectId}::uuid AND g.role = ${list.approverRole} AND (g.expires_at IS NULL OR g.expires_at > now())
    UNION
    SELECT gm.user_id FROM group_project_roles gpr JOIN group_members gm ON gm.group_id = gpr.group_id
     WHERE gpr.project_id = ${projectId}::uuid AND gpr.role = ${list.approverRole} AND (gpr.expires_at IS NULL OR gpr.expires_at > now())`;
  return rows.map((row) => row.user_id).filter((id) => id !== requesterId);
}

/**
 * The people who could approve now: named by the list, enabled members of the org, not the
 * requester, and allowed by their own live roles (each read from the database) to approve.
 */
export async function approversFor(
  tx: Pick<Tx, "$queryRaw">,
  project: { id: string; type: ProductType },
  requesterId: string | null,
  list: ApproverList,
  mayApprove: MayApprove,
): Promise<string[]> {
  const candidates = await namedPeople(tx, project.id, requesterId, list);
  const abilities = await memberAbilities(tx, project, candidates);
  return candidates.filter((id) => {
    const ability = abilities.get(id);
    return ability !== undefined && mayApprove(ability);
  });
}

/**
 * Whether the actor is named by a request's approver list now: by id, through one of the
 * listed groups (while the org's plan has groups), or holding the listed role in the project
 * (`liveRoles`).
 */
export async function namedApprover(tx: Pick<Tx, "$queryRaw">, list: ApproverList, userId: string, liveRoles: readonly string[]): Promise<boolean> {
  if (list.approverIds.includes(userId) || (list.approverRole !== null && liveRoles.includes(list.approverRole))) return true;
  if (list.approverGroupIds.length === 0) return false;
  const [row] = await tx.$queryRaw<Array<{ named: boolean }>>`
    SELECT EXISTS (SELECT 1 FROM group_members gm JOIN groups gr ON gr.id = gm.group_id JOIN organizations o ON o.id = gr.org_id
                    WHERE gm.user_id = ${userId}::uuid AND gm.group_id = ANY(${list.approverGroupIds}::uuid[]) AND ${groupsOnSql(Prisma.sql`o.plan`)}) AS named`;
  return row?.named ?? false;
}

/**
 * Whether a rule's author could still approve it (break-glass is an approval they gave in
 * advance): checked when the rule is used, not only when it was written. No recorded author,
 * no authority.
 */
export async function authorStillApproves(
  tx: Pick<Tx, "$queryRaw">,
  project: { id: string; type: ProductType },
  authorId: string | null,
  mayApprove: MayApprove,
): Promise<boolean> {
  if (!authorId) return false;
  const author = (await memberAbilities(tx, project, [authorId])).get(authorId);
  return author !== undefined && mayApprove(author);
}
