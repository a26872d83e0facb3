import "server-only";
import { db } from "../db.ts";
import { env } from "../env.ts";

export type RateLimitRule = { name: string; points: number; windowSeconds: number };

/** What each public entry point allows, per key, per window. */
export const RATE_LIMITS = {
  /** The strict limit: one address guessing one account's password. */
  signInPerAccountAndIp: { name: "sign-in:account-ip", points: 10, windowSeconds: 15 * 60 },
  /**
   * A ceiling for guesses spread over many addresses. High, so that someone else's bad
   * passwords cannot lock the owner out (OWASP: slow guessing, do not deny the owner).
   */
  signInPerAccount: { name: "sign-in:account", points: 200, windowSeconds: 15 * 60 },
  signInPerIp: { name: "sign-in:ip", points: 50, windowSeconds: 15 * 60 },
  signUpPerIp: { name: "sign-up:ip", points: 10, windowSeconds: 60 * 60 },
  /** Second-factor codes: six digits are guessable, so few tries per account and per address. */
  secondFactorPerAccount: { name: "second-factor:account", points: 10, windowSeconds: 15 * 60 },
  secondFactorPerIp: { name: "second-factor:ip", points: 30, windowSeconds: 15 * 60 },
  /** Universal Auth logins from one address (each identity also locks itself out on bad secrets). */
  apiLoginPerIp: { name: "api-login:ip", points: 120, windowSeconds: 60 },
  /** Identity providers' back-channel logout calls (each checks a signature). */
  ssoLogoutPerIp: { name: "sso-logout:ip", points: 300, windowSeconds: 60 },
  /**
   * ACME requests from one address (each answer stores a nonce): far above what certbot or
   * cert-manager need (about ten requests a certificate), far below a flood.
   */
  acmePerIp: { name: "acme:ip", points: 300, windowSeconds: 60 },
  /** Requests with a wrong, revoked or expired provisioning (SCIM) token. */
  scimTokenFailuresPerIp: { name: "scim-token-failures:ip", points: 60, windowSeconds: 10 * 60 },
  invitationTokenPerIp: { name: "invitation-token:ip", points: 30, windowSeconds: 10 * 60 },
  invitesPerOrg: { name: "invites:org", points: 200, windowSeconds: 60 * 60 },
  /** Confirmation and password-reset mails to one account: enough to retry, too few to spam. */
  accountMailsPerAccount: { name: "account-mails:account", points: 5, windowSeconds: 60 * 60 },
  /** Password resets and confirmation resends asked for from one address. */
  accountMailRequestsPerIp: { name: "account-mail-requests:ip", points: 10, windowSeconds: 60 * 60 },
} as const satisfies Record<string, RateLimitRule>;

export type RateLimitResult = { allowed: boolean; retryAfterSeconds: number };

/**
 * Counts `cost` points (one attempt, or one per invitation sent) against `rule` for `key` in
 * PostgreSQL, so the limit holds across every app instance. One atomic statement: a fixed
 * window that restarts once expired.
 */
export async function consumeRateLimit(rule: RateLimitRule, key: string, cost = 1): Promise<RateLimitResult> {
  const id = `${rule.name}:${key}`;
  const [row] = await db().$queryRaw<Array<{ points: number; expires_at: Date }>>`
    INSERT INTO rate_limits (key, points, expires_at)
    VALUES (${id}, ${cost}, now() + make_interval(secs => ${rule.windowSeconds}))
    ON CONFLICT (key) DO UPDATE SET
      points = CASE WHEN rate_limits.expires_at <= now() THEN ${cost} ELSE rate_limits.points + ${cost} END,
      expires_at = CASE WHEN rate_limits.expires_at <= now()
                        THEN now() + make_interval(secs => ${rule.windowSeconds})
                        ELSE rate_limits.expires_at END
    RETURNING points, expires_at`;
  const points = row?.points ?? cost;
  const retryAfterSeconds = Math.max(0, Math.ceil(((row?.expires_at.getTime() ?? Date.now()) - Date.now()) / 1000));
  return { allowed: points <= rule.points * env().RATE_LIMIT_SCALE, retryAfterSeconds };
}

/** A readable wait, for messages: "in 14 minutes". */
export function describeRetry(seconds: number): string {
  const minutes = Math.ceil(seconds / 60);
  return minutes <= 1 ? "in a minute" : `in ${minutes} minutes`;
}
