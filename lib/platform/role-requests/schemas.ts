import { z } from "zod";
import { checkboxSchema, idListSchema } from "../form-fields.ts";
import { idSchema } from "../ids.ts";
import { orgSlugSchema, projectSlugSchema } from "../slugs.ts";
import { LONGEST_REQUEST_MINUTES } from "./vocabulary.ts";

const projectRef = { orgSlug: orgSlugSchema, projectSlug: projectSlugSchema };

const roleSlug = z.string({ error: "Choose a role" }).trim().min(1, "Choose a role").max(64, "Choose a role");

const minutes = (what: string) =>
  z.coerce
    .number({ error: `Choose ${what}` })
    .int("Whole minutes")
    .min(1, "At least one minute")
    .max(LONGEST_REQUEST_MINUTES, "At most 30 days");

export const requestRoleSchema = z.object({
  ...projectRef,
  role: roleSlug,
  durationMinutes: minutes("how long"),
  reason: z.string().trim().min(1, "Say why you need it: approvers decide on it").max(1000, "Use at most 1,000 characters"),
  breakGlass: checkboxSchema,
});
export type RequestRoleInput = z.input<typeof requestRoleSchema>;

/** Which project the request form asks about. */
export const requestOptionsSchema = z.object(projectRef);
export type RequestOptionsInput = z.input<typeof requestOptionsSchema>;

export const roleRequestRefSchema = z.object({ ...projectRef, requestId: idSchema });
export type RoleRequestRefInput = z.input<typeof roleRequestRefSchema>;

/** The requester's own request, from outside the project as much as inside. */
export const myRoleRequestRefSchema = z.object({ orgSlug: orgSlugSchema, requestId: idSchema });
export type MyRoleRequestRefInput = z.input<typeof myRoleRequestRefSchema>;

export const decideRoleRequestSchema = roleRequestRefSchema.extend({
  decision: z.enum(["APPROVE", "REJECT"]),
  comment: z.string().trim().max(1000, "Use at most 1,000 characters").default(""),
});
export type DecideRoleRequestInput = z.input<typeof decideRoleRequestSchema>;

/** Role slugs picked several at once, each once. */
const roleList = z
  .union([z.string(), z.array(z.string())])
  .default([])
  .transform((value) => (Array.isArray(value) ? value : value.split(/[\s,]+/)).map((slug) => slug.trim()).filter(Boolean))
  .pipe(z.array(z.string().max(64)).min(1, "Pick at least one role people may ask for").max(50, "At most 50 roles"))
  .transform((roles) => [...new Set(roles)]);

export const rolePolicyFieldsSchema = z.object({
  ...projectRef,
  name: z.string({ error: "Enter a name" }).trim().min(1, "Enter a name").max(64, "Use at most 64 characters"),
  roles: roleList,
  requiredApprovals: z.coerce.number({ error: "Enter a number" }).int("A whole number").min(1, "At least one approval").max(10, "At most 10"),
  approverIds: idListSchema("people"),
  approverGroupIds: idListSchema("groups"),
  approverRole: z
    .string()
    .trim()
    .max(64)
    .nullish()
    .transform((value) => value || null),
  maxDurationMinutes: minutes("the longest time"),
  breakGlassIds: idListSchema("people"),
});
export type RolePolicyFieldsInput = z.input<typeof rolePolicyFieldsSchema>;

export const updateRolePolicySchema = rolePolicyFieldsSchema.extend({ policyId: idSchema });
export type UpdateRolePolicyInput = z.input<typeof updateRolePolicySchema>;

export const rolePolicyRefSchema = z.object({ ...projectRef, policyId: idSchema });
export type RolePolicyRefInput = z.input<typeof rolePolicyRefSchema>;
