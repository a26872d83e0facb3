import "server-only";
import type { OrgAccess } from "../authz/org-access.ts";
import { plans } from "../billing/plans.ts";
import type { PlanId } from "../billing/plans.ts";
import { db } from "../db.ts";
import { credentialHash, isCredential } from "../identities/credentials.ts";
import { creatorAccess } from "../invitations/creator-authority.ts";
import { consumeRateLimit, RATE_LIMITS } from "../rate-limits/rate-limit.ts";
import { SCIM_AUTHORITY } from "./authority.ts";
import { ScimError } from "./errors.ts";

/**
 * Who is provisioning: the org, the token (named in every audit event) and the authority it
 * acts with — its creator's, as it stands on this request.
 */
export type ScimCaller = { access: OrgAccess; token: { id: string; name: string } };

type TokenRow = { id: string; name: string; org_id: string; plan: PlanId; created_by_id: string | null; touch: boolean };

/** The token from `Authorization: Bearer tessera_scim_…`, if it is one (shape and checksum). */
function scimBearer(authorization: string | null): string | null {
  const token = /^Bearer\s+(\S+)$/i.exec(authorization ?? "")?.[1] ?? null;
  return token && isCredential("scim", token) ? token : null;
}

async function refuse(clientAddress: string, message: string): Promise<never> {
  // Only failures count: a provider with a good token is never slowed down by its own traffic.
  const limit = await consumeRateLimit(RATE_LIMITS.scimTokenFailuresPerIp, clientAddress);
  if (!limit.allowed) throw new ScimError(429, "Too many requests with bad tokens from this address", "tooMany", limit.retryAfterSeconds);
  throw new ScimError(401, message);
}

/**
 * Checks the bearer token for the org named in the URL: it must be this org's, not revoked,
 * not expired, on a plan with single sign-on, and its creator must still be a member holding
 * everything provisioning does (authority is checked when it is used).
 */
export async function authenticateScim(request: Request, orgSlug: string, clientAddress: string): Promise<ScimCaller> {
  const token = scimBearer(request.headers.get("authorization"));
  if (!token) return refuse(clientAddress, "Send the provisioning token: Authorization: Bearer tessera_scim_…");
  const [row] = await db().$queryRaw<TokenRow[]>`
    SELECT t.id, t.name, t.org_id, o.plan::text AS plan, t.created_by_id,
           (t.last_used_at IS NULL OR t.last_used_at < now() - interval '1 minute') AS touch
      FROM scim_tokens t JOIN organizations o ON o.id = t.org_id
     WHERE t.token_hash = ${credentialHash(token)} AND o.slug = ${orgSlug}
       AND t.revoked_at IS NULL AND (t.expires_at IS NULL OR t.expires_at > now())`;
  if (!row) return refuse(clientAddress, "This token is not valid for this organization: wrong, revoked or expired");
  if (!plans()[row.plan].features.sso) throw new ScimError(403, "The organization's plan does not include single sign-on and provisioning");
  const access = row.created_by_id ? await creatorAccess(db(), row.org_id, row.created_by_id) : null;
  if (!access || SCIM_AUTHORITY.some((permission) => !access.can(permission))) {
    throw new ScimError(403, "Whoever made this token no longer holds what provisioning needs in the organization. An Admin must make a new token.");
  }
  // Last use is for the tokens page: written at most once a minute, so most requests write nothing.
  if (row.touch) await db().scimToken.update({ where: { id: row.id }, data: { lastUsedAt: new Date() } });
  return { access, token: { id: row.id, name: row.name } };
}
