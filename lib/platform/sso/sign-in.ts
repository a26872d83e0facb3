import "server-only";
import * as client from "openid-client";
import { recordAuditEvent } from "../audit/record-audit-event.ts";
import { createSsoTicket } from "../auth/sso-tickets.ts";
import { NO_PASSWORD_HASH } from "../auth/password.ts";
import type { OrgAccess } from "../authz/org-access.ts";
import { orgPlanOf } from "../billing/limits.ts";
import type { PlanId } from "../billing/plans.ts";
import { plans } from "../billing/plans.ts";
import { db, type Tx } from "../db.ts";
import { normalizeEmail } from "../email-address.ts";
import { syncIdpGroups } from "./group-sync.ts";
import { oidcConfiguration, ssoCallbackUrl } from "./oidc.ts";
import type { SsoRefusal } from "./messages.ts";

const LOGIN_MINUTES = 10;

type ConnectionRow = {
  orgId: string;
  issuer: string;
  clientId: string;
  clientSecretSealed: Uint8Array;
  allowedDomains: string[];
  defaultRole: string;
  active: boolean;
  groupsClaim: string | null;
  updatedAt: Date;
  org: { slug: string; plan: PlanId; seatLimit: number | null };
};

const CONNECTION_SELECT = {
  orgId: true,
  issuer: true,
  clientId: true,
  clientSecretSealed: true,
  allowedDomains: true,
  defaultRole: true,
  active: true,
  groupsClaim: true,
  updatedAt: true,
  org: { select: { slug: true, plan: true, seatLimit: true } },
} as const;

const planHasSso = (plan: PlanId) => plans()[plan].features.sso;

/** A sign-in sent to the provider: where the browser goes, and the state its cookie binds to this browser. */
export type SsoStart = { url: URL; state: string };

type Purpose = "sign-in" | "test" | "link";

async function startAt(connection: ConnectionRow, purpose: Purpose, userId: string | null): Promise<SsoStart> {
  const config = await oidcConfiguration(connection);
  const state = client.randomState();
  const nonce = client.randomNonce();
  const codeVerifier = client.randomPKCECodeVerifier();
  await db().$transaction([
    db().ssoLogin.deleteMany({ where: { expiresAt: { lt: new Date() } } }),
    db().ssoLogin.create({
      data: {
        state,
        orgId: connection.orgId,
        purpose,
        userId,
        codeVerifier,
        nonce,
        configAt: connection.updatedAt,
        expiresAt: new Date(Date.now() + LOGIN_MINUTES * 60_000),
      },
    }),
  ]);
  const url = client.buildAuthorizationUrl(config, {
    redirect_uri: ssoCallbackUrl(),
    scope: "openid email profile",
    state,
    nonce,
    code_challenge: await client.calculatePKCECodeChallenge(codeVerifier),
    code_challenge_method: "S256",
    // A test proves the provider signs someone in now, not that a session is still open there.
    ...(purpose === "sign-in" ? {} : { prompt: "login" }),
  });
  return { url, state };
}

/**
 * Starts a sign-in from a work email (its domain finds the one org whose active SSO allows
 * it) or from an org's own sign-in link.
 */
export async function startSsoSignIn(input: { email?: string; orgSlug?: string }): Promise<SsoStart | SsoRefusal> {
  const domain = input.email ? normalizeEmail(input.email).split("@")[1] : undefined;
  const rows: ConnectionRow[] = input.orgSlug
    ? await db().ssoConnection.findMany({ where: { active: true, org: { slug: input.orgSlug } }, select: CONNECTION_SELECT })
    : domain
      ? await db().ssoConnection.findMany({ where: { active: true, allowedDomains: { has: domain } }, select: CONNECTION_SELECT, take: 2 })
      : [];
  if (rows.length === 0) return "no-connection";
  if (rows.length > 1) return "ambiguous";
  const connection = rows[0]!;
  if (!planHasSso(connection.org.plan)) return "plan";
  return startAt(connection, "sign-in", null);
}

/** An admin's test sign-in with the saved settings (in a popup): it must work before SSO can be turned on. */
export async function startSsoTest(access: OrgAccess): Promise<SsoStart | SsoRefusal> {
  if (!access.can("organization:edit")) return "not-allowed";
  const connection = await db().ssoConnection.findUnique({ where: { orgId: access.org.id }, select: CONNECTION_SELECT });
  if (!connection) return "no-connection";
  if (!planHasSso(connection.org.plan)) return "plan";
  return startAt(connection, "test", access.actor.userId);
}

/**
 * A member signed in with their password links their account to the org's active provider
 * (the provider must vouch for the same, verified, email). From then on they can sign in
 * through it — which an org that requires SSO asks of them.
 */
export async function startSsoLink(orgId: string, userId: string): Promise<SsoStart | SsoRefusal> {
  const connection = await db().ssoConnection.findUnique({ where: { orgId }, select: CONNECTION_SELECT });
  if (!connection?.active) return "no-connection";
  if (!planHasSso(connection.org.plan)) return "plan";
  return startAt(connection, "link", userId);
}

export type SsoOutcome =
  | { kind: "signed-in"; ticket: string; orgSlug: string }
  | { kind: "tested"; orgSlug: string }
  | { kind: "linked"; orgSlug: string }
  | { kind: "refused"; reason: SsoRefusal; orgSlug?: string };

type Claims = { iss: string; sub: string; email?: unknown; email_verified?: unknown; name?: unknown; [claim: string]: unknown };

/**
 * The provider's answer at the callback. The state is taken out of circulation first (single
 * use, and it must be the one this browser's cookie holds); then openid-client checks the
 * code exchange with PKCE, and the ID token's signature, issuer, audience, expiry and nonce.
 */
export async function finishSso(params: URLSearchParams, browserState: string | undefined): Promise<SsoOutcome> {
  const state = params.get("state") ?? "";
  if (!state || state !== browserState) return { kind: "refused", reason: "expired" };
  const [login] = await db().$queryRaw<
    Array<{ org_id: string; purpose: Purpose; user_id: string | null; code_verifier: string; nonce: string; config_at: Date }>
  >`DELETE FROM sso_logins WHERE state = ${state} AND expires_at > now() RETURNING org_id, purpose, user_id, code_verifier, nonce, config_at`;
  if (!login) return { kind: "refused", reason: "expired" };
  const connection = await db().ssoConnection.findUnique({ where: { orgId: login.org_id }, select: CONNECTION_SELECT });
  if (!connection || (login.purpose !== "test" && !connection.active)) return { kind: "refused", reason: "no-connection" };
  if (!planHasSso(connection.org.plan)) return { kind: "refused", reason: "plan" };
  if (connection.updatedAt.getTime() !== login.config_at.getTime()) return { kind: "refused", reason: "changed" };

  let claims: Claims;
  try {
    const config = await oidcConfiguration(connection);
    const callback = new URL(ssoCallbackUrl());
    callback.search = params.toString();
    const tokens = await client.authorizationCodeGrant(config, callback, {
      pkceCodeVerifier: login.code_verifier,
      expectedState: state,
      expectedNonce: login.nonce,
      idTokenExpected: true,
    });
    claims = tokens.claims() as Claims;
    // Providers that follow OIDC Core to the letter give scope claims (email, name) only at the
    // userinfo endpoint when an access token is issued; ask it, for the same subject only.
    if (claims.email === undefined) {
      const info = await client.fetchUserInfo(config, tokens.access_token, claims.sub);
      const groupsClaim = connection.groupsClaim;
      claims = {
        ...claims,
        email: info.email,
        email_verified: info.email_verified,
        name: claims.name ?? info.name,
        ...(groupsClaim && claims[groupsClaim] === undefined ? { [groupsClaim]: info[groupsClaim] } : {}),
      };
    }
  } catch (error) {
    console.warn("SSO: the provider's answer was refused", connection.issuer, error instanceof Error ? error.message : error);
    return { kind: "refused", reason: "provider" };
  }

  if (login.purpose === "test") return recordTest(connection, login.user_id, login.config_at, claims);
  if (login.purpose === "link") {
    const linked = login.user_id ? await db().$transaction((tx) => linkAccount(tx, connection, login.user_id!, claims)) : "link-mismatch";
    return linked === true ? { kind: "linked", orgSlug: connection.org.slug } : { kind: "refused", reason: linked, orgSlug: connection.org.slug };
  }
  const outcome = await signInPerson(connection, claims);
  if (typeof outcome === "string") {
    await recordAuditEvent(db(), {
      orgId: connection.orgId,
      actorId: null,
      action: "sso.sign-in-refused",
      target: { type: "organization", id: connection.orgId },
      metadata: { reason: outcome, issuer: claims.iss, subject: claims.sub, email: typeof claims.email === "string" ? claims.email : null },
    });
    return { kind: "refused", reason: outcome, orgSlug: connection.org.slug };
  }
  return { kind: "signed-in", ticket: outcome.ticket, orgSlug: connection.org.slug };
}

async function recordTest(connection: ConnectionRow, userId: string | null, configAt: Date, claims: Claims): Promise<SsoOutcome> {
  const tested = await db().$transaction(async (tx) => {
    // Only the settings the test started with count as tested.
    const marked = await tx.ssoConnection.updateMany({
      where: { orgId: connection.orgId, updatedAt: configAt },
      data: { testedAt: new Date(), testedById: userId },
    });
    if (marked.count === 0) return false;
    await recordAuditEvent(tx, {
      orgId: connection.orgId,
      actorId: userId,
      action: "sso.tested",
      target: { type: "organization", id: connection.orgId },
      metadata: { issuer: claims.iss, subject: claims.sub, email: typeof claims.email === "string" ? claims.email : null },
    });
    if (userId) await linkAccount(tx, connection, userId, claims);
    return true;
  });
  return tested ? { kind: "tested", orgSlug: connection.org.slug } : { kind: "refused", reason: "changed" };
}

const emailVerified = (value: unknown) => value === true || value === "true";

/**
 * Links the signed-in person's password account to the provider identity that just signed in,
 * when the provider vouches for the same verified email (an Admin's test does this too). The
 * identity must not belong to anyone else; one already linked to them is fine.
 */
async function linkAccount(tx: Tx, connection: ConnectionRow, userId: string, claims: Claims): Promise<true | "link-mismatch" | "link-taken"> {
  const person = await tx.user.findUnique({ where: { id: userId }, select: { email: true } });
  if (typeof claims.email !== "string" || !emailVerified(claims.email_verified) || person?.email !== normalizeEmail(claims.email)) return "link-mismatch";
  const existing = await tx.ssoIdentity.findUnique({ where: { issuer_subject: { issuer: claims.iss, subject: claims.sub } }, select: { userId: true } });
  if (existing) return existing.userId === userId ? true : "link-taken";
  await tx.ssoIdentity.create({ data: { userId, orgId: connection.orgId, issuer: claims.iss, subject: claims.sub, email: person.email } });
  await recordAuditEvent(tx, {
    orgId: connection.orgId,
    actorId: userId,
    action: "sso.linked",
    target: { type: "user", id: userId },
    metadata: { issuer: claims.iss, subject: claims.sub },
  });
  return true;
}

/**
 * The person the provider vouched for: matched by issuer and subject, never by email alone.
 * A first sign-in makes the account just in time when the email is verified and its domain
 * allowed — unless a password account already has that email (taking it over would let the
 * provider's admins into an account they do not own); an account the org's own provisioning
 * made is the provider's, and is linked. A member the provider deactivated is refused. Missing from the org, they join it
 * with its default role (a seat permitting). Returns the ticket for a session.
 */
async function signInPerson(connection: ConnectionRow, claims: Claims): Promise<{ ticket: string } | SsoRefusal> {
  try {
    return await signInPersonIn(connection, claims);
  } catch (error) {
    if (error instanceof NoSeatForSso) return "no-seat";
    throw error;
  }
}

/** No seat for a newcomer: thrown so that an account made in the same transaction is rolled back. */
class NoSeatForSso extends Error {}

function signInPersonIn(connection: ConnectionRow, claims: Claims): Promise<{ ticket: string } | SsoRefusal> {
  return db().$transaction(async (tx) => {
    const identity = await tx.ssoIdentity.findUnique({
      where: { issuer_subject: { issuer: claims.iss, subject: claims.sub } },
      select: { id: true, user: { select: { id: true, disabledAt: true } } },
    });
    const email = typeof claims.email === "string" ? normalizeEmail(claims.email) : null;
    let userId: string;
    let created = false;
    if (identity) {
      if (identity.user.disabledAt) return "disabled";
      userId = identity.user.id;
      await tx.ssoIdentity.update({ where: { id: identity.id }, data: { lastSignInAt: new Date(), ...(email ? { email } : {}) } });
    } else {
      if (!email || !emailVerified(claims.email_verified)) return "email-unverified";
      if (!connection.allowedDomains.includes(email.split("@")[1] ?? "")) return "domain";
      const existing = await tx.user.findUnique({
        where: { email },
        select: { id: true, disabledAt: true, scimUsers: { where: { orgId: connection.orgId, createdAccount: true }, select: { id: true } } },
      });
      // An account this org's provisioning (SCIM) made, with no password, is the provider's
      // own: its first sign-in links it. Anyone else's account is linked only by its owner.
      if (existing && existing.scimUsers.length === 0) return "account-exists";
      if (existing?.disabledAt) return "disabled";
      const name = typeof claims.name === "string" && claims.name.trim() ? claims.name.trim().slice(0, 100) : email.split("@")[0]!;
      userId =
        existing?.id ?? (await tx.user.create({ data: { email, name, passwordHash: NO_PASSWORD_HASH, emailVerifiedAt: new Date() }, select: { id: true } })).id;
      await tx.ssoIdentity.create({
        data: { userId, orgId: connection.orgId, issuer: claims.iss, subject: claims.sub, email, lastSignInAt: new Date() },
      });
      created = !existing;
    }
    const joined = await joinIfMissing(tx, connection, userId);
    if (joined === "deactivated") return "deactivated";
    if (connection.groupsClaim) await syncIdpGroups(tx, connection.orgId, userId, claims[connection.groupsClaim]);
    if (joined === "joined") {
      await recordAuditEvent(tx, {
        orgId: connection.orgId,
        actorId: userId,
        action: "member.joined",
        target: { type: "user", id: userId },
        metadata: { via: "sso", role: connection.defaultRole },
      });
    }
    if (created) {
      await recordAuditEvent(tx, {
        orgId: connection.orgId,
        actorId: userId,
        action: "sso.account-created",
        target: { type: "user", id: userId },
        metadata: { issuer: claims.iss, subject: claims.sub, email, role: connection.defaultRole },
      });
    }
    await recordAuditEvent(tx, {
      orgId: connection.orgId,
      actorId: userId,
      action: "sso.signed-in",
      target: { type: "user", id: userId },
      metadata: { issuer: claims.iss, subject: claims.sub, joined: joined === "joined" },
    });
    return { ticket: await createSsoTicket(tx, userId, connection.orgId, typeof claims.sid === "string" ? claims.sid.slice(0, 255) : null) };
  });
}

/** Puts the person in the org with its default role if they are not in it; seats counted under the org's lock. */
async function joinIfMissing(tx: Tx, connection: ConnectionRow, userId: string): Promise<"member" | "joined" | "deactivated"> {
  const [org] = await tx.$queryRaw<Array<{ plan: PlanId; seat_limit: number | null }>>`
    SELECT plan::text AS plan, seat_limit FROM organizations WHERE id = ${connection.orgId}::uuid FOR UPDATE`;
  const existing = await tx.orgMembership.findUnique({ where: { orgId_userId: { orgId: connection.orgId, userId } }, select: { deactivatedAt: true } });
  if (existing) return existing.deactivatedAt ? "deactivated" : "member";
  const seats = orgPlanOf({ plan: org!.plan, seat_limit: org!.seat_limit }).limits.seats;
  if (seats !== null && (await tx.orgMembership.count({ where: { orgId: connection.orgId } })) >= seats) throw new NoSeatForSso();
  await tx.orgMembership.create({ data: { orgId: connection.orgId, userId, role: connection.defaultRole } });
  return "joined";
}
