// Two-factor sign-in with an authenticator app (TOTP, RFC 6238) and recovery codes: codes from
// `otplib` itself, the previous and next step accepted, any other and any replay refused; the
// session is issued only when both steps pass; the second step is rate limited.
import { describe, expect, it } from "vitest";
import { authOptions } from "@/lib/platform/auth/options";
import { db } from "@/lib/platform/db";
import { CLIENT_ADDRESS_HEADER } from "@/lib/platform/http/client-address";
import { checkSecondFactor } from "@/lib/platform/auth/second-factor";
import { confirmTotpEnrolment, startTotpEnrolment } from "@/lib/platform/auth/totp";
import { regenerateRecoveryCodes, removeTotp } from "@/lib/platform/auth/two-factor";
import { addOrgMember, addProjectMember, createUser, orgWithProject, TEST_PASSWORD } from "../support/factories";
import { codeAt, holdClockMidStep } from "../support/totp-clock";
import { callAction } from "../support/actions";
import { loadOrgAccess } from "@/lib/platform/authz/org-access";
import { loadProjectAccess } from "@/lib/platform/authz/project-access";
import { createClientSecret } from "@/lib/platform/identities/create-client-secret";
import { createIdentity } from "@/lib/platform/identities/create-identity";
import { loadIdentityProjectAccess } from "@/lib/platform/identities/api-access";
import { universalAuthLogin } from "@/lib/platform/identities/universal-auth";
import { listOrgMembers } from "@/lib/platform/org-members/list-org-members";
import { getTwoFactorPolicy, setRequireTwoFactor } from "@/lib/platform/orgs/two-factor-policy";

type Authorize = (credentials: Record<string, string>, request: { headers: Record<string, string> }) => Promise<{ id: string } | null>;

/** The credentials provider's own authorize, as next-auth calls it on a sign-in POST. */
function signIn(credentials: Record<string, string>, ip = "127.0.0.1") {
  const provider = authOptions().providers[0] as unknown as { options: { authorize: Authorize } };
  return provider.options.authorize(credentials, { headers: { [CLIENT_ADDRESS_HEADER]: ip, "user-agent": "vitest" } });
}

holdClockMidStep();

/** A person with a confirmed authenticator app; returns its key and the recovery codes. */
async function enrolled() {
  const user = await createUser();
  const { secret } = await startTotpEnrolment(user.actor);
  const { recoveryCodes } = await confirmTotpEnrolment(user.actor, { code: await codeAt(secret, 0) });
  if (!recoveryCodes) throw new Error("the first factor makes recovery codes");
  return { user, secret, recoveryCodes };
}

describe("enrolment", () => {
  it("counts only once confirmed with a right code; the key is sealed, not stored in the clear", async () => {
    const user = await createUser();
    const { secret, qrSvg, uri } = await startTotpEnrolment(user.actor);
    expect(uri).toMatch(/^otpauth:\/\/totp\/Tessera:/);
    expect(qrSvg).toMatch(/^<svg/);
    const row = await db().userTwoFactor.findUniqueOrThrow({ where: { userId: user.id } });
    expect(Buffer.from(row.totpSealed).toString("latin1")).not.toContain(secret);
    // Not yet a second factor: the password alone signs in.
    expect(await signIn({ email: user.email, password: TEST_PASSWORD })).toMatchObject({ id: user.id });
    await expect(confirmTotpEnrolment(user.actor, { code: "000000" === (await codeAt(secret, 0)) ? "111111" : "000000" })).rejects.toMatchObject({
      fieldErrors: { code: [expect.stringMatching(/not right/)] },
    });
    const { recoveryCodes } = await confirmTotpEnrolment(user.actor, { code: await codeAt(secret, 0) });
    expect(recoveryCodes).toHaveLength(10);
    expect(new Set(recoveryCodes).size).toBe(10);
    expect(await db().recoveryCode.count({ where: { userId: user.id, codeHash: { in: recoveryCodes ?? [] } } })).toBe(0);
    expect(await db().auditEvent.count({ where: { actorId: user.id, action: "account.two-factor-enabled" } })).toBe(1);
  });
});

describe("sign-in", () => {
  it("issues no session without the second step; the current, previous and next codes pass; others and replays do not", async () => {
    const { user, secret } = await enrolled();
    // As if enrolled long ago: no step used yet, so the previous step is still unused.
    await db().userTwoFactor.update({ where: { userId: user.id }, data: { lastTimeStep: null } });
    const sessionsBefore = await db().userSession.count({ where: { userId: user.id } });
    await expect(signIn({ email: user.email, password: TEST_PASSWORD })).rejects.toThrow("SECOND_FACTOR_REQUIRED");
    // A wrong password with any code is the same generic failure, not a hint about the code.
    expect(await signIn({ email: user.email, password: "wrong password!", code: await codeAt(secret, 1) })).toBeNull();
    expect(await db().userSession.count({ where: { userId: user.id } })).toBe(sessionsBefore);

    await expect(signIn({ email: user.email, password: TEST_PASSWORD, code: await codeAt(secret, 3) })).rejects.toThrow("SECOND_FACTOR_WRONG");
    await expect(signIn({ email: user.email, password: TEST_PASSWORD, code: await codeAt(secret, -3) })).rejects.toThrow("SECOND_FACTOR_WRONG");
    // The previous step passes (a slow phone) …
    expect(await signIn({ email: user.email, password: TEST_PASSWORD, code: await codeAt(secret, -1) })).toMatchObject({ id: user.id });
    // … then the same code again does not, nor the one before it; the current and next steps still do.
    await expect(signIn({ email: user.email, password: TEST_PASSWORD, code: await codeAt(secret, -1) })).rejects.toThrow("SECOND_FACTOR_WRONG");
    expect(await signIn({ email: user.email, password: TEST_PASSWORD, code: await codeAt(secret, 0) })).toMatchObject({ id: user.id });
    expect(await signIn({ email: user.email, password: TEST_PASSWORD, code: await codeAt(secret, 1) })).toMatchObject({ id: user.id });
    await expect(signIn({ email: user.email, password: TEST_PASSWORD, code: await codeAt(secret, 1) })).rejects.toThrow("SECOND_FACTOR_WRONG");
    expect(await db().userSession.count({ where: { userId: user.id } })).toBe(sessionsBefore + 3);
  });

  it("accepts one code once when it is sent twice at the same moment", async () => {
    const { user, secret } = await enrolled();
    const code = await codeAt(secret, 1);
    const results = await Promise.all([checkSecondFactor(user.id, { code }, "127.0.0.2"), checkSecondFactor(user.id, { code }, "127.0.0.3")]);
    expect(results.filter((result) => result === true)).toHaveLength(1);
  });

  it("a recovery code signs in once, is audited, and regenerating kills the old ones", async () => {
    const { user, secret, recoveryCodes } = await enrolled();
    expect(await signIn({ email: user.email, password: TEST_PASSWORD, code: recoveryCodes[0]! })).toMatchObject({ id: user.id });
    await expect(signIn({ email: user.email, password: TEST_PASSWORD, code: recoveryCodes[0]! })).rejects.toThrow("SECOND_FACTOR_WRONG");
    expect(await db().auditEvent.findMany({ where: { actorId: user.id, action: "account.recovery-code-used" }, select: { metadata: true } })).toEqual([
      { metadata: expect.objectContaining({ left: 9 }) },
    ]);
    const { recoveryCodes: fresh } = await regenerateRecoveryCodes(user.actor, { code: await codeAt(secret, 1) });
    await expect(signIn({ email: user.email, password: TEST_PASSWORD, code: recoveryCodes[1]! })).rejects.toThrow("SECOND_FACTOR_WRONG");
    expect(await signIn({ email: user.email, password: TEST_PASSWORD, code: fresh[0]! })).toMatchObject({ id: user.id });
  });

  it("limits second-step guesses per account, whichever loopback addresses they come from, and per address", async () => {
    const { user, secret } = await enrolled();
    const wrong = (await codeAt(secret, 0)) === "123456" ? "654321" : "123456";
    const outcomes = [];
    for (let attempt = 0; attempt < 12; attempt++) outcomes.push(await checkSecondFactor(user.id, { code: wrong }, `127.0.0.${10 + attempt}`));
    expect(outcomes.slice(0, 10).every((outcome) => outcome === "SECOND_FACTOR_WRONG")).toBe(true);
    expect(outcomes.slice(10)).toEqual(["SECOND_FACTOR_RATE_LIMITED", "SECOND_FACTOR_RATE_LIMITED"]);
    // Even the right code is refused until the window ends: guessing cannot race the limit.
    expect(await checkSecondFactor(user.id, { code: await codeAt(secret, 1) }, "127.0.0.99")).toBe("SECOND_FACTOR_RATE_LIMITED");
    // Per address: one address trying many accounts is stopped too.
    const others = await Promise.all(Array.from({ length: 4 }, () => enrolled()));
    const fromOne = [];
    for (let round = 0; round < 8; round++) for (const other of others) fromOne.push(await checkSecondFactor(other.user.id, { code: wrong }, "127.0.1.1"));
    expect(fromOne.filter((outcome) => outcome === "SECOND_FACTOR_RATE_LIMITED").length).toBeGreaterThan(0);
  });
});

describe("turning it off", () => {
  it("needs a current code; then the password alone signs in again", async () => {
    const { user, secret } = await enrolled();
    await expect(removeTotp(user.actor, { code: "not a code" })).rejects.toMatchObject({ fieldErrors: { code: [expect.any(String)] } });
    await removeTotp(user.actor, { code: await codeAt(secret, 1) });
    expect(await signIn({ email: user.email, password: TEST_PASSWORD })).toMatchObject({ id: user.id });
    expect(await db().recoveryCode.count({ where: { userId: user.id } })).toBe(0);
  });
});

describe("an org that requires two-factor sign-in", () => {
  it("only someone who has it may turn it on; a Member may not; another org's admin finds nothing", async () => {
    const { admin, org, adminOrgAccess } = await orgWithProject();
    await expect(setRequireTwoFactor(adminOrgAccess, { orgSlug: org.slug, required: true })).rejects.toThrow(/Set up two-factor sign-in on your account first/);
    const member = await createUser();
    await addOrgMember(org.id, member.id, "member");
    expect(await callAction("setRequireTwoFactorAction", member.claims, { orgSlug: org.slug, required: true })).toEqual({
      ok: false,
      formError: expect.stringMatching(/does not allow this/),
    });
    const other = await orgWithProject();
    expect(await callAction("setRequireTwoFactorAction", other.admin.claims, { orgSlug: org.slug, required: true })).toEqual({
      ok: false,
      formError: expect.stringMatching(/^Not found/),
    });
    const { secret } = await startTotpEnrolment(admin.actor);
    await confirmTotpEnrolment(admin.actor, { code: await codeAt(secret, 0) });
    expect((await getTwoFactorPolicy(adminOrgAccess)).withoutSecondFactor).toEqual({ total: 1, names: ["Test User"] });
    expect(await callAction("setRequireTwoFactorAction", admin.claims, { orgSlug: org.slug, required: true })).toMatchObject({ ok: true });
    expect(await db().auditEvent.count({ where: { orgId: org.id, action: "org.two-factor-policy-changed" } })).toBe(1);
  });

  it("closes the org (pages, actions, projects) to members without it until they enrol; their other orgs and machine identities are unaffected", async () => {
    const { admin, org, project, adminOrgAccess } = await orgWithProject();
    const { secret: adminSecret } = await startTotpEnrolment(admin.actor);
    await confirmTotpEnrolment(admin.actor, { code: await codeAt(adminSecret, 0) });
    const member = await createUser();
    await addOrgMember(org.id, member.id, "member");
    await addProjectMember(project.id, member.id, [{ role: "member" }]);
    const elsewhere = await orgWithProject();
    await addOrgMember(elsewhere.org.id, member.id, "member");
    const { identityId, clientId } = await createIdentity(adminOrgAccess, { orgSlug: org.slug, name: "Deploy bot", role: "no-access" });
    await addProjectMember(project.id, identityId, [{ role: "viewer" }]);
    const { clientSecret } = await createClientSecret(adminOrgAccess, { orgSlug: org.slug, identityId });
    await setRequireTwoFactor(adminOrgAccess, { orgSlug: org.slug, required: true });

    expect(await loadOrgAccess(member.claims, org.slug)).toMatchObject({ access: null, closedBy: "two-factor" });
    expect(await loadProjectAccess(member.claims, org.slug, project.slug)).toMatchObject({ access: null, closedBy: "two-factor" });
    expect(await callAction("renameOrgAction", member.claims, { orgSlug: org.slug, name: "Nope" })).toEqual({
      ok: false,
      formError: expect.stringMatching(/requires two-factor sign-in/),
    });
    expect((await loadOrgAccess(member.claims, elsewhere.org.slug)).access).not.toBeNull();
    const { accessToken } = await universalAuthLogin({ clientId, clientSecret }, "127.0.0.1");
    expect((await loadIdentityProjectAccess(accessToken, project.id, "127.0.0.1")).project.id).toBe(project.id);
    // The admin's members page says who has it.
    const { rows } = await listOrgMembers(adminOrgAccess, {});
    expect(rows.map((row) => [row.email, row.twoFactor]).sort()).toEqual(
      [
        [admin.email, true],
        [member.email, false],
      ].sort(),
    );

    const { secret } = await startTotpEnrolment(member.actor);
    await confirmTotpEnrolment(member.actor, { code: await codeAt(secret, 0) });
    expect((await loadProjectAccess(member.claims, org.slug, project.slug)).access?.can("secret:describe", { environment: "dev", secretPath: "/" })).toBe(true);
    // And while the org requires it, they cannot turn it off.
    await expect(removeTotp(member.actor, { code: await codeAt(secret, 1) })).rejects.toThrow(/requires two-factor sign-in/);
  });
});
