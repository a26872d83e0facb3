import "server-only";
import { normalizeEmail } from "../auth/email.ts";
import { consumeRateLimit, RATE_LIMITS } from "./rate-limit.ts";

/** The error next-auth hands back to the sign-in form when attempts are limited. */
export const SIGN_IN_RATE_LIMITED = "RATE_LIMITED";

/** One sign-in attempt against both the account's and the address's limits. */
export async function signInAllowed(email: unknown, ip: string): Promise<boolean> {
  const account = typeof email === "string" ? normalizeEmail(email).slice(0, 254) : "";
  const [perAccount, perIp] = await Promise.all([
    consumeRateLimit(RATE_LIMITS.signInPerAccount, account),
    consumeRateLimit(RATE_LIMITS.signInPerIp, ip),
  ]);
  return perAccount.allowed && perIp.allowed;
}
