import "server-only";
import { headers } from "next/headers";
import { RefusedError } from "../errors.ts";
import { clientIp } from "./client-ip.ts";
import { consumeRateLimit, describeRetry, RATE_LIMITS } from "./rate-limit.ts";

/** Invitation and invite-link tokens are guessable only by brute force; each address gets a few tries. */
export async function limitTokenChecks(): Promise<void> {
  const limit = await consumeRateLimit(RATE_LIMITS.invitationTokenPerIp, clientIp(await headers()));
  if (!limit.allowed) throw new RefusedError(`Too many invitation attempts. Try again ${describeRetry(limit.retryAfterSeconds)}.`);
}

/** New accounts per address, for every way of signing up. */
export async function limitSignUps(): Promise<void> {
  const limit = await consumeRateLimit(RATE_LIMITS.signUpPerIp, clientIp(await headers()));
  if (!limit.allowed) throw new RefusedError(`Too many new accounts from your network. Try again ${describeRetry(limit.retryAfterSeconds)}.`);
}
