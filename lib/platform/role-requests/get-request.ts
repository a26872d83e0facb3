import "server-only";
import { namedApprover } from "../approvals/approvers.ts";
import type { OrgAccess } from "../authz/org-access.ts";
import { loadMemberProjectAccesses } from "../authz/project-access.ts";
import { db } from "../db.ts";
import { NotFoundError } from "../errors.ts";
import { approverListOf, requestInProject, roleOfProject, type RoleRequestRow } from "./queries.ts";
import { myRoleRequestRefSchema, type MyRoleRequestRefInput } from "./schemas.ts";
import { statusNow, type RoleRequestStatus } from "./vocabulary.ts";

export type RoleRequestDetail = Omit<RoleRequestRow, "status"> & {
  status: RoleRequestStatus;
  project: { name: string; slug: string };
  roleName: string;
  decisions: Array<{ approverName: string; decision: "APPROVE" | "REJECT"; comment: string; createdAt: Date }>;
  mine: boolean;
  /** The actor may decide it now: not theirs, waiting, named, allowed, not yet decided by them. */
  canDecide: boolean;
  /** The actor may end the active role: theirs, or as an approver of the project. */
  canEnd: boolean;
  /** The actor sees it as one who may see every project (an org Admin), not as its approver: they would gain access first. */
  seenAsOverseer: boolean;
};

/** One request, for its requester, those who approve role requests in its project, and those who may see every project. */
export async function getRoleRequest(access: OrgAccess, input: MyRoleRequestRefInput): Promise<RoleRequestDetail> {
  const { requestId } = myRoleRequestRefSchema.parse(input);
  const actorId = access.actor.userId;
  const found = await db().roleRequest.findFirst({
    where: { id: requestId, project: { orgId: access.org.id } },
    select: { project: { select: { id: true, name: true, slug: true, type: true } } },
  });
  if (!found) throw new NotFoundError();
  const { project } = found;
  const [projectAccess] = await loadMemberProjectAccesses(access, [project.id]);
  const approver = projectAccess?.can("role-request:approve") ?? false;
  return db().$transaction(async (tx) => {
    const row = await requestInProject(tx, project.id, requestId, false);
    const mine = row.requesterId === actorId;
    const overseer = access.can("project:read-all");
    if (!mine && !approver && !overseer) throw new NotFoundError();
    const status = statusNow(row.status, row.expiresAt, new Date());
    const [role, decisions, named] = await Promise.all([
      roleOfProject(tx, project, row.role),
      tx.roleRequestDecision.findMany({
        where: { requestId },
        orderBy: { createdAt: "asc" },
        select: { decision: true, comment: true, createdAt: true, approverId: true, approver: { select: { name: true } } },
      }),
      namedApprover(tx, approverListOf(row), actorId, projectAccess?.membership?.liveRoles ?? []),
    ]);
    return {
      ...row,
      status,
      project,
      roleName: role?.name ?? row.role,
      decisions: decisions.map((decision) => ({
        approverName: decision.approver?.name ?? "a deleted account",
        decision: decision.decision,
        comment: decision.comment,
        createdAt: decision.createdAt,
      })),
      mine,
      canDecide: !mine && approver && named && status === "PENDING" && !decisions.some((decision) => decision.approverId === actorId),
      canEnd: status === "ACTIVE" && (mine || approver),
      seenAsOverseer: !mine && !approver,
    };
  });
}
