import type { SubjectDefinition } from "./catalogue.ts";
import type { PermissionRule, RuleCondition } from "./rules.ts";

const OPERATOR_WORDS: Record<RuleCondition["operator"], string> = {
  eq: "is",
  ne: "is not",
  in: "is one of",
  glob: "matches",
};

const FIELD_WORDS: Record<string, string> = { environment: "the environment", secretPath: "the path" };

function list(words: readonly string[]): string {
  if (words.length <= 1) return words.join("");
  return `${words.slice(0, -1).join(", ")} and ${words.at(-1)}`;
}

function describeCondition(condition: RuleCondition): string {
  const value = Array.isArray(condition.value) ? condition.value.map((one) => `"${one}"`).join(", ") : `"${condition.value}"`;
  return `${FIELD_WORDS[condition.field] ?? condition.field} ${OPERATOR_WORDS[condition.operator]} ${value}`;
}

/**
 * One rule in plain words: "Secrets: can see keys and read values, only where the
 * environment is not "prod"." Deny rules read "never …".
 */
export function describeRule(rule: PermissionRule, subjects: Readonly<Record<string, SubjectDefinition>>): string {
  const definition = subjects[rule.subject];
  const label = definition?.label ?? rule.subject;
  const actions = list(rule.actions.map((action) => (definition?.actions[action] ?? action).toLowerCase()));
  const where = rule.conditions?.length ? list(rule.conditions.map(describeCondition)) : "";
  // A rule being written in the editor may have no action ticked yet ("never ." otherwise).
  if (rule.actions.length === 0) return `${label}: no action chosen yet.`;
  if (rule.inverted) return `${label}: never ${actions}${where ? `, where ${where}` : ""}.`;
  return `${label}: can ${actions}${where ? `, only where ${where}` : ""}.`;
}

/** What a role grants, in plain words, one line per rule; denies last, since they win. */
export function summarizeRules(rules: readonly PermissionRule[], subjects: Readonly<Record<string, SubjectDefinition>>): string[] {
  if (rules.length === 0) return ["Grants nothing."];
  const allows = rules.filter((rule) => !rule.inverted);
  const denies = rules.filter((rule) => rule.inverted);
  return [...allows, ...denies].map((rule) => describeRule(rule, subjects));
}

export type RuleChanges = { added: string[]; removed: string[] };

/** The lines a save adds and removes, to tell the editor what changes for the holders. */
export function describeRuleChanges(
  before: readonly PermissionRule[],
  after: readonly PermissionRule[],
  subjects: Readonly<Record<string, SubjectDefinition>>,
): RuleChanges {
  const old = new Set(before.map((rule) => describeRule(rule, subjects)));
  const next = new Set(after.map((rule) => describeRule(rule, subjects)));
  return { added: [...next].filter((line) => !old.has(line)), removed: [...old].filter((line) => !next.has(line)) };
}
