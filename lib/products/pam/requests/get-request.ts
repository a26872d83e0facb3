import "server-only";
import { requireProjectType, type ProjectAccess } from "../../../platform/authz/project-access.ts";
import { db } from "../../../platform/db.ts";
import { NotFoundError } from "../../../platform/errors.ts";
import { requestRefSchema, type RequestRefInput } from "../schemas.ts";
import { approvesNow, requestInProject, requestNames, type RequestRow } from "./queries.ts";

export type RequestView = RequestRow & {
  approvals: Array<{ approverName: string; decision: "APPROVE" | "REJECT"; comment: string; createdAt: Date }>;
  sessions: Array<{ pid: number; backendStart: Date; clientAddress: string | null; firstSeenAt: Date; lastSeenAt: Date; goneAt: Date | null }>;
  mine: boolean;
  canDecide: boolean;
  canRevoke: boolean;
  credentialsWaiting: boolean;
};

/** One request, for its requester, its approvers, and those who read grants and sessions. */
export async function getRequest(access: ProjectAccess, input: RequestRefInput): Promise<RequestView> {
  requireProjectType(access, "PAM");
  const { requestId } = requestRefSchema.parse(input);
  const row = await db().$transaction((tx) => requestInProject(tx, access, requestId, false));
  const mine = row.requesterId === access.orgAccess.actor.userId;
  const approver = approvesNow(access, row);
  if (!mine && !approver && !access.can("session:read")) throw new NotFoundError();
  const [approvals, sessions, sealed] = await Promise.all([
    db().pamApproval.findMany({
      where: { requestId },
      orderBy: { createdAt: "asc" },
      select: { decision: true, comment: true, createdAt: true, approver: { select: { name: true } } },
    }),
    db().pamSession.findMany({
      where: { requestId },
      orderBy: { backendStart: "desc" },
      take: 100,
      select: { pid: true, backendStart: true, clientAddress: true, firstSeenAt: true, lastSeenAt: true, goneAt: true },
    }),
    db().pamAccessRequest.count({ where: { id: requestId, sealedPassword: { not: null } } }),
  ]);
  return {
    ...row,
    approvals: approvals.map((approval) => ({
      approverName: approval.approver?.name ?? "a deleted account",
      decision: approval.decision,
      comment: approval.comment,
      createdAt: approval.createdAt,
    })),
    sessions,
    mine,
    canDecide: !mine && approver && row.status === "PENDING",
    canRevoke: row.status === "ACTIVE" && !row.endRequestedAt && access.can("access-request:revoke", requestNames(row)),
    credentialsWaiting: mine && sealed > 0,
  };
}
