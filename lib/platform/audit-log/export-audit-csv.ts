import "server-only";
import { db } from "../db.ts";
import { auditWhere, projectFilterOf, type AuditLogScope } from "./list-audit-events.ts";
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
  // The project filter is resolved once, on the first batch (the stream starts synchronously).
  let where: ReturnType<typeof auditWhere> | undefined;
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
      where ??= auditWhere(scope, filter, await projectFilterOf(scope, filter));
      const current = cursor;
      const batch = await db().auditEvent.findMany({
        where: current ? { AND: [where, { OR: [{ createdAt: { lt: current.createdAt } }, { createdAt: current.createdAt, id: { lt: current.id } }] }] } : where,
        orderBy: [{ createdAt: "desc" }, { id: "desc" }],
        take: BATCH,
        select: {
          id: true,
          createdAt: true,
          action: true,
          actorId: true,
          actor: { select: { email: true } },
          targetType: true,
          targetId: true,
          projectId: true,
          ip: true,
          userAgent: true,
          metadata: true,
        },
      });
      const lines = batch.map((event) =>
        [
          event.createdAt.toISOString(),
          event.action,
          event.actorId,
          event.actor?.email,
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
