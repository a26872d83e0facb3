import "server-only";
import { directQuery } from "../db.ts";
import { Prisma } from "../../generated/prisma/client.ts";
import { auditWhereSql, beyondCursorSql, type AuditLogScope } from "./list-audit-events.ts";
import { auditFilterSchema } from "./schemas.ts";

const BATCH = 1_000;
const COLUMNS = ["time", "action", "actor_id", "actor_email", "target_type", "target_id", "project_id", "ip", "user_agent", "metadata"];

/** One CSV field: quoted when needed, and never read as a formula by a spreadsheet. */
export function csvField(value: string | null | undefined): string {
  let text = value ?? "";
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/**
 * The filtered events as CSV, newest first, streamed: batches of a thousand are read by
 * keyset and written out one after another, so memory stays flat however many match.
 */
export function auditCsvStream(scope: AuditLogScope, rawFilter: unknown): ReadableStream<Uint8Array> {
  const filter = auditFilterSchema.parse({ ...(rawFilter as object), before: "", after: "" });
  const where = auditWhereSql(scope, filter);
  const encoder = new TextEncoder();
  let cursor: { createdAt: Date; id: string } | null = null;
  let started = false;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!started) {
        started = true;
        controller.enqueue(encoder.encode(`${COLUMNS.join(",")}\r\n`));
        return;
      }
      const current = cursor;
      const batch = await directQuery<{
        id: string;
        createdAt: Date;
        action: string;
        actorId: string | null;
        actorEmail: string | null;
        targetType: string;
        targetId: string;
        projectId: string | null;
        ip: string | null;
        userAgent: string | null;
        metadata: unknown;
      }>(Prisma.sql`
        SELECT e.id, e.created_at AS "createdAt", e.action, e.actor_id AS "actorId", u.email AS "actorEmail", e.target_type AS "targetType",
               e.target_id AS "targetId", e.project_id AS "projectId", e.ip, e.user_agent AS "userAgent", e.metadata
          FROM audit_events e LEFT JOIN users u ON u.id = e.actor_id
         WHERE ${where} ${current ? Prisma.sql`AND ${beyondCursorSql(current, "older")}` : Prisma.empty}
         ORDER BY e.created_at DESC, e.id DESC
         LIMIT ${BATCH}`);
      const lines = batch.map((event) =>
        [
          event.createdAt.toISOString(),
          event.action,
          event.actorId,
          event.actorEmail,
          event.targetType,
          event.targetId,
          event.projectId,
          event.ip,
          event.userAgent,
          JSON.stringify(event.metadata),
        ]
          .map(csvField)
          .join(","),
      );
      if (lines.length > 0) controller.enqueue(encoder.encode(`${lines.join("\r\n")}\r\n`));
      const last = batch.at(-1);
      if (batch.length < BATCH || !last) controller.close();
      else cursor = { createdAt: last.createdAt, id: last.id };
    },
  });
}
