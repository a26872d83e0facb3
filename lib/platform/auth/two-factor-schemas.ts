import { z } from "zod";

/** Six digits from an authenticator app; spaces people type in the middle are dropped. */
export const totpCodeSchema = z
  .string({ error: "Enter the 6-digit code" })
  .transform((value) => value.replace(/\s+/g, ""))
  .pipe(z.string().regex(/^\d{6}$/, "Enter the 6-digit code from the app"));

/** A second step at sign-in: an app's code or a recovery code (xxxxx-xxxxx). */
export const secondFactorCodeSchema = z.string().trim().min(1, "Enter a code").max(40);
