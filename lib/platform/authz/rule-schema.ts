import { z } from "zod";
import type { SubjectDefinition } from "./catalogue.ts";
import { countGlobWildcards, MAX_GLOB_WILDCARDS } from "./glob.ts";
import type { PermissionRule } from "./rules.ts";

export const MAX_RULES_PER_ROLE = 100;
const MAX_CONDITIONS_PER_RULE = 10;

const conditionValue = z.string().trim().min(1, "Enter a value").max(200, "Use at most 200 characters");

const conditionSchema = z.discriminatedUnion("operator", [
  z.object({ field: z.string().max(50), operator: z.enum(["eq", "ne"]), value: conditionValue }),
  z.object({
    field: z.string().max(50),
    operator: z.literal("glob"),
    value: conditionValue.refine(
      (pattern) => countGlobWildcards(pattern) <= MAX_GLOB_WILDCARDS,
      `Use at most ${MAX_GLOB_WILDCARDS} wildcards (*, ** or ?) in one pattern`,
    ),
  }),
  z.object({ field: z.string().max(50), operator: z.literal("in"), value: z.array(conditionValue).min(1, "Enter at least one value").max(50) }),
]);

/**
 * A role's rules, checked against the catalogue of one scope (the org's subjects, or one
 * product type's project subjects): unknown subjects, actions or condition fields, and
 * oversized lists, are refused with a message that says which.
 */
export function permissionRulesSchema(subjects: Readonly<Record<string, SubjectDefinition>>): z.ZodType<PermissionRule[]> {
  let schema = schemas.get(subjects);
  if (!schema) {
    schema = buildRulesSchema(subjects);
    schemas.set(subjects, schema);
  }
  return schema;
}

// Scopes share their subject maps (the catalogue's objects, or one per product type), so a
// schema is built once per map rather than on every role read.
const schemas = new WeakMap<object, z.ZodType<PermissionRule[]>>();

function buildRulesSchema(subjects: Readonly<Record<string, SubjectDefinition>>): z.ZodType<PermissionRule[]> {
  const ruleSchema = z
    .object({
      subject: z.string().max(50),
      actions: z.array(z.string().max(50)).min(1, "Choose at least one action").max(20),
      inverted: z.boolean().optional(),
      conditions: z.array(conditionSchema).max(MAX_CONDITIONS_PER_RULE, `At most ${MAX_CONDITIONS_PER_RULE} conditions per rule`).optional(),
    })
    .superRefine((rule, context) => {
      const definition = Object.hasOwn(subjects, rule.subject) ? subjects[rule.subject] : undefined;
      if (!definition) {
        context.addIssue({ code: "custom", path: ["subject"], message: `"${rule.subject}" is not something this kind of role can grant.` });
        return;
      }
      for (const action of rule.actions) {
        if (!Object.hasOwn(definition.actions, action)) {
          context.addIssue({ code: "custom", path: ["actions"], message: `${definition.label} has no action "${action}".` });
        }
      }
      if (new Set(rule.actions).size !== rule.actions.length) {
        context.addIssue({ code: "custom", path: ["actions"], message: "Each action can be chosen once per rule." });
      }
      for (const condition of rule.conditions ?? []) {
        if (!definition.conditionFields?.includes(condition.field)) {
          context.addIssue({ code: "custom", path: ["conditions"], message: `${definition.label} cannot have conditions on "${condition.field}".` });
        }
      }
    });
  return z.array(ruleSchema).max(MAX_RULES_PER_ROLE, `A role can have at most ${MAX_RULES_PER_ROLE} rules.`) as unknown as z.ZodType<PermissionRule[]>;
}
