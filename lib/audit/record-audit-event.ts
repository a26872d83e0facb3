import "server-only";
import type { Tx } from "../db.ts";
import type { Prisma } from "../generated/prisma/client.ts";
import { currentRequestContext } from "./request-context.ts";

/** Every action the audit log knows; later work adds to this list, never free text. */
export const AUDIT_ACTIONS = [
  "org.created",
  "org.renamed",
  "org.deleted",
  "member.invited",
  "member.joined",
  "member.join-refused-no-seat",
  "invitation.refused",
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
  "audit-log.retention-changed",
  "permission.denied",
  "sign-in.failed",
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export type AuditEventInput = {
  orgId: string | null;
  /** Defaults to the target when it is a project, or metadata.projectId. */
  projectId?: string | null;
  actorId: string | null;
  action: AuditAction;
  target: { type: string; id: string };
  metadata?: Prisma.InputJsonObject;
};

function projectOf(event: AuditEventInput): string | null {
  if (event.projectId !== undefined) return event.projectId;
  if (event.target.type === "project") return event.target.id;
  const fromMetadata = event.metadata?.projectId;
  return typeof fromMetadata === "string" ? fromMetadata : null;
}

/**
 * Writes one event inside the caller's transaction, so the change and its record stand or
 * fall together. The request's address and user agent come from the action wrapper.
 */
export async function recordAuditEvent(tx: Pick<Tx, "auditEvent">, event: AuditEventInput): Promise<void> {
  const request = currentRequestContext();
  await tx.auditEvent.create({
    data: {
      orgId: event.orgId,
      projectId: projectOf(event),
      actorId: event.actorId,
      action: event.action,
      targetType: event.target.type,
      targetId: event.target.id,
      metadata: event.metadata ?? {},
      ip: request?.ip ?? null,
      userAgent: request?.userAgent?.slice(0, 500) ?? null,
    },
  });
}
