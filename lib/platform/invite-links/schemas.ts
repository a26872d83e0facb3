import { z } from "zod";
import { idSchema } from "../ids.ts";
import { normalizeEmail } from "../email-address.ts";
import { expiresInDaysSchema, invitationTokenSchema, projectRoleOffersSchema } from "../invitations/schemas.ts";
import { orgRoleSchema } from "../org-members/schemas.ts";
import { orgRefSchema } from "../slugs.ts";
import { signUpSchema } from "../users/schemas.ts";

export const MAX_LINK_USES = 10_000;

/** Blank means no limit; otherwise a whole number of people. */
const maxUsesSchema = z
  .union([z.literal(""), z.null(), z.undefined(), z.coerce.number({ error: "Enter a number, or leave it empty for no limit" })])
  .transform((value) => (value === "" || value === null || value === undefined ? null : value))
  .pipe(
    z
      .number()
      .int("Enter a whole number")
      .min(1, "At least 1 use, or leave it empty for no limit")
      .max(MAX_LINK_USES, `At most ${MAX_LINK_USES.toLocaleString("en")} uses`)
      .nullable(),
  );

/** "example.com" or "@Example.com": normalised like the domain part of an email. Blank: any. */
const allowedDomainSchema = z
  .union([z.string(), z.null(), z.undefined()])
  .transform((value) => {
    const domain = normalizeEmail(value ?? "").replace(/^@/, "");
    return domain === "" ? null : domain;
  })
  .pipe(
    z
      .string()
      .max(253, "That domain is too long")
      .regex(/^(?!-)[a-z0-9-]{1,63}(?<!-)(\.(?!-)[a-z0-9-]{1,63}(?<!-))+$/, "Enter a domain like example.com")
      .nullable(),
  );

export const createInviteLinkSchema = orgRefSchema.extend({
  name: z.string({ error: "Give the link a name" }).trim().min(1, "Give the link a name").max(80, "Use at most 80 characters"),
  role: orgRoleSchema,
  projectRoles: projectRoleOffersSchema,
  expiresInDays: expiresInDaysSchema,
  maxUses: maxUsesSchema.optional().transform((value) => value ?? null),
  allowedDomain: allowedDomainSchema.optional().transform((value) => value ?? null),
  /** Ticked by the admin when the role manages other people, roles, billing or the org. */
  confirmHighPrivilege: z.boolean().optional(),
});
export type CreateInviteLinkInput = z.input<typeof createInviteLinkSchema>;

export const inviteLinkRefSchema = orgRefSchema.extend({ inviteLinkId: idSchema });

export const joinWithLinkSchema = z.object({ token: invitationTokenSchema });

export const signUpWithLinkSchema = signUpSchema.extend({ token: invitationTokenSchema });
export type SignUpWithLinkInput = z.input<typeof signUpWithLinkSchema>;
