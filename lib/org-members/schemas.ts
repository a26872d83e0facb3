import { z } from "zod";
import { BUILT_IN_ORG_ROLES, type OrgRoleSlug } from "../authz/built-in-roles.ts";
import { orgSlugSchema } from "../slugs.ts";

const orgRoleSlugs = Object.keys(BUILT_IN_ORG_ROLES) as [OrgRoleSlug, ...OrgRoleSlug[]];
export const orgRoleSchema = z.enum(orgRoleSlugs, { error: "Choose a role" });

export const orgRefSchema = z.object({ orgSlug: orgSlugSchema });

export const changeOrgMemberRoleSchema = orgRefSchema.extend({ membershipId: z.uuid(), role: orgRoleSchema });
export type ChangeOrgMemberRoleInput = z.input<typeof changeOrgMemberRoleSchema>;

export const removeOrgMemberSchema = orgRefSchema.extend({ membershipId: z.uuid() });
export type RemoveOrgMemberInput = z.input<typeof removeOrgMemberSchema>;

export const ORG_MEMBERS_PAGE_SIZE = 50;

export const orgMemberListQuerySchema = z.object({
  q: z.string().trim().max(100).catch("").default(""),
  page: z.coerce.number().int().min(1).max(100_000).catch(1).default(1),
});
