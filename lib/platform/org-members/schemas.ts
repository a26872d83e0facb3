import { z } from "zod";
import { idSchema } from "../ids.ts";
import { heldRoleSlugSchema } from "../roles/role-slugs.ts";
import { orgRefSchema } from "../slugs.ts";

/** A built-in or custom org role; lib/roles checks that it exists and may be granted. */
export const orgRoleSchema = heldRoleSlugSchema;

export const changeOrgMemberRoleSchema = orgRefSchema.extend({ membershipId: idSchema, role: orgRoleSchema });
export type ChangeOrgMemberRoleInput = z.input<typeof changeOrgMemberRoleSchema>;

export const removeOrgMemberSchema = orgRefSchema.extend({ membershipId: idSchema });

export const offersVoidedByRoleChangeSchema = orgRefSchema.extend({ membershipId: idSchema, role: orgRoleSchema });
/** Without a role: what removing the member would void; with one: what changing to it would. */
export type OffersAtRiskInput = z.input<typeof removeOrgMemberSchema> & { role?: string };
export type RemoveOrgMemberInput = z.input<typeof removeOrgMemberSchema>;

/**
 * 25 rows: at 50 the members page of a 10,000-member org served 38 requests/s on the
 * benchmark machine, at 25 it served 53 (rows are most of what the page renders).
 */
export const ORG_MEMBERS_PAGE_SIZE = 25;

export const orgMemberListQuerySchema = z.object({
  q: z.string().trim().max(100).catch("").default(""),
  page: z.coerce.number().int().min(1).max(100_000).catch(1).default(1),
});
