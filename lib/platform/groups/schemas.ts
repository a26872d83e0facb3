import { z } from "zod";
import { displayNameSchema } from "../display-names.ts";
import { idSchema } from "../ids.ts";
import { orgRefSchema, slugSchema } from "../slugs.ts";
import { projectRefSchema } from "../projects/schemas.ts";
import { grantsSchema } from "../project-members/schemas.ts";

/** Group pages live under /orgs/<org>/groups/<slug>. */
const RESERVED_GROUP_SLUGS: ReadonlySet<string> = new Set(["new", "explain"]);

export const GROUP_PAGE_SIZE = 25;
export const GROUP_MEMBER_PAGE_SIZE = 25;
/** How many members one Add step takes (the picker's chips). */
export const MAX_GROUP_MEMBERS_PER_ADD = 50;

/** An org role for the group, or none ("" from a form's "No org role" option). */
const groupOrgRoleSchema = z
  .string()
  .trim()
  .max(63)
  .nullable()
  .default(null)
  .transform((role) => (role ? role : null));

const groupFields = {
  name: displayNameSchema(64),
  description: z.string().trim().max(500, "Use at most 500 characters").default(""),
  orgRole: groupOrgRoleSchema,
};

export const createGroupSchema = orgRefSchema.extend({ ...groupFields, slug: slugSchema(RESERVED_GROUP_SLUGS) });
export type CreateGroupInput = z.input<typeof createGroupSchema>;

export const groupRefSchema = orgRefSchema.extend({ groupId: idSchema });
export type GroupRefInput = z.input<typeof groupRefSchema>;

export const updateGroupSchema = groupRefSchema.extend(groupFields);
export type UpdateGroupInput = z.input<typeof updateGroupSchema>;

export const addGroupMembersSchema = groupRefSchema.extend({
  userIds: z
    .array(idSchema)
    .min(1, "Choose at least one member")
    .max(MAX_GROUP_MEMBERS_PER_ADD, `Add at most ${MAX_GROUP_MEMBERS_PER_ADD} at a time`)
    .refine((ids) => new Set(ids).size === ids.length, "Each member can be chosen once"),
});
export type AddGroupMembersInput = z.input<typeof addGroupMembersSchema>;

export const removeGroupMemberSchema = groupRefSchema.extend({ userId: idSchema });
export type RemoveGroupMemberInput = z.input<typeof removeGroupMemberSchema>;

export const groupListQuerySchema = z.object({
  q: z.string().trim().max(200).catch("").default(""),
  page: z.coerce.number().int().min(1).max(10_000).catch(1).default(1),
});
export type GroupListQuery = z.output<typeof groupListQuerySchema>;

/** A group's roles in one project, from that project's Members page. */
export const setGroupProjectRolesSchema = projectRefSchema.extend({ groupId: z.guid({ error: "Choose a group" }), grants: grantsSchema });
export type SetGroupProjectRolesInput = z.input<typeof setGroupProjectRolesSchema>;

export const removeGroupFromProjectSchema = projectRefSchema.extend({ groupId: idSchema });
export type RemoveGroupFromProjectInput = z.input<typeof removeGroupFromProjectSchema>;

/** What the group's member picker searched for: part of a name or an email, people or identities. */
export const groupCandidateSearchSchema = groupRefSchema.extend({
  q: z.string().trim().max(200).default(""),
  kind: z.enum(["PERSON", "IDENTITY"]).default("PERSON"),
});
export type GroupCandidateSearchInput = z.input<typeof groupCandidateSearchSchema>;

/** The provider's group a group follows at each single sign-on ("" for none), as its groups claim names it. */
export const setGroupIdpGroupSchema = groupRefSchema.extend({
  idpGroup: z
    .string()
    .trim()
    .max(256, "At most 256 characters")
    .transform((name) => name || null),
});
export type SetGroupIdpGroupInput = z.input<typeof setGroupIdpGroupSchema>;

/** What the group page's form sends, as typed; lib/platform/groups/idp-group parses it. */
export const groupIdpGroupFormSchema = groupRefSchema.extend({ idpGroup: z.string().max(256) });
