import "server-only";
import type { OrgAccess } from "../authz/org-access.ts";
import type { ProjectAccess } from "../authz/project-access.ts";
import { db, directQuery } from "../db.ts";
import { ForbiddenError, NotFoundError } from "../errors.ts";
import { Prisma } from "../../generated/prisma/client.ts";
import { AUDIT_PAGE_SIZE, auditFilterSchema, type AuditFilter } from "./schemas.ts";

/** Whose log is read: an org's, or one project's within it. The caller's access decides. */
export type AuditLogScope = { orgId: string; projectId: string | null };

/** An org's log, for those with audit-log:read in the org. */
export function orgAuditScope(access: OrgAccess): AuditLogScope {
  if (!access.can("audit-log:read")) throw new ForbiddenError("audit-log:read");
  return { orgId: access.org.id, projectId: null };
}

/** A project's log, for those with audit-log:read in the project. */
export function projectAuditScope(access: ProjectAccess): AuditLogScope {
  if (!access.can("audit-log:read")) throw new ForbiddenError("audit-log:read");
  return { orgId: access.orgAccess.org.id, projectId: access.project.id };
}

/** What the list shows of an event; the detail page reads the rest. */
export type AuditEventSummary = {
  id: string;
  createdAt: Date;
  action: string;
  actor: { id: string; name: string; email: string } | null;
  actorId: string | null;
  targetType: string;
  targetId: string;
  projectId: string | null;
  /** As they were when it happened; null for events recorded before labels were. */
  actorLabel: string | null;
  targetLabel: string | null;
  summary: string | null;
};

export type AuditEventRow = AuditEventSummary & { ip: string | null; userAgent: string | null; metadata: Prisma.JsonValue };

const SELECT = {
  id: true,
  createdAt: true,
  action: true,
  actorId: true,
  actor: { select: { id: true, name: true, email: true } },
  targetType: true,
  targetId: true,
  projectId: true,
  actorLabel: true,
  targetLabel: true,
  summary: true,
  ip: true,
  userAgent: true,
  metadata: true,
} as const;

export function encodeCursor(event: { createdAt: Date; id: string }): string {
  return Buffer.from(`${event.createdAt.toISOString()}|${event.id}`).toString("base64url");
}

function decodeCursor(cursor: string): { createdAt: Date; id: string } | null {
  const [time, id] = Buffer.from(cursor, "base64url").toString().split("|");
  const createdAt = new Date(time ?? "");
  if (!id || !/^[0-9a-f-]{36}$/.test(id) || Number.isNaN(createdAt.getTime())) return null;
  return { createdAt, id };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * The filters as conditions on `e` (audit_events), always inside the scope: the one
 * definition the page and the CSV export read by. A project slug that names no project of
 * the org, or an actor email of nobody, finds no events (never another org's).
 */
export function auditWhereSql(scope: AuditLogScope, filter: AuditFilter): Prisma.Sql {
  const conditions = [Prisma.sql`e.org_id = ${scope.orgId}::uuid`];
  if (scope.projectId) conditions.push(Prisma.sql`e.project_id = ${scope.projectId}::uuid`);
  else if (filter.project)
    conditions.push(Prisma.sql`e.project_id = (SELECT p.id FROM projects p WHERE p.org_id = ${scope.orgId}::uuid AND p.slug = ${filter.project})`);
  if (filter.action) conditions.push(Prisma.sql`e.action = ${filter.action}`);
  if (filter.actor) conditions.push(Prisma.sql`e.actor_id = (SELECT u.id FROM users u WHERE u.email = ${filter.actor})`);
  if (filter.target) {
    conditions.push(
      UUID.test(filter.target)
        ? Prisma.sql`e.target_id = ${filter.target}`
        : Prisma.sql`e.target_label ILIKE ${`%${filter.target.replace(/[\\%_]/g, "\\$&")}%`}`,
    );
  }
  if (filter.from) conditions.push(Prisma.sql`e.created_at >= ${new Date(`${filter.from}T00:00:00Z`)}`);
  if (filter.to) conditions.push(Prisma.sql`e.created_at < ${new Date(new Date(`${filter.to}T00:00:00Z`).getTime() + DAY_MS)}`);
  return Prisma.join(conditions, " AND ");
}

/** Events after (older: before) a cursor, in the order the (org, created_at, id) indexes keep. */
export function beyondCursorSql(cursor: { createdAt: Date; id: string }, direction: "older" | "newer"): Prisma.Sql {
  return direction === "older"
    ? Prisma.sql`(e.created_at, e.id) < (${cursor.createdAt}, ${cursor.id}::uuid)`
    : Prisma.sql`(e.created_at, e.id) > (${cursor.createdAt}, ${cursor.id}::uuid)`;
}

type SummaryRow = AuditEventSummary & { projectName: string | null };

/**
 * One page of events, newest first, by keyset on (created_at, id): as fast deep in a
 * million events as on the first page. Returns cursors for the older and newer pages. One
 * statement with each event's actor and (for the org's log) project name; deleted projects
 * have none.
 */
export async function listAuditEvents(scope: AuditLogScope, rawFilter: unknown) {
  const filter = auditFilterSchema.parse(rawFilter ?? {});
  const after = filter.after ? decodeCursor(filter.after) : null;
  const before = !after && filter.before ? decodeCursor(filter.before) : null;
  const cursor = after ? Prisma.sql`AND ${beyondCursorSql(after, "newer")}` : before ? Prisma.sql`AND ${beyondCursorSql(before, "older")}` : Prisma.empty;
  const order = after ? Prisma.sql`e.created_at ASC, e.id ASC` : Prisma.sql`e.created_at DESC, e.id DESC`;
  const found = await directQuery<SummaryRow>(Prisma.sql`
    SELECT e.id, e.created_at AS "createdAt", e.action, e.actor_id AS "actorId",
           CASE WHEN u.id IS NULL THEN NULL ELSE json_build_object('id', u.id, 'name', u.name, 'email', u.email) END AS actor,
           e.target_type AS "targetType", e.target_id AS "targetId", e.project_id AS "projectId",
           e.actor_label AS "actorLabel", e.target_label AS "targetLabel", e.summary, p.name AS "projectName"
      FROM audit_events e
      LEFT JOIN users u ON u.id = e.actor_id
      LEFT JOIN projects p ON p.id = e.project_id AND p.org_id = ${scope.orgId}::uuid
     WHERE ${auditWhereSql(scope, filter)} ${cursor}
     ORDER BY ${order}
     LIMIT ${AUDIT_PAGE_SIZE + 1}`);
  const more = found.length > AUDIT_PAGE_SIZE;
  const rows = after ? found.slice(0, AUDIT_PAGE_SIZE).reverse() : found.slice(0, AUDIT_PAGE_SIZE);
  const first = rows[0];
  const last = rows.at(-1);
  return {
    filter,
    rows,
    olderCursor: last && (after || more) ? encodeCursor(last) : null,
    newerCursor: first && (before || (after && more)) ? encodeCursor(first) : null,
  };
}

/** One event of the scope; another org's (or project's) events do not exist here. */
export async function getAuditEvent(scope: AuditLogScope, eventId: string): Promise<AuditEventRow> {
  if (!/^[0-9a-f-]{36}$/.test(eventId)) throw new NotFoundError();
  const event = await db().auditEvent.findFirst({
    where: { id: eventId, orgId: scope.orgId, ...(scope.projectId ? { projectId: scope.projectId } : {}) },
    select: SELECT,
  });
  if (!event) throw new NotFoundError();
  return event;
}

/** Who acted, in words: the name recorded then, else today's, else what is known. */
export function describeActor(event: Pick<AuditEventSummary, "actor" | "actorId" | "actorLabel">): string {
  if (event.actorLabel) return event.actorLabel;
  if (event.actor) return `${event.actor.name} (${event.actor.email})`;
  return event.actorId ? "A deleted account" : "Tessera";
}

/** What was acted on, in words where they were recorded, else its kind and a short id. */
export function describeTarget(event: Pick<AuditEventSummary, "targetType" | "targetId" | "targetLabel">): string {
  const kind = event.targetType.replaceAll("-", " ");
  return event.targetLabel ? `${kind} ${event.targetLabel}` : `${kind} ${event.targetId.slice(0, 8)}…`;
}
