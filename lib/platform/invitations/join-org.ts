import "server-only";
import { orgPlanOf, usageSql } from "../billing/limits.ts";
import type { PlanId } from "../billing/plans.ts";
import { recordAuditEvent, type AuditEventInput } from "../audit/record-audit-event.ts";
import { db, type Tx } from "../db.ts";
import { RefusedError } from "../errors.ts";
import { uuid7 } from "../uuid7.ts";
import { CREATOR_LAPSED_MESSAGE, creatorLapse, type Offer } from "./creator-authority.ts";
import { grantOfferedProjectRoles } from "./project-role-offers.ts";

/**
 * A refusal the org's admins should learn of. The join's transaction rolls back, so
 * withRefusalsRecorded writes the event afterwards.
 */
export class RecordedRefusal extends RefusedError {
  constructor(
    message: string,
    readonly event: AuditEventInput,
  ) {
    super(message);
    this.name = "RecordedRefusal";
  }
}

/** Joining was refused because every seat is taken: a plan limit, told as every other one is (PLAN_LIMIT). */
export class NoFreeSeatError extends RecordedRefusal {
  readonly code = "PLAN_LIMIT";
  readonly meter = "seats";
  constructor(
    orgId: string,
    email: string,
    via: { type: "invitation" | "invite-link"; id: string },
    readonly limit: number,
    readonly used: number,
  ) {
    super(`This organization has no free seats (${used} of ${limit} used). Ask its admin to free a seat or upgrade the plan, then open the link again.`, {
      orgId,
      actorId: null,
      action: "member.join-refused-no-seat",
      target: via,
      metadata: { email, limit, used },
    });
    this.name = "NoFreeSeatError";
  }
}

type Joining = Offer & {
  user: { id: string; email: string };
  via: { type: "invitation" | "invite-link"; id: string };
};

/**
 * Makes the user a member of the org with the role and project roles, inside the caller's
 * transaction. The org row is locked first, so parallel joins count seats one at a time.
 * Someone who is already a member keeps their org role and gains the project roles.
 */
export async function joinOrg(tx: Tx, joining: Joining): Promise<{ orgSlug: string; alreadyMember: boolean }> {
  const [org] = await tx.$queryRaw<Array<{ slug: string; plan: PlanId; seat_limit: number | null }>>`
    SELECT slug, plan::text AS plan, seat_limit FROM organizations WHERE id = ${joining.orgId}::uuid FOR UPDATE`;
  if (!org) throw new RefusedError("This organization no longer exists.");
  // The offer stands only as long as its creator could still make it.
  const lapse = await creatorLapse(tx, joining);
  if (lapse) {
    throw new RecordedRefusal(CREATOR_LAPSED_MESSAGE, {
      orgId: joining.orgId,
      actorId: null,
      action: "member.join-refused-creator-lapsed",
      target: joining.via,
      metadata: { email: joining.user.email, reason: lapse, createdById: joining.createdById },
    });
  }
  // On the engine's raw path, as every statement of a join: ~0.5 ms less each than its model queries.
  const [existing] = await tx.$queryRaw<Array<{ id: string }>>`
    SELECT id FROM org_memberships WHERE org_id = ${joining.orgId}::uuid AND user_id = ${joining.user.id}::uuid`;
  const alreadyMember = Boolean(existing);
  let membership = existing;
  if (!membership) {
    const seats = orgPlanOf(org).limits.seats;
    if (seats !== null) {
      const [{ used }] = await tx.$queryRaw<[{ used: number }]>(usageSql("seats", joining.orgId));
      if (used >= seats) throw new NoFreeSeatError(joining.orgId, joining.user.email, joining.via, seats, used);
    }
    membership = { id: uuid7() };
    await tx.$executeRaw`
      INSERT INTO org_memberships (id, org_id, user_id, role) VALUES (${membership.id}::uuid, ${joining.orgId}::uuid, ${joining.user.id}::uuid, ${joining.role})`;
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
 * Runs a join and, when it was refused in a way the admins should know of (no seat, a
 * dead invitation), records that after the rollback, since the join left nothing behind.
 */
export async function withRefusalsRecorded<T>(join: () => Promise<T>): Promise<T> {
  try {
    return await join();
  } catch (error) {
    if (error instanceof RecordedRefusal) await recordAuditEvent(db(), error.event);
    throw error;
  }
}
