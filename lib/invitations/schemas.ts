import { z } from "zod";
import { emailSchema } from "../auth/email.ts";
import { orgRoleSchema, orgRefSchema } from "../org-members/schemas.ts";
import { personNameSchema, passwordSchema } from "../users/schemas.ts";

export const MAX_INVITES_AT_ONCE = 50;
export const DEFAULT_INVITATION_DAYS = 7;

/** "a@x.com, b@y.com" or one per line (or a list): every address checked on its own. */
const emailListSchema = z
  .union([z.string(), z.array(z.string())], { error: "Enter at least one email address" })
  .transform((raw) => (Array.isArray(raw) ? raw : raw.split(/[\s,;]+/)).filter(Boolean))
  .pipe(
    z
      .array(emailSchema)
      .min(1, "Enter at least one email address")
      .max(MAX_INVITES_AT_ONCE, `Invite at most ${MAX_INVITES_AT_ONCE} people at once`),
  )
  .transform((emails) => [...new Set(emails)]);

export const createInvitationsSchema = orgRefSchema.extend({
  emails: emailListSchema,
  role: orgRoleSchema,
  expiresInDays: z.coerce.number().int().min(1, "At least 1 day").max(30, "At most 30 days").default(DEFAULT_INVITATION_DAYS),
});
export type CreateInvitationsInput = z.input<typeof createInvitationsSchema>;

export const invitationRefSchema = orgRefSchema.extend({ invitationId: z.uuid() });

export const invitationTokenSchema = z.string().min(20).max(100);

export const acceptInvitationSchema = z.object({ token: invitationTokenSchema });

export const signUpWithInvitationSchema = z.object({
  token: invitationTokenSchema,
  name: personNameSchema,
  password: passwordSchema,
});
