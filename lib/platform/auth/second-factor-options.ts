import "server-only";
import type { PublicKeyCredentialRequestOptionsJSON } from "@simplewebauthn/server";
import { currentRequestContext } from "../audit/request-context.ts";
import { db } from "../db.ts";
import { RefusedError } from "../errors.ts";
import { signInAllowed } from "../rate-limits/sign-in-limits.ts";
import { authenticate } from "./authenticate.ts";
import { passkeyVerifyOptions } from "./passkeys.ts";
import { signInPasskeyOptionsSchema } from "./two-factor-schemas.ts";

/** How a person can prove a second factor now: an app code, and a passkey challenge if they have passkeys. */
export type SecondFactorOptions = { totp: boolean; passkey: PublicKeyCredentialRequestOptionsJSON | null };

export async function secondFactorOptions(userId: string): Promise<SecondFactorOptions> {
  const [totp, passkey] = await Promise.all([db().userTwoFactor.count({ where: { userId, confirmedAt: { not: null } } }), passkeyVerifyOptions(userId)]);
  return { totp: totp > 0, passkey };
}

/**
 * The sign-in form's second step, before anyone is signed in: the password is checked again
 * (and counted against sign-in's limits), so nobody learns an account's passkeys from its
 * address alone.
 */
export async function signInSecondFactorOptions(input: unknown): Promise<SecondFactorOptions> {
  const { email, password } = signInPasskeyOptionsSchema.parse(input);
  if (!(await signInAllowed(email, currentRequestContext()?.ip ?? "unknown"))) {
    throw new RefusedError("Too many sign-in attempts. Wait a few minutes, then try again.");
  }
  const authenticated = await authenticate({ email, password });
  if (!authenticated || typeof authenticated === "string") throw new RefusedError("That email and password do not match an account. Sign in again.");
  return secondFactorOptions(authenticated.userId);
}
