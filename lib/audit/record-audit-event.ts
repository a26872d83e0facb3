import "server-only";
import type { Tx } from "../db.ts";
import type { Prisma } from "../generated/prisma/client.ts";
import type { AuditAction } from "./audit-actions.ts";
import { currentRequestContext } from "./request-context.ts";

export { AUDIT_ACTIONS, type AuditAction } from "./audit-actions.ts";

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
