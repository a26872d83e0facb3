import "server-only";
import { type ProjectAccess } from "../../../platform/authz/project-access.ts";
import { type Tx } from "../../../platform/db.ts";
import { NotFoundError } from "../../../platform/errors.ts";
import { type AccountNames } from "../vocabulary.ts";

const REQUEST_COLUMNS = {
  id: true,
  requesterId: true,
  status: true,
  durationMinutes: true,
  reason: true,
  policyName: true,
  requiredApprovals: true,
  approverIds: true,
  approverRole: true,
  breakGlass: true,
  loginRole: true,
  credentialsShownAt: true,
  grantedAt: true,
  expiresAt: true,
  endRequestedAt: true,
  endedAt: true,
  teardownError: true,
  createdAt: true,
  accountId: true,
  account: {
    select: { name: true, resourceId: true, resource: { select: { name: true, host: true, port: true, database: true, tlsMode: true, caCertificate: true } } },
  },
  requester: { select: { name: true, email: true } },
} as const;

export async function requestInProject(tx: Tx, access: ProjectAccess, requestId: string, lock: boolean) {
  if (lock) await tx.$queryRaw`SELECT id FROM pam_access_requests WHERE id = ${requestId}::uuid AND project_id = ${access.project.id}::uuid FOR UPDATE`;
  const row = await tx.pamAccessRequest.findFirst({ where: { id: requestId, projectId: access.project.id }, select: REQUEST_COLUMNS });
  if (!row) throw new NotFoundError();
  return row;
}

export type RequestRow = Awaited<ReturnType<typeof requestInProject>>;

export const requestNames = (row: RequestRow): AccountNames => ({ resourceName: row.account.resource.name, accountName: row.account.name });

/** Whether the actor is one of this request's approvers now: named, or holding the approver role, and allowed to approve it. */
export function approvesNow(access: ProjectAccess, row: RequestRow): boolean {
  const userId = access.orgAccess.actor.userId;
  const named = row.approverIds.includes(userId) || (row.approverRole !== null && (access.membership?.liveRoles.includes(row.approverRole) ?? false));
  return named && access.can("access-request:approve", requestNames(row));
}
