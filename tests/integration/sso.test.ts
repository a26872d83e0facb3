// Single sign-on through an org's OpenID provider: settings checked against the provider and
// tested before they sign anyone in; people matched by issuer and subject; accounts made just
// in time only for a verified email of an allowed domain; and every bad answer (state,
// signature, issuer, audience, expiry, nonce) refused without a session or an account.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { authOptions } from "@/lib/platform/auth/options";
import { redeemSsoTicket } from "@/lib/platform/auth/sso-tickets";
import { loadOrgAccess } from "@/lib/platform/authz/org-access";
import { loadProjectAccess } from "@/lib/platform/authz/project-access";
import { db } from "@/lib/platform/db";
import { CLIENT_ADDRESS_HEADER } from "@/lib/platform/http/client-address";
import { getSsoConnection, saveSsoConnection, setSsoActive } from "@/lib/platform/sso/connection";
import { ssoLogoutRoute } from "@/lib/platform/sso/routes";
import { finishSso, startSsoLink, startSsoSignIn, startSsoTest, type SsoOutcome, type SsoStart } from "@/lib/platform/sso/sign-in";
import { createScimToken } from "@/lib/platform/scim/tokens";
import { setSsoOptions } from "@/lib/platform/sso/options";
import { createGroup } from "@/lib/platform/groups/create-group";
import { setGroupIdpGroup } from "@/lib/platform/groups/idp-group";
import { createRole } from "@/lib/platform/roles/save-role";
import { orgRoleScope } from "@/lib/platform/roles/scope";
import { callAction } from "../support/actions";
import { PATCH_OP, scimClient, USER_SCHEMA } from "../support/scim-client";
import { createUser, currentClaims, orgAccess, orgWithProject, unique } from "../support/factories";
import { startFakeIdp, type IdTokenShape } from "../support/fake-idp";

const CLIENT_ID = "tessera-test";
const CLIENT_SECRET = "s3cret-value";
let idp: Awaited<ReturnType<typeof startFakeIdp>>;
beforeAll(async () => {
  idp = await startFakeIdp(CLIENT_ID, CLIENT_SECRET);
});
afterAll(() => idp.stop());

function started(start: SsoStart | string): SsoStart {
  if (typeof start === "string") throw new Error(`refused to start: ${start}`);
  return start;
}

/** Sends the browser round: start, the provider's answer for `token`, the callback. */
async function roundTrip(start: SsoStart | string, token: IdTokenShape): Promise<SsoOutcome> {
  const { url, state } = started(start);
  return finishSso(idp.answer(url, token), state);
}

const person = (domain: string, sub = unique("sub-"), extra: Partial<IdTokenShape["claims"]> = {}): IdTokenShape => ({
  claims: { sub, email: `${sub}@${domain}`, email_verified: true, name: "Katherine Johnson", ...extra },
});

/** An org with SSO saved, tested by its Admin, and turned on, for `domain`. */
async function ssoOrg() {
  const context = await orgWithProject();
  const domain = `${unique("acme")}.test`;
  await saveSsoConnection(context.adminOrgAccess, {
    orgSlug: context.org.slug,
    issuer: idp.issuer,
    clientId: CLIENT_ID,
    clientSecret: CLIENT_SECRET,
    allowedDomains: `${domain}, other.test`,
    defaultRole: "member",
  });
  expect(await roundTrip(await startSsoTest(context.adminOrgAccess), person(domain, "admin-sub"))).toEqual({ kind: "tested", orgSlug: context.org.slug });
  await setSsoActive(context.adminOrgAccess, { orgSlug: context.org.slug, active: true });
  return { ...context, domain };
}

type Authorize = (credentials: Record<string, string>, request: { headers: Record<string, string> }) => Promise<{ id: string } | null>;
function signInWithTicket(ssoTicket: string) {
  const provider = authOptions().providers[0] as unknown as { options: { authorize: Authorize } };
  return provider.options.authorize({ ssoTicket }, { headers: { [CLIENT_ADDRESS_HEADER]: "127.0.0.1", "user-agent": "vitest" } });
}

describe("the settings", () => {
  it("are checked against the provider, sealed, tested before they can be turned on, and untested by any change", async () => {
    const { admin, org, adminOrgAccess } = await orgWithProject();
    const base = { orgSlug: org.slug, clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, allowedDomains: "acme.test", defaultRole: "member" as const };
    await expect(saveSsoConnection(adminOrgAccess, { ...base, issuer: "http://idp.example.com" })).rejects.toMatchObject({
      fieldErrors: { issuer: ["The issuer must be an https:// URL"] },
    });
    await expect(saveSsoConnection(adminOrgAccess, { ...base, issuer: `${idp.issuer}/nothing-here` })).rejects.toMatchObject({
      fieldErrors: { issuer: [expect.stringMatching(/No OpenID provider answered/)] },
    });
    expect(await callAction("saveSsoConnectionAction", admin.claims, { ...base, issuer: idp.issuer, allowedDomains: "not a domain!" })).toMatchObject({
      ok: false,
      fieldErrors: { allowedDomains: [expect.any(String)] },
    });
    await expect(saveSsoConnection(adminOrgAccess, { ...base, issuer: idp.issuer, clientSecret: "" })).rejects.toMatchObject({
      fieldErrors: { clientSecret: [expect.any(String)] },
    });
    await saveSsoConnection(adminOrgAccess, { ...base, issuer: idp.issuer });
    const row = await db().ssoConnection.findUniqueOrThrow({ where: { orgId: org.id } });
    expect(Buffer.from(row.clientSecretSealed).toString("latin1")).not.toContain(CLIENT_SECRET);
    await expect(setSsoActive(adminOrgAccess, { orgSlug: org.slug, active: true })).rejects.toThrow(/Test the connection first/);

    // A test that started before the settings changed does not count for the new ones.
    const early = started(await startSsoTest(adminOrgAccess));
    await saveSsoConnection(adminOrgAccess, { ...base, issuer: idp.issuer, clientSecret: "", allowedDomains: "acme.test, acme.org" });
    expect(await finishSso(idp.answer(early.url, person("acme.test")), early.state)).toMatchObject({ kind: "refused", reason: "changed" });
    expect(await roundTrip(await startSsoTest(adminOrgAccess), person("acme.test"))).toEqual({ kind: "tested", orgSlug: org.slug });
    expect(await getSsoConnection(adminOrgAccess)).toMatchObject({ testedBy: "Admin", allowedDomains: ["acme.test", "acme.org"] });
    await setSsoActive(adminOrgAccess, { orgSlug: org.slug, active: true });
    // Any change turns it off until tested again.
    await saveSsoConnection(adminOrgAccess, { ...base, issuer: idp.issuer, clientSecret: "", defaultRole: "no-access" });
    expect(await getSsoConnection(adminOrgAccess)).toMatchObject({ active: false, testedAt: null });
    expect(
      (
        await db().auditEvent.findMany({ where: { orgId: org.id, action: { startsWith: "sso." } }, orderBy: { createdAt: "asc" }, select: { action: true } })
      ).map((event) => event.action),
    ).toEqual(["sso.configured", "sso.configured", "sso.tested", "sso.activated", "sso.configured"]);
  });

  it("only an Admin edits them: a Member is refused, another org's Admin finds nothing", async () => {
    const { org, memberWith } = await orgWithProject();
    const input = {
      orgSlug: org.slug,
      issuer: idp.issuer,
      clientId: CLIENT_ID,
      clientSecret: CLIENT_SECRET,
      allowedDomains: "acme.test",
      defaultRole: "member",
    };
    const member = await memberWith("member", []);
    expect(await callAction("saveSsoConnectionAction", member.claims, input)).toEqual({ ok: false, formError: expect.stringMatching(/does not allow this/) });
    const other = await orgWithProject();
    expect(await callAction("saveSsoConnectionAction", other.admin.claims, input)).toEqual({ ok: false, formError: expect.stringMatching(/^Not found/) });
    expect(await callAction("setSsoActiveAction", other.admin.claims, { orgSlug: org.slug, active: true })).toEqual({
      ok: false,
      formError: expect.stringMatching(/^Not found/),
    });
    expect(await db().ssoConnection.count({ where: { orgId: org.id } })).toBe(0);
  });
});

describe("signing in", () => {
  it("makes the account just in time with the org's default role, and a session that records the org", async () => {
    const { org, domain } = await ssoOrg();
    const token = person(domain);
    const outcome = await roundTrip(await startSsoSignIn({ email: `someone@${domain}` }), token);
    if (outcome.kind !== "signed-in") throw new Error(`expected a sign-in, got ${JSON.stringify(outcome)}`);
    expect(outcome.orgSlug).toBe(org.slug);
    const user = await db().user.findUniqueOrThrow({ where: { email: token.claims.email! }, select: { id: true, name: true, emailVerifiedAt: true } });
    expect(user).toMatchObject({ name: "Katherine Johnson", emailVerifiedAt: expect.any(Date) });
    expect(await db().orgMembership.findFirstOrThrow({ where: { orgId: org.id, userId: user.id } })).toMatchObject({ role: "member" });
    expect(await db().ssoIdentity.findFirstOrThrow({ where: { userId: user.id } })).toMatchObject({ issuer: idp.issuer, subject: token.claims.sub });

    const session = await signInWithTicket(outcome.ticket);
    expect(session).toMatchObject({ id: user.id });
    expect(await db().userSession.findFirstOrThrow({ where: { userId: user.id } })).toMatchObject({ ssoOrgId: org.id });
    // The ticket answers once.
    expect(await signInWithTicket(outcome.ticket)).toBeNull();
    expect(await redeemSsoTicket("not-a-ticket")).toBeNull();
    expect(
      (await db().auditEvent.findMany({ where: { orgId: org.id, actorId: user.id }, orderBy: { createdAt: "asc" }, select: { action: true } })).map(
        (event) => event.action,
      ),
    ).toEqual(["member.joined", "sso.account-created", "sso.signed-in"]);
  });

  it("matches a returning person by issuer and subject, not by the email the provider says now", async () => {
    const { org, domain } = await ssoOrg();
    const first = person(domain, "katherine");
    const firstOutcome = await roundTrip(await startSsoSignIn({ orgSlug: org.slug }), first);
    const renamed = person(domain, "katherine", { email: `k.johnson@${domain}` });
    const again = await roundTrip(await startSsoSignIn({ orgSlug: org.slug }), renamed);
    if (firstOutcome.kind !== "signed-in" || again.kind !== "signed-in") throw new Error("expected two sign-ins");
    expect((await redeemSsoTicket(again.ticket))?.userId).toBe((await redeemSsoTicket(firstOutcome.ticket))?.userId);
    expect(await db().user.count({ where: { email: `k.johnson@${domain}` } })).toBe(0);
  });

  it("refuses a replayed state, a state from another browser, and every ID token that fails a check, leaving nothing behind", async () => {
    const { org, domain } = await ssoOrg();
    const accountsBefore = await db().user.count();

    const start = started(await startSsoSignIn({ orgSlug: org.slug }));
    const answer = idp.answer(start.url, person(domain));
    expect(await finishSso(answer, "another-browsers-state")).toMatchObject({ kind: "refused", reason: "expired" });
    // Refused once, the state is not spent by that; the right browser then signs in, once.
    expect(await finishSso(answer, start.state)).toMatchObject({ kind: "signed-in" });
    expect(await finishSso(idp.answer(start.url, person(domain)), start.state)).toMatchObject({ kind: "refused", reason: "expired" });

    const forged: Array<[string, Partial<IdTokenShape>]> = [
      ["wrong issuer", { issuer: "https://evil.example" }],
      ["wrong audience", { audience: "someone-else" }],
      ["expired", { expiresInSeconds: -600 }],
      ["replayed nonce", { nonce: "an-old-nonce" }],
      ["no nonce", { nonce: null }],
      ["signed with another key", { foreignKey: true }],
    ];
    for (const [why, change] of forged) {
      const outcome = await roundTrip(await startSsoSignIn({ orgSlug: org.slug }), { ...person(domain), ...change });
      expect(outcome, why).toMatchObject({ kind: "refused", reason: "provider" });
    }
    expect(await db().user.count()).toBe(accountsBefore + 1);
  });

  it("makes no account for an unverified email, a domain not allowed, or an email a password account already has", async () => {
    const { org, domain } = await ssoOrg();
    const existing = await createUser({ email: `${unique("grace")}@${domain}` });
    const cases: Array<[IdTokenShape, string]> = [
      [person(domain, unique("u"), { email_verified: false }), "email-unverified"],
      [person(domain, unique("u"), { email_verified: undefined }), "email-unverified"],
      [person("elsewhere.test"), "domain"],
      [{ claims: { sub: unique("u"), email: existing.email, email_verified: true } }, "account-exists"],
    ];
    for (const [token, reason] of cases) {
      expect(await roundTrip(await startSsoSignIn({ orgSlug: org.slug }), token), reason).toMatchObject({ kind: "refused", reason });
    }
    expect(await db().ssoIdentity.count({ where: { orgId: org.id, subject: { not: "admin-sub" } } })).toBe(0);
    expect(await db().orgMembership.count({ where: { orgId: org.id, userId: existing.id } })).toBe(0);
    expect(await db().auditEvent.count({ where: { orgId: org.id, action: "sso.sign-in-refused" } })).toBe(4);
  });

  it("finds nothing for a domain no active org claims or an org that turned it off; a full org makes no account", async () => {
    const { org, adminOrgAccess, domain } = await ssoOrg();
    expect(await startSsoSignIn({ email: "someone@nobody-claims.test" })).toBe("no-connection");
    // A sign-in under way when SSO is turned off is refused at the callback.
    const underway = started(await startSsoSignIn({ orgSlug: org.slug }));
    await setSsoActive(adminOrgAccess, { orgSlug: org.slug, active: false });
    expect(await finishSso(idp.answer(underway.url, person(domain)), underway.state)).toMatchObject({ kind: "refused", reason: "no-connection" });
    expect(await startSsoSignIn({ email: `someone@${domain}` })).toBe("no-connection");
    await setSsoActive(adminOrgAccess, { orgSlug: org.slug, active: true });

    await db().organization.update({ where: { id: org.id }, data: { seatLimit: 1 } });
    const before = await db().user.count();
    expect(await roundTrip(await startSsoSignIn({ orgSlug: org.slug }), person(domain))).toMatchObject({ kind: "refused", reason: "no-seat" });
    expect(await db().user.count()).toBe(before);
  });
});

describe("groups and sessions", () => {
  it("keeps mapped groups in line with the provider's groups claim at each sign-in, under the mapper's authority now, and limits the session", async () => {
    const { org, domain, admin } = await ssoOrg();
    await db().organization.update({ where: { id: org.id }, data: { plan: "ENTERPRISE" } });
    const access = await orgAccess(admin, org.slug);
    await setSsoOptions(access, { orgSlug: org.slug, groupsClaim: "groups", sessionHours: "8" });
    // The options need no new test: sign-in stays on.
    expect(await getSsoConnection(access)).toMatchObject({ active: true, groupsClaim: "groups", sessionHours: 8 });
    const engineering = await createGroup(access, { orgSlug: org.slug, name: "Engineering", slug: unique("eng-"), description: "", orgRole: null });
    await setGroupIdpGroup(access, { orgSlug: org.slug, groupId: engineering.groupId, idpGroup: "eng" });
    // A second Admin maps another group, then stops being an Admin: that mapping stops being used.
    const deputy = await createUser();
    await db().orgMembership.create({ data: { orgId: org.id, userId: deputy.id, role: "admin" } });
    const oncall = await createGroup(access, { orgSlug: org.slug, name: "On call", slug: unique("oncall-"), description: "", orgRole: null });
    await setGroupIdpGroup(await orgAccess(deputy, org.slug), { orgSlug: org.slug, groupId: oncall.groupId, idpGroup: "oncall" });
    await expect(setGroupIdpGroup(access, { orgSlug: org.slug, groupId: oncall.groupId, idpGroup: "eng" })).rejects.toMatchObject({
      fieldErrors: { idpGroup: [expect.stringMatching(/already follows/)] },
    });

    const sub = unique("sub-");
    const signIn = async (groups: string[]) => {
      const outcome = await roundTrip(await startSsoSignIn({ orgSlug: org.slug }), person(domain, sub, { groups }));
      if (outcome.kind !== "signed-in") throw new Error(`expected a sign-in, got ${JSON.stringify(outcome)}`);
      return outcome.ticket;
    };
    const groupsOf = async (userId: string) =>
      (await db().groupMember.findMany({ where: { userId }, select: { group: { select: { name: true } } } })).map((row) => row.group.name).sort();

    const ticket = await signIn(["eng", "oncall", "not-mapped"]);
    const session = await signInWithTicket(ticket);
    const userId = session!.id;
    expect(await groupsOf(userId)).toEqual(["Engineering", "On call"]);
    const row = await db().userSession.findFirstOrThrow({ where: { userId }, select: { createdAt: true, expiresAt: true } });
    expect(row.expiresAt.getTime() - row.createdAt.getTime()).toBeLessThanOrEqual(8 * 3600_000 + 1000);
    expect(row.expiresAt.getTime() - row.createdAt.getTime()).toBeGreaterThan(8 * 3600_000 - 60_000);

    await db().orgMembership.update({ where: { orgId_userId: { orgId: org.id, userId: deputy.id } }, data: { role: "member" } });
    await signIn([]);
    // Left Engineering; kept in On call, whose mapper can no longer hand its members out.
    expect(await groupsOf(userId)).toEqual(["On call"]);
    const events = await db().auditEvent.findMany({
      where: { orgId: org.id, action: { in: ["sso.groups-synced", "sso.group-sync-skipped"] } },
      orderBy: { id: "asc" },
      select: { action: true, summary: true },
    });
    expect(events).toEqual([
      { action: "sso.groups-synced", summary: "joined Engineering, On call" },
      { action: "sso.group-sync-skipped", summary: null },
      { action: "sso.groups-synced", summary: "left Engineering" },
    ]);
  });

  it("only an Admin sets the options, and only someone who holds what a group gives maps it", async () => {
    const { org, admin, memberWith } = await ssoOrg();
    const member = await memberWith("member", []);
    expect(await callAction("setSsoOptionsAction", member.claims, { orgSlug: org.slug, groupsClaim: "groups", sessionHours: "8" })).toMatchObject({
      ok: false,
    });
    const other = await orgWithProject();
    expect(await callAction("setSsoOptionsAction", other.admin.claims, { orgSlug: org.slug, groupsClaim: "groups", sessionHours: "8" })).toEqual({
      ok: false,
      formError: expect.stringMatching(/^Not found/),
    });
    expect(await callAction("setSsoOptionsAction", admin.claims, { orgSlug: org.slug, groupsClaim: "no spaces allowed", sessionHours: "8" })).toMatchObject({
      ok: false,
      fieldErrors: { groupsClaim: [expect.any(String)] },
    });
    const access = await orgAccess(admin, org.slug);
    const admins = await createGroup(access, { orgSlug: org.slug, name: "Admins", slug: unique("admins-"), description: "", orgRole: "admin" });
    const manager = await createUser();
    await db().orgMembership.create({ data: { orgId: org.id, userId: manager.id, role: "member" } });
    const keeper = await createRole(orgRoleScope(access), {
      name: "Group keeper",
      slug: unique("keeper-"),
      permissions: [{ subject: "group", actions: ["read", "manage-members"] }],
    });
    await db().orgMembership.update({ where: { orgId_userId: { orgId: org.id, userId: manager.id } }, data: { role: keeper.slug } });
    // Mapping the Admins group would let the provider make anyone an Admin: it takes holding Admin.
    expect(await callAction("setGroupIdpGroupAction", manager.claims, { orgSlug: org.slug, groupId: admins.groupId, idpGroup: "admins" })).toMatchObject({
      ok: false,
      fieldErrors: { idpGroup: [expect.any(String)] },
    });
    expect(await callAction("setGroupIdpGroupAction", other.admin.claims, { orgSlug: org.slug, groupId: admins.groupId, idpGroup: "admins" })).toMatchObject({
      ok: false,
    });
    expect(await db().group.findUniqueOrThrow({ where: { id: admins.groupId }, select: { idpGroup: true } })).toEqual({ idpGroup: null });
  });
});

describe("the provider's back-channel logout", () => {
  it("ends the sessions of the provider session (sid) or person (sub) it names, and refuses every token that fails a check", async () => {
    const { org, domain } = await ssoOrg();
    const logout = (body: string) =>
      ssoLogoutRoute(
        new Request(`http://localhost:3000/api/sso/logout/${org.slug}`, {
          method: "POST",
          headers: { "content-type": "application/x-www-form-urlencoded", [CLIENT_ADDRESS_HEADER]: "10.1.2.3" },
          body,
        }),
        { params: Promise.resolve({ org: org.slug }) },
      );
    const sub = unique("sub-");
    const signIn = async (sid: string) => {
      const outcome = await roundTrip(await startSsoSignIn({ orgSlug: org.slug }), person(domain, sub, { sid }));
      if (outcome.kind !== "signed-in") throw new Error(`expected a sign-in, got ${JSON.stringify(outcome)}`);
      return (await signInWithTicket(outcome.ticket))!.id;
    };
    const userId = await signIn("idp-session-1");
    await signIn("idp-session-2");
    const password = await currentClaims(userId);
    const sessions = () => db().userSession.findMany({ where: { userId }, select: { id: true, ssoSid: true }, orderBy: { id: "asc" } });
    expect((await sessions()).map((session) => session.ssoSid)).toEqual(["idp-session-1", "idp-session-2", null]);

    for (const [forge, why] of [
      [{ foreignKey: true }, /signature/],
      [{ audience: "someone-else" }, /aud/],
      [{ nonce: "n" }, /nonce/],
      [{ noEvent: true }, /logout event/],
      [{ issuedSecondsAgo: 3600 }, /iat|timestamp|old/],
    ] as const) {
      const answer = await logout(`logout_token=${await idp.logoutToken({ sid: "idp-session-1" }, forge)}`);
      expect(answer.status, JSON.stringify(forge)).toBe(400);
      expect(((await answer.json()) as { message: string }).message).toMatch(why);
    }
    expect((await logout("nothing=here")).status).toBe(400);
    expect(await sessions()).toHaveLength(3);

    expect((await logout(`logout_token=${await idp.logoutToken({ sid: "idp-session-1" })}`)).status).toBe(200);
    expect((await sessions()).map((session) => session.ssoSid)).toEqual(["idp-session-2", null]);
    expect((await logout(`logout_token=${await idp.logoutToken({ sub })}`)).status).toBe(200);
    // The password session did not come through the provider: it stays.
    expect((await sessions()).map((session) => session.id)).toEqual([password.sessionId]);
    expect(await db().auditEvent.count({ where: { orgId: org.id, action: "sso.provider-logout" } })).toBe(2);
  });
});

describe("people the org's provisioning made", () => {
  it("sign in through the provider on their first try (the account is linked), and not once the provider deactivated them", async () => {
    const { org, domain, admin } = await ssoOrg();
    await db().organization.update({ where: { id: org.id }, data: { plan: "ENTERPRISE" } });
    const { token } = await createScimToken(await orgAccess(admin, org.slug), { orgSlug: org.slug, name: "Okta", expiresIn: "30" });
    const scim = scimClient(org.slug, token);
    const login = `${unique("grace")}@${domain}`;
    const provisioned = await scim("POST", "Users", { schemas: [USER_SCHEMA], userName: login, emails: [{ value: login, primary: true }] });
    expect(provisioned.status).toBe(201);
    const outcome = await roundTrip(await startSsoSignIn({ orgSlug: org.slug }), person(domain, unique("sub-"), { email: login }));
    expect(outcome).toMatchObject({ kind: "signed-in" });
    const user = await db().user.findUniqueOrThrow({ where: { email: login }, select: { id: true, ssoIdentities: { select: { issuer: true } } } });
    expect(user.ssoIdentities).toEqual([{ issuer: idp.issuer }]);

    await scim("PATCH", `Users/${provisioned.body.id}`, { schemas: [PATCH_OP], Operations: [{ op: "replace", path: "active", value: false }] });
    const sub = await db().ssoIdentity.findFirstOrThrow({ where: { userId: user.id }, select: { subject: true } });
    expect(await roundTrip(await startSsoSignIn({ orgSlug: org.slug }), person(domain, sub.subject, { email: login }))).toMatchObject({
      kind: "refused",
      reason: "deactivated",
    });
    // A password account the provisioning merely adopted is still linked only by its owner.
    const owner = await createUser({ email: `${unique("owner")}@${domain}` });
    await scim("POST", "Users", { schemas: [USER_SCHEMA], userName: owner.email, emails: [{ value: owner.email, primary: true }] });
    expect(await roundTrip(await startSsoSignIn({ orgSlug: org.slug }), person(domain, unique("sub-"), { email: owner.email }))).toMatchObject({
      kind: "refused",
      reason: "account-exists",
    });
  });
});

describe("requiring single sign-on", () => {
  it("needs the Admin's own SSO session; then password sessions of members are sent to the provider, Admins get in on record", async () => {
    const { admin, org, project, adminOrgAccess, domain, memberWith } = await ssoOrg();
    const requireIt = (claims: typeof admin.claims) => callAction("setSsoEnforcedAction", claims, { orgSlug: org.slug, enforced: true });
    expect(await requireIt(admin.claims)).toEqual({ ok: false, formError: expect.stringMatching(/Sign in through the provider yourself first/) });

    // The Admin's test sign-in with their own verified email links their password account.
    const adminToken = { claims: { sub: unique("admin-"), email: admin.email, email_verified: true } };
    expect(await roundTrip(await startSsoTest(adminOrgAccess), adminToken)).toMatchObject({ kind: "tested" });
    const adminSso = await roundTrip(await startSsoSignIn({ orgSlug: org.slug }), adminToken);
    if (adminSso.kind !== "signed-in") throw new Error("expected the Admin's SSO sign-in");
    await signInWithTicket(adminSso.ticket);
    const ssoSession = await db().userSession.findFirstOrThrow({ where: { userId: admin.id, ssoOrgId: org.id } });
    const adminViaSso = { userId: admin.id, sessionId: ssoSession.id };
    expect(await requireIt(adminViaSso)).toEqual({ ok: true, data: undefined });

    // A member with a password session: the org, its projects and its actions are closed.
    const member = await memberWith("member", [{ role: "member" }]);
    expect(await loadOrgAccess(member.claims, org.slug)).toMatchObject({ access: null, closedBy: "sso" });
    expect(await loadProjectAccess(member.claims, org.slug, project.slug)).toMatchObject({ access: null, closedBy: "sso" });
    expect(await callAction("renameOrgAction", member.claims, { orgSlug: org.slug, name: "Nope" })).toEqual({
      ok: false,
      formError: expect.stringMatching(/requires single sign-on/),
    });
    // A newcomer through the provider gets in.
    const newcomer = await roundTrip(await startSsoSignIn({ orgSlug: org.slug }), person(domain));
    if (newcomer.kind !== "signed-in") throw new Error("expected a sign-in");
    const { id: newcomerId } = (await signInWithTicket(newcomer.ticket))!;
    const newcomerSession = await db().userSession.findFirstOrThrow({ where: { userId: newcomerId } });
    expect((await loadOrgAccess({ userId: newcomerId, sessionId: newcomerSession.id }, org.slug)).access).not.toBeNull();

    // The Admin's password session is let in as break-glass: recorded once per session.
    expect(await loadOrgAccess(admin.claims, org.slug)).toMatchObject({ breakGlass: true, access: expect.anything() });
    expect(await callAction("renameOrgAction", admin.claims, { orgSlug: org.slug, name: "Renamed in an emergency" })).toMatchObject({ ok: true });
    expect(await callAction("renameOrgAction", admin.claims, { orgSlug: org.slug, name: "Renamed twice" })).toMatchObject({ ok: true });
    expect(await db().auditEvent.count({ where: { orgId: org.id, action: "sso.break-glass", actorId: admin.id } })).toBe(1);

    // Turning SSO off stops requiring it.
    await setSsoActive(adminOrgAccess, { orgSlug: org.slug, active: false });
    expect((await loadOrgAccess(member.claims, org.slug)).access).not.toBeNull();
    expect(await db().ssoConnection.findUniqueOrThrow({ where: { orgId: org.id } })).toMatchObject({ enforced: false });
  });
});

describe("linking a password account", () => {
  it("links only when the provider vouches for the account's own verified email, and never an identity someone else has", async () => {
    const { org, domain } = await ssoOrg();
    const member = await createUser({ email: `${unique("dorothy")}@${domain}` });
    await db().orgMembership.create({ data: { orgId: org.id, userId: member.id, role: "member" } });
    const sub = unique("dorothy-");
    // Before linking, the provider's sign-in for that email is refused: it is someone's password account.
    expect(await roundTrip(await startSsoSignIn({ orgSlug: org.slug }), { claims: { sub, email: member.email, email_verified: true } })).toMatchObject({
      kind: "refused",
      reason: "account-exists",
      orgSlug: org.slug,
    });
    expect(await roundTrip(await startSsoLink(org.id, member.id), { claims: { sub, email: `someone-else@${domain}`, email_verified: true } })).toMatchObject({
      reason: "link-mismatch",
    });
    expect(await roundTrip(await startSsoLink(org.id, member.id), { claims: { sub, email: member.email, email_verified: false } })).toMatchObject({
      reason: "link-mismatch",
    });
    expect(await roundTrip(await startSsoLink(org.id, member.id), { claims: { sub, email: member.email, email_verified: true } })).toEqual({
      kind: "linked",
      orgSlug: org.slug,
    });
    const signedIn = await roundTrip(await startSsoSignIn({ orgSlug: org.slug }), { claims: { sub, email: member.email, email_verified: true } });
    if (signedIn.kind !== "signed-in") throw new Error("expected a sign-in after linking");
    expect((await redeemSsoTicket(signedIn.ticket))?.userId).toBe(member.id);

    const other = await createUser({ email: `${unique("mary")}@${domain}` });
    await db().orgMembership.create({ data: { orgId: org.id, userId: other.id, role: "member" } });
    expect(await roundTrip(await startSsoLink(org.id, other.id), { claims: { sub, email: other.email, email_verified: true } })).toMatchObject({
      reason: "link-taken",
    });
    expect(await db().ssoIdentity.count({ where: { userId: other.id } })).toBe(0);
  });
});
