import { z } from "zod";
import { idSchema } from "../ids.ts";
import { emailSchema } from "../email-address.ts";
import { heldRoleSlugSchema } from "../roles/role-slugs.ts";
import { orgRoleSchema } from "../org-members/schemas.ts";
import { orgRefSchema } from "../slugs.ts";
import { personNameSchema, passwordSchema } from "../users/schemas.ts";

export const MAX_INVITES_AT_ONCE = 50;
export const DEFAULT_INVITATION_DAYS = 7;

/** "a@x.com, b@y.com" or one per line (or a list): every address checked on its own. */
const emailListSchema = z
  .union([z.string(), z.array(z.string())], { error: "Enter at least one email address" })
  .transform((raw) => (Array.isArray(raw) ? raw : raw.split(/[\s,;]+/)).filter(Boolean))
  .pipe(z.array(emailSchema).min(1, "Enter at least one email address").max(MAX_INVITES_AT_ONCE, `Invite at most ${MAX_INVITES_AT_ONCE} people at once`))
  .transform((emails) => [...new Set(emails)]);

export const MAX_PROJECT_ROLE_OFFERS = 20;

/** Project roles granted together with the org role when someone joins. */
export const projectRoleOffersSchema = z
  .array(
    z.object({
      projectId: z.uuid({ error: "Choose a project" }),
      role: heldRoleSlugSchema,
    }),
  )
  .max(MAX_PROJECT_ROLE_OFFERS, `Choose at most ${MAX_PROJECT_ROLE_OFFERS} projects`)
  .refine((offers) => new Set(offers.map((offer) => offer.projectId)).size === offers.length, "Each project can be chosen once")
  .default([]);
export type ProjectRoleOffer = z.output<typeof projectRoleOffersSchema>[number];

export const expiresInDaysSchema = z.coerce
  .number({ error: "Enter a number of days" })
  .int("Enter a whole number of days")
  .min(1, "At least 1 day")
  .max(30, "At most 30 days")
  .default(DEFAULT_INVITATION_DAYS);

export const createInvitationsSchema = orgRefSchema.extend({
  emails: emailListSchema,
  role: orgRoleSchema,
  projectRoles: projectRoleOffersSchema,
  expiresInDays: expiresInDaysSchema,
  /** Ticked by the admin when the role manages other people, roles, billing or the org. */
  confirmHighPrivilege: z.boolean().optional(),
});
export type CreateInvitationsInput = z.input<typeof createInvitationsSchema>;

export const invitationRefSchema = orgRefSchema.extend({ invitationId: idSchema });

export const invitationTokenSchema = z.string().min(20).max(100);

export const acceptInvitationSchema = z.object({ token: invitationTokenSchema });

export const signUpWithInvitationSchema = z.object({
  token: invitationTokenSchema,
  name: personNameSchema,
  password: passwordSchema,
});
