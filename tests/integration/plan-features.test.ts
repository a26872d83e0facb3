// A feature the plan switches off stops being used, not only being created (second security
// review, item 4): after a downgrade, CAs and certificates, client secrets, API logins, token
// use and renewal, PAM requests and joins through old links are refused; upgrading restores
// them. This file runs with its own plan file, where Pro has none of those features.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { changeOrgPlan } from "@/lib/platform/billing/usage";
import { db } from "@/lib/platform/db";
import { loadIdentityProjectAccess } from "@/lib/platform/identities/api-access";
import { createClientSecret } from "@/lib/platform/identities/create-client-secret";
import { createIdentity } from "@/lib/platform/identities/create-identity";
import { renewAccessToken, universalAuthLogin } from "@/lib/platform/identities/universal-auth";
import { createInviteLink } from "@/lib/platform/invite-links/create-invite-link";
import { joinWithLink } from "@/lib/platform/invite-links/join-with-link";
import { createRequest } from "@/lib/products/pam/requests/create-request";
import { createRootCa } from "@/lib/products/pki/authorities/create-root-ca";
import { issueCertificate } from "@/lib/products/pki/certificates/issue-certificate";
import { revokeCertificate } from "@/lib/products/pki/certificates/revoke-certificate";
import { loadProjectAccess } from "@/lib/platform/authz/project-access";
import { changeProjectMemberRoles } from "@/lib/platform/project-members/change-project-member-roles";
import { listProjects } from "@/lib/platform/projects/list-projects";
import { addProjectMember, createUser, currentClaims, orgAccess, orgWithProject, projectAccess } from "../support/factories";
import { pamProject } from "../support/pam";
import { hierarchy, NO_CONSTRAINTS, openProfile, pkiProject } from "../support/pki";

const plansFile = path.join(mkdtempSync(path.join(tmpdir(), "tessera-plans-")), "plans.json");
writeFileSync(plansFile, JSON.stringify({ PRO: { features: { pki: false, pam: false, apiAccess: false, inviteLinks: false, groups: false } } }));
beforeAll(() => {
  process.env.TESSERA_PLANS = plansFile;
});

const notOnPro = (feature: string) =>
  expect.objectContaining({ code: "PLAN_FEATURE", message: expect.stringMatching(new RegExp(`^${feature} are not part of the Pro plan`)) });

/** A person's access as a new request loads it (the plan comes with it). */
const accessOf = async (userId: string, orgSlug: string, projectSlug: string) => projectAccess({ claims: await currentClaims(userId) }, orgSlug, projectSlug);

describe("a feature switched off by a downgrade", () => {
  it("groups: they stop giving their members any role on the next request (org and project), and stop counting as Admins; an upgrade restores them", async () => {
    const { admin, org, project } = await orgWithProject();
    await changeOrgPlan(org.slug, "ENTERPRISE");
    const person = await createUser();
    const membership = await db().orgMembership.create({ data: { orgId: org.id, userId: person.id, role: "no-access" } });
    const group = await db().group.create({ data: { orgId: org.id, name: "Backend", slug: "backend", orgRole: "member" } });
    await db().groupMember.create({ data: { groupId: group.id, orgMembershipId: membership.id, userId: person.id } });
    await db().groupProjectRole.create({ data: { groupId: group.id, projectId: project.id, role: "admin" } });
    expect((await accessOf(person.id, org.slug, project.slug)).can("member:remove")).toBe(true);
    expect((await orgAccess({ claims: await currentClaims(person.id) }, org.slug)).can("member:read")).toBe(true);

    await changeOrgPlan(org.slug, "PRO");
    const { access: projectAfter } = await loadProjectAccess(await currentClaims(person.id), org.slug, project.slug);
    expect(projectAfter).toBeNull();
    expect((await orgAccess({ claims: await currentClaims(person.id) }, org.slug)).can("member:read")).toBe(false);
    expect((await listProjects(await orgAccess({ claims: await currentClaims(person.id) }, org.slug), { scope: "mine" })).items).toEqual([]);
    // The founder, the project's other Admin, cannot step down: the group's Admin no longer counts.
    const adminProject = await accessOf(admin.id, org.slug, project.slug);
    await expect(
      changeProjectMemberRoles(adminProject, {
        orgSlug: org.slug,
        projectSlug: project.slug,
        membershipId: adminProject.membership!.id!,
        grants: [{ role: "viewer" }],
      }),
    ).rejects.toThrow(/permanent Admin/);

    await changeOrgPlan(org.slug, "ENTERPRISE");
    expect((await accessOf(person.id, org.slug, project.slug)).can("member:remove")).toBe(true);
  });

  it("PKI: no new CA, certificate or renewal from what existed; revocation goes on; an upgrade restores issuing", async () => {
    const project = await pkiProject();
    await changeOrgPlan(project.org.slug, "ENTERPRISE");
    const { intermediateId } = await hierarchy(project);
    const profileId = await openProfile(project, intermediateId);
    const leaf = await issueCertificate(project.admin, { ...project.ref, profileId, commonName: "api.svc.internal", ttlDays: 7 });
    await changeOrgPlan(project.org.slug, "PRO");
    const admin = await accessOf(project.admin.orgAccess.actor.userId, project.org.slug, project.project.slug);
    await expect(issueCertificate(admin, { ...project.ref, profileId, commonName: "db.svc.internal", ttlDays: 7 })).rejects.toEqual(notOnPro("PKI projects"));
    const root = {
      ...project.ref,
      name: "Another root",
      commonName: "Another root",
      organization: "",
      keyAlgorithm: "EC_P256" as const,
      validityDays: 365,
      maxPathLength: "",
      ...NO_CONSTRAINTS,
    };
    await expect(createRootCa(admin, root)).rejects.toEqual(notOnPro("PKI projects"));
    await expect(revokeCertificate(admin, { ...project.ref, certificateId: leaf.certificateId, reason: "keyCompromise" })).resolves.toBeUndefined();
    expect((await db().certificate.findUniqueOrThrow({ where: { id: leaf.certificateId } })).revokedAt).not.toBeNull();
    await changeOrgPlan(project.org.slug, "ENTERPRISE");
    const upgraded = await accessOf(project.admin.orgAccess.actor.userId, project.org.slug, project.project.slug);
    await expect(issueCertificate(upgraded, { ...project.ref, profileId, commonName: "db.svc.internal", ttlDays: 7 })).resolves.toBeDefined();
  }, 60_000);

  it("the API: no new client secret, login, token use or renewal with what existed; an upgrade restores them", async () => {
    const { admin, org, project, adminOrgAccess } = await orgWithProject();
    await changeOrgPlan(org.slug, "ENTERPRISE");
    const { identityId, clientId } = await createIdentity(adminOrgAccess, { orgSlug: org.slug, name: "Deploy bot", role: "no-access" });
    await addProjectMember(project.id, identityId, [{ role: "viewer" }]);
    const { clientSecret } = await createClientSecret(adminOrgAccess, { orgSlug: org.slug, identityId });
    const { accessToken } = await universalAuthLogin({ clientId, clientSecret }, "127.0.0.1");
    await changeOrgPlan(org.slug, "PRO");

    await expect(universalAuthLogin({ clientId, clientSecret }, "127.0.0.1")).rejects.toMatchObject({
      status: 403,
      message: expect.stringMatching(/not part of the Pro plan/),
    });
    await expect(loadIdentityProjectAccess(accessToken, project.id, "127.0.0.1")).rejects.toMatchObject({ status: 403 });
    await expect(renewAccessToken(accessToken, "127.0.0.1")).rejects.toMatchObject({ status: 403 });
    await expect(createClientSecret(await orgAccess(admin, org.slug), { orgSlug: org.slug, identityId })).rejects.toEqual(
      notOnPro("Machine identities and the API"),
    );
    expect(
      await db().auditEvent.count({
        where: { orgId: org.id, action: "identity.login-refused", metadata: { path: ["reason"], equals: "plan does not include the API" } },
      }),
    ).toBe(1);

    await changeOrgPlan(org.slug, "ENTERPRISE");
    await expect(loadIdentityProjectAccess(accessToken, project.id, "127.0.0.1")).resolves.toBeDefined();
    await expect(universalAuthLogin({ clientId, clientSecret }, "127.0.0.1")).resolves.toBeDefined();
  });

  it("invite links: a link made before the downgrade admits nobody after it", async () => {
    const { admin, org } = await orgWithProject();
    await changeOrgPlan(org.slug, "ENTERPRISE");
    const { token } = await createInviteLink(await orgAccess(admin, org.slug), {
      orgSlug: org.slug,
      name: "Team",
      role: "member",
      expiresInDays: 7,
      maxUses: 10,
    });
    await changeOrgPlan(org.slug, "PRO");
    const newcomer = await createUser();
    await expect(joinWithLink(newcomer.actor, { token })).rejects.toEqual(notOnPro("Invite links"));
    expect(await db().orgMembership.count({ where: { orgId: org.id, userId: newcomer.id } })).toBe(0);
    await changeOrgPlan(org.slug, "ENTERPRISE");
    await expect(joinWithLink(newcomer.actor, { token })).resolves.toEqual({ orgSlug: org.slug });
  });

  it("PAM: no new request nor approval after the downgrade; an upgrade restores them", async () => {
    const project = await pamProject();
    await changeOrgPlan(project.org.slug, "PRO");
    const request = { ...project.ref, accountId: project.accountId, durationMinutes: 10, reason: "Checking an order" };
    await expect(createRequest(await project.as(project.requester), request)).rejects.toEqual(notOnPro("PAM projects"));
    await changeOrgPlan(project.org.slug, "ENTERPRISE");
    await expect(createRequest(await project.as(project.requester), request)).resolves.toMatchObject({ status: "PENDING" });
  });
});
