import type { SubjectDefinition } from "@/lib/platform/authz/catalogue";
import type { PermissionRule, RuleCondition } from "@/lib/platform/authz/rules";

export type ConditionDraft = { field: string; operator: RuleCondition["operator"]; value: string };
export type RuleDraft = { key: number; effect: "allow" | "deny"; subject: string; actions: string[]; conditions: ConditionDraft[] };

/**
 * The editor's view of a role: plain allows as a matrix (subject → actions), and the rules
 * with conditions or denies as a list beside it.
 */
export type RoleDraft = { matrix: Record<string, string[]>; rules: RuleDraft[] };

let nextKey = 1;
/** A new rule allows: a Deny that takes away more than meant is the costlier slip. */
export function newRuleDraft(subject: string): RuleDraft {
  return { key: nextKey++, effect: "allow", subject, actions: [], conditions: [] };
}

export function toDraft(rules: readonly PermissionRule[]): RoleDraft {
  const matrix: Record<string, string[]> = {};
  const drafts: RuleDraft[] = [];
  for (const rule of rules) {
    if (!rule.inverted && !rule.conditions?.length) {
      matrix[rule.subject] = [...new Set([...(matrix[rule.subject] ?? []), ...rule.actions])];
    } else {
      drafts.push({
        key: nextKey++,
        effect: rule.inverted ? "deny" : "allow",
        subject: rule.subject,
        actions: [...rule.actions],
        conditions: (rule.conditions ?? []).map((condition) => ({
          field: condition.field,
          operator: condition.operator,
          value: Array.isArray(condition.value) ? condition.value.join(", ") : condition.value,
        })),
      });
    }
  }
  return { matrix, rules: drafts };
}

/** One drafted condition as it will be stored ("in" lists split at commas). */
export function fromConditionDraft(condition: ConditionDraft): RuleCondition {
  return condition.operator === "in"
    ? {
        field: condition.field,
        operator: "in",
        value: condition.value
          .split(",")
          .map((value) => value.trim())
          .filter(Boolean),
      }
    : { field: condition.field, operator: condition.operator, value: condition.value.trim() };
}

/** Back to stored rules, matrix first in catalogue order; the server validates them again. */
export function fromDraft(draft: RoleDraft, subjects: Readonly<Record<string, SubjectDefinition>>): PermissionRule[] {
  const order = Object.keys(subjects);
  const allows = order
    .filter((subject) => (draft.matrix[subject]?.length ?? 0) > 0)
    .map((subject) => ({ subject, actions: Object.keys(subjects[subject]!.actions).filter((action) => draft.matrix[subject]!.includes(action)) }));
  const rules = draft.rules.map((rule): PermissionRule => {
    const conditions = rule.conditions.map(fromConditionDraft);
    return {
      subject: rule.subject,
      actions: rule.actions,
      ...(rule.effect === "deny" ? { inverted: true } : {}),
      ...(conditions.length ? { conditions } : {}),
    };
  });
  return [...allows, ...rules];
}

/**
 * How many edits separate two drafts: each permission ticked or unticked in the matrix, each
 * conditional rule added, removed or changed (a change counts as one removal and one addition).
 */
export function countDraftChanges(saved: RoleDraft, current: RoleDraft): number {
  let count = 0;
  for (const subject of new Set([...Object.keys(saved.matrix), ...Object.keys(current.matrix)])) {
    const before = new Set(saved.matrix[subject] ?? []);
    const after = new Set(current.matrix[subject] ?? []);
    for (const action of before) if (!after.has(action)) count++;
    for (const action of after) if (!before.has(action)) count++;
  }
  const shape = ({ key: _key, ...rule }: RuleDraft) => JSON.stringify(rule);
  const remaining = saved.rules.map(shape);
  for (const rule of current.rules.map(shape)) {
    const match = remaining.indexOf(rule);
    if (match >= 0) remaining.splice(match, 1);
    else count++;
  }
  return count + remaining.length;
}
