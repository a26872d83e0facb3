import { z } from "zod";
import { emailSchema } from "../email-address.ts";

export const signInSchema = z.object({
  email: emailSchema,
  password: z.string().min(1, "Enter your password").max(256),
});

/** Mailed tokens are 43 characters of base64url; anything far off is not one. */
export const emailTokenSchema = z.string().min(20).max(100);

export const confirmEmailSchema = z.object({ token: emailTokenSchema });

export const resendConfirmationSchema = z.object({ email: emailSchema });
