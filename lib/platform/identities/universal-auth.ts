import "server-only";
import { isIP } from "node:net";
import { recordAuditEvent } from "../audit/record-audit-event.ts";
import { db } from "../db.ts";
import { FEATURES, plans, type PlanId } from "../billing/plans.ts";
import { addressListOf, isAddressIn } from "../http/client-address.ts";
import { credentialHash, isCredential, mintCredential } from "./credentials.ts";
import { universalAuthLoginSchema } from "./schemas.ts";

/** Why the API turned a request away; the route maps each to its HTTP status. */
export class ApiRefusal extends Error {
  constructor(
    readonly status: 400 | 401 | 403 | 404 | 413 | 422 | 429,
    message: string,
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = "ApiRefusal";
  }
}

const INVALID_CREDENTIALS = "Invalid client id or client secret";

/** The org's plan no longer includes machine identities: logins, tokens and renewals stop. */
export function apiOffRefusal(plan: PlanId): ApiRefusal {
  return new ApiRefusal(403, `${FEATURES.apiAccess} are not part of the ${plans()[plan].name} plan of this identity's organization.`);
}

export type IssuedToken = { accessToken: string; expiresIn: number; accessTokenMaxTTL: number; tokenType: "Bearer" };

/**
 * Universal Auth login: the identity's client id and one of its client secrets, from an
 * address it trusts, while it is not locked out. A wrong secret counts towards the lockout;
 * every outcome is in the org's audit log. The token is shown once; only its hash is kept.
 */
export async function universalAuthLogin(input: unknown, clientAddress: string): Promise<IssuedToken> {
  const parsed = universalAuthLoginSchema.safeParse(input);
  if (!parsed.success) throw new ApiRefusal(422, parsed.error.issues.map((issue) => `${issue.path.join(".") || "body"}: ${issue.message}`).join("; "));
  const { clientId, clientSecret } = parsed.data;
  if (!/^[0-9a-f-]{36}$/i.test(clientId)) throw new ApiRefusal(401, INVALID_CREDENTIALS);

  const outcome = await db().$transaction(async (tx) => {
    // Locked: concurrent logins of one identity count failures one at a time.
    const [identity] = await tx.$queryRaw<
      Array<{
        user_id: string;
        org_id: string;
        plan: PlanId;
        ttl: number;
        max_ttl: number;
        max_uses: number;
        login_ips: string[] | null;
        threshold: number;
        lockout: number;
        failed: number;
        locked_until: Date | null;
        disabled: boolean;
      }>
    >`SELECT i.user_id, i.org_id, o.plan::text AS plan, i.access_token_ttl_seconds AS ttl, i.access_token_max_ttl_seconds AS max_ttl,
             i.access_token_max_uses AS max_uses, i.login_trusted_ips AS login_ips, i.lockout_threshold AS threshold,
             i.lockout_seconds AS lockout, i.failed_logins AS failed, i.locked_until, u.disabled_at IS NOT NULL AS disabled
        FROM machine_identities i JOIN users u ON u.id = i.user_id JOIN organizations o ON o.id = i.org_id
       WHERE i.client_id = ${clientId}::uuid FOR UPDATE OF i`;
    if (!identity || identity.disabled) return { refusal: new ApiRefusal(401, INVALID_CREDENTIALS) };
    const refuse = async (refusal: ApiRefusal, reason: string) => {
      await recordAuditEvent(tx, {
        orgId: identity.org_id,
        actorId: identity.user_id,
        action: "identity.login-refused",
        target: { type: "identity", id: identity.user_id },
        metadata: { reason, ip: clientAddress },
      });
      return { refusal };
    };
    if (!plans()[identity.plan].features.apiAccess) return refuse(apiOffRefusal(identity.plan), "plan does not include the API");
    if (identity.locked_until && identity.locked_until > new Date()) {
      const wait = Math.ceil((identity.locked_until.getTime() - Date.now()) / 1000);
      return refuse(new ApiRefusal(429, "Too many failed logins: this identity is locked for now.", wait), "locked out");
    }
    if (!isAddressIn(clientAddress, addressListOf(identity.login_ips ?? [], "login trusted IPs"))) {
      return refuse(new ApiRefusal(403, "This identity does not accept logins from your address."), "address not trusted");
    }
    const secret = isCredential("cs", clientSecret)
      ? await tx.identityClientSecret.findFirst({
          where: { identityId: identity.user_id, secretHash: credentialHash(clientSecret) },
          select: { id: true, expiresAt: true, maxUses: true, useCount: true, revokedAt: true },
        })
      : null;
    const usable =
      secret && !secret.revokedAt && (!secret.expiresAt || secret.expiresAt > new Date()) && (secret.maxUses === 0 || secret.useCount < secret.maxUses);
    if (!usable) {
      const failed = identity.failed + 1;
      const locks = identity.threshold > 0 && failed >= identity.threshold;
      await tx.machineIdentity.update({
        where: { userId: identity.user_id },
        data: locks ? { failedLogins: 0, lockedUntil: new Date(Date.now() + identity.lockout * 1000) } : { failedLogins: failed },
      });
      const reason = !secret
        ? "wrong client secret"
        : secret.revokedAt
          ? "revoked client secret"
          : secret.maxUses > 0 && secret.useCount >= secret.maxUses
            ? "client secret used up"
            : "expired client secret";
      return refuse(new ApiRefusal(401, INVALID_CREDENTIALS), locks ? `${reason}; locked out` : reason);
    }
    await tx.identityClientSecret.update({ where: { id: secret.id }, data: { useCount: { increment: 1 }, lastUsedAt: new Date() } });
    await tx.machineIdentity.update({ where: { userId: identity.user_id }, data: { failedLogins: 0, lockedUntil: null } });
    const accessToken = mintCredential("at");
    const now = Date.now();
    await tx.identityAccessToken.create({
      data: {
        identityId: identity.user_id,
        tokenHash: credentialHash(accessToken),
        expiresAt: new Date(now + identity.ttl * 1000),
        maxExpiresAt: new Date(now + identity.max_ttl * 1000),
        maxUses: identity.max_uses,
      },
    });
    await recordAuditEvent(tx, {
      orgId: identity.org_id,
      actorId: identity.user_id,
      action: "identity.login",
      target: { type: "identity", id: identity.user_id },
      metadata: { clientSecretId: secret.id, ip: clientAddress },
    });
    return { token: { accessToken, expiresIn: identity.ttl, accessTokenMaxTTL: identity.max_ttl, tokenType: "Bearer" as const } };
  });
  if ("refusal" in outcome) throw outcome.refusal;
  return outcome.token;
}

/** The bearer token of a request, if it is shaped like one of ours. */
export function bearerToken(authorization: string | null): string | null {
  const token = /^Bearer\s+(\S+)$/i.exec(authorization ?? "")?.[1] ?? null;
  return token && isCredential("at", token) ? token : null;
}

/**
 * Extends a live token by its identity's TTL, never past the max TTL it was issued with. A
 * renewal is a use of the token: the identity's trusted IPs and the org's plan are checked
 * as for any other request.
 */
export async function renewAccessToken(accessToken: string, clientAddress: string): Promise<IssuedToken> {
  if (!isCredential("at", accessToken)) throw new ApiRefusal(401, "Invalid or expired access token");
  // An address the front door could not resolve matches only "anywhere" (0.0.0.0/0), as for token use.
  const address = isIP(clientAddress) ? clientAddress : "0.0.0.0";
  const [row] = await db().$queryRaw<Array<{ expires_at: Date | null; max_ttl: number; plan: PlanId }>>`
    WITH token AS (
      SELECT t.id, o.plan::text AS plan, i.access_token_ttl_seconds AS ttl, i.access_token_max_ttl_seconds AS max_ttl
        FROM identity_access_tokens t JOIN machine_identities i ON i.user_id = t.identity_id JOIN organizations o ON o.id = i.org_id
       WHERE t.token_hash = ${credentialHash(accessToken)}
         AND t.revoked_at IS NULL AND t.expires_at > now() AND t.expires_at < t.max_expires_at
         AND ${address}::inet <<= ANY (i.token_trusted_ips::cidr[])),
    renewed AS (
      UPDATE identity_access_tokens t SET expires_at = LEAST(now() + make_interval(secs => token.ttl), t.max_expires_at)
        FROM token
       WHERE t.id = token.id AND token.plan = ANY(${plansWith("apiAccess")}::text[])
      RETURNING t.expires_at)
    SELECT (SELECT expires_at FROM renewed) AS expires_at, token.max_ttl, token.plan FROM token`;
  if (!row)
    throw new ApiRefusal(401, "The token is expired, revoked, used from an address its identity does not trust, or already at its max TTL: log in again");
  if (!row.expires_at) throw apiOffRefusal(row.plan);
  return { accessToken, expiresIn: Math.round((row.expires_at.getTime() - Date.now()) / 1000), accessTokenMaxTTL: row.max_ttl, tokenType: "Bearer" };
}

/** The plans that include a feature, for a statement that checks it in SQL. */
function plansWith(feature: keyof typeof FEATURES): PlanId[] {
  return Object.entries(plans()).flatMap(([id, plan]) => (plan.features[feature] ? [id as PlanId] : []));
}

export async function revokeAccessToken(accessToken: string): Promise<void> {
  if (!isCredential("at", accessToken)) throw new ApiRefusal(401, "Invalid or expired access token");
  await db().$transaction(async (tx) => {
    const [row] = await tx.$queryRaw<Array<{ identity_id: string; org_id: string }>>`
      UPDATE identity_access_tokens t SET revoked_at = now()
        FROM machine_identities i
       WHERE t.token_hash = ${credentialHash(accessToken)} AND i.user_id = t.identity_id AND t.revoked_at IS NULL
      RETURNING t.identity_id, i.org_id`;
    if (!row) throw new ApiRefusal(401, "Invalid or expired access token");
    await recordAuditEvent(tx, {
      orgId: row.org_id,
      actorId: row.identity_id,
      action: "identity.token-revoked",
      target: { type: "identity", id: row.identity_id },
    });
  });
}
