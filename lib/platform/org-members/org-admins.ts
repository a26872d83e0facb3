import "server-only";
import type { OrgRoleSlug } from "../authz/built-in-roles.ts";
import { groupsOnSql } from "../authz/grant-sql.ts";
import type { Tx } from "../db.ts";
import { RefusedError } from "../errors.ts";
import { Prisma } from "../../generated/prisma/client.ts";

const ADMIN: OrgRoleSlug = "admin";

/**
 * The people (machine identities do not count: a person must be left to run the org) who
 * hold org Admin in `orgId` (a deactivated member holds nothing), as rows of (user_id, via_group): by their own role, or as a
 * member of a group holding Admin (on a plan with groups). Count distinct user_id.
 */
export function orgAdminHoldersSql(orgId: string): Prisma.Sql {
  return Prisma.sql`(
    SELECT m.user_id, FALSE AS via_group
      FROM org_memberships m JOIN users u ON u.id = m.user_id AND u.kind = 'PERSON'
     WHERE m.org_id = ${orgId}::uuid AND m.role = ${ADMIN} AND m.deactivated_at IS NULL
    UNION ALL
    SELECT gm.user_id, TRUE
      FROM groups gr
      JOIN organizations o ON o.id = gr.org_id
      JOIN group_members gm ON gm.group_id = gr.id
      JOIN org_memberships gmm ON gmm.id = gm.org_membership_id AND gmm.deactivated_at IS NULL
      JOIN users u ON u.id = gm.user_id AND u.kind = 'PERSON'
     WHERE gr.org_id = ${orgId}::uuid AND gr.org_role = ${ADMIN} AND ${groupsOnSql(Prisma.sql`o.plan`)})`;
}

async function adminCount(tx: Pick<Tx, "$queryRaw">, orgId: string): Promise<number> {
  const [row] = await tx.$queryRaw<Array<{ admins: number }>>`SELECT count(DISTINCT a.user_id)::int AS admins FROM ${orgAdminHoldersSql(orgId)} a`;
  return row?.admins ?? 0;
}

function lockOrg(tx: Pick<Tx, "$queryRaw">, orgId: string) {
  return tx.$queryRaw`SELECT id FROM organizations WHERE id = ${orgId}::uuid FOR UPDATE`;
}

/**
 * When the member `membershipId` is an Admin about to stop being one: locks the org row so
 * that concurrent changes to its admins queue up, then checks another Admin remains. With
 * `leavesOrg` their groups go too; otherwise a group holding Admin keeps them one.
 */
export async function assertAnotherOrgAdminRemains(tx: Tx, orgId: string, membershipId: string, message: string, leavesOrg = false) {
  await lockOrg(tx, orgId);
  const [row] = await tx.$queryRaw<Array<{ is_admin: boolean; others: boolean }>>`
    WITH target AS (SELECT user_id FROM org_memberships WHERE id = ${membershipId}::uuid AND org_id = ${orgId}::uuid),
         holders AS ${orgAdminHoldersSql(orgId)}
    SELECT EXISTS (SELECT 1 FROM holders a JOIN target t ON t.user_id = a.user_id WHERE NOT a.via_group OR ${leavesOrg}) AS is_admin,
           EXISTS (SELECT 1 FROM holders a WHERE a.user_id <> (SELECT user_id FROM target) OR (a.via_group AND NOT ${leavesOrg})) AS others`;
  if (row?.is_admin && !row.others) throw new RefusedError(message);
}

/**
 * Runs a change that may take org Admin away (someone leaving a group, a group's org role
 * or the group itself going) and refuses it, rolling back, if the org had an Admin before
 * and has none after. The org row is locked first, like every change to its Admins.
 */
export async function keepingOrgAdmins<T>(tx: Tx, orgId: string, message: string, change: () => Promise<T>): Promise<T> {
  await lockOrg(tx, orgId);
  const before = await adminCount(tx, orgId);
  const result = await change();
  if (before > 0 && (await adminCount(tx, orgId)) === 0) throw new RefusedError(message);
  return result;
}

/** How many people hold org Admin, by any path (for "you are the only Admin" before leaving). */
export function countOrgAdmins(tx: Pick<Tx, "$queryRaw">, orgId: string): Promise<number> {
  return adminCount(tx, orgId);
}
