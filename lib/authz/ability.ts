import { createMongoAbility, subject as typed, type MongoAbility, type MongoQuery, type RawRuleOf } from "@casl/ability";
import { splitPermission } from "./catalogue.ts";
import { globToRegExpSource } from "./glob.ts";
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

type CaslRule = RawRuleOf<MongoAbility>;

/**
 * Builds an ability from the union of a member's roles. Denies are ordered after allows:
 * CASL lets the last matching rule decide, so any matching deny wins over every allow.
 */
export function buildAbility(rules: readonly PermissionRule[]): Ability {
  const ordered = [...rules.filter((rule) => !rule.inverted), ...rules.filter((rule) => rule.inverted)];
  const ability = createMongoAbility<MongoAbility>(ordered.map(toCaslRule));
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
  const conditions = rule.conditions?.length ? toMongoQuery(rule.conditions) : undefined;
  return { action: rule.actions, subject: rule.subject, inverted: rule.inverted ?? false, conditions };
}

/** All conditions must hold. Globs become anchored regular expressions. */
function toMongoQuery(conditions: readonly RuleCondition[]): MongoQuery {
  const query: Record<string, Record<string, unknown>> = {};
  const patterns: Record<string, string[]> = {};
  for (const condition of conditions) {
    const field = (query[condition.field] ??= {});
    switch (condition.operator) {
      case "eq":
        field.$eq = condition.value;
        break;
      case "ne":
        field.$nin = [...((field.$nin as string[] | undefined) ?? []), condition.value];
        break;
      case "in":
        field.$in = condition.value;
        break;
      case "glob":
        (patterns[condition.field] ??= []).push(globToRegExpSource(condition.value));
        break;
    }
  }
  for (const [name, sources] of Object.entries(patterns)) {
    // Several globs on one field must all match: one expression of lookaheads.
    const source = sources.length === 1 ? sources[0] : sources.map((one) => `(?=${one})`).join("");
    (query[name] ??= {}).$regex = source;
  }
  return query as MongoQuery;
}
