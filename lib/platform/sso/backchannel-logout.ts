import "server-only";
import { createRemoteJWKSet, jwtVerify, type JWTPayload } from "jose";
import { recordAuditEvent } from "../audit/record-audit-event.ts";
import { db } from "../db.ts";
import { readBodyWithin } from "../http/body-limit.ts";
import { ApiRefusal } from "../identities/universal-auth.ts";
import { publicUrl } from "../mail/send-mail.ts";
import { consumeRateLimit, RATE_LIMITS } from "../rate-limits/rate-limit.ts";
import { oidcConfiguration } from "./oidc.ts";

const LOGOUT_EVENT = "http://schemas.openid.net/event/backchannel-logout";
const MAX_BODY_BYTES = 16 * 1024;

/** What each org registers with its provider as the back-channel logout URI. */
export function backchannelLogoutUrl(orgSlug: string): string {
  return publicUrl(`/api/sso/logout/${encodeURIComponent(orgSlug)}`);
}

const keySets = new Map<string, ReturnType<typeof createRemoteJWKSet>>();

/** The provider's published keys (jose caches and refreshes them). */
function keysAt(jwksUri: string) {
  let keys = keySets.get(jwksUri);
  if (!keys) {
    if (keySets.size > 500) keySets.clear();
    keys = createRemoteJWKSet(new URL(jwksUri), { timeoutDuration: 5_000 });
    keySets.set(jwksUri, keys);
  }
  return keys;
}

/**
 * OpenID Connect Back-Channel Logout 1.0: the org's provider tells Tessera that a session of
 * its own ended. The logout token is checked as the specification says — signed with the
 * provider's published keys, this provider as issuer, this org's client as audience, issued
 * within the last few minutes, carrying the logout event, a `sub` or `sid`, and no nonce — and
 * then every Tessera session that came through this org's provider for that provider session
 * (sid) or that person (sub) ends.
 */
export async function backchannelLogout(orgSlug: string, request: Request, clientAddress: string): Promise<Response> {
  const limit = await consumeRateLimit(RATE_LIMITS.ssoLogoutPerIp, clientAddress);
  if (!limit.allowed) throw new ApiRefusal(429, "Too many logout requests from this address", limit.retryAfterSeconds);
  const body = await readBodyWithin(request, MAX_BODY_BYTES);
  if (!body) throw new ApiRefusal(413, `body: larger than ${MAX_BODY_BYTES / 1024} KiB`);
  const logoutToken = new URLSearchParams(new TextDecoder().decode(body)).get("logout_token");
  if (!logoutToken) throw new ApiRefusal(400, "logout_token: required (application/x-www-form-urlencoded)");

  const connection = await db().ssoConnection.findFirst({
    where: { org: { slug: orgSlug }, active: true },
    select: { orgId: true, issuer: true, clientId: true, clientSecretSealed: true, updatedAt: true },
  });
  if (!connection) throw new ApiRefusal(400, "This organization has no active single sign-on");
  const metadata = (await oidcConfiguration(connection)).serverMetadata();
  if (!metadata.jwks_uri) throw new ApiRefusal(400, "The provider publishes no keys");

  let claims: JWTPayload;
  try {
    ({ payload: claims } = await jwtVerify(logoutToken, keysAt(metadata.jwks_uri), {
      issuer: metadata.issuer,
      audience: connection.clientId,
      maxTokenAge: "5m",
      clockTolerance: 60,
      requiredClaims: ["iat", "jti"],
    }));
  } catch (error) {
    throw new ApiRefusal(400, `logout_token: ${error instanceof Error ? error.message : "not valid"}`);
  }
  const events = claims.events as Record<string, unknown> | undefined;
  if (typeof events?.[LOGOUT_EVENT] !== "object") throw new ApiRefusal(400, "logout_token: not a logout event");
  if (claims.nonce !== undefined) throw new ApiRefusal(400, "logout_token: a logout token carries no nonce");
  const sid = typeof claims.sid === "string" ? claims.sid : null;
  const sub = typeof claims.sub === "string" ? claims.sub : null;
  if (!sid && !sub) throw new ApiRefusal(400, "logout_token: names no session (sid) and no one (sub)");

  const person = sub
    ? await db().ssoIdentity.findUnique({ where: { issuer_subject: { issuer: metadata.issuer, subject: sub } }, select: { userId: true } })
    : null;
  const ended = await db().userSession.deleteMany({
    where: {
      ssoOrgId: connection.orgId,
      ...(sid ? { ssoSid: sid } : {}),
      ...(sub ? { userId: person?.userId ?? "00000000-0000-0000-0000-000000000000" } : {}),
    },
  });
  await recordAuditEvent(db(), {
    orgId: connection.orgId,
    actorId: null,
    action: "sso.provider-logout",
    target: person ? { type: "user", id: person.userId } : { type: "organization", id: connection.orgId },
    metadata: { sid, subject: sub, sessionsEnded: ended.count },
  });
  return new Response(null, { status: 200, headers: { "Cache-Control": "no-store" } });
}
