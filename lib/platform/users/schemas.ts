import { z } from "zod";
import { emailSchema } from "../email-address.ts";
import { emailTokenSchema } from "../auth/schemas.ts";
import { displayNameSchema } from "../display-names.ts";

export const PASSWORD_MIN_LENGTH = 12;

export const passwordSchema = z
  .string({ error: "Enter a password" })
  .min(PASSWORD_MIN_LENGTH, `Use at least ${PASSWORD_MIN_LENGTH} characters`)
  .max(256, "Use at most 256 characters");

export const personNameSchema = displayNameSchema(100, "Enter your name");

export const signUpSchema = z.object({
  name: personNameSchema,
  email: emailSchema,
  password: passwordSchema,
});
export type SignUpInput = z.input<typeof signUpSchema>;

export const deleteAccountSchema = z.object({ password: z.string({ error: "Enter your password" }).min(1, "Enter your password").max(256) });
export type DeleteAccountInput = z.input<typeof deleteAccountSchema>;

export const requestPasswordResetSchema = z.object({ email: emailSchema });

export const resetPasswordSchema = z.object({
  token: emailTokenSchema,
  password: passwordSchema,
  /** Asked only when the reset claims an address someone registered but never confirmed. */
  name: personNameSchema.optional(),
});
export type ResetPasswordInput = z.input<typeof resetPasswordSchema>;

export const changePasswordSchema = z.object({
  currentPassword: z.string({ error: "Enter your current password" }).min(1, "Enter your current password").max(256),
  newPassword: passwordSchema,
});
export type ChangePasswordInput = z.input<typeof changePasswordSchema>;

export const renameSelfSchema = z.object({ name: personNameSchema });
