import "server-only";
import type { Tx } from "../db.ts";
import { Prisma } from "../generated/prisma/client.ts";
import type { AuditAction } from "./audit-actions.ts";
import { currentRequestContext } from "./request-context.ts";

export { AUDIT_ACTIONS, type AuditAction } from "./audit-actions.ts";

export type AuditEventInput = {
  orgId: string | null;
  /** Defaults to the target when it is a project, or metadata.projectId. */
  projectId?: string | null;
  actorId: string | null;
  action: AuditAction;
  /** `label`: the target in words, when the caller has it (a row it just deleted, say). */
  target: { type: string; id: string; label?: string };
  metadata?: Prisma.InputJsonObject;
  /** The change in one line of words, as the list shows it: "Member → No access". */
  summary?: string;
};

/** A person as "name (email)"; a machine identity, whose address is made up, as "name (machine identity)". */
const PRINCIPAL_LABEL = Prisma.sql`CASE WHEN kind = 'IDENTITY' THEN name || ' (machine identity)' ELSE name || ' (' || email || ')' END`;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The actor and the target in words, read in the event's transaction: the log shows names as
 * they were then, not ids, and not whatever the rows say later (or nothing once deleted).
 */
async function labelsOf(tx: Pick<Tx, "$queryRaw">, event: AuditEventInput): Promise<{ actor: string | null; target: string | null }> {
  const targetId = UUID.test(event.target.id) ? event.target.id : null;
  const [row] = await tx.$queryRaw<Array<{ actor: string | null; target: string | null }>>`
    SELECT (SELECT ${PRINCIPAL_LABEL} FROM users WHERE id = ${event.actorId}::uuid) AS actor,
           CASE ${event.target.type}
             WHEN 'user' THEN (SELECT ${PRINCIPAL_LABEL} FROM users WHERE id = ${targetId}::uuid)
             WHEN 'identity' THEN (SELECT ${PRINCIPAL_LABEL} FROM users WHERE id = ${targetId}::uuid)
             WHEN 'project' THEN (SELECT name FROM projects WHERE id = ${targetId}::uuid)
             WHEN 'organization' THEN (SELECT name FROM organizations WHERE id = ${targetId}::uuid)
             WHEN 'invitation' THEN (SELECT email FROM invitations WHERE id = ${targetId}::uuid)
             WHEN 'invite-link' THEN (SELECT name FROM invite_links WHERE id = ${targetId}::uuid)
             WHEN 'role' THEN (SELECT name FROM custom_roles WHERE id = ${targetId}::uuid)
             WHEN 'environment' THEN (SELECT name FROM environments WHERE id = ${targetId}::uuid)
             WHEN 'secret' THEN (SELECT key FROM secrets WHERE id = ${targetId}::uuid)
           END AS target`;
  const fromMetadata = [event.metadata?.name, event.metadata?.key, event.metadata?.path].find((value) => typeof value === "string") as string | undefined;
  const permission = event.target.type === "permission" ? event.target.id : undefined;
  return { actor: row?.actor ?? null, target: event.target.label ?? row?.target ?? fromMetadata ?? permission ?? null };
}

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
export async function recordAuditEvent(tx: Pick<Tx, "auditEvent" | "$queryRaw">, event: AuditEventInput): Promise<void> {
  const request = currentRequestContext();
  const labels = await labelsOf(tx, event);
  await tx.auditEvent.create({
    data: {
      orgId: event.orgId,
      projectId: projectOf(event),
      actorId: event.actorId,
      action: event.action,
      targetType: event.target.type,
      targetId: event.target.id,
      metadata: event.metadata ?? {},
      actorLabel: labels.actor,
      targetLabel: labels.target,
      summary: event.summary ?? null,
      ip: request?.ip ?? null,
      userAgent: request?.userAgent?.slice(0, 500) ?? null,
    },
  });
}
