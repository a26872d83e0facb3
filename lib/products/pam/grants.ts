import "server-only";
import { recordAuditEvent } from "../../platform/audit/record-audit-event.ts";
import { requireProjectType, type ProjectAccess } from "../../platform/authz/project-access.ts";
import { db, type Tx } from "../../platform/db.ts";
import { ForbiddenError, NotFoundError, RefusedError } from "../../platform/errors.ts";
import { targetOf, type ResourceRow } from "./resources.ts";
import { requestRefSchema, type RequestRefInput } from "./schemas.ts";
import { dropLoginRole, observeSessions, TargetUnreachableError, type ObservedSession } from "./target.ts";

// A grant ends three ways: its time is up, someone revokes it, or its holder is no longer a
// member of the project. Ending it means work on the target database (no login, sessions
// ended, role dropped), so it is done row by row under a SKIP LOCKED claim: by the revoking
// request at once, and by the sweep for expiries and for any revocation the database was
// not reachable for. Several instances share the sweep without doing a grant twice.

const DUE_SQL = `r.status = 'ACTIVE' AND (r.expires_at <= now() OR r.end_requested_at IS NOT NULL
  OR (NOT EXISTS (SELECT 1 FROM project_memberships pm WHERE pm.project_id = r.project_id AND pm.user_id = r.requester_id)
      AND NOT EXISTS (SELECT 1 FROM group_members gm JOIN group_project_roles gpr ON gpr.group_id = gm.group_id
                       WHERE gm.user_id = r.requester_id AND gpr.project_id = r.project_id
                         AND (gpr.expires_at IS NULL OR gpr.expires_at > now()))))`;

type DueGrant = {
  id: string;
  project_id: string;
  org_id: string;
  login_role: string;
  account_name: string;
  resource_id: string;
  revoked_by_id: string | null;
  ending: "revoked" | "expired" | "left";
};

async function claimDue(tx: Tx, requestId: string | null): Promise<DueGrant | null> {
  const rows = await tx.$queryRawUnsafe<DueGrant[]>(
    `SELECT r.id, r.project_id, p.org_id, r.login_role, a.name AS account_name, a.resource_id, r.revoked_by_id,
            CASE WHEN r.end_requested_at IS NOT NULL THEN 'revoked' WHEN r.expires_at <= now() THEN 'expired' ELSE 'left' END AS ending
       FROM pam_access_requests r JOIN pam_accounts a ON a.id = r.account_id JOIN projects p ON p.id = r.project_id
      WHERE ${DUE_SQL} AND ($1::uuid IS NULL OR r.id = $1::uuid)
      ORDER BY r.expires_at
      LIMIT 1
        FOR UPDATE OF r SKIP LOCKED`,
    requestId,
  );
  return rows[0] ?? null;
}

async function recordSessions(tx: Tx, requestId: string, observed: readonly ObservedSession[], goneAt: Date | null): Promise<void> {
  for (const session of observed) {
    await tx.$executeRaw`
      INSERT INTO pam_sessions (id, request_id, pid, backend_start, client_address, first_seen_at, last_seen_at, gone_at)
      VALUES (gen_random_uuid(), ${requestId}::uuid, ${session.pid}, ${session.backendStart}, ${session.clientAddress}, now(), now(), ${goneAt})
      ON CONFLICT (request_id, pid, backend_start) DO UPDATE SET last_seen_at = now(), gone_at = EXCLUDED.gone_at`;
  }
}

/** Ends one due grant (the next one, or `requestId`): false when none was due or free to claim. */
async function endOneGrant(requestId: string | null): Promise<boolean> {
  let claimed: DueGrant | null = null;
  try {
    return await db().$transaction(
      async (tx) => {
        claimed = await claimDue(tx, requestId);
        if (!claimed) return false;
        const grant = claimed;
        const resource = (await tx.pamResource.findUniqueOrThrow({ where: { id: grant.resource_id } })) as ResourceRow;
        const ended = await dropLoginRole(await targetOf(tx, resource), grant.login_role);
        const now = new Date();
        await recordSessions(tx, grant.id, ended, now);
        await tx.$executeRaw`UPDATE pam_sessions SET gone_at = ${now} WHERE request_id = ${grant.id}::uuid AND gone_at IS NULL`;
        await tx.pamAccessRequest.update({
          where: { id: grant.id },
          data: { status: grant.ending === "expired" ? "EXPIRED" : "REVOKED", endedAt: now, sealedPassword: null, teardownError: null },
        });
        await recordAuditEvent(tx, {
          orgId: grant.org_id,
          projectId: grant.project_id,
          actorId: grant.ending === "revoked" ? grant.revoked_by_id : null,
          action: grant.ending === "expired" ? "pam.grant-expired" : "pam.grant-revoked",
          target: { type: "pam-request", id: grant.id, label: grant.login_role },
          metadata: {
            loginRole: grant.login_role,
            account: grant.account_name,
            sessionsEnded: ended.length,
            ...(grant.ending === "left" ? { why: "the requester is no longer a member of the project" } : {}),
          },
          summary: `${grant.login_role} dropped, ${ended.length} session${ended.length === 1 ? "" : "s"} ended`,
        });
        return true;
      },
      { timeout: 30_000, maxWait: 10_000 },
    );
  } catch (error) {
    const failed = claimed as DueGrant | null;
    if (!failed) throw error;
    const message = error instanceof TargetUnreachableError ? error.failure.message : (error as Error).message;
    await db().pamAccessRequest.update({ where: { id: failed.id }, data: { teardownError: message.slice(0, 500) } });
    throw error;
  }
}

/**
 * Refuses deleting a project or org that holds active grants: deleting their records would
 * leave the logins on the databases, out of the sweep's reach.
 */
export async function assertNoLiveGrants(tx: Tx, scope: { projectId: string } | { orgId: string }): Promise<void> {
  const live = await tx.pamAccessRequest.count({
    where: { status: "ACTIVE", ...("projectId" in scope ? { projectId: scope.projectId } : { project: { orgId: scope.orgId } }) },
  });
  if (live) {
    throw new RefusedError(
      `${live} database grant${live === 1 ? " is" : "s are"} still active here: revoke ${live === 1 ? "it" : "them"} on the PAM project's Grants and sessions page first.`,
    );
  }
}

/**
 * "Revoke now": marks the grant for ending (so the sweep finishes it whatever happens next),
 * then ends it at once. If the database cannot be reached the grant shows as being revoked,
 * with the reason, and the sweep keeps trying.
 */
export async function revokeGrant(access: ProjectAccess, input: RequestRefInput): Promise<{ ended: boolean; problem: string | null }> {
  requireProjectType(access, "PAM");
  const { requestId } = requestRefSchema.parse(input);
  await db().$transaction(async (tx) => {
    await tx.$queryRaw`SELECT id FROM pam_access_requests WHERE id = ${requestId}::uuid AND project_id = ${access.project.id}::uuid FOR UPDATE`;
    const row = await tx.pamAccessRequest.findFirst({
      where: { id: requestId, projectId: access.project.id },
      select: { status: true, endRequestedAt: true, account: { select: { name: true, resource: { select: { name: true } } } } },
    });
    if (!row) throw new NotFoundError();
    const names = { resourceName: row.account.resource.name, accountName: row.account.name };
    if (!access.can("access-request:revoke", names)) throw new ForbiddenError("access-request:revoke");
    if (row.status !== "ACTIVE") throw new RefusedError("This grant is not active.");
    if (!row.endRequestedAt) {
      await tx.pamAccessRequest.update({ where: { id: requestId }, data: { endRequestedAt: new Date(), revokedById: access.orgAccess.actor.userId } });
    }
  });
  try {
    if (await endOneGrant(requestId)) return { ended: true, problem: null };
    return await outcomeOfOtherEnding(requestId);
  } catch (error) {
    const problem = error instanceof TargetUnreachableError ? error.failure.message : (error as Error).message;
    return { ended: false, problem: `The database did not take the login away yet (${problem}); Tessera keeps trying every few seconds.` };
  }
}

/**
 * When the sweep (here or on another instance) had claimed the grant first, waits for its
 * transaction by locking the row without SKIP LOCKED, then says what it did: the page the
 * revoker sees next must not show a grant "being revoked" that nothing will refresh.
 */
async function outcomeOfOtherEnding(requestId: string): Promise<{ ended: boolean; problem: string | null }> {
  const [row] = await db().$transaction(
    (tx) => tx.$queryRaw<Array<{ status: string; teardown_error: string | null }>>`
      SELECT status, teardown_error FROM pam_access_requests WHERE id = ${requestId}::uuid FOR UPDATE`,
    { timeout: 40_000, maxWait: 10_000 },
  );
  if (!row || row.status !== "ACTIVE") return { ended: true, problem: null };
  return {
    ended: false,
    problem: `The database did not take the login away yet (${row.teardown_error ?? "it is being retried"}); Tessera keeps trying every few seconds.`,
  };
}

/** The sweep's expiry part: ends due grants one by one until none is left or `limit` is reached. */
export async function endDueGrants(limit = 50): Promise<number> {
  let ended = 0;
  for (let attempt = 0; attempt < limit; attempt++) {
    try {
      if (!(await endOneGrant(null))) break;
      ended++;
    } catch (error) {
      console.error("Ending a PAM grant failed; it is retried on the next sweep:", (error as Error).message);
      break;
    }
  }
  return ended;
}

/**
 * The sweep's sampling part: the live connections of every active grant's login role, per
 * resource, as pg_stat_activity shows them to the broker. A connection seen before and not
 * now is marked gone at this sample: sessions report what was observed, nothing more.
 */
export async function sampleGrantSessions(): Promise<number> {
  const grants = await db().pamAccessRequest.findMany({
    where: { status: "ACTIVE", loginRole: { not: null } },
    select: { id: true, loginRole: true, account: { select: { resource: true } } },
    take: 1000,
  });
  const byResource = new Map<string, { resource: ResourceRow; grants: Array<{ id: string; loginRole: string }> }>();
  for (const grant of grants) {
    const resource = grant.account.resource as ResourceRow;
    const entry = byResource.get(resource.id) ?? { resource, grants: [] };
    entry.grants.push({ id: grant.id, loginRole: grant.loginRole! });
    byResource.set(resource.id, entry);
  }
  let seen = 0;
  for (const { resource, grants: held } of byResource.values()) {
    try {
      const observed = await observeSessions(
        await targetOf(db(), resource),
        held.map((grant) => grant.loginRole),
      );
      const now = new Date();
      await db().$transaction(async (tx) => {
        for (const grant of held) {
          const mine = observed.filter((session) => session.loginRole === grant.loginRole);
          await recordSessions(tx, grant.id, mine, null);
          await tx.$executeRaw`
            UPDATE pam_sessions SET gone_at = ${now}
             WHERE request_id = ${grant.id}::uuid AND gone_at IS NULL AND NOT (pid = ANY(${mine.map((session) => session.pid)}::int[]))`;
        }
      });
      seen += observed.length;
    } catch (error) {
      console.error(`Sampling sessions on PAM resource ${resource.name} failed:`, (error as Error).message);
    }
  }
  return seen;
}

export type GrantListItem = {
  id: string;
  status: "ACTIVE" | "EXPIRED" | "REVOKED";
  loginRole: string;
  accountName: string;
  resourceName: string;
  requesterName: string | null;
  grantedAt: Date;
  expiresAt: Date;
  endedAt: Date | null;
  endRequestedAt: Date | null;
  teardownError: string | null;
  breakGlass: boolean;
  canRevoke: boolean;
  sessions: Array<{ pid: number; backendStart: Date; clientAddress: string | null; lastSeenAt: Date; goneAt: Date | null }>;
};

/** Active grants, then the 50 that ended last, each with the sessions seen. */
export async function listGrants(access: ProjectAccess): Promise<{ active: GrantListItem[]; ended: GrantListItem[] }> {
  requireProjectType(access, "PAM");
  if (!access.can("session:read")) throw new ForbiddenError("session:read");
  const select = {
    id: true,
    status: true,
    loginRole: true,
    grantedAt: true,
    expiresAt: true,
    endedAt: true,
    endRequestedAt: true,
    teardownError: true,
    breakGlass: true,
    account: { select: { name: true, resource: { select: { name: true } } } },
    requester: { select: { name: true } },
    sessions: {
      orderBy: { backendStart: "desc" as const },
      take: 20,
      select: { pid: true, backendStart: true, clientAddress: true, lastSeenAt: true, goneAt: true },
    },
  } as const;
  const [active, ended] = await Promise.all([
    db().pamAccessRequest.findMany({ where: { projectId: access.project.id, status: "ACTIVE" }, orderBy: { expiresAt: "asc" }, take: 500, select }),
    db().pamAccessRequest.findMany({
      where: { projectId: access.project.id, status: { in: ["EXPIRED", "REVOKED"] } },
      orderBy: { endedAt: "desc" },
      take: 50,
      select,
    }),
  ]);
  const shape = (row: (typeof active)[number]): GrantListItem => ({
    id: row.id,
    status: row.status as GrantListItem["status"],
    loginRole: row.loginRole!,
    accountName: row.account.name,
    resourceName: row.account.resource.name,
    requesterName: row.requester?.name ?? null,
    grantedAt: row.grantedAt!,
    expiresAt: row.expiresAt!,
    endedAt: row.endedAt,
    endRequestedAt: row.endRequestedAt,
    teardownError: row.teardownError,
    breakGlass: row.breakGlass,
    canRevoke: row.status === "ACTIVE" && access.can("access-request:revoke", { resourceName: row.account.resource.name, accountName: row.account.name }),
    sessions: row.sessions,
  });
  return { active: active.map(shape), ended: ended.map(shape) };
}
