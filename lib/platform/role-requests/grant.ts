import "server-only";
import { recordAuditEvent } from "../audit/record-audit-event.ts";
import type { Tx } from "../db.ts";
import { RefusedError } from "../errors.ts";

const MINUTE_MS = 60_000;

/**
 * Makes an approved request an ordinary expiring project grant (so every check sees it and
 * the grant sweep records its end), joining the requester to the project if they were not in
 * it. A live grant of the same role that lasts longer is kept; a permanent one is left alone.
 */
export async function grantRequestedRole(
  tx: Tx,
  context: { orgId: string; projectId: string; actorId: string },
  request: { id: string; requesterId: string | null; role: string; durationMinutes: number },
): Promise<Date> {
  const orgMembership = request.requesterId
    ? await tx.orgMembership.findFirst({ where: { orgId: context.orgId, userId: request.requesterId, deactivatedAt: null }, select: { id: true } })
    : null;
  if (!request.requesterId || !orgMembership)
    throw new RefusedError("Whoever asked is no longer a member of the organization: nothing was granted. Reject the request instead.");
  const membership = await tx.projectMembership.upsert({
    where: { projectId_userId: { projectId: context.projectId, userId: request.requesterId } },
    create: { projectId: context.projectId, userId: request.requesterId, orgMembershipId: orgMembership.id },
    update: {},
    select: { id: true },
  });
  const grantedAt = new Date();
  const expiresAt = new Date(grantedAt.getTime() + request.durationMinutes * MINUTE_MS);
  const held = await tx.projectRoleGrant.findUnique({
    where: { projectMembershipId_role: { projectMembershipId: membership.id, role: request.role } },
    select: { expiresAt: true },
  });
  const keepsLonger = held && (held.expiresAt === null || held.expiresAt > expiresAt);
  if (!keepsLonger) {
    await tx.projectRoleGrant.upsert({
      where: { projectMembershipId_role: { projectMembershipId: membership.id, role: request.role } },
      create: { projectMembershipId: membership.id, role: request.role, expiresAt },
      update: { expiresAt, expiryRecordedAt: null },
    });
  }
  await tx.roleRequest.update({ where: { id: request.id }, data: { status: "ACTIVE", grantedAt, expiresAt } });
  await recordAuditEvent(tx, {
    orgId: context.orgId,
    projectId: context.projectId,
    actorId: context.actorId,
    action: "role-request.granted",
    target: { type: "user", id: request.requesterId },
    metadata: { requestId: request.id, role: request.role, expiresAt: expiresAt.toISOString() },
    summary: `${request.role} until ${expiresAt.toISOString()}`,
  });
  return expiresAt;
}
