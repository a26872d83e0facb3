import "server-only";
import { recordAuditEvent } from "../audit/record-audit-event.ts";
import { db, type Tx } from "../db.ts";

const BATCH = 500;

type ExpiredGrant = { id: string; role: string; expires_at: Date; project_id: string; org_id: string };
type ExpiredPersonGrant = ExpiredGrant & { user_id: string };
type ExpiredGroupGrant = ExpiredGrant & { group_id: string; group_name: string };

/**
 * Records in the audit log each temporary project role that has expired, a person's and a
 * group's. Access already ended at that instant (queries compare with now()); this only
 * writes it down. Grants are claimed with SKIP LOCKED, so several app instances sweeping at
 * once never record one twice.
 */
export async function recordExpiredGrants(): Promise<number> {
  const people = await sweep<ExpiredPersonGrant>(
    (tx) => tx.$queryRaw`
      SELECT g.id, g.role, g.expires_at, pm.user_id, pm.project_id, p.org_id
        FROM project_role_grants g
        JOIN project_memberships pm ON pm.id = g.project_membership_id
        JOIN projects p ON p.id = pm.project_id
       WHERE g.expires_at <= now() AND g.expiry_recorded_at IS NULL
       LIMIT ${BATCH}
         FOR UPDATE OF g SKIP LOCKED`,
    (grant) => ({ action: "project-member.grant-expired", target: { type: "user", id: grant.user_id } }),
    (tx, ids) => tx.projectRoleGrant.updateMany({ where: { id: { in: ids } }, data: { expiryRecordedAt: new Date() } }),
  );
  const groups = await sweep<ExpiredGroupGrant>(
    (tx) => tx.$queryRaw`
      SELECT g.id, g.role, g.expires_at, g.group_id, gr.name AS group_name, g.project_id, gr.org_id
        FROM group_project_roles g JOIN groups gr ON gr.id = g.group_id
       WHERE g.expires_at <= now() AND g.expiry_recorded_at IS NULL
       LIMIT ${BATCH}
         FOR UPDATE OF g SKIP LOCKED`,
    (grant) => ({ action: "group.grant-expired", target: { type: "group", id: grant.group_id, label: grant.group_name } }),
    (tx, ids) => tx.groupProjectRole.updateMany({ where: { id: { in: ids } }, data: { expiryRecordedAt: new Date() } }),
  );
  return people + groups;
}

/** Claims expired grants a batch at a time, records one event each, and marks them recorded. */
async function sweep<Grant extends ExpiredGrant>(
  claim: (tx: Tx) => Promise<Grant[]>,
  event: (grant: Grant) => Pick<Parameters<typeof recordAuditEvent>[1], "action" | "target">,
  markRecorded: (tx: Tx, ids: string[]) => Promise<unknown>,
): Promise<number> {
  let recorded = 0;
  for (;;) {
    const count = await db().$transaction(async (tx) => {
      const expired = await claim(tx);
      for (const grant of expired) {
        await recordAuditEvent(tx, {
          orgId: grant.org_id,
          projectId: grant.project_id,
          actorId: null,
          ...event(grant),
          metadata: { role: grant.role, expiresAt: grant.expires_at.toISOString() },
        });
      }
      if (expired.length > 0)
        await markRecorded(
          tx,
          expired.map((grant) => grant.id),
        );
      return expired.length;
    });
    recorded += count;
    if (count < BATCH) return recorded;
  }
}
