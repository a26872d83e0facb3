import "server-only";
import { recordAuditEvent } from "../audit/record-audit-event.ts";
import { isProjectRoleSlug } from "../authz/built-in-roles.ts";
import { compileGlob } from "../authz/glob.ts";
import type { ProjectAccess } from "../authz/project-access.ts";
import { db, isUniqueViolation, type Tx } from "../db.ts";
import { ForbiddenError, NotFoundError, ValidationError } from "../errors.ts";
import { projectRoleScope } from "../roles/scope.ts";
import { assertPamProject } from "./resources.ts";
import { policyFieldsSchema, policyRefSchema, type PolicyFieldsInput, type PolicyRefInput } from "./schemas.ts";

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
} as const;

/**
 * The policy a request on this account follows: of those whose globs match the resource and
 * account names, the strictest (most approvals, then shortest maximum, then by name), so
 * adding a looser policy never weakens a stricter one. Null when none covers it.
 */
export async function policyFor(tx: Tx, projectId: string, names: { resourceName: string; accountName: string }): Promise<PolicyRow | null> {
  const policies = await tx.pamPolicy.findMany({ where: { projectId }, select: POLICY_COLUMNS });
  const matching = policies.filter((policy) => compileGlob(policy.resourceGlob).matches(names.resourceName) && compileGlob(policy.accountGlob).matches(names.accountName));
  matching.sort((a, b) => b.requiredApprovals - a.requiredApprovals || a.maxDurationMinutes - b.maxDurationMinutes || a.name.localeCompare(b.name));
  return matching[0] ?? null;
}

/** Named people must be people of this project; the role must be one of its roles. */
async function checkPeopleAndRole(tx: Tx, access: ProjectAccess, fields: { approverIds: string[]; breakGlassIds: string[]; approverRole: string | null }): Promise<void> {
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

export async function createPolicy(access: ProjectAccess, input: PolicyFieldsInput): Promise<{ policyId: string }> {
  assertPamProject(access);
  if (!access.can("access-policy:create")) throw new ForbiddenError("access-policy:create");
  const { orgSlug: _org, projectSlug: _project, ...fields } = policyFieldsSchema.parse(input);
  try {
    return await db().$transaction(async (tx) => {
      await checkPeopleAndRole(tx, access, fields);
      const policy = await tx.pamPolicy.create({
        data: { projectId: access.project.id, ...fields, approverIds: [...new Set(fields.approverIds)], breakGlassIds: [...new Set(fields.breakGlassIds)] },
        select: { id: true },
      });
      await recordAuditEvent(tx, {
        orgId: access.orgAccess.org.id,
        projectId: access.project.id,
        actorId: access.orgAccess.actor.userId,
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

/** Pending requests keep the approvals they were asked with; new requests follow what is left. */
export async function deletePolicy(access: ProjectAccess, input: PolicyRefInput): Promise<void> {
  assertPamProject(access);
  if (!access.can("access-policy:delete")) throw new ForbiddenError("access-policy:delete");
  const { policyId } = policyRefSchema.parse(input);
  await db().$transaction(async (tx) => {
    const policy = await tx.pamPolicy.findFirst({ where: { id: policyId, projectId: access.project.id }, select: { id: true, name: true } });
    if (!policy) throw new NotFoundError();
    await recordAuditEvent(tx, {
      orgId: access.orgAccess.org.id,
      projectId: access.project.id,
      actorId: access.orgAccess.actor.userId,
      action: "pam.policy-deleted",
      target: { type: "pam-policy", id: policy.id, label: policy.name },
      metadata: { name: policy.name },
    });
    await tx.pamPolicy.delete({ where: { id: policy.id } });
  });
}

export type PolicySummary = PolicyRow & { approverNames: string[]; breakGlassNames: string[] };

export async function listPolicies(access: ProjectAccess): Promise<PolicySummary[]> {
  assertPamProject(access);
  if (!access.can("access-policy:read")) throw new ForbiddenError("access-policy:read");
  const policies = await db().pamPolicy.findMany({ where: { projectId: access.project.id }, orderBy: { name: "asc" }, select: POLICY_COLUMNS });
  const ids = [...new Set(policies.flatMap((policy) => [...policy.approverIds, ...policy.breakGlassIds]))];
  const people = new Map((await db().user.findMany({ where: { id: { in: ids } }, select: { id: true, name: true } })).map((user) => [user.id, user.name]));
  const names = (list: string[]) => list.map((id) => people.get(id) ?? "a deleted account");
  return policies.map((policy) => ({ ...policy, approverNames: names(policy.approverIds), breakGlassNames: names(policy.breakGlassIds) }));
}

/** The people of the project a policy may name (approvers, break-glass), by name; at most 500. */
export async function policyPeople(access: ProjectAccess): Promise<Array<{ id: string; name: string; email: string }>> {
  assertPamProject(access);
  if (!access.can("access-policy:create")) throw new ForbiddenError("access-policy:create");
  const rows = await db().projectMembership.findMany({
    where: { projectId: access.project.id, user: { kind: "PERSON" } },
    orderBy: [{ user: { name: "asc" } }, { userId: "asc" }],
    take: 500,
    select: { user: { select: { id: true, name: true, email: true } } },
  });
  return rows.map((row) => row.user);
}
