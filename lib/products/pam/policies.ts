import "server-only";
import { recordProjectEvent } from "../../platform/audit/record-audit-event.ts";
import { isProjectRoleSlug } from "../../platform/authz/built-in-roles.ts";
import { compileGlob } from "../../platform/authz/glob.ts";
import { type ProjectAccess, requireProjectType } from "../../platform/authz/project-access.ts";
import { approversFor, type ApproverList, type MayApprove } from "../../platform/approvals/approvers.ts";
import { governingPolicy } from "../../platform/approvals/governing-policy.ts";
import { changedFields } from "../../platform/approvals/policy-changes.ts";
import { checkPolicyWriter } from "../../platform/approvals/policy-writer.ts";
import type { AccountNames } from "./vocabulary.ts";
import { findProjectPeople, type ProjectPerson } from "../../platform/project-members/find-project-people.ts";
import type { ProjectPeopleSearchInput } from "../../platform/project-members/schemas.ts";
import { db, isUniqueViolation, type Tx } from "../../platform/db.ts";
import { ForbiddenError, NotFoundError, ValidationError } from "../../platform/errors.ts";
import { projectRoleScope } from "../../platform/roles/scope.ts";

import { policyFieldsSchema, policyRefSchema, updatePolicySchema, type PolicyFieldsInput, type PolicyRefInput, type UpdatePolicyInput } from "./schemas.ts";

export type PolicyRow = {
  id: string;
  name: string;
  resourceGlob: string;
  accountGlob: string;
  requiredApprovals: number;
  approverIds: string[];
  approverRole: string | null;
  maxDurationMinutes: number;
  breakGlassIds: string[];
  createdById: string | null;
};

const POLICY_COLUMNS = {
  id: true,
  name: true,
  resourceGlob: true,
  accountGlob: true,
  requiredApprovals: true,
  approverIds: true,
  approverRole: true,
  maxDurationMinutes: true,
  breakGlassIds: true,
  createdById: true,
} as const;

const covers = (policy: Pick<PolicyRow, "resourceGlob" | "accountGlob">, names: { resourceName: string; accountName: string }) =>
  compileGlob(policy.resourceGlob).matches(names.resourceName) && compileGlob(policy.accountGlob).matches(names.accountName);

/** Approving a request for this account: what each approver's own roles must allow. */
export const mayApprove =
  (names: AccountNames): MayApprove =>
  (ability) =>
    ability.can("access-request:approve", names);

/** A PAM policy's approvers as the engine reads them: PAM names people and a role. */
export const approverList = (policy: { approverIds: string[]; approverRole: string | null }): ApproverList => ({
  approverIds: policy.approverIds,
  approverGroupIds: [],
  approverRole: policy.approverRole,
});

/**
 * The people who could approve a request for this account under these approvers now: named
 * or holding the approver role, enabled, not the requester, and holding
 * access-request:approve on the account (each one's roles read from the database).
 */
export function approversOf(
  tx: Tx,
  project: ProjectAccess["project"],
  requesterId: string | null,
  approvers: { approverIds: string[]; approverRole: string | null },
  names: AccountNames,
): Promise<string[]> {
  return approversFor(tx, project, requesterId, approverList(approvers), mayApprove(names));
}

/**
 * The policy a request on this account follows: of those whose globs match the resource and
 * account names, the strictest (most approvals, then shortest maximum, then by name), so
 * adding a looser policy never weakens a stricter one. Null when none covers it.
 */
export async function policyFor(tx: Tx, projectId: string, names: AccountNames): Promise<PolicyRow | null> {
  return governingPolicyOf(await projectPolicies(tx, projectId), names);
}

/** Every policy of the project, for `governingPolicyOf` over many accounts. */
export function projectPolicies(client: Pick<Tx, "pamPolicy">, projectId: string): Promise<PolicyRow[]> {
  return client.pamPolicy.findMany({ where: { projectId }, select: POLICY_COLUMNS });
}

/** Of these policies, the one a request for the account follows (see policyFor). */
export function governingPolicyOf<P extends PolicyRow>(policies: readonly P[], names: AccountNames): P | null {
  return governingPolicy(policies, (policy) => covers(policy, names));
}

/** Named people must be people of this project; the role must be one of its roles. */
async function checkPeopleAndRole(
  tx: Tx,
  access: ProjectAccess,
  fields: { approverIds: string[]; breakGlassIds: string[]; approverRole: string | null },
): Promise<void> {
  for (const field of ["approverIds", "breakGlassIds"] as const) {
    const ids = [...new Set(fields[field])];
    if (ids.length === 0) continue;
    const found = await tx.projectMembership.count({ where: { projectId: access.project.id, userId: { in: ids }, user: { kind: "PERSON" } } });
    if (found !== ids.length) throw ValidationError.field(field, "Pick people who are members of this project.");
  }
  if (fields.approverRole && !isProjectRoleSlug(fields.approverRole)) {
    const custom = await tx.customRole.findFirst({ where: { scopeKey: projectRoleScope(access).key, slug: fields.approverRole }, select: { id: true } });
    if (!custom) throw ValidationError.field("approverRole", "Pick a role of this project.");
  }
  if (fields.approverIds.length === 0 && !fields.approverRole) throw ValidationError.field("approverIds", "Name approvers, or a role whose holders approve.");
}

type PolicyFields = Omit<PolicyRow, "id" | "createdById">;

/** The engine's rules for whoever writes a policy (lib/platform/approvals/policy-writer.ts), over the project's accounts. */
async function checkWriterAuthority(tx: Tx, access: ProjectAccess, fields: PolicyFields, editedPolicyId: string | null): Promise<void> {
  const accounts = await tx.pamAccount.findMany({
    where: { projectId: access.project.id },
    orderBy: { name: "asc" },
    select: { name: true, resource: { select: { name: true } } },
  });
  const others = await tx.pamPolicy.findMany({
    where: { projectId: access.project.id, ...(editedPolicyId ? { id: { not: editedPolicyId } } : {}) },
    select: POLICY_COLUMNS,
  });
  await checkPolicyWriter<AccountNames>({
    writerId: access.orgAccess.actor.userId,
    policy: fields,
    covered: accounts.map((account) => ({ resourceName: account.resource.name, accountName: account.name })).filter((names) => covers(fields, names)),
    others: others.map((other) => ({ ...other, covers: (names: AccountNames) => covers(other, names) })),
    writerApproves: (names) => access.can("access-request:approve", names),
    approversAvailable: async (names) => (await approversOf(tx, access.project, null, fields, names)).length,
    subjects: "accounts",
    describe: (names) => `${names.accountName} on ${names.resourceName}`,
  });
}

export async function createPolicy(access: ProjectAccess, input: PolicyFieldsInput): Promise<{ policyId: string }> {
  requireProjectType(access, "PAM");
  if (!access.can("access-policy:create")) throw new ForbiddenError("access-policy:create");
  const { orgSlug: _org, projectSlug: _project, ...fields } = policyFieldsSchema.parse(input);
  try {
    return await db().$transaction(async (tx) => {
      await checkPeopleAndRole(tx, access, fields);
      await checkWriterAuthority(tx, access, fields, null);
      const policy = await tx.pamPolicy.create({
        data: {
          projectId: access.project.id,
          ...fields,
          createdById: access.orgAccess.actor.userId,
        },
        select: { id: true },
      });
      await recordProjectEvent(tx, access, {
        action: "pam.policy-created",
        target: { type: "pam-policy", id: policy.id, label: fields.name },
        metadata: {
          name: fields.name,
          resourceGlob: fields.resourceGlob,
          accountGlob: fields.accountGlob,
          requiredApprovals: fields.requiredApprovals,
          approverIds: fields.approverIds,
          approverRole: fields.approverRole,
          maxDurationMinutes: fields.maxDurationMinutes,
          breakGlassIds: fields.breakGlassIds,
        },
        summary: `${fields.requiredApprovals} approval${fields.requiredApprovals === 1 ? "" : "s"} for ${fields.accountGlob} on ${fields.resourceGlob}`,
      });
      return { policyId: policy.id };
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw ValidationError.field("name", "A policy of this project already has this name.");
    throw error;
  }
}

const POLICY_FIELD_WORDS: Record<keyof PolicyFields, string> = {
  name: "name",
  resourceGlob: "databases",
  accountGlob: "accounts",
  requiredApprovals: "approvals",
  approverIds: "approvers",
  approverRole: "approver role",
  maxDurationMinutes: "longest access",
  breakGlassIds: "break-glass people",
};

/**
 * Rewrites a policy under the same rules as writing a new one, and the editor becomes its
 * author: break-glass on it is from then on an approval given in advance by them (checked
 * when used). Pending requests keep the approvals they were asked with. The audit event says
 * what changed, each field from → to; a save that changes nothing records nothing.
 */
export async function updatePolicy(access: ProjectAccess, input: UpdatePolicyInput): Promise<void> {
  requireProjectType(access, "PAM");
  if (!access.can("access-policy:edit")) throw new ForbiddenError("access-policy:edit");
  const { orgSlug: _org, projectSlug: _project, policyId, ...fields } = updatePolicySchema.parse(input);
  try {
    await db().$transaction(async (tx) => {
      await tx.$queryRaw`SELECT id FROM pam_policies WHERE id = ${policyId}::uuid AND project_id = ${access.project.id}::uuid FOR UPDATE`;
      const before = await tx.pamPolicy.findFirst({ where: { id: policyId, projectId: access.project.id }, select: POLICY_COLUMNS });
      if (!before) throw new NotFoundError();
      const changed = changedFields<PolicyFields>(before, fields, Object.keys(POLICY_FIELD_WORDS) as Array<keyof PolicyFields>);
      if (changed.length === 0) return;
      await checkPeopleAndRole(tx, access, fields);
      await checkWriterAuthority(tx, access, fields, policyId);
      await tx.pamPolicy.update({ where: { id: policyId }, data: { ...fields, createdById: access.orgAccess.actor.userId } });
      await recordProjectEvent(tx, access, {
        action: "pam.policy-updated",
        target: { type: "pam-policy", id: policyId, label: fields.name },
        metadata: {
          name: fields.name,
          changes: Object.fromEntries(changed.map((key) => [key, { from: before[key], to: fields[key] }])),
        },
        summary: `Changed ${changed.map((key) => POLICY_FIELD_WORDS[key]).join(", ")}`,
      });
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw ValidationError.field("name", "A policy of this project already has this name.");
    throw error;
  }
}

/** Pending requests keep the approvals they were asked with; new requests follow what is left. */
export async function deletePolicy(access: ProjectAccess, input: PolicyRefInput): Promise<void> {
  requireProjectType(access, "PAM");
  if (!access.can("access-policy:delete")) throw new ForbiddenError("access-policy:delete");
  const { policyId } = policyRefSchema.parse(input);
  await db().$transaction(async (tx) => {
    const policy = await tx.pamPolicy.findFirst({ where: { id: policyId, projectId: access.project.id }, select: { id: true, name: true } });
    if (!policy) throw new NotFoundError();
    await recordProjectEvent(tx, access, {
      action: "pam.policy-deleted",
      target: { type: "pam-policy", id: policy.id, label: policy.name },
      metadata: { name: policy.name },
    });
    await tx.pamPolicy.delete({ where: { id: policy.id } });
  });
}

/** `accountsCovered`: how many of the project's accounts the patterns match today. */
export type PolicySummary = PolicyRow & { approvers: PolicyPerson[]; breakGlass: PolicyPerson[]; accountsCovered: number };

export async function listPolicies(access: ProjectAccess): Promise<PolicySummary[]> {
  requireProjectType(access, "PAM");
  if (!access.can("access-policy:read")) throw new ForbiddenError("access-policy:read");
  const policies = await db().pamPolicy.findMany({ where: { projectId: access.project.id }, orderBy: { name: "asc" }, select: POLICY_COLUMNS });
  const [people, accounts] = await Promise.all([
    peopleOfPolicies(policies),
    db().pamAccount.findMany({ where: { projectId: access.project.id }, select: { name: true, resource: { select: { name: true } } } }),
  ]);
  const named = (ids: string[]) => ids.map((id) => people.get(id) ?? { userId: id, name: "a deleted account", email: "" });
  return policies.map((policy) => ({
    ...policy,
    approvers: named(policy.approverIds),
    breakGlass: named(policy.breakGlassIds),
    accountsCovered: accounts.filter((account) => covers(policy, { resourceName: account.resource.name, accountName: account.name })).length,
  }));
}

export type PolicyPerson = ProjectPerson;

/** The policy form's people picker: the project's people (platform search), in a PAM project. */
export function findPolicyPeople(access: ProjectAccess, input: ProjectPeopleSearchInput): Promise<PolicyPerson[]> {
  requireProjectType(access, "PAM");
  return findProjectPeople(access, input);
}

/** The people policies name, by id. */
async function peopleOfPolicies(policies: PolicyRow[]): Promise<Map<string, PolicyPerson>> {
  const ids = [...new Set(policies.flatMap((policy) => [...policy.approverIds, ...policy.breakGlassIds]))];
  const users = await db().user.findMany({ where: { id: { in: ids } }, select: { id: true, name: true, email: true } });
  return new Map(users.map((user) => [user.id, { userId: user.id, name: user.name, email: user.email }]));
}
