import "server-only";
import { assertWithinPlan } from "../../platform/billing/limits.ts";
import { recordProjectEvent } from "../../platform/audit/record-audit-event.ts";
import { requireProjectType, type ProjectAccess } from "../../platform/authz/project-access.ts";
import { db, isUniqueViolation, type Tx } from "../../platform/db.ts";
import { ForbiddenError, NotFoundError, RefusedError, ValidationError } from "../../platform/errors.ts";
import { governingPolicyOf, projectPolicies } from "./policies.ts";
import type { AccountNames } from "./vocabulary.ts";
import { resourceInProject, targetOf } from "./resources.ts";
import {
  accountFieldsSchema,
  accountRefSchema,
  updateAccountSchema,
  type AccountFieldsInput,
  type AccountRefInput,
  type UpdateAccountInput,
} from "./schemas.ts";
import { checkAccountRole, TargetUnreachableError } from "./target.ts";

export type AccountPermission = "account:read" | "account:create" | "account:edit" | "account:delete" | "account:access";

const ACCOUNT_COLUMNS = {
  id: true,
  name: true,
  folderPath: true,
  maxDurationMinutes: true,
  reasonRequired: true,
  resourceId: true,
  resource: { select: { name: true } },
} as const;

export type AccountRow = {
  id: string;
  name: string;
  folderPath: string;
  maxDurationMinutes: number;
  reasonRequired: boolean;
  resourceId: string;
  resource: { name: string };
};

export async function accountInProject(tx: Tx, access: ProjectAccess, accountId: string): Promise<AccountRow> {
  const row = await tx.pamAccount.findFirst({ where: { id: accountId, projectId: access.project.id }, select: ACCOUNT_COLUMNS });
  if (!row) throw new NotFoundError();
  return row;
}

export const namesOf = (account: AccountRow): AccountNames => ({ resourceName: account.resource.name, accountName: account.name });

/** Adds a role of the resource's database as an account, once the broker confirms it can hand it out. */
export async function createAccount(access: ProjectAccess, input: AccountFieldsInput): Promise<{ accountId: string }> {
  requireProjectType(access, "PAM");
  const fields = accountFieldsSchema.parse(input);
  const { resource, target } = await db().$transaction(async (tx) => {
    const resource = await resourceInProject(tx, access, fields.resourceId);
    access.assert("account:create", { resourceName: resource.name, accountName: fields.name });
    return { resource, target: await targetOf(tx, resource) };
  });
  let problem: string | null;
  try {
    problem = await checkAccountRole(target, fields.name);
  } catch (error) {
    if (error instanceof TargetUnreachableError) throw ValidationError.field("resourceId", `Tessera cannot reach ${resource.name}: ${error.failure.message}`);
    throw error;
  }
  if (problem) throw ValidationError.field("name", problem);
  try {
    return await db().$transaction(async (tx) => {
      await assertWithinPlan(tx, access.orgAccess.org.id, "pamAccounts");
      const account = await tx.pamAccount.create({
        data: {
          projectId: access.project.id,
          resourceId: resource.id,
          name: fields.name,
          folderPath: fields.folderPath,
          maxDurationMinutes: fields.maxDurationMinutes,
          reasonRequired: fields.reasonRequired,
        },
        select: { id: true },
      });
      await recordProjectEvent(tx, access, {
        action: "pam.account-created",
        target: { type: "pam-account", id: account.id, label: `${fields.name} on ${resource.name}` },
        metadata: {
          name: fields.name,
          resource: resource.name,
          folderPath: fields.folderPath,
          maxDurationMinutes: fields.maxDurationMinutes,
          reasonRequired: fields.reasonRequired,
        },
      });
      return { accountId: account.id };
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw ValidationError.field("name", `${resource.name} already has an account for this role.`);
    throw error;
  }
}

/**
 * Changes what an account allows. Its role and database stay (another role is another
 * account); grants already made keep the end they were given.
 */
export async function updateAccount(access: ProjectAccess, input: UpdateAccountInput): Promise<void> {
  requireProjectType(access, "PAM");
  const { accountId, folderPath, maxDurationMinutes, reasonRequired } = updateAccountSchema.parse(input);
  await db().$transaction(async (tx) => {
    await tx.$queryRaw`SELECT id FROM pam_accounts WHERE id = ${accountId}::uuid AND project_id = ${access.project.id}::uuid FOR UPDATE`;
    const account = await accountInProject(tx, access, accountId);
    access.assert("account:edit", namesOf(account));
    const changes = [
      account.folderPath !== folderPath ? `folder ${account.folderPath} → ${folderPath}` : null,
      account.maxDurationMinutes !== maxDurationMinutes ? `longest access ${account.maxDurationMinutes} → ${maxDurationMinutes} min` : null,
      account.reasonRequired !== reasonRequired ? (reasonRequired ? "reason now required" : "reason now optional") : null,
    ].filter((change): change is string => change !== null);
    if (changes.length === 0) return;
    await tx.pamAccount.update({ where: { id: accountId }, data: { folderPath, maxDurationMinutes, reasonRequired } });
    await recordProjectEvent(tx, access, {
      action: "pam.account-updated",
      target: { type: "pam-account", id: account.id, label: `${account.name} on ${account.resource.name}` },
      metadata: { name: account.name, resource: account.resource.name, folderPath, maxDurationMinutes, reasonRequired },
      summary: changes.join(", "),
    });
  });
}

/** An account goes with its request history, never while one of its grants is live. */
export async function deleteAccount(access: ProjectAccess, input: AccountRefInput): Promise<void> {
  requireProjectType(access, "PAM");
  const { accountId } = accountRefSchema.parse(input);
  await db().$transaction(async (tx) => {
    await tx.$queryRaw`SELECT id FROM pam_accounts WHERE id = ${accountId}::uuid AND project_id = ${access.project.id}::uuid FOR UPDATE`;
    const account = await accountInProject(tx, access, accountId);
    access.assert("account:delete", namesOf(account));
    const live = await tx.pamAccessRequest.count({ where: { accountId, status: "ACTIVE" } });
    if (live) throw new RefusedError(`${account.name} has ${live} active grant${live === 1 ? "" : "s"}: revoke ${live === 1 ? "it" : "them"} first.`);
    await recordProjectEvent(tx, access, {
      action: "pam.account-deleted",
      target: { type: "pam-account", id: account.id, label: `${account.name} on ${account.resource.name}` },
      metadata: { name: account.name, resource: account.resource.name },
    });
    await tx.pamAccount.delete({ where: { id: account.id } });
  });
}

export type AccountSummary = AccountRow & {
  canAccess: boolean;
  canEdit: boolean;
  canDelete: boolean;
  /** What a request may ask for today: the account's longest access or its policy's, whichever is shorter. */
  request: { maxMinutes: number; policyName: string | null };
};

/** The accounts the actor may see, grouped by folder then name, with what they may do on each. */
export async function listAccounts(access: ProjectAccess): Promise<AccountSummary[]> {
  requireProjectType(access, "PAM");
  if (!access.can("account:read")) throw new ForbiddenError("account:read");
  const rows = await db().pamAccount.findMany({
    where: { projectId: access.project.id },
    orderBy: [{ folderPath: "asc" }, { name: "asc" }, { id: "asc" }],
    select: ACCOUNT_COLUMNS,
  });
  const policies = await projectPolicies(db(), access.project.id);
  return rows
    .filter((row) => access.can("account:read", namesOf(row)))
    .map((row) => {
      const names = namesOf(row);
      const policy = governingPolicyOf(policies, names);
      return {
        ...row,
        canAccess: access.can("account:access", names) && access.can("access-request:create", names),
        canEdit: access.can("account:edit", names),
        canDelete: access.can("account:delete", names),
        request: { maxMinutes: Math.min(row.maxDurationMinutes, policy?.maxDurationMinutes ?? row.maxDurationMinutes), policyName: policy?.name ?? null },
      };
    });
}
