import "server-only";
import { recordAuditEvent } from "../audit/record-audit-event.ts";
import { db } from "../db.ts";

const BATCH = 500;

type ExpiredGrant = { id: string; role: string; expires_at: Date; user_id: string; project_id: string; org_id: string };

/**
 * Records in the audit log each temporary project role that has expired. Access already
 * ended at that instant (queries compare with now()); this only writes it down. Grants are
 * claimed with SKIP LOCKED, so several app instances sweeping at once never record one twice.
 */
export async function recordExpiredGrants(): Promise<number> {
  let recorded = 0;
  for (;;) {
    const count = await db().$transaction(async (tx) => {
      const expired = await tx.$queryRaw<ExpiredGrant[]>`
        SELECT g.id, g.role, g.expires_at, pm.user_id, pm.project_id, p.org_id
          FROM project_role_grants g
          JOIN project_memberships pm ON pm.id = g.project_membership_id
          JOIN projects p ON p.id = pm.project_id
         WHERE g.expires_at <= now() AND g.expiry_recorded_at IS NULL
         LIMIT ${BATCH}
           FOR UPDATE OF g SKIP LOCKED`;
      for (const grant of expired) {
        await recordAuditEvent(tx, {
          orgId: grant.org_id,
          projectId: grant.project_id,
          actorId: null,
          action: "project-member.grant-expired",
          target: { type: "user", id: grant.user_id },
          metadata: { role: grant.role, expiresAt: grant.expires_at.toISOString() },
        });
      }
      if (expired.length > 0) {
        await tx.projectRoleGrant.updateMany({ where: { id: { in: expired.map((grant) => grant.id) } }, data: { expiryRecordedAt: new Date() } });
      }
      return expired.length;
    });
    recorded += count;
    if (count < BATCH) return recorded + (await recordExpiredGroupGrants());
  }
}

type ExpiredGroupGrant = { id: string; role: string; expires_at: Date; group_id: string; group_name: string; project_id: string; org_id: string };

/** The same for roles groups held in projects: one event per group role, naming the group. */
async function recordExpiredGroupGrants(): Promise<number> {
  let recorded = 0;
  for (;;) {
    const count = await db().$transaction(async (tx) => {
      const expired = await tx.$queryRaw<ExpiredGroupGrant[]>`
        SELECT g.id, g.role, g.expires_at, g.group_id, gr.name AS group_name, g.project_id, gr.org_id
          FROM group_project_roles g JOIN groups gr ON gr.id = g.group_id
         WHERE g.expires_at <= now() AND g.expiry_recorded_at IS NULL
         LIMIT ${BATCH}
           FOR UPDATE OF g SKIP LOCKED`;
      for (const grant of expired) {
        await recordAuditEvent(tx, {
          orgId: grant.org_id,
          projectId: grant.project_id,
          actorId: null,
          action: "group.grant-expired",
          target: { type: "group", id: grant.group_id, label: grant.group_name },
          metadata: { role: grant.role, expiresAt: grant.expires_at.toISOString() },
        });
      }
      if (expired.length > 0) {
        await tx.groupProjectRole.updateMany({ where: { id: { in: expired.map((grant) => grant.id) } }, data: { expiryRecordedAt: new Date() } });
      }
      return expired.length;
    });
    recorded += count;
    if (count < BATCH) return recorded;
  }
}
