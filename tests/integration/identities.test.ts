import { describe, expect, it } from "vitest";
import { db } from "@/lib/platform/db";
import { ForbiddenError, NotFoundError, RefusedError } from "@/lib/platform/errors";
import { loadIdentityProjectAccess } from "@/lib/platform/identities/api-access";
import { isCredential } from "@/lib/platform/identities/credentials";
import { createClientSecret } from "@/lib/platform/identities/create-client-secret";
import { createIdentity } from "@/lib/platform/identities/create-identity";
import { deleteIdentity } from "@/lib/platform/identities/delete-identity";
import { getIdentity } from "@/lib/platform/identities/get-identity";
import { listIdentities } from "@/lib/platform/identities/list-identities";
import { revokeClientSecret } from "@/lib/platform/identities/revoke-client-secret";
import { revokeIdentityAccessToken } from "@/lib/platform/identities/revoke-identity-access-token";
import { updateIdentity } from "@/lib/platform/identities/update-identity";
import { updateUniversalAuth } from "@/lib/platform/identities/update-universal-auth";
import { renewAccessToken, revokeAccessToken, universalAuthLogin } from "@/lib/platform/identities/universal-auth";
import { authenticate } from "@/lib/platform/auth/authenticate";
import { listOrgMembers } from "@/lib/platform/org-members/list-org-members";
import { getSecretRaw, listSecretsRaw } from "@/lib/products/secrets/api/wire";
import { createFolder } from "@/lib/products/secrets/folders";
import { createSecret } from "@/lib/products/secrets/secrets";
import type { ProjectRoleSlug } from "@/lib/platform/authz/built-in-roles";
import { createRole } from "@/lib/platform/roles/save-role";
import { projectRoleScope } from "@/lib/platform/roles/scope";
import { addOrgMember, addProjectMember, createUser, orgAccess, orgWithProject, projectAccess } from "../support/factories";

const HERE = "127.0.0.1";

/** A Secrets project with values in development and production, and an identity the admin made. */
async function arrange(projectRole: "member" | "viewer" | null = "member") {
  const context = await orgWithProject("SECRET_MANAGER");
  const ref = { orgSlug: context.org.slug, projectSlug: context.project.slug };
  const admin = await projectAccess(context.admin, context.org.slug, context.project.slug);
  await createSecret(admin, { ...ref, environment: "dev", path: "/", key: "DB_URL", value: "postgres://dev" });
  await createSecret(admin, { ...ref, environment: "prod", path: "/", key: "DB_URL", value: "postgres://prod" });
  await createFolder(admin, { ...ref, environment: "dev", path: "/", name: "api" });
  await createSecret(admin, { ...ref, environment: "dev", path: "/api", key: "API_KEY", value: "dev-api" });
  const { identityId, clientId } = await createIdentity(context.adminOrgAccess, { orgSlug: context.org.slug, name: "Deploy bot", role: "no-access" });
  if (projectRole) await addProjectMember(context.project.id, identityId, [{ role: projectRole }]);
  const { clientSecret } = await createClientSecret(context.adminOrgAccess, { orgSlug: context.org.slug, identityId });
  return { ...context, ref, identityId, clientId, clientSecret };
}

async function login(fixture: { clientId: string; clientSecret: string }, address = HERE) {
  return (await universalAuthLogin({ clientId: fixture.clientId, clientSecret: fixture.clientSecret }, address)).accessToken;
}

describe("machine identities", () => {
  it("an Admin creates one: it holds an org role like a member, takes a seat, and is not a person", async () => {
    const fixture = await arrange();
    const listed = await listIdentities(fixture.adminOrgAccess, {});
    expect(listed.rows.map((row) => ({ name: row.name, role: row.role, projectCount: row.projectCount }))).toEqual([
      { name: "Deploy bot", role: "no-access", projectCount: 1 },
    ]);
    // Not among the people, but in the seat count; it can never sign in to the console.
    const people = await listOrgMembers(fixture.adminOrgAccess, {});
    expect(people.rows.some((row) => row.userId === fixture.identityId)).toBe(false);
    expect(await db().orgMembership.count({ where: { orgId: fixture.org.id } })).toBe(2);
    const principal = await db().user.findUniqueOrThrow({ where: { id: fixture.identityId }, select: { email: true } });
    expect(await authenticate({ email: principal.email, password: "" })).toBeNull();
    expect(await db().auditEvent.findFirst({ where: { action: "identity.created", targetId: fixture.identityId }, select: { targetLabel: true } })).toEqual({
      targetLabel: "Deploy bot",
    });
  });

  it("org Members may see identities but not create, delete or manage them; another org's admin finds none of them", async () => {
    const fixture = await arrange();
    const member = await createUser();
    await addOrgMember(fixture.org.id, member.id, "member");
    const memberAccess = await orgAccess(member, fixture.org.slug);
    expect((await listIdentities(memberAccess, {})).total).toBe(1);
    await expect(createIdentity(memberAccess, { orgSlug: fixture.org.slug, name: "Sneaky", role: "no-access" })).rejects.toBeInstanceOf(ForbiddenError);
    await expect(createClientSecret(memberAccess, { orgSlug: fixture.org.slug, identityId: fixture.identityId })).rejects.toBeInstanceOf(ForbiddenError);
    await expect(deleteIdentity(memberAccess, { orgSlug: fixture.org.slug, identityId: fixture.identityId })).rejects.toBeInstanceOf(ForbiddenError);

    const other = await orgWithProject();
    const ref = { orgSlug: other.org.slug, identityId: fixture.identityId };
    await expect(createClientSecret(other.adminOrgAccess, ref)).rejects.toBeInstanceOf(NotFoundError);
    await expect(deleteIdentity(other.adminOrgAccess, ref)).rejects.toBeInstanceOf(NotFoundError);
    await expect(createIdentity(other.adminOrgAccess, { orgSlug: other.org.slug, name: "Too strong", role: "admin" })).resolves.toBeDefined();
  });

  it("nobody gives an identity a role stronger than their own, and a protected identity is not deleted", async () => {
    const fixture = await arrange();
    const weak = await createUser();
    await addOrgMember(fixture.org.id, weak.id, "member");
    const base = await orgAccess(weak, fixture.org.slug);
    const access = { ...base, can: (permission: string) => permission.startsWith("identity:") || base.can(permission as never) };
    await expect(createIdentity(access, { orgSlug: fixture.org.slug, name: "Escalator", role: "admin" })).rejects.toMatchObject({
      fieldErrors: { role: [expect.any(String)] },
    });
    const { identityId } = await createIdentity(fixture.adminOrgAccess, {
      orgSlug: fixture.org.slug,
      name: "Keeper",
      role: "no-access",
      deleteProtection: true,
    });
    await expect(deleteIdentity(fixture.adminOrgAccess, { orgSlug: fixture.org.slug, identityId })).rejects.toBeInstanceOf(RefusedError);
    await deleteIdentity(fixture.adminOrgAccess, { orgSlug: fixture.org.slug, identityId: fixture.identityId });
    expect(await db().user.count({ where: { id: fixture.identityId } })).toBe(0);
  });
});

describe("changing an identity", () => {
  const SETTINGS = {
    accessTokenTtlSeconds: 600,
    accessTokenMaxTtlSeconds: 3600,
    accessTokenMaxUses: 0,
    loginTrustedIps: "0.0.0.0/0\n::/0",
    tokenTrustedIps: "10.0.0.0/8, fd00::/8",
    lockoutThreshold: 3,
    lockoutSeconds: 60,
  };

  it("renames it, changes its org role and protection, with the change on record", async () => {
    const fixture = await arrange();
    const ref = { orgSlug: fixture.org.slug, identityId: fixture.identityId };
    await updateIdentity(fixture.adminOrgAccess, { ...ref, name: "Deploy bot (prod)", role: "member", deleteProtection: true });
    const identity = await getIdentity(fixture.adminOrgAccess, ref);
    expect(identity).toMatchObject({ name: "Deploy bot (prod)", role: "member", deleteProtection: true });
    const event = await db().auditEvent.findFirstOrThrow({ where: { action: "identity.updated", targetId: fixture.identityId }, select: { summary: true } });
    expect(event.summary).toBe("name: Deploy bot → Deploy bot (prod); org role: no-access → member; delete protection: false → true");
    await expect(updateIdentity(fixture.adminOrgAccess, { ...ref, name: " ", role: "member", deleteProtection: true })).rejects.toMatchObject({
      issues: [expect.objectContaining({ path: ["name"] })],
    });
  });

  it("token trusted IPs and lifetimes take effect on the next request; bad ranges are named at their field", async () => {
    const fixture = await arrange();
    const ref = { orgSlug: fixture.org.slug, identityId: fixture.identityId };
    const token = await login(fixture);
    await updateUniversalAuth(fixture.adminOrgAccess, { ...ref, ...SETTINGS });
    // The token now works only from 10/8: from here it is refused, from there it is not.
    await expect(loadIdentityProjectAccess(token, fixture.project.id, HERE)).rejects.toMatchObject({ status: 401 });
    await expect(loadIdentityProjectAccess(token, fixture.project.id, "10.9.8.7")).resolves.toBeDefined();
    expect((await universalAuthLogin({ clientId: fixture.clientId, clientSecret: fixture.clientSecret }, HERE)).expiresIn).toBe(600);
    expect((await getIdentity(fixture.adminOrgAccess, ref)).settings).toMatchObject({ tokenTrustedIps: ["10.0.0.0/8", "fd00::/8"], lockoutThreshold: 3 });

    await expect(updateUniversalAuth(fixture.adminOrgAccess, { ...ref, ...SETTINGS, loginTrustedIps: "10.0.0.0/33\nexample.com" })).rejects.toMatchObject({
      issues: [expect.objectContaining({ path: ["loginTrustedIps"], message: expect.stringMatching(/10\.0\.0\.0\/33/) })],
    });
    await expect(updateUniversalAuth(fixture.adminOrgAccess, { ...ref, ...SETTINGS, tokenTrustedIps: "" })).rejects.toMatchObject({
      issues: [expect.objectContaining({ path: ["tokenTrustedIps"] })],
    });
    await expect(updateUniversalAuth(fixture.adminOrgAccess, { ...ref, ...SETTINGS, accessTokenTtlSeconds: 7200 })).rejects.toMatchObject({
      issues: [expect.objectContaining({ path: ["accessTokenTtlSeconds"], message: "Cannot be longer than the max TTL" })],
    });
    const event = await db().auditEvent.findFirstOrThrow({
      where: { action: "identity.auth-updated", targetId: fixture.identityId },
      select: { summary: true },
    });
    expect(event.summary).toBe("Changed access token TTL, max TTL, token trusted IPs, lockout threshold, lockout duration");
  });

  it("lists live tokens and revokes one: its next request is refused", async () => {
    const fixture = await arrange();
    const ref = { orgSlug: fixture.org.slug, identityId: fixture.identityId };
    const [first, second] = [await login(fixture), await login(fixture)];
    const { liveTokens } = await getIdentity(fixture.adminOrgAccess, ref);
    expect(liveTokens).toHaveLength(2);
    // Newest first: the second login's token.
    await revokeIdentityAccessToken(fixture.adminOrgAccess, { ...ref, accessTokenId: liveTokens[0]!.id });
    await expect(loadIdentityProjectAccess(second!, fixture.project.id, HERE)).rejects.toMatchObject({ status: 401 });
    await expect(loadIdentityProjectAccess(first!, fixture.project.id, HERE)).resolves.toBeDefined();
    expect((await getIdentity(fixture.adminOrgAccess, ref)).liveTokens.map((token) => token.id)).toEqual([liveTokens[1]!.id]);
    await expect(revokeIdentityAccessToken(fixture.adminOrgAccess, { ...ref, accessTokenId: liveTokens[0]!.id })).rejects.toBeInstanceOf(NotFoundError);
  });

  it("those who could not give its role may not change it, log in as it, or widen where it logs in from", async () => {
    const fixture = await arrange();
    const { identityId } = await createIdentity(fixture.adminOrgAccess, { orgSlug: fixture.org.slug, name: "Org admin bot", role: "admin" });
    const weak = await createUser();
    await addOrgMember(fixture.org.id, weak.id, "member");
    const base = await orgAccess(weak, fixture.org.slug);
    const access = { ...base, can: (permission: string) => permission.startsWith("identity:") || base.can(permission as never) };
    const strong = { orgSlug: fixture.org.slug, identityId };
    await expect(createClientSecret(access, strong)).rejects.toMatchObject({ fieldErrors: { role: [expect.any(String)] } });
    await expect(updateUniversalAuth(access, { ...strong, ...SETTINGS })).rejects.toMatchObject({ fieldErrors: { role: [expect.any(String)] } });
    await expect(updateIdentity(access, { ...strong, name: "Mine now", role: "admin", deleteProtection: false })).rejects.toMatchObject({
      fieldErrors: { role: [expect.any(String)] },
    });
    // Their own level is fine, but not a step up.
    const weakRef = { orgSlug: fixture.org.slug, identityId: fixture.identityId };
    await expect(updateIdentity(access, { ...weakRef, name: "Deploy bot", role: "admin", deleteProtection: false })).rejects.toMatchObject({
      fieldErrors: { role: [expect.any(String)] },
    });
    await updateIdentity(access, { ...weakRef, name: "Deploy bot", role: "member", deleteProtection: false });
    expect(
      await db().auditEvent.count({
        where: { action: { in: ["identity.updated", "identity.auth-updated", "identity.client-secret-created"] }, targetId: identityId },
      }),
    ).toBe(0);

    // Members read but do not change; another org's admin finds nothing.
    const memberAccess = await orgAccess(weak, fixture.org.slug);
    await expect(updateIdentity(memberAccess, { ...weakRef, name: "x", role: "member", deleteProtection: false })).rejects.toBeInstanceOf(ForbiddenError);
    await expect(updateUniversalAuth(memberAccess, { ...weakRef, ...SETTINGS })).rejects.toBeInstanceOf(ForbiddenError);
    const other = await orgWithProject();
    await expect(
      updateIdentity(other.adminOrgAccess, { ...weakRef, orgSlug: other.org.slug, name: "x", role: "member", deleteProtection: false }),
    ).rejects.toBeInstanceOf(NotFoundError);
    await expect(updateUniversalAuth(other.adminOrgAccess, { ...weakRef, orgSlug: other.org.slug, ...SETTINGS })).rejects.toBeInstanceOf(NotFoundError);
  });
});

describe("Universal Auth and the secrets API", () => {
  it("logs in with a typed, checksummed secret and reads values through its project role; every read is on record", async () => {
    const fixture = await arrange();
    expect(isCredential("cs", fixture.clientSecret)).toBe(true);
    const token = await login(fixture);
    expect(isCredential("at", token)).toBe(true);
    const access = await loadIdentityProjectAccess(token, fixture.project.id, HERE);
    const { secrets } = await listSecretsRaw(access, { environment: "dev", secretPath: "/", recursive: "true" });
    expect(secrets.map(({ secretKey, secretValue, secretPath }) => ({ secretKey, secretValue, secretPath }))).toEqual([
      { secretKey: "DB_URL", secretValue: "postgres://dev", secretPath: "/" },
      { secretKey: "API_KEY", secretValue: "dev-api", secretPath: "/api" },
    ]);
    const { secret } = await getSecretRaw(access, "DB_URL", { environment: "prod" });
    expect(secret).toMatchObject({ secretKey: "DB_URL", secretValue: "postgres://prod", workspace: fixture.project.id, type: "shared" });
    const reads = await db().auditEvent.findMany({ where: { action: "secret.read-via-api", actorId: fixture.identityId }, select: { actorLabel: true } });
    expect(reads).toEqual([{ actorLabel: "identity Deploy bot" }, { actorLabel: "identity Deploy bot" }]);
  });

  it("a Viewer identity gets keys without values; an identity outside the project or org gets not-found", async () => {
    const viewer = await arrange("viewer");
    const access = await loadIdentityProjectAccess(await login(viewer), viewer.project.id, HERE);
    const { secrets } = await listSecretsRaw(access, { environment: "dev" });
    expect(secrets).toEqual([expect.objectContaining({ secretKey: "DB_URL", secretValue: "", secretValueHidden: true })]);

    const outsider = await arrange(null);
    await expect(loadIdentityProjectAccess(await login(outsider), outsider.project.id, HERE)).rejects.toMatchObject({ status: 404 });
    // Another org's identity with the project's id: the same not-found.
    await expect(loadIdentityProjectAccess(await login(outsider), viewer.project.id, HERE)).rejects.toMatchObject({ status: 404 });
  });

  it("a role that reads values only outside production gets development's values and production's keys", async () => {
    const fixture = await arrange(null);
    const admin = await projectAccess(fixture.admin, fixture.org.slug, fixture.project.slug);
    const { slug } = await createRole(projectRoleScope(admin), {
      name: "Deployer outside prod",
      slug: "deployer-outside-prod",
      permissions: [
        { subject: "secret", actions: ["describe"] },
        { subject: "secret", actions: ["read-value"], conditions: [{ field: "environment", operator: "ne", value: "prod" }] },
      ],
    });
    await addProjectMember(fixture.project.id, fixture.identityId, [{ role: slug as ProjectRoleSlug }]);
    const access = await loadIdentityProjectAccess(await login(fixture), fixture.project.id, HERE);
    expect((await listSecretsRaw(access, { environment: "dev" })).secrets).toEqual([
      expect.objectContaining({ secretKey: "DB_URL", secretValue: "postgres://dev", secretValueHidden: false }),
    ]);
    expect((await listSecretsRaw(access, { environment: "prod" })).secrets).toEqual([
      expect.objectContaining({ secretKey: "DB_URL", secretValue: "", secretValueHidden: true }),
    ]);
    expect((await getSecretRaw(access, "DB_URL", { environment: "prod" })).secret.secretValueHidden).toBe(true);
  });

  it("a demotion between two calls refuses the second; a revoked, expired or used-up token is refused", async () => {
    const fixture = await arrange();
    const token = await login(fixture);
    await loadIdentityProjectAccess(token, fixture.project.id, HERE);
    await db().projectRoleGrant.updateMany({ where: { membership: { userId: fixture.identityId } }, data: { role: "viewer" } });
    const demoted = await loadIdentityProjectAccess(token, fixture.project.id, HERE);
    expect((await listSecretsRaw(demoted, { environment: "dev" })).secrets[0]).toMatchObject({ secretValueHidden: true });
    await db().projectRoleGrant.deleteMany({ where: { membership: { userId: fixture.identityId } } });
    await expect(listSecretsRaw(await loadIdentityProjectAccess(token, fixture.project.id, HERE), { environment: "dev" })).rejects.toMatchObject({
      status: 403,
    });

    await revokeAccessToken(token);
    await expect(loadIdentityProjectAccess(token, fixture.project.id, HERE)).rejects.toMatchObject({ status: 401 });

    const expiring = await login(fixture);
    await db().identityAccessToken.updateMany({ where: { revokedAt: null, identityId: fixture.identityId }, data: { expiresAt: new Date(Date.now() - 1000) } });
    await expect(loadIdentityProjectAccess(expiring, fixture.project.id, HERE)).rejects.toMatchObject({ status: 401 });

    await db().machineIdentity.update({ where: { userId: fixture.identityId }, data: { accessTokenMaxUses: 1 } });
    const once = await login(fixture);
    await expect(loadIdentityProjectAccess(once, fixture.project.id, HERE)).resolves.toBeDefined();
    await expect(loadIdentityProjectAccess(once, fixture.project.id, HERE)).rejects.toMatchObject({ status: 401 });
  });

  it("a token with a use limit admits exactly that many of many parallel requests; an unlimited one records its last use", async () => {
    const fixture = await arrange();
    await db().machineIdentity.update({ where: { userId: fixture.identityId }, data: { accessTokenMaxUses: 3 } });
    const limited = await login(fixture);
    const outcomes = await Promise.allSettled(Array.from({ length: 10 }, () => loadIdentityProjectAccess(limited, fixture.project.id, HERE)));
    expect(outcomes.filter((outcome) => outcome.status === "fulfilled")).toHaveLength(3);
    await db().machineIdentity.update({ where: { userId: fixture.identityId }, data: { accessTokenMaxUses: 0 } });
    const unlimited = await login(fixture);
    for (let request = 0; request < 3; request++) await loadIdentityProjectAccess(unlimited, fixture.project.id, HERE);
    const [newest] = (await getIdentity(fixture.adminOrgAccess, { orgSlug: fixture.org.slug, identityId: fixture.identityId })).liveTokens;
    expect(newest?.lastUsedAt).toBeInstanceOf(Date);
  });

  it("renews up to the max TTL and no further", async () => {
    const fixture = await arrange();
    await db().machineIdentity.update({ where: { userId: fixture.identityId }, data: { accessTokenTtlSeconds: 60, accessTokenMaxTtlSeconds: 90 } });
    const token = await login(fixture);
    const renewed = await renewAccessToken(token, "127.0.0.1");
    expect(renewed.accessTokenMaxTTL).toBe(90);
    // Ten seconds left, the max twenty seconds beyond: a renewal stops at the max, the next is refused.
    await db().identityAccessToken.updateMany({
      where: { identityId: fixture.identityId },
      data: { expiresAt: new Date(Date.now() + 10_000), maxExpiresAt: new Date(Date.now() + 30_000) },
    });
    expect((await renewAccessToken(token, "127.0.0.1")).expiresIn).toBeLessThanOrEqual(30);
    await expect(renewAccessToken(token, "127.0.0.1")).rejects.toMatchObject({ status: 401, message: expect.stringMatching(/max TTL/) });
  });

  it("renews a token only from an address its identity trusts for token use, as any other use", async () => {
    const fixture = await arrange();
    await db().machineIdentity.update({ where: { userId: fixture.identityId }, data: { tokenTrustedIps: ["10.0.0.0/8"] } });
    const token = await login(fixture);
    await expect(loadIdentityProjectAccess(token, fixture.project.id, HERE)).rejects.toMatchObject({ status: 401 });
    await expect(renewAccessToken(token, HERE)).rejects.toMatchObject({ status: 401, message: expect.stringMatching(/address its identity does not trust/) });
    await expect(renewAccessToken(token, "10.9.8.7")).resolves.toMatchObject({ tokenType: "Bearer" });
  });

  it("refuses revoked, expired and used-up client secrets, untrusted addresses, and locks out after repeated bad secrets", async () => {
    const fixture = await arrange();
    const { clientSecret: limited } = await createClientSecret(fixture.adminOrgAccess, {
      orgSlug: fixture.org.slug,
      identityId: fixture.identityId,
      maxUses: 1,
    });
    await login({ clientId: fixture.clientId, clientSecret: limited });
    await expect(login({ clientId: fixture.clientId, clientSecret: limited })).rejects.toMatchObject({ status: 401 });
    const { clientSecret: expiring, clientSecretId: expiringId } = await createClientSecret(fixture.adminOrgAccess, {
      orgSlug: fixture.org.slug,
      identityId: fixture.identityId,
    });
    await db().identityClientSecret.update({ where: { id: expiringId }, data: { expiresAt: new Date(Date.now() - 1) } });
    await expect(login({ clientId: fixture.clientId, clientSecret: expiring })).rejects.toMatchObject({ status: 401 });
    const { clientSecret: revoked, clientSecretId } = await createClientSecret(fixture.adminOrgAccess, {
      orgSlug: fixture.org.slug,
      identityId: fixture.identityId,
    });
    await revokeClientSecret(fixture.adminOrgAccess, { orgSlug: fixture.org.slug, identityId: fixture.identityId, clientSecretId, reason: "leaked in a log" });
    await expect(login({ clientId: fixture.clientId, clientSecret: revoked })).rejects.toMatchObject({ status: 401 });

    await db().machineIdentity.update({ where: { userId: fixture.identityId }, data: { loginTrustedIps: ["10.0.0.0/8", "fd00::/8"] } });
    await expect(login(fixture, "127.0.0.2")).rejects.toMatchObject({ status: 403 });
    await expect(login(fixture, "10.1.2.3")).resolves.toBeTruthy();
    await db().machineIdentity.update({
      where: { userId: fixture.identityId },
      data: { loginTrustedIps: ["0.0.0.0/0"], lockoutThreshold: 3, lockoutSeconds: 1 },
    });

    for (let attempt = 0; attempt < 3; attempt++)
      await expect(login({ clientId: fixture.clientId, clientSecret: "tessera_cs_wrong" })).rejects.toMatchObject({ status: 401 });
    // Locked: even the right secret is refused, with when to try again.
    await expect(login(fixture)).rejects.toMatchObject({ status: 429, retryAfterSeconds: 1 });
    await new Promise((resolve) => setTimeout(resolve, 1100));
    await expect(login(fixture)).resolves.toBeTruthy();
    const refusals = await db().auditEvent.count({ where: { action: "identity.login-refused", targetId: fixture.identityId } });
    expect(refusals).toBeGreaterThanOrEqual(7);
  });

  it("keeps no client secret or access token anywhere in the database", async () => {
    const fixture = await arrange();
    const token = await login(fixture);
    const columns = await db().$queryRaw<Array<{ table_name: string; column_name: string }>>`
      SELECT table_name, column_name FROM information_schema.columns
       WHERE table_schema = 'public' AND data_type IN ('text', 'character varying', 'jsonb', 'ARRAY', 'bytea')`;
    for (const { table_name, column_name } of columns) {
      for (const value of [fixture.clientSecret, token, fixture.clientSecret.slice(11, 40), token.slice(11, 40)]) {
        const [row] = await db().$queryRawUnsafe<Array<{ found: boolean }>>(
          `SELECT EXISTS (SELECT 1 FROM "${table_name}" WHERE position($1 in "${column_name}"::text) > 0) AS found`,
          value,
        );
        expect(row?.found, `${table_name}.${column_name}`).toBe(false);
      }
    }
  });

  it("answers bad input at the field: path traversal, unknown environment, missing fields", async () => {
    const fixture = await arrange();
    const access = await loadIdentityProjectAccess(await login(fixture), fixture.project.id, HERE);
    await expect(listSecretsRaw(access, { environment: "dev", secretPath: "/../etc" })).rejects.toMatchObject({
      issues: [expect.objectContaining({ path: ["secretPath"] })],
    });
    await expect(listSecretsRaw(access, { environment: "nowhere" })).rejects.toMatchObject({ status: 404 });
    await expect(universalAuthLogin({ clientId: fixture.clientId }, HERE)).rejects.toMatchObject({
      status: 422,
      message: expect.stringMatching(/clientSecret/),
    });
  });
});
