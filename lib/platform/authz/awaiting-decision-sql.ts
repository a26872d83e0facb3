import "server-only";
import { groupsOnSql } from "./grant-sql.ts";
import { Prisma } from "../../generated/prisma/client.ts";

/**
 * A filter on requests (as `r`, with the approver-list columns) still pending that `userId`
 * is named for, by id, role (`liveRoles`) or, where requests name groups, group, and has not
 * decided (`decisions`: the flow's table of decisions, a constant). For lists and nav badges.
 */
export function awaitingDecisionSql(args: {
  userId: string;
  /** The roles the user holds in the request's project: a list, or SQL giving text[] for `r`. */
  liveRoles: readonly string[] | Prisma.Sql;
  decisions: "pam_approvals" | "role_request_decisions";
  groups: boolean;
}): Prisma.Sql {
  const { userId } = args;
  const byGroup = args.groups
    ? Prisma.sql`OR r.approver_group_ids && ARRAY(SELECT gm.group_id FROM group_members gm JOIN groups gr ON gr.id = gm.group_id
                                                   JOIN organizations o ON o.id = gr.org_id
                                                  WHERE gm.user_id = ${userId}::uuid AND ${groupsOnSql(Prisma.sql`o.plan`)})`
    : Prisma.empty;
  return Prisma.sql`r.status = 'PENDING' AND r.requester_id IS DISTINCT FROM ${userId}::uuid
    AND (${userId}::uuid = ANY(r.approver_ids) OR r.approver_role = ANY(${args.liveRoles instanceof Prisma.Sql ? args.liveRoles : Prisma.sql`${[...args.liveRoles]}::text[]`}) ${byGroup})
    AND NOT EXISTS (SELECT 1 FROM ${Prisma.raw(args.decisions)} a WHERE a.request_id = r.id AND a.approver_id = ${userId}::uuid)`;
}
