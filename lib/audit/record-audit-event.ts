import "server-only";
import type { Tx } from "../db.ts";
import type { Prisma } from "../generated/prisma/client.ts";

/** Every action the audit log knows; later work adds to this list, never free text. */
export const AUDIT_ACTIONS = [
  "org.created",
  "org.renamed",
  "org.deleted",
  "member.invited",
  "member.joined",
  "member.join-refused-no-seat",
  "invitation.resent",
  "invitation.revoked",
  "invite-link.created",
  "invite-link.revoked",
  "member.role-changed",
  "member.removed",
  "member.left",
  "role.created",
  "role.edited",
  "role.deleted",
  "project.created",
  "project.renamed",
  "project.deleted",
  "project.joined-as-admin",
  "project-member.added",
  "project-member.roles-changed",
  "project-member.removed",
  "project-member.left",
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export type AuditEventInput = {
  orgId: string | null;
  actorId: string | null;
  action: AuditAction;
  target: { type: string; id: string };
  metadata?: Prisma.InputJsonObject;
};

/** Writes one event inside the caller's transaction, so the change and its record stand or fall together. */
export async function recordAuditEvent(tx: Pick<Tx, "auditEvent">, event: AuditEventInput): Promise<void> {
  await tx.auditEvent.create({
    data: {
      orgId: event.orgId,
      actorId: event.actorId,
      action: event.action,
      targetType: event.target.type,
      targetId: event.target.id,
      metadata: event.metadata ?? {},
    },
  });
}
