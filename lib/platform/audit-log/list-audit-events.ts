import "server-only";
import type { OrgAccess } from "../authz/org-access.ts";
import type { ProjectAccess } from "../authz/project-access.ts";
import { db } from "../db.ts";
import { ForbiddenError, NotFoundError } from "../errors.ts";
import type { Prisma } from "../../generated/prisma/client.ts";
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

const SUMMARY = {
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
} as const;

const SELECT = {
  ...SUMMARY,
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

/** The names of the projects these events were in (of the scope's org); deleted ones are left out. */
export async function projectNamesOf(scope: AuditLogScope, events: ReadonlyArray<{ projectId: string | null }>): Promise<Map<string, string>> {
  const ids = [...new Set(events.flatMap((event) => (event.projectId ? [event.projectId] : [])))];
  if (ids.length === 0) return new Map();
  const rows = await db().project.findMany({ where: { orgId: scope.orgId, id: { in: ids } }, select: { id: true, name: true } });
  return new Map(rows.map((row) => [row.id, row.name]));
}

/** The filters as a WHERE clause, always inside the scope. */
/**
 * The project filter (a slug) as the project's id, in the scope's org; a slug that names no
 * project there finds no events (never another org's).
 */
export async function projectFilterOf(scope: AuditLogScope, filter: AuditFilter): Promise<string | null> {
  if (!filter.project || scope.projectId) return null;
  const project = await db().project.findFirst({ where: { orgId: scope.orgId, slug: filter.project }, select: { id: true } });
  return project?.id ?? NO_PROJECT;
}
const NO_PROJECT = "00000000-0000-0000-0000-000000000000";

export function auditWhere(scope: AuditLogScope, filter: AuditFilter, projectId: string | null = null): Prisma.AuditEventWhereInput {
  const createdAt: Prisma.DateTimeFilter = {};
  if (filter.from) createdAt.gte = new Date(`${filter.from}T00:00:00Z`);
  if (filter.to) createdAt.lt = new Date(new Date(`${filter.to}T00:00:00Z`).getTime() + 24 * 60 * 60 * 1000);
  return {
    orgId: scope.orgId,
    ...(scope.projectId ? { projectId: scope.projectId } : {}),
    ...(filter.action ? { action: filter.action } : {}),
    ...(filter.actor ? { actor: { email: filter.actor } } : {}),
    ...(filter.target
      ? UUID.test(filter.target)
        ? { targetId: filter.target }
        : { targetLabel: { contains: filter.target, mode: "insensitive" as const } }
      : {}),
    ...(projectId && !scope.projectId ? { projectId } : {}),
    ...(filter.from || filter.to ? { createdAt } : {}),
  };
}

function olderThan(cursor: { createdAt: Date; id: string }): Prisma.AuditEventWhereInput {
  return { OR: [{ createdAt: { lt: cursor.createdAt } }, { createdAt: cursor.createdAt, id: { lt: cursor.id } }] };
}

function newerThan(cursor: { createdAt: Date; id: string }): Prisma.AuditEventWhereInput {
  return { OR: [{ createdAt: { gt: cursor.createdAt } }, { createdAt: cursor.createdAt, id: { gt: cursor.id } }] };
}

/**
 * One page of events, newest first, by keyset on (created_at, id): as fast deep in a
 * million events as on the first page. Returns cursors for the older and newer pages.
 */
export async function listAuditEvents(scope: AuditLogScope, rawFilter: unknown) {
  const filter = auditFilterSchema.parse(rawFilter ?? {});
  const where = auditWhere(scope, filter, await projectFilterOf(scope, filter));
  const after = filter.after ? decodeCursor(filter.after) : null;
  const before = !after && filter.before ? decodeCursor(filter.before) : null;
  let rows: AuditEventSummary[];
  let more: boolean;
  if (after) {
    const newer = await db().auditEvent.findMany({
      where: { AND: [where, newerThan(after)] },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      take: AUDIT_PAGE_SIZE + 1,
      select: SUMMARY,
    });
    more = newer.length > AUDIT_PAGE_SIZE;
    rows = newer.slice(0, AUDIT_PAGE_SIZE).reverse();
  } else {
    const older = await db().auditEvent.findMany({
      where: before ? { AND: [where, olderThan(before)] } : where,
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      take: AUDIT_PAGE_SIZE + 1,
      select: SUMMARY,
    });
    more = older.length > AUDIT_PAGE_SIZE;
    rows = older.slice(0, AUDIT_PAGE_SIZE);
  }
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
