import "server-only";
import { lockOrgPlan, orgPlanOf } from "../billing/limits.ts";
import type { OrgAccess } from "../authz/org-access.ts";
import { db } from "../db.ts";
import { ForbiddenError, ValidationError } from "../errors.ts";
import { consumeRateLimit } from "../rate-limits/rate-limit.ts";
import { recordOrgEvent } from "../audit/record-audit-event.ts";
import { auditRetentionSchema, type AuditRetentionInput } from "./schemas.ts";

const PRUNE_BATCH = 5_000;
/** Pruning runs at most this often per org, whichever app instance notices first. */
const PRUNE_EVERY = { name: "audit-prune:org", points: 1, windowSeconds: 10 * 60 };

export async function getAuditRetention(access: OrgAccess): Promise<number | null> {
  const org = await db().organization.findUniqueOrThrow({ where: { id: access.org.id }, select: { auditRetentionDays: true } });
  return org.auditRetentionDays;
}

/** Sets how long the org keeps its audit events (null: forever). Recorded like any change. */
export async function setAuditRetention(access: OrgAccess, input: AuditRetentionInput): Promise<void> {
  if (!access.can("organization:edit")) throw new ForbiddenError("organization:edit");
  const { retentionDays } = auditRetentionSchema.parse(input);
  await db().$transaction(async (tx) => {
    // The plan caps how long events are kept (empty: as long as the plan allows).
    const plan = await lockOrgPlan(tx, access.org.id);
    const cap = plan.limits.auditRetentionDays;
    if (cap !== null && retentionDays !== null && retentionDays > cap) {
      throw ValidationError.field("retentionDays", `The ${plan.definition.name} plan keeps audit events for at most ${cap} days.`);
    }
    const before = await tx.organization.findUniqueOrThrow({ where: { id: access.org.id }, select: { auditRetentionDays: true } });
    await tx.organization.update({ where: { id: access.org.id }, data: { auditRetentionDays: retentionDays } });
    await recordOrgEvent(tx, access, {
      action: "audit-log.retention-changed",
      target: { type: "organization", id: access.org.id },
      metadata: { before: before.auditRetentionDays, after: retentionDays },
    });
  });
}

/** When this process last asked the database whether an org was due, per org id. */
const lastChecked = new Map<string, number>();

/**
 * The shared limit in PostgreSQL keeps instances from pruning one org together; this
 * memory spares the database even that question on most views of the audit page.
 */
function checkedRecently(orgId: string): boolean {
  const now = Date.now();
  if (now - (lastChecked.get(orgId) ?? 0) < PRUNE_EVERY.windowSeconds * 1000) return true;
  lastChecked.set(orgId, now);
  return false;
}

/**
 * Deletes the org's events older than its retention, a batch at a time so no statement
 * holds locks for long. Meant for after() — once the response has gone — and throttled.
 */
export async function pruneExpiredAuditEvents(orgId: string, { force = false } = {}): Promise<number> {
  if (!force && (checkedRecently(orgId) || !(await consumeRateLimit(PRUNE_EVERY, orgId)).allowed)) return 0;
  const org = await db().organization.findUnique({ where: { id: orgId }, select: { auditRetentionDays: true, plan: true, seatLimit: true } });
  if (!org) return 0;
  // The org's own setting, never longer than its plan keeps events.
  const cap = orgPlanOf({ plan: org.plan, seat_limit: org.seatLimit }).limits.auditRetentionDays;
  const days = org.auditRetentionDays === null ? cap : cap === null ? org.auditRetentionDays : Math.min(org.auditRetentionDays, cap);
  if (!days) return 0;
  let pruned = 0;
  for (;;) {
    const deleted = await db().$executeRaw`
      DELETE FROM audit_events WHERE id IN (
        SELECT id FROM audit_events
         WHERE org_id = ${orgId}::uuid AND created_at < now() - make_interval(days => ${days})
         LIMIT ${PRUNE_BATCH})`;
    pruned += deleted;
    if (deleted < PRUNE_BATCH) return pruned;
  }
}
