"use server";

import { limitSignUps } from "../rate-limits/token-checks.ts";
import { signInSecondFactorOptions } from "../auth/second-factor-options.ts";
import { signInPasskeyOptionsSchema } from "../auth/two-factor-schemas.ts";
import { headers } from "next/headers";
import { clientIp } from "../rate-limits/client-ip.ts";
import { requestPasswordReset, resetPassword } from "../users/password-reset.ts";
import { confirmEmailSchema, resendConfirmationSchema } from "../auth/schemas.ts";
import { requestPasswordResetSchema, resetPasswordSchema, signUpSchema } from "../users/schemas.ts";
import { confirmEmail, resendConfirmation } from "../auth/email-verification.ts";
import { signUp } from "../users/sign-up.ts";
import { definePublicAction } from "./define-action.ts";

/** Creates the account; the form then signs in, or asks to check the inbox when mail confirms addresses. */
export const signUpAction = definePublicAction(signUpSchema, async (input) => {
  await limitSignUps();
  return signUp(input);
});

/** Confirms an address from its mailed link (a button on the page, never the GET itself). */
export const confirmEmailAction = definePublicAction(confirmEmailSchema, (input) => confirmEmail(input));

/** "Forgot password": the same answer for every address. */
export const requestPasswordResetAction = definePublicAction(requestPasswordResetSchema, async (input) =>
  requestPasswordReset(input, clientIp(await headers())),
);

/** Sets a new password from a mailed link; every session of the account ends. */
export const resetPasswordAction = definePublicAction(resetPasswordSchema, (input) => resetPassword(input));

/** "Send the link again": the same answer for every address. */
export const resendConfirmationAction = definePublicAction(resendConfirmationSchema, async (input) => resendConfirmation(input, clientIp(await headers())));

/** Sign-in's second step: how this account can prove it (a passkey challenge among them), after its password again. */
export const signInSecondFactorOptionsAction = definePublicAction(signInPasskeyOptionsSchema, (input) => signInSecondFactorOptions(input));
