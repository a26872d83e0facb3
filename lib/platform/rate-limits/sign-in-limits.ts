import "server-only";
import { normalizeEmail } from "../email-address.ts";
import { consumeRateLimit, RATE_LIMITS } from "./rate-limit.ts";

/** The error next-auth hands back to the sign-in form when attempts are limited. */
export const SIGN_IN_RATE_LIMITED = "RATE_LIMITED";

/**
 * One sign-in attempt against three limits: this address on this account (strict), this
 * address on any account, and this account from anywhere (a high ceiling). Guessing from one
 * address is slowed at once, while the owner, signing in from their own address, is refused
 * only once guesses from many addresses pass the ceiling.
 */
export async function signInAllowed(email: unknown, ip: string): Promise<boolean> {
  const account = typeof email === "string" ? normalizeEmail(email).slice(0, 254) : "";
  const results = await Promise.all([
    consumeRateLimit(RATE_LIMITS.signInPerAccountAndIp, `${account}|${ip}`),
    consumeRateLimit(RATE_LIMITS.signInPerIp, ip),
    consumeRateLimit(RATE_LIMITS.signInPerAccount, account),
  ]);
  return results.every((result) => result.allowed);
}
