"use server";

import { headers } from "next/headers";
import { RefusedError } from "../errors.ts";
import { clientIp } from "../rate-limits/client-ip.ts";
import { consumeRateLimit, describeRetry, RATE_LIMITS } from "../rate-limits/rate-limit.ts";
import { signUpSchema } from "../users/schemas.ts";
import { signUp } from "../users/sign-up.ts";
import { definePublicAction } from "./define-action.ts";

/** Creates the account; the sign-up form then signs in through next-auth. */
export const signUpAction = definePublicAction(signUpSchema, async (input) => {
  const limit = await consumeRateLimit(RATE_LIMITS.signUpPerIp, clientIp(await headers()));
  if (!limit.allowed) throw new RefusedError(`Too many new accounts from your network. Try again ${describeRetry(limit.retryAfterSeconds)}.`);
  const user = await signUp(input);
  return { email: user.email };
});
