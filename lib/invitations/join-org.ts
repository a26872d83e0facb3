import "server-only";
import { recordAuditEvent } from "../audit/record-audit-event.ts";
import { db, type Tx } from "../db.ts";
import { RefusedError } from "../errors.ts";
import { grantOfferedProjectRoles } from "./project-role-offers.ts";

/** Joining was refused because every seat is taken; the admins are told (see recordSeatRefusal). */
export class NoFreeSeatError extends RefusedError {
  constructor(
    readonly orgId: string,
    readonly email: string,
    readonly via: { type: "invitation" | "invite-link"; id: string },
  ) {
    super("This organization has no free seats. Ask its admin to free a seat or upgrade the plan, then open the link again.");
    this.name = "NoFreeSeatError";
  }
}

type Joining = {
  orgId: string;
  user: { id: string; email: string };
  role: string;
  projectRoles: ReadonlyArray<{ projectId: string; role: string }>;
  via: { type: "invitation" | "invite-link"; id: string };
};

/**
 * Makes the user a member of the org with the role and project roles, inside the caller's
 * transaction. The org row is locked first, so parallel joins count seats one at a time.
 * Someone who is already a member keeps their org role and gains the project roles.
 */
export async function joinOrg(tx: Tx, joining: Joining): Promise<{ orgSlug: string; alreadyMember: boolean }> {
  const [org] = await tx.$queryRaw<Array<{ slug: string; seat_limit: number }>>`
    SELECT slug, seat_limit FROM organizations WHERE id = ${joining.orgId}::uuid FOR UPDATE`;
  if (!org) throw new RefusedError("This organization no longer exists.");
  let membership = await tx.orgMembership.findUnique({
    where: { orgId_userId: { orgId: joining.orgId, userId: joining.user.id } },
    select: { id: true },
  });
  const alreadyMember = Boolean(membership);
  if (!membership) {
    const seatsUsed = await tx.orgMembership.count({ where: { orgId: joining.orgId } });
    if (seatsUsed >= org.seat_limit) throw new NoFreeSeatError(joining.orgId, joining.user.email, joining.via);
    membership = await tx.orgMembership.create({
      data: { orgId: joining.orgId, userId: joining.user.id, role: joining.role },
      select: { id: true },
    });
  }
  await grantOfferedProjectRoles(tx, { orgMembershipId: membership.id, userId: joining.user.id }, joining.projectRoles);
  await recordAuditEvent(tx, {
    orgId: joining.orgId,
    actorId: joining.user.id,
    action: "member.joined",
    target: { type: "user", id: joining.user.id },
    metadata: {
      via: joining.via,
      role: joining.role,
      projectRoles: joining.projectRoles.map(({ projectId, role }) => ({ projectId, role })),
      alreadyMember,
    },
  });
  return { orgSlug: org.slug, alreadyMember };
}

/**
 * Runs a join and, when it was refused for want of a seat, records that for the org's
 * admins (after the rollback, since the join itself left nothing behind).
 */
export async function withSeatRefusalRecorded<T>(join: () => Promise<T>): Promise<T> {
  try {
    return await join();
  } catch (error) {
    if (error instanceof NoFreeSeatError) {
      await recordAuditEvent(db(), {
        orgId: error.orgId,
        actorId: null,
        action: "member.join-refused-no-seat",
        target: { type: error.via.type, id: error.via.id },
        metadata: { email: error.email },
      });
    }
    throw error;
  }
}
