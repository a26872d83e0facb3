import "server-only";
import { type ProjectAccess } from "../../../platform/authz/project-access.ts";
import { type RawTx, type Tx } from "../../../platform/db.ts";
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

/** Who a request names and for what: what deciding on it reads. */
type RequestSubject = Pick<RequestRow, "approverIds" | "approverRole"> & { account: { name: string; resource: { name: string } } };

/**
 * A request of the actor's project as an approver decides on it, locked for the decision:
 * one statement on `pg` (deciding runs there, beside the grant it may make).
 */
export async function requestToDecide(tx: RawTx, access: ProjectAccess, requestId: string) {
  const [row] = await tx.$queryRaw<
    Array<{
      id: string;
      requesterId: string | null;
      status: RequestRow["status"];
      durationMinutes: number;
      requiredApprovals: number;
      approverIds: string[];
      approverRole: string | null;
      accountId: string;
      accountName: string;
      resourceId: string;
      resourceName: string;
    }>
  >`
    SELECT r.id, r.requester_id AS "requesterId", r.status::text AS status, r.duration_minutes AS "durationMinutes",
           r.required_approvals AS "requiredApprovals", r.approver_ids::text[] AS "approverIds", r.approver_role AS "approverRole",
           r.account_id AS "accountId", a.name AS "accountName", a.resource_id AS "resourceId", res.name AS "resourceName"
      FROM pam_access_requests r
      JOIN pam_accounts a ON a.id = r.account_id
      JOIN pam_resources res ON res.id = a.resource_id
     WHERE r.id = ${requestId}::uuid AND r.project_id = ${access.project.id}::uuid
       FOR UPDATE OF r`;
  if (!row) throw new NotFoundError();
  return { ...row, account: { name: row.accountName, resourceId: row.resourceId, resource: { name: row.resourceName } } };
}

export const requestNames = (row: RequestSubject): AccountNames => ({ resourceName: row.account.resource.name, accountName: row.account.name });

/** Whether the actor is one of this request's approvers now: named, or holding the approver role, and allowed to approve it. */
export function approvesNow(access: ProjectAccess, row: RequestSubject): boolean {
  const userId = access.orgAccess.actor.userId;
  const named = row.approverIds.includes(userId) || (row.approverRole !== null && (access.membership?.liveRoles.includes(row.approverRole) ?? false));
  return named && access.can("access-request:approve", requestNames(row));
}
