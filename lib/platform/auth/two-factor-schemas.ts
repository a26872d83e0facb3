import { z } from "zod";

/** Six digits from an authenticator app; spaces people type in the middle are dropped. */
export const totpCodeSchema = z
  .string({ error: "Enter the 6-digit code" })
  .transform((value) => value.replace(/\s+/g, ""))
  .pipe(z.string().regex(/^\d{6}$/, "Enter the 6-digit code from the app"));

/** A second step at sign-in: an app's code or a recovery code (xxxxx-xxxxx). */
export const secondFactorCodeSchema = z.string().trim().min(1, "Enter a code").max(40);

/** Proof of the second factor: a code (app or recovery), or a passkey's signed answer (JSON). */
export const secondFactorProofSchema = z.union([z.object({ code: z.string().max(40) }), z.object({ passkey: z.string().min(2).max(16_000) })]);
export type SecondFactorProof = z.output<typeof secondFactorProofSchema>;

/** Adding a passkey starts with the account's password. */
export const passkeyOptionsSchema = z.object({ password: z.string().min(1, "Enter your password").max(200) });
export type PasskeyOptionsInput = z.input<typeof passkeyOptionsSchema>;

export const passkeyNameSchema = z.string().trim().min(1, "Name the passkey, e.g. “Work laptop”").max(60, "At most 60 characters");

export const addPasskeySchema = z.object({ name: passkeyNameSchema, response: z.string().min(2).max(16_000) });
export type AddPasskeyInput = z.input<typeof addPasskeySchema>;

export const passkeyRefSchema = z.object({ passkeyId: z.string().min(1).max(1_400) });

/** Signing in with a passkey as the second step: the password is checked again first. */
export const signInPasskeyOptionsSchema = z.object({ email: z.string().max(320), password: z.string().max(200) });
