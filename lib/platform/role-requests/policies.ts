import "server-only";
import { approversFor } from "../approvals/approvers.ts";
import { governingPolicy } from "../approvals/governing-policy.ts";
import { changedFields } from "../approvals/policy-changes.ts";
import { checkPolicyWriter } from "../approvals/policy-writer.ts";
import { recordProjectEvent } from "../audit/record-audit-event.ts";
import { assertPlanIncludes } from "../billing/limits.ts";
import type { ProjectAccess } from "../authz/project-access.ts";
import { projectRoleLabel } from "../authz/role-labels.ts";
import { db, isUniqueViolation, type Tx } from "../db.ts";
import { ForbiddenError, NotFoundError, ValidationError } from "../errors.ts";
import { assertCanGrantRoles } from "../project-members/guards.ts";
import { approverListOf, mayApproveRole, roleOfProject, type RequestedRole } from "./queries.ts";
import {
  rolePolicyFieldsSchema,
  rolePolicyRefSchema,
  updateRolePolicySchema,
  type RolePolicyFieldsInput,
  type RolePolicyRefInput,
  type UpdateRolePolicyInput,
} from "./schemas.ts";
import { DEFAULT_ROLE_POLICY } from "./vocabulary.ts";

export type RolePolicyRow = {
  id: string;
  name: string;
  roles: string[];
  requiredApprovals: number;
  approverIds: string[];
  approverGroupIds: string[];
  approverRole: string | null;
  maxDurationMinutes: number;
  breakGlassIds: string[];
  createdById: string | null;
};

const POLICY_COLUMNS = {
  id: true,
  name: true,
  roles: true,
  requiredApprovals: true,
  approverIds: true,
  approverGroupIds: true,
  approverRole: true,
  maxDurationMinutes: true,
  breakGlassIds: true,
  createdById: true,
} as const;

/** The policy a request follows, or the default's shape (no id) when the project has none. */
export type GoverningRolePolicy = Omit<RolePolicyRow, "id" | "roles"> & { id: string | null };

/** Every policy of the project, for `governingRolePolicy` over many roles. */
export function projectRolePolicies(client: Pick<Tx, "rolePolicy">, projectId: string): Promise<RolePolicyRow[]> {
  return client.rolePolicy.findMany({ where: { projectId }, select: POLICY_COLUMNS });
}

/**
 * The policy a request for this role follows: the strictest of the project's policies that
 * list it; the default when the project has no policy; null when its policies leave the role out.
 */
export function governingRolePolicy(policies: readonly RolePolicyRow[], role: string): GoverningRolePolicy | null {
  if (policies.length === 0) return { id: null, ...DEFAULT_ROLE_POLICY, approverIds: [], approverGroupIds: [], breakGlassIds: [] };
  return governingPolicy(policies, (policy) => policy.roles.includes(role));
}

export async function policyForRole(client: Pick<Tx, "rolePolicy">, projectId: string, role: string): Promise<GoverningRolePolicy | null> {
  return governingRolePolicy(await projectRolePolicies(client, projectId), role);
}

type PolicyFields = Omit<RolePolicyRow, "id" | "createdById">;

/**
 * What a policy may name: roles of this project the writer could hand out themselves (the
 * boundary rule), approver people and break-glass people who are members of the org, groups
 * of the org, an approver role of this project. A name that matches nothing is refused, not
 * kept as a silent hole.
 */
async function checkNames(tx: Tx, access: ProjectAccess, fields: PolicyFields): Promise<RequestedRole[]> {
  const roles: RequestedRole[] = [];
  for (const slug of fields.roles) {
    const role = await roleOfProject(tx, access.project, slug);
    if (!role) throw ValidationError.field("roles", `There is no role "${slug}" in this project.`);
    roles.push(role);
  }
  await assertCanGrantRoles(access, fields.roles, "roles");
  for (const field of ["approverIds", "breakGlassIds"] as const) {
    const ids = fields[field];
    if (ids.length === 0) continue;
    const found = await tx.orgMembership.count({
      where: { orgId: access.orgAccess.org.id, userId: { in: ids }, deactivatedAt: null, user: { kind: "PERSON" } },
    });
    if (found !== ids.length) throw ValidationError.field(field, "Pick people who are members of this organization.");
  }
  if (fields.approverGroupIds.length > 0) {
    // Groups the plan switched off approve nothing (approvers.ts), so naming them would be a silent hole.
    assertPlanIncludes(access.orgAccess.org, "groups");
    const found = await tx.group.count({ where: { orgId: access.orgAccess.org.id, id: { in: fields.approverGroupIds } } });
    if (found !== fields.approverGroupIds.length) throw ValidationError.field("approverGroupIds", "Pick groups of this organization.");
  }
  if (fields.approverRole && !(await roleOfProject(tx, access.project, fields.approverRole)))
    throw ValidationError.field("approverRole", "Pick a role of this project.");
  if (fields.approverIds.length === 0 && fields.approverGroupIds.length === 0 && !fields.approverRole)
    throw ValidationError.field("approverIds", "Name approvers: people, groups, or a role whose holders approve.");
  return roles;
}

/** The engine's rules for whoever writes a policy, over the roles it lists. */
async function checkWriter(tx: Tx, access: ProjectAccess, fields: PolicyFields, roles: RequestedRole[], editedPolicyId: string | null): Promise<void> {
  const others = await tx.rolePolicy.findMany({
    where: { projectId: access.project.id, ...(editedPolicyId ? { id: { not: editedPolicyId } } : {}) },
    select: POLICY_COLUMNS,
  });
  await checkPolicyWriter<RequestedRole>({
    writerId: access.orgAccess.actor.userId,
    policy: fields,
    covered: roles,
    others: others.map((other) => ({ ...other, covers: (role: RequestedRole) => other.roles.includes(role.slug) })),
    writerApproves: (role) => (role ? mayApproveRole(role)(access) : access.can("role-request:approve")),
    approversAvailable: async (role) => (await approversFor(tx, access.project, null, approverListOf(fields), mayApproveRole(role))).length,
    subjects: "roles",
    describe: (role) => `The ${role.name} role`,
  });
}

const policySummary = (fields: PolicyFields) =>
  `${fields.requiredApprovals} approval${fields.requiredApprovals === 1 ? "" : "s"} for ${fields.roles.join(", ")}, up to ${fields.maxDurationMinutes} min`;

export async function createRolePolicy(access: ProjectAccess, input: RolePolicyFieldsInput): Promise<{ policyId: string }> {
  access.assert("role-policy:create");
  const { orgSlug: _org, projectSlug: _project, ...fields } = rolePolicyFieldsSchema.parse(input);
  try {
    return await db().$transaction(async (tx) => {
      const roles = await checkNames(tx, access, fields);
      await checkWriter(tx, access, fields, roles, null);
      const policy = await tx.rolePolicy.create({
        data: { projectId: access.project.id, ...fields, createdById: access.orgAccess.actor.userId },
        select: { id: true },
      });
      await recordProjectEvent(tx, access, {
        action: "role-policy.created",
        target: { type: "role-policy", id: policy.id, label: fields.name },
        metadata: { ...fields },
        summary: policySummary(fields),
      });
      return { policyId: policy.id };
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw ValidationError.field("name", "A policy of this project already has this name.");
    throw error;
  }
}

/**
 * Rewrites a policy under the same rules as a new one; the editor becomes its author (so
 * break-glass through it is their approval in advance from then on). Waiting requests keep
 * the approvers they were asked with. A save that changes nothing records nothing.
 */
export async function updateRolePolicy(access: ProjectAccess, input: UpdateRolePolicyInput): Promise<void> {
  access.assert("role-policy:edit");
  const { orgSlug: _org, projectSlug: _project, policyId, ...fields } = updateRolePolicySchema.parse(input);
  try {
    await db().$transaction(async (tx) => {
      await tx.$queryRaw`SELECT id FROM role_policies WHERE id = ${policyId}::uuid AND project_id = ${access.project.id}::uuid FOR UPDATE`;
      const before = await tx.rolePolicy.findFirst({ where: { id: policyId, projectId: access.project.id }, select: POLICY_COLUMNS });
      if (!before) throw new NotFoundError();
      const changed = changedFields<PolicyFields>(before, fields, Object.keys(fields) as Array<keyof PolicyFields>);
      if (changed.length === 0) return;
      const roles = await checkNames(tx, access, fields);
      await checkWriter(tx, access, fields, roles, policyId);
      await tx.rolePolicy.update({ where: { id: policyId }, data: { ...fields, createdById: access.orgAccess.actor.userId } });
      await recordProjectEvent(tx, access, {
        action: "role-policy.updated",
        target: { type: "role-policy", id: policyId, label: fields.name },
        metadata: { changes: Object.fromEntries(changed.map((key) => [key, { from: before[key], to: fields[key] }])) },
        summary: `Changed ${changed.join(", ")}`,
      });
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw ValidationError.field("name", "A policy of this project already has this name.");
    throw error;
  }
}

/** Waiting requests keep what they were asked with; new ones follow what is left (the default when nothing is). */
export async function deleteRolePolicy(access: ProjectAccess, input: RolePolicyRefInput): Promise<void> {
  access.assert("role-policy:delete");
  const { policyId } = rolePolicyRefSchema.parse(input);
  await db().$transaction(async (tx) => {
    const policy = await tx.rolePolicy.findFirst({ where: { id: policyId, projectId: access.project.id }, select: { id: true, name: true } });
    if (!policy) throw new NotFoundError();
    await recordProjectEvent(tx, access, { action: "role-policy.deleted", target: { type: "role-policy", id: policy.id, label: policy.name } });
    await tx.rolePolicy.delete({ where: { id: policy.id } });
  });
}

export type RolePolicySummary = RolePolicyRow & { roleNames: string[]; approverNames: string[]; groupNames: string[]; breakGlassNames: string[] };

/** The project's policies with the names of what they list, for the policies page. */
export async function listRolePolicies(access: ProjectAccess): Promise<RolePolicySummary[]> {
  if (!access.can("role-policy:read")) throw new ForbiddenError("role-policy:read");
  const policies = await db().rolePolicy.findMany({ where: { projectId: access.project.id }, orderBy: { name: "asc" }, select: POLICY_COLUMNS });
  const personIds = [...new Set(policies.flatMap((policy) => [...policy.approverIds, ...policy.breakGlassIds]))];
  const groupIds = [...new Set(policies.flatMap((policy) => policy.approverGroupIds))];
  const [people, groups, custom] = await Promise.all([
    db().user.findMany({ where: { id: { in: personIds } }, select: { id: true, name: true } }),
    db().group.findMany({ where: { id: { in: groupIds } }, select: { id: true, name: true } }),
    db().customRole.findMany({ where: { scopeKey: `project:${access.project.id}` }, select: { slug: true, name: true } }),
  ]);
  const names = new Map([...people, ...groups].map((row) => [row.id, row.name]));
  const roleName = (slug: string) => custom.find((role) => role.slug === slug)?.name ?? projectRoleLabel(slug);
  const named = (ids: string[]) => ids.map((id) => names.get(id) ?? "a deleted account");
  return policies.map((policy) => ({
    ...policy,
    roleNames: policy.roles.map(roleName),
    approverNames: named(policy.approverIds),
    groupNames: named(policy.approverGroupIds),
    breakGlassNames: named(policy.breakGlassIds),
  }));
}

/** How many groups the policy form offers to approve; an org with more names people or a role instead. */
const GROUP_CHOICES = 200;

/** The org's groups a policy's writer may name as approvers. */
export async function approverGroupChoices(access: ProjectAccess): Promise<Array<{ id: string; name: string }>> {
  if (!access.can("role-policy:create") && !access.can("role-policy:edit")) throw new ForbiddenError("role-policy:edit");
  return db().group.findMany({ where: { orgId: access.orgAccess.org.id }, orderBy: { name: "asc" }, take: GROUP_CHOICES, select: { id: true, name: true } });
}
