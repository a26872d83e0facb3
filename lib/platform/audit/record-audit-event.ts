import "server-only";
import { preparedQuery, type Tx } from "../db.ts";
import { Prisma } from "../../generated/prisma/client.ts";
import { uuid7 } from "../uuid7.ts";
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

/** A person as "name (email)"; a machine identity, whose address is made up, as "identity name". */
const PRINCIPAL_LABEL = Prisma.sql`CASE WHEN kind = 'IDENTITY' THEN 'identity ' || name ELSE name || ' (' || email || ')' END`;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

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
export async function recordAuditEvent(tx: Pick<Tx, "$executeRaw">, event: AuditEventInput): Promise<void> {
  await tx.$executeRaw(auditInsert(event, Prisma.empty));
}

/**
 * Records a read that writes nothing else (secrets read through the API), as its own
 * statement, before the values are answered. Its commit does not wait for the disk flush
 * (`synchronous_commit` off for this one transaction): a crash of PostgreSQL itself may
 * lose the last fraction of a second of such records, never a change or its record, and
 * the API's hot path does not pay a flush per read.
 */
export async function recordReadAuditEvent(event: AuditEventInput): Promise<void> {
  await preparedQuery(auditInsert(event, Prisma.sql`FROM (SELECT set_config('synchronous_commit', 'off', true)) AS relaxed`));
}

/**
 * A write (an INSERT or UPDATE ... RETURNING) and its audit event as one statement, atomic
 * without a transaction of its own: the event is recorded once per row written, so a write
 * that changed nothing records nothing.
 */
export function withAuditEvent(write: Prisma.Sql, event: AuditEventInput): Prisma.Sql {
  return Prisma.sql`WITH written AS (${write}) ${auditInsert(event, Prisma.sql`FROM written`)}`;
}

function auditInsert(event: AuditEventInput, from: Prisma.Sql): Prisma.Sql {
  const request = currentRequestContext();
  const targetId = UUID.test(event.target.id) ? event.target.id : null;
  const fromMetadata = [event.metadata?.name, event.metadata?.key, event.metadata?.path].find((value) => typeof value === "string") as string | undefined;
  const permission = event.target.type === "permission" ? event.target.id : null;
  // One statement: the actor and the target in words are read as the row is written, so the
  // log shows names as they were then, not ids, and not whatever the rows say later.
  return Prisma.sql`
    INSERT INTO audit_events (id, org_id, project_id, actor_id, action, target_type, target_id, metadata, actor_label, target_label, summary, ip, user_agent)
    SELECT ${uuid7()}::uuid, ${event.orgId}::uuid, ${projectOf(event)}::uuid, ${event.actorId}::uuid, ${event.action}, ${event.target.type}, ${event.target.id},
           ${JSON.stringify(event.metadata ?? {})}::jsonb,
           (SELECT ${PRINCIPAL_LABEL} FROM users WHERE id = ${event.actorId}::uuid),
           COALESCE(${event.target.label ?? null}, CASE ${event.target.type}
             WHEN 'user' THEN (SELECT ${PRINCIPAL_LABEL} FROM users WHERE id = ${targetId}::uuid)
             WHEN 'identity' THEN (SELECT name FROM users WHERE id = ${targetId}::uuid)
             WHEN 'project' THEN (SELECT name FROM projects WHERE id = ${targetId}::uuid)
             WHEN 'organization' THEN (SELECT name FROM organizations WHERE id = ${targetId}::uuid)
             WHEN 'invitation' THEN (SELECT email FROM invitations WHERE id = ${targetId}::uuid)
             WHEN 'invite-link' THEN (SELECT name FROM invite_links WHERE id = ${targetId}::uuid)
             WHEN 'role' THEN (SELECT name FROM custom_roles WHERE id = ${targetId}::uuid)
             WHEN 'environment' THEN (SELECT name FROM environments WHERE id = ${targetId}::uuid)
             WHEN 'secret' THEN (SELECT key FROM secrets WHERE id = ${targetId}::uuid)
             WHEN 'group' THEN (SELECT name FROM groups WHERE id = ${targetId}::uuid)
           END, ${fromMetadata ?? null}, ${permission}),
           ${event.summary ?? null}, ${request?.ip ?? null}, ${request?.userAgent?.slice(0, 500) ?? null}
    ${from}`;
}

/** An event's own part; who did it, in which org and project, comes from the actor's access. */
export type AccessEventInput = Omit<AuditEventInput, "orgId" | "projectId" | "actorId">;

/** Records what the actor did in a project, inside the caller's transaction. */
export function recordProjectEvent(
  tx: Pick<Tx, "$executeRaw">,
  access: { orgAccess: { org: { id: string }; actor: { userId: string } }; project: { id: string } },
  event: AccessEventInput,
): Promise<void> {
  return recordAuditEvent(tx, { orgId: access.orgAccess.org.id, projectId: access.project.id, actorId: access.orgAccess.actor.userId, ...event });
}

/** Records what the actor did in an org, inside the caller's transaction. */
export function recordOrgEvent(
  tx: Pick<Tx, "$executeRaw">,
  access: { org: { id: string }; actor: { userId: string } },
  event: AccessEventInput & { projectId?: string | null },
): Promise<void> {
  return recordAuditEvent(tx, { orgId: access.org.id, actorId: access.actor.userId, ...event });
}
