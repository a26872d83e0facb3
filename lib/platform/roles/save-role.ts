import "server-only";
import { assertPlanFeature, assertWithinPlan } from "../billing/limits.ts";
import { recordAuditEvent } from "../audit/record-audit-event.ts";
import { holdsEveryPermission } from "../authz/boundary.ts";
import { permissionRulesSchema } from "../authz/rule-schema.ts";
import type { PermissionRule } from "../authz/rules.ts";
import { describeRuleChanges, type RuleChanges } from "../authz/summarize-rules.ts";
import { db, isUniqueViolation, type Tx } from "../db.ts";
import type { Prisma } from "../../generated/prisma/client.ts";
import { ForbiddenError, NotFoundError, RefusedError, ValidationError } from "../errors.ts";
import { describeUnmatched, unmatchedConditions } from "../authz/condition-matches.ts";
import { conditionValuesOf } from "./condition-values.ts";
import { holderCounts } from "./list-roles.ts";
import { createRoleFieldsSchema, updateRoleFieldsSchema, type CreateRoleInput, type UpdateRoleInput } from "./schemas.ts";
import { resolveRole, type RoleScope } from "./scope.ts";

const STALE = "Someone else saved this role after you opened it. Reload to see their changes, then make yours again.";

/** The rules checked against the scope's catalogue, with the message at the permissions field. */
function validRules(scope: RoleScope, raw: unknown): PermissionRule[] {
  const parsed = permissionRulesSchema(scope.subjects).safeParse(raw ?? []);
  if (!parsed.success) throw ValidationError.field("permissions", parsed.error.issues[0]?.message ?? "These permissions are not valid.");
  return parsed.data;
}

/** The boundary rule for writing a role: it may allow nothing the actor does not hold here. */
function assertHoldsAll(scope: RoleScope, rules: readonly PermissionRule[], what: string): void {
  if (!holdsEveryPermission(scope.actor, rules)) {
    throw ValidationError.field("permissions", `${what} allows something you do not hold yourself. Remove it, or ask someone who holds it.`);
  }
}

/**
 * Conditions compare against real values (an environment's slug, a CA's name): one that
 * matches nothing in the project today is refused, naming it and what it probably meant,
 * unless the editor confirmed it (a value for something about to be made).
 */
async function assertConditionsMatch(tx: Tx, scope: RoleScope, rules: readonly PermissionRule[], allowUnmatched: boolean): Promise<void> {
  if (allowUnmatched || !scope.projectId || !scope.productType || !rules.some((rule) => rule.conditions?.length)) return;
  const unmatched = unmatchedConditions(rules, await conditionValuesOf(tx, { id: scope.projectId, type: scope.productType }));
  if (unmatched.length === 0) return;
  const first = unmatched[0]!;
  throw ValidationError.field(
    "permissions",
    `Rule ${first.rule + 1}: ${describeUnmatched(first)} in this project, so the rule would apply to nothing.${unmatched.length > 1 ? ` ${unmatched.length - 1} more condition${unmatched.length > 2 ? "s do" : " does"} the same.` : ""} Fix it, or save anyway to keep it for something you will add.`,
  );
}

/** Custom roles, and conditions or deny rules in them, are plan features. */
async function assertRolesInPlan(tx: Tx, orgId: string, rules: readonly PermissionRule[]): Promise<void> {
  await assertPlanFeature(tx, orgId, "customRoles");
  if (rules.some((rule) => rule.inverted || (rule.conditions?.length ?? 0) > 0)) await assertPlanFeature(tx, orgId, "conditionsAndDenies");
}

/**
 * Creates a custom role, empty or as a copy of another role of the scope (built-in ones
 * included: "Duplicate to customise").
 */
export async function createRole(scope: RoleScope, input: CreateRoleInput): Promise<{ slug: string }> {
  if (!scope.actor.can("role:create")) throw new ForbiddenError("role:create");
  const { name, slug, description, permissions, copyFrom, allowUnmatched } = createRoleFieldsSchema.parse(input);
  let rules: PermissionRule[];
  if (copyFrom) {
    const source = await resolveRole(db(), scope, copyFrom);
    if (!source) throw new NotFoundError("No such role to copy");
    rules = source.rules;
  } else {
    rules = validRules(scope, permissions);
  }
  assertHoldsAll(scope, rules, "This role");
  try {
    return await db().$transaction(async (tx) => {
      await assertRolesInPlan(tx, scope.orgId, rules);
      await assertConditionsMatch(tx, scope, rules, allowUnmatched);
      await assertWithinPlan(tx, scope.orgId, "customRoles");
      const role = await tx.customRole.create({
        data: {
          orgId: scope.orgId,
          projectId: scope.projectId,
          scopeKey: scope.key,
          slug,
          name,
          description,
          permissions: rules as unknown as Prisma.InputJsonArray,
        },
        select: { id: true },
      });
      await recordAuditEvent(tx, {
        orgId: scope.orgId,
        actorId: scope.actor.userId,
        action: "role.created",
        target: { type: "role", id: role.id },
        metadata: {
          scope: scope.kind,
          projectId: scope.projectId,
          slug,
          name,
          copyFrom: copyFrom ?? null,
          permissions: rules as unknown as Prisma.InputJsonArray,
        },
      });
      return { slug };
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw ValidationError.field("slug", "Another role here already uses this slug. Choose another.");
    throw error;
  }
}

/**
 * Saves a custom role's name, description and rules. Holders feel it on their next
 * request (the version bump rebuilds cached abilities). Returns what changed, for whom.
 */
export async function updateRole(scope: RoleScope, input: UpdateRoleInput): Promise<{ changes: RuleChanges; holders: number; version: number }> {
  if (!scope.actor.can("role:edit")) throw new ForbiddenError("role:edit");
  const { roleSlug, name, description, permissions, version, allowUnmatched } = updateRoleFieldsSchema.parse(input);
  const rules = validRules(scope, permissions);
  return db().$transaction(async (tx) => {
    const current = await resolveRole(tx, scope, roleSlug);
    if (!current) throw new NotFoundError("No such role");
    if (current.builtIn) throw new RefusedError("Built-in roles cannot be edited. Duplicate it to customise a copy.");
    if (version !== undefined && version !== current.version) throw new RefusedError(STALE);
    // Taking a permission away from holders needs holding it, as much as giving it.
    assertHoldsAll(scope, current.rules, "This role already");
    assertHoldsAll(scope, rules, "The new version of this role");
    await assertRolesInPlan(tx, scope.orgId, rules);
    await assertConditionsMatch(tx, scope, rules, allowUnmatched);
    const { count } = await tx.customRole.updateMany({
      where: { id: current.id!, version: current.version },
      data: { name, description, permissions: rules as unknown as Prisma.InputJsonArray, version: { increment: 1 } },
    });
    if (count === 0) throw new RefusedError(STALE);
    const changes = describeRuleChanges(current.rules, rules, scope.subjects);
    await recordAuditEvent(tx, {
      orgId: scope.orgId,
      actorId: scope.actor.userId,
      action: "role.edited",
      target: { type: "role", id: current.id! },
      metadata: {
        scope: scope.kind,
        projectId: scope.projectId,
        slug: roleSlug,
        before: { name: current.name, permissions: current.rules as unknown as Prisma.InputJsonArray },
        after: { name, permissions: rules as unknown as Prisma.InputJsonArray },
      },
    });
    const holders = (await holderCounts(scope, roleSlug)).get(roleSlug) ?? 0;
    return { changes, holders, version: current.version + 1 };
  });
}
