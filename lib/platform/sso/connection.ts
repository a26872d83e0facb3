import "server-only";
import { recordOrgEvent } from "../audit/record-audit-event.ts";
import type { OrgAccess } from "../authz/org-access.ts";
import { assertPlanIncludes } from "../billing/limits.ts";
import { db } from "../db.ts";
import { ForbiddenError, RefusedError, ValidationError } from "../errors.ts";
import { sealWithRootKey } from "../kms/data-keys.ts";
import { clientSecretContext, discover, issuerProblem } from "./oidc.ts";
import { saveSsoConnectionSchema, setSsoActiveSchema, setSsoEnforcedSchema, type SaveSsoConnectionInput } from "./schemas.ts";
import type { z } from "zod";

/** What the settings page shows (never the secret). */
export type SsoConnectionView = {
  issuer: string;
  clientId: string;
  allowedDomains: string[];
  defaultRole: "member" | "no-access";
  testedAt: Date | null;
  testedBy: string | null;
  active: boolean;
  enforced: boolean;
  groupsClaim: string | null;
  sessionHours: number | null;
  /** Whether the viewer's own session came through this org's provider (requiring SSO needs it). */
  viewerCameThroughSso: boolean;
} | null;

export async function getSsoConnection(access: OrgAccess): Promise<SsoConnectionView> {
  if (!access.can("organization:read")) throw new ForbiddenError("organization:read");
  const row = await db().ssoConnection.findUnique({ where: { orgId: access.org.id } });
  if (!row) return null;
  const [tester, session] = await Promise.all([
    row.testedById ? db().user.findUnique({ where: { id: row.testedById }, select: { name: true } }) : null,
    access.actor.sessionId ? db().userSession.findUnique({ where: { id: access.actor.sessionId }, select: { ssoOrgId: true } }) : null,
  ]);
  return {
    issuer: row.issuer,
    clientId: row.clientId,
    allowedDomains: row.allowedDomains,
    defaultRole: row.defaultRole === "no-access" ? "no-access" : "member",
    testedAt: row.testedAt,
    testedBy: tester?.name ?? null,
    active: row.active,
    enforced: row.enforced,
    groupsClaim: row.groupsClaim,
    sessionHours: row.sessionHours,
    viewerCameThroughSso: session?.ssoOrgId === access.org.id,
  };
}

/**
 * Saves the provider's settings after asking the provider itself (discovery) whether the
 * issuer is right. Any change un-tests the connection and makes it inactive: a configuration
 * signs people in only after a test sign-in with it.
 */
export async function saveSsoConnection(access: OrgAccess, input: SaveSsoConnectionInput): Promise<void> {
  if (!access.can("organization:edit")) throw new ForbiddenError("organization:edit");
  assertPlanIncludes(access.org, "sso");
  const parsed = saveSsoConnectionSchema.parse(input);
  const problem = issuerProblem(parsed.issuer);
  if (problem) throw ValidationError.field("issuer", problem);
  const before = await db().ssoConnection.findUnique({ where: { orgId: access.org.id } });
  if (!before && !parsed.clientSecret) throw ValidationError.field("clientSecret", "Enter the client secret the provider gave");
  const clientSecretSealed = parsed.clientSecret
    ? new Uint8Array(sealWithRootKey(Buffer.from(parsed.clientSecret), clientSecretContext(access.org.id)))
    : before!.clientSecretSealed;
  try {
    await discover(parsed.issuer, parsed.clientId, parsed.clientSecret || "unused-for-discovery");
  } catch {
    throw ValidationError.field("issuer", "No OpenID provider answered at this issuer (its /.well-known/openid-configuration). Check the URL.");
  }
  const settings = { issuer: parsed.issuer, clientId: parsed.clientId, allowedDomains: parsed.allowedDomains, defaultRole: parsed.defaultRole };
  await db().$transaction(async (tx) => {
    await tx.ssoConnection.upsert({
      where: { orgId: access.org.id },
      create: { orgId: access.org.id, ...settings, clientSecretSealed },
      update: { ...settings, clientSecretSealed, testedAt: null, testedById: null, active: false, enforced: false },
    });
    await recordOrgEvent(tx, access, {
      action: "sso.configured",
      target: { type: "organization", id: access.org.id },
      metadata: {
        from: before ? { issuer: before.issuer, clientId: before.clientId, allowedDomains: before.allowedDomains, defaultRole: before.defaultRole } : null,
        to: settings,
        secretChanged: Boolean(parsed.clientSecret),
      },
      summary: before ? "Single sign-on settings changed (needs a new test)" : "Single sign-on set up",
    });
  });
}

/** Turns SSO sign-in on (only once tested with these settings) or off. */
export async function setSsoActive(access: OrgAccess, input: z.input<typeof setSsoActiveSchema>): Promise<void> {
  if (!access.can("organization:edit")) throw new ForbiddenError("organization:edit");
  const { active } = setSsoActiveSchema.parse(input);
  if (active) assertPlanIncludes(access.org, "sso");
  await db().$transaction(async (tx) => {
    const [row] = await tx.$queryRaw<Array<{ active: boolean; tested_at: Date | null }>>`
      SELECT active, tested_at FROM sso_connections WHERE org_id = ${access.org.id}::uuid FOR UPDATE`;
    if (!row) {
      if (active) throw new RefusedError("Set up single sign-on first.");
      return;
    }
    if (row.active === active) return;
    if (active && !row.tested_at) throw new RefusedError("Test the connection first: sign in through the provider once with these settings.");
    await tx.ssoConnection.update({ where: { orgId: access.org.id }, data: active ? { active } : { active, enforced: false } });
    await recordOrgEvent(tx, access, {
      action: active ? "sso.activated" : "sso.deactivated",
      target: { type: "organization", id: access.org.id },
      summary: active ? "Single sign-on turned on" : "Single sign-on turned off",
    });
  });
}

/**
 * Requires single sign-on for the org's members (Admins keep a password way in, on record).
 * Turning it on needs SSO to be on and the actor's own session to have come through it: whoever
 * requires it has just proven the provider lets them in.
 */
export async function setSsoEnforced(access: OrgAccess, input: z.input<typeof setSsoEnforcedSchema>): Promise<void> {
  if (!access.can("organization:edit")) throw new ForbiddenError("organization:edit");
  const { enforced } = setSsoEnforcedSchema.parse(input);
  await db().$transaction(async (tx) => {
    const [row] = await tx.$queryRaw<Array<{ active: boolean; enforced: boolean }>>`
      SELECT active, enforced FROM sso_connections WHERE org_id = ${access.org.id}::uuid FOR UPDATE`;
    if (!row) {
      if (enforced) throw new RefusedError("Set up single sign-on first.");
      return;
    }
    if (row.enforced === enforced) return;
    if (enforced) {
      if (!row.active) throw new RefusedError("Turn single sign-on on first.");
      const session = access.actor.sessionId ? await tx.userSession.findUnique({ where: { id: access.actor.sessionId }, select: { ssoOrgId: true } }) : null;
      if (session?.ssoOrgId !== access.org.id) {
        throw new RefusedError("Sign in through the provider yourself first (Sign in with single sign-on), then require it: that proves it lets people in.");
      }
    }
    await tx.ssoConnection.update({ where: { orgId: access.org.id }, data: { enforced } });
    await recordOrgEvent(tx, access, {
      action: enforced ? "sso.enforced" : "sso.no-longer-enforced",
      target: { type: "organization", id: access.org.id },
      summary: enforced ? "Members must sign in through the identity provider" : "Members may sign in with a password again",
    });
  });
}
