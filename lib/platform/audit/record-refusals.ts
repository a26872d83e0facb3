import "server-only";
import { db } from "../db.ts";
import { consumeRateLimit } from "../rate-limits/rate-limit.ts";
import { recordAuditEvent } from "./record-audit-event.ts";

/** At most one denial per person per org per minute is kept: a flood cannot fill the table. */
const DENIAL_SAMPLE = { name: "audit-denied:actor", points: 1, windowSeconds: 60 };

/** A member asked for something their role does not allow. Sampled. */
export async function recordPermissionDenied(denial: { orgId: string; projectId: string | null; actorId: string; permission: string }): Promise<void> {
  if (!(await consumeRateLimit(DENIAL_SAMPLE, `${denial.orgId}:${denial.actorId}`)).allowed) return;
  await recordAuditEvent(db(), {
    orgId: denial.orgId,
    projectId: denial.projectId,
    actorId: denial.actorId,
    action: "permission.denied",
    target: { type: "permission", id: denial.permission },
  });
}

/** A wrong password for an existing account: a security event of the account, in no org's log. */
export async function recordFailedSignIn(userId: string, email: string): Promise<void> {
  await recordAuditEvent(db(), { orgId: null, actorId: null, action: "sign-in.failed", target: { type: "user", id: userId }, metadata: { email } });
}
