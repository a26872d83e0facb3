// Plans whose limits hold. This file runs with its own plan file (TESSERA_PLANS), small
// enough to fill: each limit is reached, the next write is refused through the action with
// the limit and what is used, and the operator's upgrade allows it at once.
import { execFile } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { beforeAll, describe, expect, inject, it } from "vitest";
import { getBillingOverview } from "@/lib/platform/org-billing/details";
import { planRoom } from "@/lib/platform/billing/room";
import { ForbiddenError } from "@/lib/platform/errors";
import { changeOrgPlan, orgUsage } from "@/lib/platform/billing/usage";
import { db } from "@/lib/platform/db";
import { createInvitations } from "@/lib/platform/invitations/create-invitations";
import { acceptInvitation } from "@/lib/platform/invitations/accept-invitation";
import { createInviteLink } from "@/lib/platform/invite-links/create-invite-link";
import { joinWithLink } from "@/lib/platform/invite-links/join-with-link";
import { toActionResult } from "@/lib/platform/actions/to-action-result";
import { callAction } from "../support/actions";
import { addOrgMember, createUser, orgAccess, orgWithProject, unique } from "../support/factories";

const plansFile = path.join(mkdtempSync(path.join(tmpdir(), "tessera-plans-")), "plans.json");
writeFileSync(
  plansFile,
  JSON.stringify({
    FREE: {
      limits: {
        seats: 3,
        secretsProjects: 2,
        pkiProjects: 1,
        pamProjects: 1,
        environmentsPerProject: 4,
        certificateAuthorities: 2,
        certificatesPerMonth: 2,
        pamAccounts: 1,
        customRoles: 1,
        auditRetentionDays: 30,
      },
    },
    PRO: { features: { inviteLinks: false, conditionsAndDenies: false } },
  }),
);
beforeAll(() => {
  process.env.TESSERA_PLANS = plansFile;
});

const target = inject("pamTarget");

/** The action's answer when the plan refuses it: the limit and how much is used. */
const refusedAt = (meter: string, limit: number, used: number) => ({
  ok: false,
  formError: expect.stringContaining(`${used} of ${limit} used on the Free plan`),
  planLimit: { code: "PLAN_LIMIT", meter, limit, used },
});

describe("plan limits hold, and an upgrade lifts them at once", () => {
  it("projects, environments, CAs, certificates, PAM accounts, custom roles and seats", async () => {
    const { admin, org, project } = await orgWithProject("SECRET_MANAGER");
    const claims = admin.claims;
    const orgRef = { orgSlug: org.slug };
    const ref = { ...orgRef, projectSlug: project.slug };
    const newProject = (type: string) => ({ ...orgRef, name: `${type} project`, slug: unique("p-"), type });
    // The org as a page's access loads it: with the plan it is on now.
    const planned = async () => ({ id: org.id, plan: (await db().organization.findUniqueOrThrow({ where: { id: org.id } })).plan });

    // Two Secrets Management projects; the first came with the org.
    expect(await callAction("createProjectAction", claims, newProject("SECRET_MANAGER"))).toMatchObject({ ok: true });
    const thirdSecrets = newProject("SECRET_MANAGER");
    expect(await callAction("createProjectAction", claims, thirdSecrets)).toEqual(refusedAt("secretsProjects", 2, 2));
    // Pages say so before the form is filled.
    expect(await planRoom(await planned(), "secretsProjects")).toEqual({ full: true, reason: "2 / 2 Secrets Management projects used" });
    expect(await planRoom(await planned(), "pkiProjects")).toEqual({ full: false });

    // Environments: a new project has three; the plan allows four in each.
    expect(await callAction("createEnvironmentAction", claims, { ...ref, name: "QA", slug: "qa" })).toMatchObject({ ok: true });
    expect(await callAction("createEnvironmentAction", claims, { ...ref, name: "Demo", slug: "demo" })).toEqual(refusedAt("environmentsPerProject", 4, 4));

    // PKI: one project, two CAs, two certificates this month.
    const pki = await callAction("createProjectAction", claims, newProject("PKI"));
    const pkiSlug = (pki as { data: { slug: string } }).data.slug;
    expect(await callAction("createProjectAction", claims, newProject("PKI"))).toEqual(refusedAt("pkiProjects", 1, 1));
    const pkiRef = { ...orgRef, projectSlug: pkiSlug };
    const ca = { ...pkiRef, keyAlgorithm: "EC_P256", validityDays: 30, maxPathLength: "" };
    const root = (await callAction("createRootCaAction", claims, { ...ca, name: "Root", commonName: "Root" })) as { data: { caId: string } };
    expect(
      await callAction("createIntermediateCaAction", claims, { ...ca, parentId: root.data.caId, name: "Issuing", commonName: "Issuing", validityDays: 10 }),
    ).toMatchObject({ ok: true });
    expect(await callAction("createRootCaAction", claims, { ...ca, name: "Root 2", commonName: "Root 2" })).toEqual(refusedAt("certificateAuthorities", 2, 2));
    const issuingId = (await db().certificateAuthority.findFirstOrThrow({ where: { name: "Issuing", project: { slug: pkiSlug } } })).id;
    const profile = (await callAction("createProfileAction", claims, {
      ...pkiRef,
      name: "Services",
      caId: issuingId,
      allowedNames: "*.svc.internal",
      keyAlgorithms: ["EC_P256"],
      keyUsages: ["digitalSignature"],
      extendedKeyUsages: ["serverAuth"],
      maxValidityDays: 30,
    })) as { data: { profileId: string } };
    const issue = (name: string) =>
      callAction("issueCertificateAction", claims, { ...pkiRef, profileId: profile.data.profileId, commonName: name, ttlDays: 5 });
    expect(await issue("one.svc.internal")).toMatchObject({ ok: true });
    expect(await issue("two.svc.internal")).toMatchObject({ ok: true });
    expect(await issue("three.svc.internal")).toEqual(refusedAt("certificatesPerMonth", 2, 2));

    // PAM: one project, one account.
    const pam = (await callAction("createProjectAction", claims, newProject("PAM"))) as { data: { slug: string } };
    const pamRef = { ...orgRef, projectSlug: pam.data.slug };
    const resource = (await callAction("createPamResourceAction", claims, {
      ...pamRef,
      name: "DB",
      host: target.host,
      port: target.port,
      database: target.database,
      tlsMode: "DISABLE",
      brokerUser: target.brokerUser,
      brokerPassword: target.brokerPassword,
    })) as { data: { resourceId: string } };
    expect(
      await callAction("createPamAccountAction", claims, {
        ...pamRef,
        resourceId: resource.data.resourceId,
        name: target.readonlyRole,
        maxDurationMinutes: 10,
      }),
    ).toMatchObject({ ok: true });
    const secondAccount = { ...pamRef, resourceId: resource.data.resourceId, name: target.writerRole, maxDurationMinutes: 10 };
    expect(await callAction("createPamAccountAction", claims, secondAccount)).toEqual(refusedAt("pamAccounts", 1, 1));

    // One custom role.
    const role = (slug: string) => ({ ...orgRef, name: slug, slug, permissions: [{ subject: "organization", actions: ["read"] }] });
    expect(await callAction("createOrgRoleAction", claims, role("auditor"))).toMatchObject({ ok: true });
    expect(await callAction("createOrgRoleAction", claims, role("helper"))).toEqual(refusedAt("customRoles", 1, 1));

    // Three seats: the admin and two machine identities; a third is refused.
    expect(await callAction("createIdentityAction", claims, { ...orgRef, name: "Bot 1", role: "no-access" })).toMatchObject({ ok: true });
    expect(await callAction("createIdentityAction", claims, { ...orgRef, name: "Bot 2", role: "no-access" })).toMatchObject({ ok: true });
    expect(await callAction("createIdentityAction", claims, { ...orgRef, name: "Bot 3", role: "no-access" })).toEqual(refusedAt("seats", 3, 3));

    // The operator's upgrade applies to the very next request.
    await changeOrgPlan(org.slug, "ENTERPRISE");
    for (const [name, input] of [
      ["createProjectAction", thirdSecrets],
      ["createEnvironmentAction", { ...ref, name: "Demo", slug: "demo" }],
      ["createRootCaAction", { ...ca, name: "Root 2", commonName: "Root 2" }],
      ["createPamAccountAction", secondAccount],
      ["createOrgRoleAction", role("helper")],
      ["createIdentityAction", { ...orgRef, name: "Bot 3", role: "no-access" }],
    ] as const) {
      expect(await callAction(name, claims, input), name).toMatchObject({ ok: true });
    }
    const third = (await issue("three.svc.internal")) as { ok: boolean; data: { certificateId: string } };
    expect(third).toMatchObject({ ok: true });
    // A plan that does not count certificates stores the row and its event without the org's lock: both are written.
    expect(await db().certificate.count({ where: { id: third.data.certificateId } })).toBe(1);
    expect(await db().auditEvent.count({ where: { targetId: third.data.certificateId, action: "pki.certificate-issued" } })).toBe(1);
    expect(await planRoom(await planned(), "secretsProjects")).toEqual({ full: false });
  }, 60_000);

  it("10 parallel acceptances with 2 free seats: exactly 2 join", async () => {
    const { admin, org } = await orgWithProject();
    const access = await orgAccess(admin, org.slug);
    const invitees = await Promise.all(Array.from({ length: 10 }, () => createUser()));
    const invitations = await createInvitations(access, { orgSlug: org.slug, emails: invitees.map((user) => user.email), role: "member" });
    const tokenFor = new Map(invitations.map((invitation) => [invitation.email, invitation.token]));
    const results = await Promise.allSettled(invitees.map((user) => acceptInvitation(user.actor, { token: tokenFor.get(user.email)! })));
    expect(results.filter((result) => result.status === "fulfilled")).toHaveLength(2);
    expect(await db().orgMembership.count({ where: { orgId: org.id } })).toBe(3);
  });

  it("a join with no free seat, by invitation or by link, is the same typed PLAN_LIMIT refusal as every guarded write", async () => {
    const { admin, org } = await orgWithProject();
    const access = await orgAccess(admin, org.slug);
    for (let index = 0; index < 2; index++) await addOrgMember(org.id, (await createUser()).id, "member");
    const invitee = await createUser();
    const [invitation] = await createInvitations(access, { orgSlug: org.slug, emails: [invitee.email], role: "member" });
    const noSeat = {
      ok: false,
      formError: expect.stringMatching(/no free seats \(3 of 3 used\)/),
      planLimit: { code: "PLAN_LIMIT", meter: "seats", limit: 3, used: 3 },
    };
    // What the two join actions return (they read the request's address for their rate limit, so are run here through the same translation).
    expect(await toActionResult(() => acceptInvitation(invitee.actor, { token: invitation!.token }))).toEqual(noSeat);
    await changeOrgPlan(org.slug, "ENTERPRISE");
    const { token } = await createInviteLink(await orgAccess(admin, org.slug), {
      orgSlug: org.slug,
      name: "Team",
      role: "member",
      expiresInDays: 7,
      maxUses: 5,
    });
    await db().organization.update({ where: { id: org.id }, data: { plan: "FREE" } });
    expect(await toActionResult(() => joinWithLink(invitee.actor, { token }))).toEqual(noSeat);
    expect(await db().auditEvent.count({ where: { orgId: org.id, action: "member.join-refused-no-seat" } })).toBe(2);
  });

  it("features: a plan without invite links or conditions refuses them until upgraded", async () => {
    const { admin, org } = await orgWithProject();
    await changeOrgPlan(org.slug, "PRO");
    const link = { orgSlug: org.slug, name: "Link", role: "member", maxUses: "3", allowedDomain: "" };
    expect(await callAction("createInviteLinkAction", admin.claims, link)).toEqual({
      ok: false,
      formError: expect.stringMatching(/^Invite links are not part of the Pro plan/),
    });
    const conditional = {
      orgSlug: org.slug,
      name: "Deny",
      slug: "deny-delete",
      permissions: [{ subject: "organization", actions: ["delete"], inverted: true }],
    };
    expect(await callAction("createOrgRoleAction", admin.claims, conditional)).toEqual({
      ok: false,
      formError: expect.stringMatching(/^Conditions and deny rules in roles are not part of the Pro plan/),
    });
    await changeOrgPlan(org.slug, "ENTERPRISE");
    expect(await callAction("createInviteLinkAction", admin.claims, link)).toMatchObject({ ok: true });
    expect(await callAction("createOrgRoleAction", admin.claims, conditional)).toMatchObject({ ok: true });
  });

  it("the usage figures equal direct counts; a downgrade below them is refused with the list, and audited when it goes through", async () => {
    const { admin, org, project, memberWith } = await orgWithProject();
    await changeOrgPlan(org.slug, "ENTERPRISE");
    for (let index = 0; index < 3; index++) await memberWith("member", [{ role: "viewer" }]);
    await callAction("createEnvironmentAction", admin.claims, { orgSlug: org.slug, projectSlug: project.slug, name: "QA", slug: "qa" });
    const usage = await orgUsage(db(), org.id);
    expect(usage).toMatchObject({
      seats: await db().orgMembership.count({ where: { orgId: org.id } }),
      secretsProjects: await db().project.count({ where: { orgId: org.id, type: "SECRET_MANAGER" } }),
      environmentsPerProject: await db().environment.count({ where: { projectId: project.id } }),
      customRoles: await db().customRole.count({ where: { orgId: org.id } }),
      pamAccounts: 0,
      pamActiveGrants: 0,
    });
    expect(usage.seats).toBe(4);
    await expect(changeOrgPlan(org.slug, "FREE")).rejects.toThrow(
      /uses more than the Free plan allows:\n- Seats \(people and machine identities\): 4 used, Free allows 3/,
    );
    expect((await db().organization.findUniqueOrThrow({ where: { id: org.id } })).plan).toBe("ENTERPRISE");
    expect(await db().auditEvent.findMany({ where: { orgId: org.id, action: "billing.plan-changed" }, select: { actorId: true, summary: true } })).toEqual([
      { actorId: null, summary: "Free → Enterprise" },
    ]);
  });

  it("the billing page is for billing:read; its details form for billing:manage; another org's admin reaches neither", async () => {
    const { admin, org, memberWith } = await orgWithProject();
    const member = await memberWith("member", []);
    const nobody = await createUser();
    await addOrgMember(org.id, nobody.id, "no-access");
    expect((await getBillingOverview(await orgAccess(member, org.slug))).plan.name).toBe("Free");
    await expect(getBillingOverview(await orgAccess(nobody, org.slug))).rejects.toThrow(ForbiddenError);
    const details = { orgSlug: org.slug, company: "Acme", email: "billing@acme.example", address: "", taxId: "" };
    expect(await callAction("updateBillingDetailsAction", member.claims, details)).toEqual({
      ok: false,
      formError: expect.stringMatching(/does not allow this/),
    });
    expect(await callAction("updateBillingDetailsAction", admin.claims, { ...details, email: "nope" })).toEqual({
      ok: false,
      fieldErrors: { email: ["Enter an email address, like billing@example.com"] },
    });
    expect(await callAction("updateBillingDetailsAction", admin.claims, details)).toMatchObject({ ok: true });
    const other = await orgWithProject();
    expect(await callAction("updateBillingDetailsAction", other.admin.claims, { ...details, company: "Hijack" })).toEqual({
      ok: false,
      formError: expect.stringMatching(/^Not found/),
    });
    expect((await getBillingOverview(await orgAccess(admin, org.slug))).details).toEqual({
      company: "Acme",
      email: "billing@acme.example",
      address: "",
      taxId: "",
    });
  });

  it("the operator command changes a plan from the shell, and refuses an unknown org or plan", async () => {
    const { org } = await orgWithProject();
    const run = promisify(execFile);
    const env = { ...process.env, DATABASE_URL: inject("databaseUrl"), TESSERA_PLANS: plansFile };
    const command = (...args: string[]) => run("npx", ["tsx", "scripts/org-command.ts", ...args], { env, cwd: path.resolve(import.meta.dirname, "../..") });
    // Pro here has no invite links nor conditions: the operator is told what stops, and nothing changes without --yes.
    await expect(command("plan", org.slug, "pro")).rejects.toMatchObject({
      code: 1,
      stderr: expect.stringMatching(
        /switches these off:\n- Conditions and deny rules in roles: [^\n]+\n- Invite links: nobody joins through an invite link[^]*--yes/,
      ),
    });
    expect((await db().organization.findUniqueOrThrow({ where: { id: org.id } })).plan).toBe("FREE");
    expect((await command("plan", org.slug, "pro", "--yes")).stdout).toMatch(
      new RegExp(`^${org.slug}: FREE → PRO\\.\nSwitched off:\n- Conditions and deny rules`),
    );
    expect((await db().organization.findUniqueOrThrow({ where: { id: org.id } })).plan).toBe("PRO");
    await expect(command("plan", "no-such-org", "PRO")).rejects.toMatchObject({ code: 1, stderr: "No organization has the slug no-such-org.\n" });
    await expect(command("plan", org.slug, "GOLD")).rejects.toMatchObject({ code: 2, stderr: expect.stringContaining("GOLD is not a plan") });
  }, 60_000);
});
