import "server-only";
import { afterResponse } from "../../platform/after-response.ts";
import { assertPlanIncludes } from "../../platform/billing/limits.ts";
import { recordAuditEvent, recordProjectEvent } from "../../platform/audit/record-audit-event.ts";
import { requireProjectType, type ProjectAccess } from "../../platform/authz/project-access.ts";
import { db, isUniqueViolation, type Tx } from "../../platform/db.ts";
import { ForbiddenError, NotFoundError, RefusedError, ValidationError } from "../../platform/errors.ts";
import { oneLine } from "../../platform/display-names.ts";
import { quoted } from "../../platform/mail/quoted.ts";
import { mailConfigured, publicUrl, sendMail } from "../../platform/mail/send-mail.ts";
import { Prisma } from "../../generated/prisma/client.ts";
import { accountInProject, namesOf, type AccountNames } from "./accounts.ts";
import { approversFor, authorStillApproves, policyFor } from "./policies.ts";
import { openForRow, sealForRow } from "../../platform/kms/row-sealing.ts";
import { resourceInProject, targetOf } from "./resources.ts";
import { createRequestSchema, decideRequestSchema, requestRefSchema, type CreateRequestInput, type DecideRequestInput, type RequestRefInput } from "./schemas.ts";
import { createLoginRole, newLoginPassword, newLoginRoleName, TargetUnreachableError } from "./target.ts";
import { BREAK_GLASS_MIN_REASON, type RequestStatus, REQUEST_STATUS_LABELS } from "./vocabulary.ts";

const MINUTE_MS = 60_000;
/** A grant's login role may hold this many connections at once. */
const CONNECTION_LIMIT = 5;
/** Creating a login role waits on someone else's database: allow for its connect timeout. */
const GRANT_TX = { timeout: 30_000, maxWait: 10_000 } as const;

/** A grant's password sealed for its one showing, bound to its request row. */
export function sealGrantPassword(tx: Pick<Tx, "projectDataKey">, projectId: string, requestId: string, password: string): Promise<Uint8Array<ArrayBuffer>> {
  return sealForRow(tx, projectId, "pam-grant-password", requestId, password);
}

export type GrantedCredentials = {
  loginRole: string;
  password: string;
  host: string;
  port: number;
  database: string;
  sslMode: string;
  expiresAt: Date;
  /** `psql` with the password in PGPASSWORD, and the same as a URL. */
  psqlCommand: string;
  url: string;
};

function credentialsFor(resource: { host: string; port: number; database: string; tlsMode: string }, loginRole: string, password: string, expiresAt: Date): GrantedCredentials {
  const sslMode = resource.tlsMode === "DISABLE" ? "disable" : resource.tlsMode === "REQUIRE" ? "require" : "verify-full";
  const host = resource.host.includes(":") ? `[${resource.host}]` : resource.host;
  const url = `postgresql://${encodeURIComponent(loginRole)}:${encodeURIComponent(password)}@${host}:${resource.port}/${encodeURIComponent(resource.database)}?sslmode=${sslMode}`;
  const quote = (value: string) => `'${value.replace(/'/g, `'\\''`)}'`;
  const psqlCommand = `PGPASSWORD=${quote(password)} psql ${quote(`host=${resource.host} port=${resource.port} dbname=${resource.database} user=${loginRole} sslmode=${sslMode}`)}`;
  return { loginRole, password, host: resource.host, port: resource.port, database: resource.database, sslMode, expiresAt, psqlCommand, url };
}

type GrantInput = { requestId: string; accountId: string; accountRole: string; resourceId: string; durationMinutes: number };

/** Makes the login role on the database and records the grant on the (locked) request row. */
async function grant(tx: Tx, access: ProjectAccess, request: GrantInput, keepPassword: boolean): Promise<GrantedCredentials> {
  const resource = await resourceInProject(tx, access, request.resourceId);
  const loginRole = newLoginRoleName();
  const password = newLoginPassword();
  const grantedAt = new Date();
  const expiresAt = new Date(grantedAt.getTime() + request.durationMinutes * MINUTE_MS);
  try {
    await createLoginRole(await targetOf(tx, resource), { loginRole, password, accountRole: request.accountRole, validUntil: expiresAt, connectionLimit: CONNECTION_LIMIT });
  } catch (error) {
    if (error instanceof TargetUnreachableError) throw new RefusedError(`Tessera cannot reach ${resource.name} to create the login: ${error.failure.message} Nothing was granted; try again.`);
    const message = (error as { message?: string }).message ?? String(error);
    throw new RefusedError(`${resource.name} refused to create the login: ${message}. Nothing was granted; "Test connection" on the resource shows what the broker lacks.`);
  }
  await tx.pamAccessRequest.update({
    where: { id: request.requestId },
    data: {
      status: "ACTIVE",
      loginRole,
      grantedAt,
      expiresAt,
      sealedPassword: keepPassword ? await sealGrantPassword(tx, access.project.id, request.requestId, password) : null,
      credentialsShownAt: keepPassword ? null : grantedAt,
    },
  });
  await recordProjectEvent(tx, access, {
        action: "pam.grant-created",
    target: { type: "pam-request", id: request.requestId, label: loginRole },
    metadata: { loginRole, resource: resource.name, expiresAt: expiresAt.toISOString() },
    summary: `Login ${loginRole} until ${expiresAt.toISOString()}`,
  });
  return credentialsFor(resource, loginRole, password, expiresAt);
}

export type CreatedRequest = { requestId: string; status: RequestStatus; credentials: GrantedCredentials | null };

/**
 * Asks for an account for a while. The strictest policy covering it decides how long at most
 * and who approves; with break-glass a listed person grants it to themselves at once and the
 * approvers are told.
 */
export async function createRequest(access: ProjectAccess, input: CreateRequestInput): Promise<CreatedRequest> {
  requireProjectType(access, "PAM");
  assertPlanIncludes(access.orgAccess.org, "pam");
  const fields = createRequestSchema.parse(input);
  const requesterId = access.orgAccess.actor.userId;
  const created = await db().$transaction(async (tx) => {
    // One open request per person and account at a time: lock the account row to decide it.
    await tx.$queryRaw`SELECT id FROM pam_accounts WHERE id = ${fields.accountId}::uuid AND project_id = ${access.project.id}::uuid FOR UPDATE`;
    const account = await accountInProject(tx, access, fields.accountId);
    const names = namesOf(account);
    access.assert("account:access", names);
    if (!access.can("access-request:create", names)) throw new ForbiddenError("access-request:create");
    const policy = await policyFor(tx, access.project.id, names);
    if (!policy) throw new RefusedError(`No access policy covers ${account.name} on ${account.resource.name}, so nobody can approve a request for it: ask a project admin to add one.`);
    const maxMinutes = Math.min(account.maxDurationMinutes, policy.maxDurationMinutes);
    if (fields.durationMinutes > maxMinutes) throw ValidationError.field("durationMinutes", `At most ${maxMinutes} minutes for this account.`);
    if (fields.breakGlass) {
      if (!policy.breakGlassIds.includes(requesterId)) throw new RefusedError(`You are not listed for break-glass access under the policy ${policy.name}.`);
      if (policy.createdById === requesterId) throw new RefusedError(`You wrote the policy ${policy.name}, so its break-glass list does not apply to you: ask an approver.`);
      if (!(await authorStillApproves(tx, access, policy, names))) {
        throw new RefusedError(`Whoever wrote the policy ${policy.name} can no longer approve requests for ${account.name}, so its break-glass list no longer holds: ask a project admin to write it again.`);
      }
      if (fields.reason.length < BREAK_GLASS_MIN_REASON) throw ValidationError.field("reason", `Say why in at least ${BREAK_GLASS_MIN_REASON} characters: break-glass access is reviewed.`);
    } else {
      if (account.reasonRequired && !fields.reason) throw ValidationError.field("reason", "Say why you need this account.");
      const approvers = await approversFor(tx, access.project, requesterId, policy, names);
      if (approvers.length < policy.requiredApprovals) {
        throw new RefusedError(
          `${policy.name} needs ${policy.requiredApprovals} approval${policy.requiredApprovals === 1 ? "" : "s"}, but only ${approvers.length} ${approvers.length === 1 ? "person" : "people"} other than you can approve: ask a project admin to name more approvers.`,
        );
      }
    }
    const open = await tx.pamAccessRequest.count({ where: { accountId: account.id, requesterId, status: { in: ["PENDING", "ACTIVE"] } } });
    if (open) throw new RefusedError(`You already have an open request or an active grant for ${account.name}: cancel or use it first.`);
    const request = await tx.pamAccessRequest.create({
      data: {
        projectId: access.project.id,
        accountId: account.id,
        requesterId,
        durationMinutes: fields.durationMinutes,
        reason: fields.reason,
        status: "PENDING",
        policyName: policy.name,
        requiredApprovals: policy.requiredApprovals,
        approverIds: policy.approverIds,
        approverRole: policy.approverRole,
        breakGlass: fields.breakGlass,
      },
      select: { id: true },
    });
    await recordAuditEvent(tx, {
      orgId: access.orgAccess.org.id,
      projectId: access.project.id,
      actorId: requesterId,
      action: fields.breakGlass ? "pam.break-glass-used" : "pam.request-created",
      target: { type: "pam-request", id: request.id, label: `${account.name} on ${account.resource.name}` },
      metadata: { account: account.name, resource: account.resource.name, durationMinutes: fields.durationMinutes, reason: fields.reason, policy: policy.name },
      summary: `${fields.breakGlass ? "BREAK-GLASS: " : ""}${account.name} for ${fields.durationMinutes} min: ${fields.reason}`.slice(0, 200),
    });
    const credentials = fields.breakGlass
      ? await grant(tx, access, { requestId: request.id, accountId: account.id, accountRole: account.name, resourceId: account.resourceId, durationMinutes: fields.durationMinutes }, false)
      : null;
    return { requestId: request.id, credentials, names, policy };
  }, GRANT_TX);
  if (created.credentials) await tellApproversOfBreakGlass(access, created.requestId, created.names, created.policy, fields.reason);
  return { requestId: created.requestId, status: created.credentials ? "ACTIVE" : "PENDING", credentials: created.credentials };
}

async function tellApproversOfBreakGlass(access: ProjectAccess, requestId: string, names: AccountNames, policy: { approverIds: string[]; approverRole: string | null }, reason: string): Promise<void> {
  if (!mailConfigured()) return;
  const requesterId = access.orgAccess.actor.userId;
  const approverIds = await db().$transaction((tx) => approversFor(tx, access.project, requesterId, policy, names));
  const approvers = await db().user.findMany({ where: { id: { in: approverIds } }, select: { email: true } });
  const requester = await db().user.findUniqueOrThrow({ where: { id: requesterId }, select: { name: true, email: true } });
  const link = publicUrl(`/orgs/${access.orgAccess.org.slug}/projects/${access.project.slug}/access-requests/${requestId}`);
  await afterResponse(() =>
    Promise.all(
      approvers.map((approver) =>
        sendMail({
          to: approver.email,
          subject: `Break-glass access: ${oneLine(requester.name)} took ${oneLine(names.accountName)} on ${oneLine(names.resourceName)}`,
          lines: [
            `${quoted(requester.name)} (${requester.email}) granted themselves ${quoted(names.accountName)} on ${quoted(names.resourceName)} without approval, in ${quoted(access.project.name)}.`,
            "",
            `Reason: ${quoted(reason)}`,
            "",
            `Review or revoke it: ${link}`,
          ],
        }),
      ),
    ),
  );
}

const REQUEST_COLUMNS = {
  id: true,
  requesterId: true,
  status: true,
  durationMinutes: true,
  reason: true,
  policyName: true,
  requiredApprovals: true,
  approverIds: true,
  approverRole: true,
  breakGlass: true,
  loginRole: true,
  credentialsShownAt: true,
  grantedAt: true,
  expiresAt: true,
  endRequestedAt: true,
  endedAt: true,
  teardownError: true,
  createdAt: true,
  accountId: true,
  account: { select: { name: true, resourceId: true, resource: { select: { name: true, host: true, port: true, database: true, tlsMode: true } } } },
  requester: { select: { name: true, email: true } },
} as const;

async function requestInProject(tx: Tx, access: ProjectAccess, requestId: string, lock: boolean) {
  if (lock) await tx.$queryRaw`SELECT id FROM pam_access_requests WHERE id = ${requestId}::uuid AND project_id = ${access.project.id}::uuid FOR UPDATE`;
  const row = await tx.pamAccessRequest.findFirst({ where: { id: requestId, projectId: access.project.id }, select: REQUEST_COLUMNS });
  if (!row) throw new NotFoundError();
  return row;
}

type RequestRow = Awaited<ReturnType<typeof requestInProject>>;

const requestNames = (row: RequestRow): AccountNames => ({ resourceName: row.account.resource.name, accountName: row.account.name });

/** Whether the actor is one of this request's approvers now: named, or holding the approver role, and allowed to approve it. */
function approvesNow(access: ProjectAccess, row: RequestRow): boolean {
  const userId = access.orgAccess.actor.userId;
  const named = row.approverIds.includes(userId) || (row.approverRole !== null && (access.membership?.liveRoles.includes(row.approverRole) ?? false));
  return named && access.can("access-request:approve", requestNames(row));
}

/**
 * An approver's decision. A rejection ends the request; the approval that reaches the count
 * grants it: the login role is created on the database and its password kept sealed until
 * the requester's one look.
 */
export async function decideRequest(access: ProjectAccess, input: DecideRequestInput): Promise<{ status: RequestStatus; approvals: number }> {
  requireProjectType(access, "PAM");
  const { requestId, decision, comment } = decideRequestSchema.parse(input);
  // Saying no stays possible; saying yes makes a grant, which the plan must include.
  if (decision === "APPROVE") assertPlanIncludes(access.orgAccess.org, "pam");
  const actorId = access.orgAccess.actor.userId;
  try {
    return await db().$transaction(async (tx) => {
      const row = await requestInProject(tx, access, requestId, true);
      if (row.requesterId === actorId) throw new RefusedError("You cannot approve or reject your own request: another approver must decide it.");
      if (!access.can("access-request:approve", requestNames(row))) throw new ForbiddenError("access-request:approve");
      if (!approvesNow(access, row)) throw new RefusedError("You are not one of this request's approvers.");
      if (row.status !== "PENDING") throw new RefusedError(`This request is no longer waiting for approval: it is ${REQUEST_STATUS_LABELS[row.status].toLowerCase()}.`);
      await tx.pamApproval.create({ data: { requestId, approverId: actorId, decision, comment } });
      const label = `${row.account.name} on ${row.account.resource.name}`;
      await recordAuditEvent(tx, {
        orgId: access.orgAccess.org.id,
        projectId: access.project.id,
        actorId,
        action: decision === "APPROVE" ? "pam.request-approved" : "pam.request-rejected",
        target: { type: "pam-request", id: requestId, label },
        metadata: { account: row.account.name, resource: row.account.resource.name, comment },
        summary: comment ? comment.slice(0, 200) : undefined,
      });
      if (decision === "REJECT") {
        await tx.pamAccessRequest.update({ where: { id: requestId }, data: { status: "REJECTED" } });
        return { status: "REJECTED" as const, approvals: await tx.pamApproval.count({ where: { requestId, decision: "APPROVE" } }) };
      }
      const approvals = await tx.pamApproval.count({ where: { requestId, decision: "APPROVE" } });
      if (approvals < row.requiredApprovals) return { status: "PENDING" as const, approvals };
      await grant(tx, access, { requestId, accountId: row.accountId, accountRole: row.account.name, resourceId: row.account.resourceId, durationMinutes: row.durationMinutes }, true);
      return { status: "ACTIVE" as const, approvals };
    }, GRANT_TX);
  } catch (error) {
    if (isUniqueViolation(error)) throw new RefusedError("You have already decided on this request.");
    throw error;
  }
}

/** The requester withdraws a request still waiting. */
export async function cancelRequest(access: ProjectAccess, input: RequestRefInput): Promise<void> {
  requireProjectType(access, "PAM");
  const { requestId } = requestRefSchema.parse(input);
  await db().$transaction(async (tx) => {
    const row = await requestInProject(tx, access, requestId, true);
    if (row.requesterId !== access.orgAccess.actor.userId) throw new NotFoundError();
    if (row.status !== "PENDING") throw new RefusedError(`Only a request waiting for approval can be cancelled; this one is ${REQUEST_STATUS_LABELS[row.status].toLowerCase()}.`);
    await tx.pamAccessRequest.update({ where: { id: requestId }, data: { status: "CANCELLED" } });
    await recordProjectEvent(tx, access, {
            action: "pam.request-cancelled",
      target: { type: "pam-request", id: requestId, label: `${row.account.name} on ${row.account.resource.name}` },
    });
  });
}

/**
 * The requester's one look at an approved grant's credentials: the sealed password is erased
 * in the same transaction that opens it, so a second look (or a leaked page) finds nothing.
 */
export async function revealCredentials(access: ProjectAccess, input: RequestRefInput): Promise<GrantedCredentials> {
  requireProjectType(access, "PAM");
  const { requestId } = requestRefSchema.parse(input);
  return db().$transaction(async (tx) => {
    const row = await requestInProject(tx, access, requestId, true);
    if (row.requesterId !== access.orgAccess.actor.userId) throw new NotFoundError();
    const sealed = await tx.pamAccessRequest.findUniqueOrThrow({ where: { id: requestId }, select: { sealedPassword: true } });
    if (row.status !== "ACTIVE" || !sealed.sealedPassword || !row.loginRole || !row.expiresAt) {
      throw new RefusedError(row.credentialsShownAt ? "These credentials were shown once already and are not kept: revoke this grant and ask again if you lost them." : "This request has no active grant.");
    }
    const password = (await openForRow(tx, access.project.id, "pam-grant-password", requestId, sealed.sealedPassword)).toString("utf8");
    await tx.pamAccessRequest.update({ where: { id: requestId }, data: { sealedPassword: null, credentialsShownAt: new Date() } });
    await recordProjectEvent(tx, access, {
            action: "pam.credentials-shown",
      target: { type: "pam-request", id: requestId, label: row.loginRole },
    });
    return credentialsFor(row.account.resource, row.loginRole, password, row.expiresAt);
  });
}

export type RequestView = RequestRow & {
  approvals: Array<{ approverName: string; decision: "APPROVE" | "REJECT"; comment: string; createdAt: Date }>;
  sessions: Array<{ pid: number; backendStart: Date; clientAddress: string | null; firstSeenAt: Date; lastSeenAt: Date; goneAt: Date | null }>;
  mine: boolean;
  canDecide: boolean;
  canRevoke: boolean;
  credentialsWaiting: boolean;
};

/** One request, for its requester, its approvers, and those who read grants and sessions. */
export async function getRequest(access: ProjectAccess, input: RequestRefInput): Promise<RequestView> {
  requireProjectType(access, "PAM");
  const { requestId } = requestRefSchema.parse(input);
  const row = await db().$transaction((tx) => requestInProject(tx, access, requestId, false));
  const mine = row.requesterId === access.orgAccess.actor.userId;
  const approver = approvesNow(access, row);
  if (!mine && !approver && !access.can("session:read")) throw new NotFoundError();
  const [approvals, sessions, sealed] = await Promise.all([
    db().pamApproval.findMany({ where: { requestId }, orderBy: { createdAt: "asc" }, select: { decision: true, comment: true, createdAt: true, approver: { select: { name: true } } } }),
    db().pamSession.findMany({ where: { requestId }, orderBy: { backendStart: "desc" }, take: 100, select: { pid: true, backendStart: true, clientAddress: true, firstSeenAt: true, lastSeenAt: true, goneAt: true } }),
    db().pamAccessRequest.count({ where: { id: requestId, sealedPassword: { not: null } } }),
  ]);
  return {
    ...row,
    approvals: approvals.map((approval) => ({ approverName: approval.approver?.name ?? "a deleted account", decision: approval.decision, comment: approval.comment, createdAt: approval.createdAt })),
    sessions,
    mine,
    canDecide: !mine && approver && row.status === "PENDING",
    canRevoke: row.status === "ACTIVE" && !row.endRequestedAt && access.can("access-request:revoke", requestNames(row)),
    credentialsWaiting: mine && sealed > 0,
  };
}

export const REQUESTS_PAGE_SIZE = 50;

/** Requests (as `r`) still pending that the actor is named for, by name or role, and has not decided. */
function awaitingDecisionSql(access: ProjectAccess): Prisma.Sql {
  const userId = access.orgAccess.actor.userId;
  return Prisma.sql`r.status = 'PENDING' AND r.requester_id IS DISTINCT FROM ${userId}::uuid
    AND (${userId}::uuid = ANY(r.approver_ids) OR r.approver_role = ANY(${access.membership?.liveRoles ?? []}::text[]))
    AND NOT EXISTS (SELECT 1 FROM pam_approvals a WHERE a.request_id = r.id AND a.approver_id = ${userId}::uuid)`;
}

export type RequestListView = "to-approve" | "mine" | "all";

export type RequestListItem = {
  id: string;
  status: RequestStatus;
  accountName: string;
  resourceName: string;
  requesterName: string | null;
  durationMinutes: number;
  reason: string;
  breakGlass: boolean;
  createdAt: Date;
  expiresAt: Date | null;
  approvals: number;
  requiredApprovals: number;
};

/**
 * Requests in one of three views: waiting for the actor's decision, the actor's own, or all of
 * the project's (those who read grants and sessions). Newest first, 50 a page.
 */
export async function listRequests(access: ProjectAccess, view: RequestListView, page = 1): Promise<{ items: RequestListItem[]; total: number }> {
  requireProjectType(access, "PAM");
  const userId = access.orgAccess.actor.userId;
  let filter: Prisma.Sql;
  if (view === "mine") filter = Prisma.sql`r.requester_id = ${userId}::uuid`;
  else if (view === "all") {
    if (!access.can("session:read")) throw new ForbiddenError("session:read");
    filter = Prisma.sql`TRUE`;
  } else {
    if (!access.can("access-request:approve")) return { items: [], total: 0 };
    filter = awaitingDecisionSql(access);
  }
  const rows = await db().$queryRaw<Array<{
    id: string; status: RequestStatus; account_name: string; resource_name: string; requester_name: string | null; duration_minutes: number; reason: string;
    break_glass: boolean; created_at: Date; expires_at: Date | null; approvals: number; required_approvals: number; total: number;
  }>>`
    SELECT r.id, r.status::text AS status, a.name AS account_name, res.name AS resource_name, u.name AS requester_name, r.duration_minutes, r.reason,
           r.break_glass, r.created_at, r.expires_at, r.required_approvals,
           (SELECT count(*)::int FROM pam_approvals ap WHERE ap.request_id = r.id AND ap.decision = 'APPROVE') AS approvals,
           count(*) OVER ()::int AS total
      FROM pam_access_requests r
      JOIN pam_accounts a ON a.id = r.account_id
      JOIN pam_resources res ON res.id = a.resource_id
      LEFT JOIN users u ON u.id = r.requester_id
     WHERE r.project_id = ${access.project.id}::uuid AND ${filter}
     ORDER BY r.created_at DESC, r.id DESC
     LIMIT ${REQUESTS_PAGE_SIZE} OFFSET ${(page - 1) * REQUESTS_PAGE_SIZE}`;
  const items = rows
    .filter((row) => view !== "to-approve" || access.can("access-request:approve", { resourceName: row.resource_name, accountName: row.account_name }))
    .map((row) => ({
      id: row.id,
      status: row.status,
      accountName: row.account_name,
      resourceName: row.resource_name,
      requesterName: row.requester_name,
      durationMinutes: row.duration_minutes,
      reason: row.reason,
      breakGlass: row.break_glass,
      createdAt: row.created_at,
      expiresAt: row.expires_at,
      approvals: row.approvals,
      requiredApprovals: row.required_approvals,
    }));
  return { items, total: rows[0]?.total ?? 0 };
}

/** How many requests wait for the actor's decision: the badge on the navigation. */
export async function countAwaitingMyDecision(access: ProjectAccess): Promise<number> {
  if (access.project.type !== "PAM" || !access.can("access-request:approve")) return 0;
  const [row] = await db().$queryRaw<Array<{ waiting: number }>>`
    SELECT count(*)::int AS waiting FROM pam_access_requests r WHERE r.project_id = ${access.project.id}::uuid AND ${awaitingDecisionSql(access)}`;
  return row?.waiting ?? 0;
}
