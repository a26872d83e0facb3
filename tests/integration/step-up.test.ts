// Step-up: an org asks for the second factor again before sensitive actions when the
// session's last one is older than its minutes. Checked on each call from the database, per
// session; people without a factor are told to enrol; machine identities are not affected.
import { describe, expect, it } from "vitest";
import { stepUp } from "@/lib/platform/auth/step-up";
import { confirmTotpEnrolment, startTotpEnrolment } from "@/lib/platform/auth/totp";
import { db } from "@/lib/platform/db";
import { createClientSecret } from "@/lib/platform/identities/create-client-secret";
import { createIdentity } from "@/lib/platform/identities/create-identity";
import { loadIdentityProjectAccess } from "@/lib/platform/identities/api-access";
import { universalAuthLogin } from "@/lib/platform/identities/universal-auth";
import { getTwoFactorPolicy } from "@/lib/platform/orgs/two-factor-policy";
import { getSecretRaw } from "@/lib/products/secrets/api/wire";
import { createSecret } from "@/lib/products/secrets/secrets";
import { codeAt, holdClockMidStep } from "../support/totp-clock";
import { callAction, definitionOf } from "../support/actions";
import { addOrgMember, addProjectMember, createUser, currentClaims, orgWithProject, projectAccess } from "../support/factories";

holdClockMidStep();

/** A Secrets project with a value, its Admin enrolled with an authenticator app. */
async function arrange() {
  const context = await orgWithProject("SECRET_MANAGER");
  const ref = { orgSlug: context.org.slug, projectSlug: context.project.slug };
  const admin = await projectAccess(context.admin, context.org.slug, context.project.slug);
  const { id: secretId } = await createSecret(admin, { ...ref, environment: "prod", path: "/", key: "DB_URL", value: "postgres://prod" });
  const { secret } = await startTotpEnrolment(context.admin.actor);
  await confirmTotpEnrolment(context.admin.actor, { code: await codeAt(secret, 0) });
  return { ...context, ref, secretId, totpSecret: secret };
}

describe("the org setting", () => {
  it("an Admin with a second factor turns it on; one without, a Member, and another org's Admin cannot", async () => {
    const { admin, org, adminOrgAccess, memberWith } = await orgWithProject();
    expect(await callAction("setStepUpMinutesAction", admin.claims, { orgSlug: org.slug, minutes: 15 })).toEqual({
      ok: false,
      formError: expect.stringMatching(/Set up two-factor sign-in on your account first/),
    });
    const member = await memberWith("member", []);
    expect(await callAction("setStepUpMinutesAction", member.claims, { orgSlug: org.slug, minutes: 15 })).toEqual({
      ok: false,
      formError: expect.stringMatching(/does not allow this/),
    });
    const other = await orgWithProject();
    expect(await callAction("setStepUpMinutesAction", other.admin.claims, { orgSlug: org.slug, minutes: 15 })).toEqual({
      ok: false,
      formError: expect.stringMatching(/^Not found/),
    });
    const { secret } = await startTotpEnrolment(admin.actor);
    await confirmTotpEnrolment(admin.actor, { code: await codeAt(secret, 0) });
    expect(await callAction("setStepUpMinutesAction", admin.claims, { orgSlug: org.slug, minutes: 7 })).toMatchObject({
      ok: false,
      fieldErrors: { minutes: [expect.any(String)] },
    });
    expect(await callAction("setStepUpMinutesAction", admin.claims, { orgSlug: org.slug, minutes: 15 })).toEqual({ ok: true, data: undefined });
    expect((await getTwoFactorPolicy(adminOrgAccess)).stepUpMinutes).toBe(15);
    expect(await db().auditEvent.findMany({ where: { orgId: org.id, action: "org.step-up-changed" }, select: { metadata: true } })).toEqual([
      { metadata: { from: null, to: 15 } },
    ]);
  });

  it("guards revealing and exporting secret values, deciding PAM requests, changing org roles (of members and groups) and deleting a CA", () => {
    const guarded = [
      "revealSecretValueAction",
      "exportDotenvAction",
      "decideAccessRequestAction",
      "changeOrgMemberRoleAction",
      "updateGroupAction",
      "deleteCaAction",
    ];
    for (const name of guarded) expect(definitionOf(name), name).toMatchObject({ stepUp: true });
    expect(definitionOf("updateSecretAction")).not.toHaveProperty("stepUp");
  });
});

describe("a guarded action", () => {
  it("asks a session whose second factor is older than the org's minutes; the step-up counts for that session only, for that long", async () => {
    const { admin, ref, secretId, totpSecret } = await arrange();
    const reveal = (claims: typeof admin.claims) => callAction("revealSecretValueAction", claims, { ...ref, secretId });
    // Off by default: the value shows.
    expect(await reveal(admin.claims)).toEqual({ ok: true, data: { value: "postgres://prod" } });
    await callAction("setStepUpMinutesAction", admin.claims, { orgSlug: ref.orgSlug, minutes: 15 });

    expect(await reveal(admin.claims)).toEqual({ ok: false, formError: expect.stringMatching(/^Confirm it is you/), stepUp: "verify" });
    await expect(stepUp(admin.actor, admin.claims.sessionId, { code: "000000" === (await codeAt(totpSecret, 1)) ? "111111" : "000000" })).rejects.toMatchObject(
      {
        fieldErrors: { code: [expect.any(String)] },
      },
    );
    await stepUp(admin.actor, admin.claims.sessionId, { code: await codeAt(totpSecret, 1) });
    expect(await reveal(admin.claims)).toEqual({ ok: true, data: { value: "postgres://prod" } });
    // Another session of the same person has not stepped up.
    expect(await reveal(await currentClaims(admin.id))).toMatchObject({ ok: false, stepUp: "verify" });
    // Sixteen minutes later (the database's clock decides), it asks again.
    await db().userSession.update({ where: { id: admin.claims.sessionId }, data: { secondFactorAt: new Date(Date.now() - 16 * 60_000) } });
    expect(await reveal(admin.claims)).toMatchObject({ ok: false, stepUp: "verify" });
    // Turned off, it stops asking at once.
    await callAction("setStepUpMinutesAction", admin.claims, { orgSlug: ref.orgSlug, minutes: null });
    expect(await reveal(admin.claims)).toMatchObject({ ok: true });
  });

  it("tells someone without a second factor to set one up, refuses a member's role change alike, and lets machine identities through", async () => {
    const { admin, org, project, ref, secretId, adminOrgAccess, totpSecret } = await arrange();
    const developer = await createUser();
    await addOrgMember(org.id, developer.id, "member");
    await addProjectMember(project.id, developer.id, [{ role: "member" }]);
    await stepUp(admin.actor, admin.claims.sessionId, { code: await codeAt(totpSecret, 1) });
    await callAction("setStepUpMinutesAction", admin.claims, { orgSlug: ref.orgSlug, minutes: 5 });

    expect(await callAction("revealSecretValueAction", developer.claims, { ...ref, secretId })).toEqual({
      ok: false,
      formError: expect.stringMatching(/Set up two-factor sign-in on your account page first/),
      stepUp: "enrol",
    });
    // An org-scoped guarded action, from a session that never stepped up.
    const membership = await db().orgMembership.findFirstOrThrow({ where: { orgId: org.id, userId: developer.id } });
    const otherSession = await currentClaims(admin.id);
    expect(await callAction("changeOrgMemberRoleAction", otherSession, { orgSlug: org.slug, membershipId: membership.id, role: "admin" })).toMatchObject({
      ok: false,
      stepUp: "verify",
    });
    expect((await db().orgMembership.findUniqueOrThrow({ where: { id: membership.id } })).role).toBe("member");
    // Permission comes first: the developer may not change roles, step-up or not.
    expect(await callAction("changeOrgMemberRoleAction", developer.claims, { orgSlug: org.slug, membershipId: membership.id, role: "admin" })).toEqual({
      ok: false,
      formError: expect.stringMatching(/does not allow this/),
    });

    const { identityId, clientId } = await createIdentity(adminOrgAccess, { orgSlug: org.slug, name: "Deploy bot", role: "no-access" });
    await addProjectMember(project.id, identityId, [{ role: "member" }]);
    const { clientSecret } = await createClientSecret(adminOrgAccess, { orgSlug: org.slug, identityId });
    const { accessToken } = await universalAuthLogin({ clientId, clientSecret }, "127.0.0.1");
    const access = await loadIdentityProjectAccess(accessToken, project.id, "127.0.0.1");
    expect((await getSecretRaw(access, "DB_URL", { environment: "prod" })).secret.secretValue).toBe("postgres://prod");
  });
});
