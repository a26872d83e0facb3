import { z } from "zod";
import { idSchema } from "../ids.ts";
import { BUILT_IN_PROJECT_ROLES } from "../authz/built-in-roles.ts";
import { heldRoleSlugSchema } from "../roles/role-slugs.ts";
import { projectRefSchema } from "../projects/schemas.ts";

/** One role to hold: permanently, or until a moment in the future. */
export const roleGrantSchema = z.object({
  role: heldRoleSlugSchema,
  expiresAt: z.coerce
    .date({ error: "Enter a valid date and time" })
    .refine((date) => date.getTime() > Date.now(), "Choose a time in the future")
    .nullable()
    .default(null),
});

/** One or more roles to hold, each once. */
export const grantsSchema = z
  .array(roleGrantSchema)
  .min(1, "Choose at least one role")
  .max(Object.keys(BUILT_IN_PROJECT_ROLES).length + 20, "Too many roles")
  .refine((grants) => new Set(grants.map((grant) => grant.role)).size === grants.length, "Each role can be chosen once");

/** How many people one Add-member step takes (the picker's chips). */
export const MAX_MEMBERS_PER_ADD = 20;

export const addProjectMemberSchema = projectRefSchema.extend({
  userIds: z
    .array(idSchema)
    .min(1, "Choose at least one person")
    .max(MAX_MEMBERS_PER_ADD, `Add at most ${MAX_MEMBERS_PER_ADD} people at a time`)
    .refine((ids) => new Set(ids).size === ids.length, "Each person can be chosen once"),
  grants: grantsSchema,
});
export type AddProjectMemberInput = z.input<typeof addProjectMemberSchema>;

export const changeProjectMemberRolesSchema = projectRefSchema.extend({
  membershipId: idSchema,
  grants: grantsSchema,
});
export type ChangeProjectMemberRolesInput = z.input<typeof changeProjectMemberRolesSchema>;

export const removeProjectMemberSchema = projectRefSchema.extend({ membershipId: idSchema });
export type RemoveProjectMemberInput = z.input<typeof removeProjectMemberSchema>;

/** What the Add-member picker searched for: part of a name or an email. */
export const addableMemberSearchSchema = projectRefSchema.extend({
  q: z.string().trim().max(200).default(""),
  /** People, or the org's machine identities: the members page adds each in its own dialog. */
  kind: z.enum(["PERSON", "IDENTITY"]).default("PERSON"),
});
export type AddableMemberSearchInput = z.input<typeof addableMemberSearchSchema>;

/** A picker's search among the project's people. */
export const projectPeopleSearchSchema = projectRefSchema.extend({ q: z.string().trim().max(100).default("") });
export type ProjectPeopleSearchInput = z.input<typeof projectPeopleSearchSchema>;
