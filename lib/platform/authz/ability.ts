import { Ability as CaslAbility, subject as typed, type AbilityTuple, type RawRuleFrom } from "@casl/ability";
import { splitPermission } from "./catalogue.ts";
import { compileGlob } from "./glob.ts";
import type { PermissionRule, RuleCondition } from "./rules.ts";

/** What one actor may do in one scope (an org, or one project). */
export type Ability = {
  /** `permission` is "subject:action"; pass the resource when the subject has conditions. */
  can(permission: string, resource?: Record<string, unknown>): boolean;
  /**
   * Whether the permission is held everywhere: allowed without conditions and denied
   * nowhere. What the boundary rule asks of whoever grants a permission to others.
   */
  holds(permission: string): boolean;
  /** The rules it was built from, for showing people what they may do. */
  rules: readonly PermissionRule[];
};

/** A rule's conditions, compiled once when the ability is built: all must hold. */
type CompiledConditions = (resource: Record<string, unknown>) => boolean;
type CaslRule = RawRuleFrom<AbilityTuple, CompiledConditions>;

/**
 * Builds an ability from the union of a member's roles. Denies are ordered after allows:
 * CASL lets the last matching rule decide, so any matching deny wins over every allow.
 */
export function buildAbility(rules: readonly PermissionRule[]): Ability {
  const ordered = [...rules.filter((rule) => !rule.inverted), ...rules.filter((rule) => rule.inverted)];
  const ability = new CaslAbility<AbilityTuple, CompiledConditions>(ordered.map(toCaslRule), {
    conditionsMatcher: (matches) => (resource) => matches(resource as Record<string, unknown>),
  });
  const pairs = (rule: PermissionRule) => rule.actions.map((action) => `${rule.subject}:${action}`);
  const unconditional = new Set(rules.filter((rule) => !rule.inverted && !rule.conditions?.length).flatMap(pairs));
  const denied = new Set(rules.filter((rule) => rule.inverted).flatMap(pairs));
  return {
    can(permission, resource) {
      const { subject, action } = splitPermission(permission);
      return resource ? ability.can(action, typed(subject, { ...resource })) : ability.can(action, subject);
    },
    holds: (permission) => unconditional.has(permission) && !denied.has(permission),
    rules,
  };
}

function toCaslRule(rule: PermissionRule): CaslRule {
  const conditions = rule.conditions?.length ? compileConditions(rule.conditions) : undefined;
  return { action: rule.actions, subject: rule.subject, inverted: rule.inverted ?? false, conditions };
}

/** Our own matcher rather than CASL's Mongo queries: globs must never become regular expressions. */
function compileConditions(conditions: readonly RuleCondition[]): CompiledConditions {
  const tests = conditions.map((condition): ((value: unknown) => boolean) => {
    switch (condition.operator) {
      case "eq":
        return (value) => value === condition.value;
      case "ne":
        return (value) => value !== condition.value;
      case "in":
        return (value) => typeof value === "string" && condition.value.includes(value);
      case "glob": {
        const glob = compileGlob(condition.value);
        return (value) => typeof value === "string" && glob.matches(value);
      }
    }
  });
  return (resource) => conditions.every((condition, index) => tests[index]!(resource[condition.field]));
}
