"use client";

import { Button } from "@/components/ui/button";
import type { SubjectDefinition } from "@/lib/platform/authz/catalogue";
import { describeUnmatched, unmatchedConditions, type KnownConditionValues } from "@/lib/platform/authz/condition-matches";
import type { RuleCondition } from "@/lib/platform/authz/rules";
import { fromConditionDraft, newRuleDraft, type ConditionDraft, type RuleDraft } from "./rule-drafts";

const OPERATORS: Array<{ value: RuleCondition["operator"]; label: string }> = [
  { value: "eq", label: "is" },
  { value: "ne", label: "is not" },
  { value: "in", label: "is one of" },
  { value: "glob", label: "matches (glob)" },
];

const FIELD_LABELS: Record<string, string> = {
  environment: "Environment",
  secretPath: "Secret path",
  caName: "CA name",
  profileName: "Profile name",
  name: "Certificate name",
  resourceName: "Resource name",
  accountName: "Account name",
};

/** What is wrong with a drafted condition's values: each one that matches nothing in the project. */
function unmatchedIn(condition: ConditionDraft, known: KnownConditionValues) {
  if (!condition.value.trim()) return [];
  return unmatchedConditions([{ subject: "", actions: [], conditions: [fromConditionDraft(condition)] }], known);
}

const control = "rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm disabled:bg-slate-50";

/**
 * Rules beyond the matrix: allows limited by conditions ("only in staging") and denies
 * ("never in production"), which win over every allow.
 */
export function ConditionalRules({
  subjects,
  known = {},
  value,
  onChange,
  readOnly,
}: {
  subjects: Readonly<Record<string, SubjectDefinition>>;
  /** The values each condition field takes in the project now: offered while typing, and warned about when none matches. */
  known?: KnownConditionValues;
  value: RuleDraft[];
  onChange: (next: RuleDraft[]) => void;
  readOnly: boolean;
}) {
  const update = (key: number, change: Partial<RuleDraft>) => onChange(value.map((rule) => (rule.key === key ? { ...rule, ...change } : rule)));
  const firstConditional = Object.entries(subjects).find(([, definition]) => definition.conditionFields?.length)?.[0];

  return (
    <section aria-labelledby="conditional-rules-heading" className="flex flex-col gap-3">
      {Object.entries(known).map(([field, values]) => (
        <datalist key={field} id={`condition-values-${field}`}>
          {(values ?? []).map((one) => (
            <option key={one.value} value={one.value}>
              {one.label === one.value ? undefined : one.label}
            </option>
          ))}
        </datalist>
      ))}
      <div>
        <h2 id="conditional-rules-heading" className="text-sm font-semibold text-slate-700">
          Conditions and exceptions
        </h2>
        <p className="text-xs text-slate-500">A Deny rule wins over every Allow. Conditions narrow a rule to matching resources; globs use * and **.</p>
      </div>
      {value.length === 0 ? <p className="text-sm text-slate-500">No rules with conditions or denies.</p> : null}
      <ol className="flex flex-col gap-3">
        {value.map((rule, index) => {
          const definition = subjects[rule.subject];
          const name = `Rule ${index + 1}`;
          return (
            <li key={rule.key} aria-label={name} className="flex flex-col gap-2 rounded-lg border border-slate-200 bg-white p-3">
              <div className="flex flex-wrap items-center gap-2">
                <select
                  aria-label={`${name}: effect`}
                  className={control}
                  value={rule.effect}
                  disabled={readOnly}
                  onChange={(event) => update(rule.key, { effect: event.target.value as RuleDraft["effect"] })}>
                  <option value="allow">Allow</option>
                  <option value="deny">Deny</option>
                </select>
                <select
                  aria-label={`${name}: subject`}
                  className={control}
                  value={rule.subject}
                  disabled={readOnly}
                  onChange={(event) => update(rule.key, { subject: event.target.value, actions: [], conditions: [] })}>
                  {Object.entries(subjects).map(([subject, one]) => (
                    <option key={subject} value={subject}>
                      {one.label}
                    </option>
                  ))}
                </select>
                {!readOnly ? (
                  <Button variant="ghost" className="ml-auto px-2 py-1" onClick={() => onChange(value.filter((one) => one.key !== rule.key))}>
                    Remove {name.toLowerCase()}
                  </Button>
                ) : null}
              </div>
              <fieldset className="flex flex-wrap gap-x-4 gap-y-1">
                <legend className="sr-only">{name}: actions</legend>
                {Object.entries(definition?.actions ?? {}).map(([action, label]) => (
                  <label key={action} className="flex items-center gap-2 text-sm text-slate-700">
                    <input
                      type="checkbox"
                      aria-label={`${name}: ${label}`}
                      checked={rule.actions.includes(action)}
                      disabled={readOnly}
                      onChange={(event) =>
                        update(rule.key, { actions: event.target.checked ? [...rule.actions, action] : rule.actions.filter((one) => one !== action) })
                      }
                    />
                    {label}
                  </label>
                ))}
              </fieldset>
              {definition?.conditionFields?.length ? (
                <div className="flex flex-col gap-2">
                  {rule.conditions.map((condition, at) => {
                    const label = `${name}, condition ${at + 1}`;
                    const change = (next: Partial<typeof condition>) =>
                      update(rule.key, { conditions: rule.conditions.map((one, i) => (i === at ? { ...one, ...next } : one)) });
                    const unmatched = unmatchedIn(condition, known);
                    const warningId = `condition-warning-${rule.key}-${at}`;
                    return (
                      <div key={at} className="flex flex-col gap-1">
                        <div className="flex flex-wrap items-center gap-2 pl-2 text-sm">
                          <span className="text-slate-500">{at === 0 ? "where" : "and"}</span>
                          <select
                            aria-label={`${label}: field`}
                            className={control}
                            value={condition.field}
                            disabled={readOnly}
                            onChange={(event) => change({ field: event.target.value })}>
                            {definition.conditionFields!.map((field) => (
                              <option key={field} value={field}>
                                {FIELD_LABELS[field] ?? field}
                              </option>
                            ))}
                          </select>
                          <select
                            aria-label={`${label}: operator`}
                            className={control}
                            value={condition.operator}
                            disabled={readOnly}
                            onChange={(event) => change({ operator: event.target.value as RuleCondition["operator"] })}>
                            {OPERATORS.map((operator) => (
                              <option key={operator.value} value={operator.value}>
                                {operator.label}
                              </option>
                            ))}
                          </select>
                          <input
                            aria-label={`${label}: value`}
                            className={`${control} min-w-40 flex-1`}
                            value={condition.value}
                            list={known[condition.field] ? `condition-values-${condition.field}` : undefined}
                            aria-describedby={unmatched.length ? warningId : undefined}
                            disabled={readOnly}
                            placeholder={condition.operator === "in" ? "staging, prod" : condition.field === "secretPath" ? "/api/**" : "production"}
                            onChange={(event) => change({ value: event.target.value })}
                          />
                          {!readOnly ? (
                            <Button
                              variant="ghost"
                              className="px-2 py-1"
                              aria-label={`Remove ${label.toLowerCase()}`}
                              onClick={() => update(rule.key, { conditions: rule.conditions.filter((_, i) => i !== at) })}>
                              ✕
                            </Button>
                          ) : null}
                        </div>
                        {unmatched.length ? (
                          <div
                            id={warningId}
                            role="status"
                            className="ml-2 flex flex-wrap items-center gap-2 rounded-md bg-amber-50 px-2 py-1 text-sm text-amber-900">
                            <span>
                              {unmatched.map(describeUnmatched).join("; ")} in this project:{" "}
                              {rule.effect === "deny" ? "this deny rule would deny nothing" : "this rule would allow nothing"}.
                            </span>
                            {!readOnly && unmatched.length === 1 && unmatched[0]!.suggestion && condition.operator !== "in" ? (
                              <Button variant="secondary" className="px-2 py-0.5" onClick={() => change({ value: unmatched[0]!.suggestion! })}>
                                Use {unmatched[0]!.suggestion}
                              </Button>
                            ) : null}
                          </div>
                        ) : null}
                      </div>
                    );
                  })}
                  {!readOnly ? (
                    <div>
                      <Button
                        variant="secondary"
                        className="px-3 py-1"
                        onClick={() =>
                          update(rule.key, { conditions: [...rule.conditions, { field: definition.conditionFields![0]!, operator: "eq", value: "" }] })
                        }>
                        Add condition to {name.toLowerCase()}
                      </Button>
                    </div>
                  ) : null}
                </div>
              ) : null}
            </li>
          );
        })}
      </ol>
      {!readOnly ? (
        <div>
          <Button variant="secondary" onClick={() => onChange([...value, newRuleDraft(firstConditional ?? Object.keys(subjects)[0]!)])}>
            Add a rule
          </Button>
        </div>
      ) : null}
    </section>
  );
}
