import { compileGlob } from "./glob.ts";
import type { PermissionRule } from "./rules.ts";

// A condition compares against the values resources really have (an environment's slug,
// a CA's name); one typed as something else ("Production", the environment's display name)
// matches nothing and, in a deny rule, silently denies nothing. This finds such conditions,
// for the role editor's warnings and for the server's check before a role is saved.

/** A value a condition field can take in a project today, with what people call it. */
export type KnownValue = { value: string; label: string };
/** Per condition field, the values that exist now; a field absent here is not checked. */
export type KnownConditionValues = Partial<Record<string, KnownValue[]>>;

export type UnmatchedCondition = { rule: number; condition: number; field: string; value: string; suggestion: string | null };

const FIELD_NOUNS: Record<string, string> = {
  environment: "environment",
  secretPath: "folder",
  caName: "certificate authority",
  profileName: "certificate profile",
  resourceName: "resource",
  accountName: "account",
};

function matchesSome(operator: "eq" | "ne" | "in" | "glob", value: string, known: readonly KnownValue[]): boolean {
  if (operator === "glob") {
    const glob = compileGlob(value);
    return known.some((one) => glob.matches(one.value));
  }
  return known.some((one) => one.value === value);
}

/** A known value the typed one probably meant: same word in another case, or a display name. */
function suggestionFor(value: string, known: readonly KnownValue[]): string | null {
  const lower = value.trim().toLowerCase();
  return known.find((one) => one.value.toLowerCase() === lower || one.label.toLowerCase() === lower)?.value ?? null;
}

/** Every condition value of these rules that matches nothing that exists now. */
export function unmatchedConditions(rules: readonly PermissionRule[], known: KnownConditionValues): UnmatchedCondition[] {
  return rules.flatMap((rule, ruleIndex) =>
    (rule.conditions ?? []).flatMap((condition, conditionIndex) => {
      const values = known[condition.field];
      if (!values) return [];
      const typed = Array.isArray(condition.value) ? condition.value : [condition.value];
      return typed
        .filter((value) => !matchesSome(condition.operator === "in" ? "eq" : condition.operator, value, values))
        .map((value) => ({ rule: ruleIndex, condition: conditionIndex, field: condition.field, value, suggestion: suggestionFor(value, values) }));
    }),
  );
}

/** `"Production" matches no environment (did you mean "prod"?)` */
export function describeUnmatched(unmatched: Pick<UnmatchedCondition, "field" | "value" | "suggestion">): string {
  const noun = FIELD_NOUNS[unmatched.field] ?? unmatched.field;
  return `"${unmatched.value}" matches no ${noun}${unmatched.suggestion ? ` (did you mean "${unmatched.suggestion}"?)` : ""}`;
}
