// Fixtures shared by the authorization matrix and the audit coverage test: an org to act
// on, and for every org and project action an input with which an allowed call succeeds.
import { db } from "@/lib/platform/db";
import { createInvitations } from "@/lib/platform/invitations/create-invitations";
import { createClientSecret } from "@/lib/platform/identities/create-client-secret";
import { createIdentity } from "@/lib/platform/identities/create-identity";
import { universalAuthLogin } from "@/lib/platform/identities/universal-auth";
import { createInviteLink } from "@/lib/platform/invite-links/create-invite-link";
import { createRole } from "@/lib/platform/roles/save-role";
import { orgRoleScope, projectRoleScope } from "@/lib/platform/roles/scope";
import { createEnvironment } from "@/lib/products/secrets/environments";
import { createFolder } from "@/lib/products/secrets/folders";
import { createSecret } from "@/lib/products/secrets/secrets";
import type { SessionClaims } from "@/lib/platform/auth/authenticate";
import type { OrgAccess } from "@/lib/platform/authz/org-access";
import { createIntermediateCa } from "@/lib/products/pki/authorities/create-intermediate-ca";
import { createRootCa } from "@/lib/products/pki/authorities/create-root-ca";
import { issueCertificate } from "@/lib/products/pki/certificates/issue-certificate";
import { createProfile } from "@/lib/products/pki/profiles/manage-profiles";
import { createEabKey } from "@/lib/products/pki/acme/eab-keys";
import { inject } from "vitest";
import { generateKeyPair, randomSerial, signCaCertificate, subjectName, toPem, verifiedCsr } from "@/lib/products/pki/x509";
import { createAccount } from "@/lib/products/pam/accounts";
import { createPolicy } from "@/lib/products/pam/policies";
import { createRolePolicy } from "@/lib/platform/role-requests/policies";
import type { ProjectAccess } from "@/lib/platform/authz/project-access";
import { sealForRow } from "@/lib/platform/kms/row-sealing";
import { createResource } from "@/lib/products/pam/resources";
import { createProject } from "@/lib/platform/projects/create-project";
import { addProjectMember, orgWithProject, projectAccess, unique } from "./factories";
import { sharedFakeIdp } from "./fake-idp";

export type Fixture = Awaited<ReturnType<typeof arrange>>;

/** An org with a project, its creator (Admin), a project Viewer to act on, and an org member outside the project. */
export async function arrange() {
  const secretsContext = await orgWithProject("SECRET_MANAGER");
  const pki = await pkiFixture(secretsContext.admin, secretsContext.adminOrgAccess);
  const pam = await pamFixture(secretsContext.admin, secretsContext.adminOrgAccess);
  // Members the matrix makes hold their grants in every project: each action acts on its own type's.
  const context = {
    ...secretsContext,
    async memberWith(...args: Parameters<typeof secretsContext.memberWith>) {
      const user = await secretsContext.memberWith(...args);
      if (args[1].length > 0) {
        await addProjectMember(pki.project.id, user.id, args[1]);
        await addProjectMember(pam.project.id, user.id, args[1]);
      }
      return user;
    },
  };
  const target = await context.memberWith("member", [{ role: "viewer" }]);
  const outsider = await context.memberWith("member", []);
  const targetMembership = await db().projectMembership.findUniqueOrThrow({
    where: { projectId_userId: { projectId: context.project.id, userId: target.id } },
    select: { id: true, orgMembershipId: true },
  });
  const ref = { orgSlug: context.org.slug, projectSlug: context.project.slug };
  const [invitation] = await createInvitations(context.adminOrgAccess, {
    orgSlug: context.org.slug,
    emails: `${unique("invitee")}@example.com`,
    role: "member",
  });
  const orgRole = await createRole(orgRoleScope(context.adminOrgAccess), {
    name: "Fixture org role",
    slug: unique("org-role-"),
    permissions: [{ subject: "organization", actions: ["read"] }],
  });
  const adminProjectAccess = await projectAccess(context.admin, context.org.slug, context.project.slug);
  const projectRole = await createRole(projectRoleScope(adminProjectAccess), {
    name: "Fixture project role",
    slug: unique("project-role-"),
    permissions: [{ subject: "project", actions: ["read"] }],
  });
  const inviteLink = await createInviteLink(context.adminOrgAccess, { orgSlug: context.org.slug, name: "Fixture link", role: "member" });
  const environment = await createEnvironment(adminProjectAccess, { ...ref, name: "Fixture environment", slug: "fixture" });
  await createFolder(adminProjectAccess, { ...ref, environment: "dev", path: "/", name: "empty" });
  const secret = await createSecret(adminProjectAccess, { ...ref, environment: "dev", path: "/", key: "FIXTURE", value: "fixture value" });
  // Room for the people and identities the matrix adds on top.
  await db().organization.update({ where: { id: context.org.id }, data: { seatLimit: 50 } });
  const identity = await createIdentity(context.adminOrgAccess, { orgSlug: context.org.slug, name: "Fixture bot", role: "no-access" });
  const clientSecret = await createClientSecret(context.adminOrgAccess, { orgSlug: context.org.slug, identityId: identity.identityId });
  await universalAuthLogin({ clientId: clientSecret.clientId, clientSecret: clientSecret.clientSecret }, "127.0.0.1");
  const accessToken = await db().identityAccessToken.findFirstOrThrow({ where: { identityId: identity.identityId }, select: { id: true } });
  // A group with the target in it and no roles: the matrix's group actions act on it.
  const group = await db().group.create({ data: { orgId: context.org.id, name: "Fixture group", slug: unique("group-") }, select: { id: true } });
  const targetOrgMembership = await db().orgMembership.findUniqueOrThrow({ where: { orgId_userId: { orgId: context.org.id, userId: target.id } } });
  await db().groupMember.create({ data: { groupId: group.id, orgMembershipId: targetOrgMembership.id, userId: target.id } });
  const roleRequests = await roleRequestFixture(context, adminProjectAccess, target.id, projectRole.slug);
  return {
    roleRequests,
    groupId: group.id,
    environmentId: environment.id,
    environmentSlug: environment.slug,
    secretId: secret.id,
    invitationId: invitation!.id,
    inviteLinkId: inviteLink.id,
    identityId: identity.identityId,
    clientSecretId: clientSecret.clientSecretId,
    accessTokenId: accessToken.id,
    orgRoleSlug: orgRole.slug,
    projectRoleSlug: projectRole.slug,
    ...context,
    target,
    outsider,
    targetMembershipId: targetMembership.id,
    targetOrgMembershipId: targetMembership.orgMembershipId,
    ref,
    pki,
    pam,
  };
}

/**
 * Role requests in the Secrets project: a spare policy listing every role (so the default no
 * longer applies, and any role can still be asked for), a request of the target's waiting
 * for a project Admin, an active one they hold, and `requestBy` for the actor's own.
 */
async function roleRequestFixture(context: { org: { id: string }; project: { id: string } }, admin: ProjectAccess, targetId: string, customRole: string) {
  const ref = { orgSlug: admin.orgAccess.org.slug, projectSlug: admin.project.slug };
  const { policyId: sparePolicyId } = await createRolePolicy(admin, {
    ...ref,
    name: "Fixture role policy",
    roles: ["admin", "member", "viewer", "no-access", customRole],
    requiredApprovals: 1,
    approverRole: "admin",
    maxDurationMinutes: 600,
  });
  const requestBy = async (requesterId: string, status: "PENDING" | "ACTIVE") => {
    // One waiting request per person and project.
    const waiting = await db().roleRequest.findFirst({ where: { projectId: context.project.id, requesterId, status: "PENDING" }, select: { id: true } });
    if (status === "PENDING" && waiting) return waiting.id;
    const expiresAt = status === "ACTIVE" ? new Date(Date.now() + 3_600_000) : null;
    const request = await db().roleRequest.create({
      data: {
        projectId: context.project.id,
        requesterId,
        role: "member",
        durationMinutes: 60,
        reason: "fixture",
        status,
        policyName: "Fixture role policy",
        requiredApprovals: 1,
        approverRole: "admin",
        grantedAt: expiresAt ? new Date() : null,
        expiresAt,
      },
      select: { id: true },
    });
    if (expiresAt) {
      const membership = await db().projectMembership.findUniqueOrThrow({
        where: { projectId_userId: { projectId: context.project.id, userId: requesterId } },
      });
      await db().projectRoleGrant.upsert({
        where: { projectMembershipId_role: { projectMembershipId: membership.id, role: "member" } },
        create: { projectMembershipId: membership.id, role: "member", expiresAt },
        update: { expiresAt },
      });
    }
    return request.id;
  };
  return { sparePolicyId, pendingRequestId: await requestBy(targetId, "PENDING"), activeRequestId: await requestBy(targetId, "ACTIVE"), requestBy };
}

/**
 * A PAM project of the same org on the tests' target database (scripts/lib/pam-target.ts):
 * a resource with the read-only role as an account, a spare resource and account that hold
 * no grants, a policy approved by the project's Admins, a spare policy, a pending request by
 * the org's creator, and an active grant (its login role is never made: revoking one that
 * is already gone is fine).
 */
async function pamFixture(adminUser: { claims: SessionClaims }, adminOrgAccess: OrgAccess) {
  const target = inject("pamTarget");
  const org = adminOrgAccess.org;
  const project = await createProject(adminOrgAccess, { orgSlug: org.slug, name: "Databases", slug: unique("pam-"), type: "PAM" });
  const ref = { orgSlug: org.slug, projectSlug: project.slug };
  const admin = await projectAccess(adminUser, org.slug, project.slug);
  const resource = {
    ...ref,
    host: target.host,
    port: target.port,
    database: target.database,
    tlsMode: "DISABLE" as const,
    brokerUser: target.brokerUser,
    brokerPassword: target.brokerPassword,
  };
  const { resourceId } = await createResource(admin, { ...resource, name: "Fixture DB" });
  const { resourceId: spareResourceId } = await createResource(admin, { ...resource, name: "Spare DB" });
  const { accountId } = await createAccount(admin, { ...ref, resourceId, name: target.readonlyRole, maxDurationMinutes: 60 });
  const { accountId: spareAccountId } = await createAccount(admin, { ...ref, resourceId: spareResourceId, name: target.readonlyRole, maxDurationMinutes: 60 });
  await createPolicy(admin, {
    ...ref,
    name: "Fixture policy",
    resourceGlob: "*",
    accountGlob: "*",
    requiredApprovals: 1,
    approverRole: "admin",
    maxDurationMinutes: 60,
  });
  const { policyId: sparePolicyId } = await createPolicy(admin, {
    ...ref,
    name: "Spare policy",
    resourceGlob: "Nothing",
    accountGlob: "*",
    requiredApprovals: 1,
    approverRole: "admin",
    maxDurationMinutes: 60,
  });
  const requesterId = admin.orgAccess.actor.userId;
  const request = (data: { status: "PENDING" | "ACTIVE"; requesterId?: string; accountId?: string; loginRole?: string; grantedAt?: Date; expiresAt?: Date }) =>
    db().pamAccessRequest.create({
      data: {
        projectId: project.id,
        accountId,
        requesterId,
        durationMinutes: 30,
        reason: "fixture",
        policyName: "Fixture policy",
        requiredApprovals: 1,
        approverRole: "admin",
        ...data,
      },
      select: { id: true },
    });
  const pending = await request({ status: "PENDING" });
  const grantedAt = new Date();
  const active = await request({
    status: "ACTIVE",
    loginRole: `tessera_fixture_${unique("").replace(/\W/g, "")}`.toLowerCase(),
    grantedAt,
    expiresAt: new Date(grantedAt.getTime() + 30 * 60_000),
  });
  /** A request of `userId`'s own: pending, or approved with its password waiting to be shown. */
  async function requestBy(userId: string, kind: "pending" | "granted"): Promise<string> {
    if (kind === "pending") return (await request({ status: "PENDING", requesterId: userId, accountId: spareAccountId })).id;
    const { id } = await request({
      status: "ACTIVE",
      requesterId: userId,
      accountId: spareAccountId,
      loginRole: `tessera_fixture_${unique("").replace(/\W/g, "")}`.toLowerCase(),
      grantedAt,
      expiresAt: new Date(grantedAt.getTime() + 30 * 60_000),
    });
    await db().pamAccessRequest.update({
      where: { id },
      data: { sealedPassword: await sealForRow(db(), project.id, "pam-grant-password", id, "fixture-password") },
    });
    return id;
  }
  /** Ends the fixture's grants in the database alone (their logins were never made): an org with a live grant is not deleted. */
  async function endGrants(): Promise<void> {
    await db().pamAccessRequest.updateMany({
      where: { projectId: project.id, status: "ACTIVE" },
      data: { status: "REVOKED", endedAt: new Date(), sealedPassword: null },
    });
  }
  return {
    project,
    ref,
    resourceId,
    spareResourceId,
    accountId,
    spareAccountId,
    sparePolicyId,
    pendingRequestId: pending.id,
    activeRequestId: active.id,
    requestBy,
    endGrants,
    target,
  };
}

/**
 * A PKI project of the same org: a root and an intermediate that issued one certificate, a
 * spare root that signed nothing, and an intermediate made for signing outside with its
 * certificate signed (by a throw-away root) and ready to import.
 */
async function pkiFixture(adminUser: { claims: SessionClaims }, adminOrgAccess: OrgAccess) {
  const org = adminOrgAccess.org;
  const project = await createProject(adminOrgAccess, { orgSlug: org.slug, name: "Certificates", slug: unique("pki-"), type: "PKI" });
  const ref = { orgSlug: org.slug, projectSlug: project.slug };
  const admin = await projectAccess(adminUser, org.slug, project.slug);
  const profile = {
    ...ref,
    keyAlgorithm: "EC_P256" as const,
    maxPathLength: "",
    permittedDnsNames: "",
    excludedDnsNames: "",
    permittedIpRanges: "",
    excludedIpRanges: "",
  };
  const { caId: rootId } = await createRootCa(admin, { ...profile, name: "Fixture root", commonName: "Fixture root", validityDays: 3650 });
  const { caId } = await createIntermediateCa(admin, {
    ...profile,
    parentId: rootId,
    name: "Fixture issuing",
    commonName: "Fixture issuing",
    validityDays: 365,
  });
  const { caId: spareCaId } = await createRootCa(admin, { ...profile, name: "Spare root", commonName: "Spare root", validityDays: 30 });
  const { profileId } = await createProfile(admin, { ...ref, ...pkiProfile(caId), name: "Fixture services" });
  const { profileId: spareProfileId } = await createProfile(admin, { ...ref, ...pkiProfile(caId), name: "Fixture spare" });
  const { certificateId } = await issueCertificate(admin, { ...ref, profileId, commonName: "fixture.svc.internal", ttlDays: 30 });
  const { keyId: eabKeyId } = await createEabKey(admin, { ...ref, profileId, name: "Fixture client" });
  const { caId: pendingCaId, csrPem } = await createIntermediateCa(admin, {
    ...profile,
    name: "Fixture outside",
    commonName: "Fixture outside",
    validityDays: 30,
  });
  const outside = await signedOutside(csrPem!);
  return {
    project,
    ref,
    rootId,
    caId,
    spareCaId,
    profileId,
    spareProfileId,
    eabKeyId,
    certificateId,
    pendingCaId,
    alertRecipientId: adminUser.claims.userId,
    ...outside,
  };
}

/** Signs a CSR as an offline root would: a CA certificate, and that root as its chain (PEM). */
async function signedOutside(csrPem: string): Promise<{ signedCertificate: string; signedChain: string }> {
  const keys = await generateKeyPair("EC_P256");
  const signer = { algorithm: "EC_P256" as const, privateKey: keys.privateKey };
  const rootName = subjectName({ commonName: "Offline fixture root" });
  const notBefore = new Date(Date.now() - 60_000);
  const constraints = { permittedDnsNames: [], excludedDnsNames: [], permittedIpRanges: [], excludedIpRanges: [] };
  const root = await signCaCertificate(
    { subject: rootName, serialNumber: randomSerial(), notBefore, notAfter: new Date(Date.now() + 90 * 86_400_000), maxPathLength: null, constraints },
    keys.publicKey,
    { self: signer },
  );
  const csr = (await verifiedCsr(csrPem))!;
  const signed = await signCaCertificate(
    { subject: csr.subjectName, serialNumber: randomSerial(), notBefore, notAfter: new Date(Date.now() + 60 * 86_400_000), maxPathLength: 0, constraints },
    csr.publicKey,
    { name: rootName, key: signer, publicKey: root.publicKey, urls: { certificateUrl: "http://offline.invalid/ca", crlUrl: "http://offline.invalid/crl" } },
  );
  return { signedCertificate: toPem(Buffer.from(signed.rawData), "CERTIFICATE"), signedChain: toPem(Buffer.from(root.rawData), "CERTIFICATE") };
}

const pkiProfile = (caId: string) => ({
  caId,
  allowedNames: "*.svc.internal",
  keyAlgorithms: ["EC_P256" as const],
  keyUsages: ["digitalSignature" as const],
  extendedKeyUsages: ["serverAuth" as const],
  maxValidityDays: 90,
});

const pkiCa = {
  keyAlgorithm: "EC_P256",
  validityDays: 30,
  maxPathLength: "",
  permittedDnsNames: "",
  excludedDnsNames: "",
  permittedIpRanges: "",
  excludedIpRanges: "",
};

/** The PKI project's actions: they act on the fixture's PKI project, so the matrix grants roles there. */
export const PKI_ACTION_INPUTS: Record<string, (fixture: Fixture) => unknown> = {
  createRootCaAction: ({ pki }) => ({ ...pki.ref, ...pkiCa, name: unique("Matrix root "), commonName: "Matrix root" }),
  createIntermediateCaAction: ({ pki }) => ({ ...pki.ref, ...pkiCa, parentId: pki.rootId, name: unique("Matrix issuing "), commonName: "Matrix issuing" }),
  importCaCertificateAction: ({ pki }) => ({ ...pki.ref, caId: pki.pendingCaId, certificate: pki.signedCertificate, chain: pki.signedChain }),
  setCaEnabledAction: ({ pki }) => ({ ...pki.ref, caId: pki.caId, enabled: false }),
  deleteCaAction: ({ pki }) => ({ ...pki.ref, caId: pki.spareCaId }),
  createProfileAction: ({ pki }) => ({ ...pki.ref, ...pkiProfile(pki.caId), name: unique("Matrix profile ") }),
  editProfileAction: ({ pki }) => ({ ...pki.ref, ...pkiProfile(pki.caId), profileId: pki.profileId, name: "Fixture services", description: unique("Edited ") }),
  deleteProfileAction: ({ pki }) => ({ ...pki.ref, profileId: pki.spareProfileId }),
  createEabKeyAction: ({ pki }) => ({ ...pki.ref, profileId: pki.profileId, name: unique("Matrix client ") }),
  revokeEabKeyAction: ({ pki }) => ({ ...pki.ref, profileId: pki.profileId, keyId: pki.eabKeyId }),
  issuingProfilesAction: ({ pki }) => pki.ref,
  expiryAlertGroupsAction: ({ pki }) => pki.ref,
  saveExpiryAlertAction: ({ pki }) => ({ ...pki.ref, thresholds: "30, 7", recipientIds: [pki.alertRecipientId], groupIds: [] }),
  issueCertificateAction: ({ pki }) => ({ ...pki.ref, profileId: pki.profileId, commonName: "matrix.svc.internal", ttlDays: 7 }),
  renewCertificateAction: ({ pki }) => ({ ...pki.ref, certificateId: pki.certificateId }),
  revokeCertificateAction: ({ pki }) => ({ ...pki.ref, certificateId: pki.certificateId, reason: "superseded" }),
  certificateFileAction: ({ pki }) => ({ ...pki.ref, certificateId: pki.certificateId, file: "chain" }),
};

type Actor = { id: string };

/**
 * The PAM project's actions. Cancelling a request and seeing a grant's credentials are the
 * requester's alone, so their inputs make a request of the actor's own first.
 */
export const PAM_ACTION_INPUTS: Record<string, (fixture: Fixture, actor: Actor) => unknown> = {
  createPamResourceAction: ({ pam }) => ({
    ...pam.ref,
    name: unique("Matrix DB "),
    host: pam.target.host,
    port: pam.target.port,
    database: pam.target.database,
    tlsMode: "DISABLE",
    brokerUser: pam.target.brokerUser,
    brokerPassword: pam.target.brokerPassword,
  }),
  testPamResourceAction: ({ pam }) => ({ ...pam.ref, resourceId: pam.resourceId }),
  updatePamResourceAction: ({ pam }) => ({
    ...pam.ref,
    resourceId: pam.spareResourceId,
    host: pam.target.host,
    port: pam.target.port,
    database: pam.target.database,
    tlsMode: "DISABLE",
    brokerUser: pam.target.brokerUser,
    brokerPassword: pam.target.brokerPassword,
  }),
  deletePamResourceAction: ({ pam }) => ({ ...pam.ref, resourceId: pam.spareResourceId }),
  createPamAccountAction: ({ pam }) => ({ ...pam.ref, resourceId: pam.resourceId, name: pam.target.writerRole, maxDurationMinutes: 30 }),
  updatePamAccountAction: ({ pam }) => ({ ...pam.ref, accountId: pam.accountId, folderPath: "/matrix", maxDurationMinutes: 45, reasonRequired: true }),
  deletePamAccountAction: ({ pam }) => ({ ...pam.ref, accountId: pam.spareAccountId }),
  createAccessPolicyAction: ({ pam }) => ({
    ...pam.ref,
    name: unique("Matrix policy "),
    resourceGlob: "*",
    accountGlob: "app_*",
    requiredApprovals: 1,
    approverRole: "admin",
    maxDurationMinutes: 30,
  }),
  updateAccessPolicyAction: ({ pam }) => ({
    ...pam.ref,
    policyId: pam.sparePolicyId,
    name: unique("Matrix policy "),
    resourceGlob: "Nothing",
    accountGlob: "*",
    requiredApprovals: 1,
    approverRole: "admin",
    maxDurationMinutes: 45,
  }),
  findPolicyPeopleAction: ({ pam }) => ({ ...pam.ref, q: "" }),
  deleteAccessPolicyAction: ({ pam }) => ({ ...pam.ref, policyId: pam.sparePolicyId }),
  requestAccessAction: ({ pam }) => ({ ...pam.ref, accountId: pam.accountId, durationMinutes: 15, reason: "Matrix" }),
  // A rejection: the same checks as an approval, without making a login on the database.
  decideAccessRequestAction: ({ pam }) => ({ ...pam.ref, requestId: pam.pendingRequestId, decision: "REJECT", comment: "matrix" }),
  cancelAccessRequestAction: async ({ pam }, actor) => ({ ...pam.ref, requestId: await pam.requestBy(actor.id, "pending") }),
  revealGrantCredentialsAction: async ({ pam }, actor) => ({ ...pam.ref, requestId: await pam.requestBy(actor.id, "granted") }),
  revokeGrantAction: ({ pam }) => ({ ...pam.ref, requestId: pam.activeRequestId }),
};

/** The input each scoped action is called with; chosen so that an allowed call succeeds. */
export const PROJECT_ACTION_INPUTS: Record<string, (fixture: Fixture, actor: Actor) => unknown> = {
  updateProjectAction: ({ ref }) => ({ ...ref, name: "Renamed by matrix" }),
  deleteProjectAction: ({ ref }) => ({ ...ref, confirmation: ref.projectSlug }),
  addProjectMemberAction: ({ ref, outsider }) => ({ ...ref, userIds: [outsider.id], grants: [{ role: "viewer" }] }),
  findAddableMembersAction: ({ ref }) => ({ ...ref, q: "" }),
  setGroupProjectRolesAction: ({ ref, groupId }) => ({ ...ref, groupId, grants: [{ role: "viewer" }] }),
  removeGroupFromProjectAction: async ({ ref, groupId, project }) => {
    await db().groupProjectRole.upsert({
      where: { groupId_projectId_role: { groupId, projectId: project.id, role: "viewer" } },
      create: { groupId, projectId: project.id, role: "viewer" },
      update: {},
    });
    return { ...ref, groupId };
  },
  changeProjectMemberRolesAction: ({ ref, targetMembershipId }) => ({
    ...ref,
    membershipId: targetMembershipId,
    grants: [{ role: "viewer" }, { role: "member" }],
  }),
  removeProjectMemberAction: ({ ref, targetMembershipId }) => ({ ...ref, membershipId: targetMembershipId }),
  leaveProjectAction: ({ ref }) => ({ ...ref, confirm: true }),
  createProjectRoleAction: ({ ref }) => ({ ...ref, name: "Matrix role", slug: unique("role-"), permissions: [{ subject: "project", actions: ["read"] }] }),
  updateProjectRoleAction: ({ ref, projectRoleSlug }) => ({ ...ref, roleSlug: projectRoleSlug, name: "Edited", permissions: [] }),
  deleteProjectRoleAction: ({ ref, projectRoleSlug }) => ({ ...ref, roleSlug: projectRoleSlug, reassignTo: "viewer" }),
  createEnvironmentAction: ({ ref }) => ({ ...ref, name: "Matrix environment", slug: unique("env-") }),
  renameEnvironmentAction: ({ ref, environmentId }) => ({ ...ref, environmentId, name: "Renamed by matrix" }),
  moveEnvironmentAction: ({ ref, environmentId }) => ({ ...ref, environmentId, direction: "up" }),
  deleteEnvironmentAction: ({ ref, environmentId, environmentSlug }) => ({ ...ref, environmentId, confirmation: environmentSlug }),
  createFolderAction: ({ ref }) => ({ ...ref, environment: "dev", path: "/", name: unique("folder-") }),
  deleteFolderAction: ({ ref }) => ({ ...ref, environment: "dev", path: "/empty" }),
  createSecretAction: ({ ref }) => ({ ...ref, environment: "dev", path: "/", key: unique("KEY_"), value: "matrix" }),
  updateSecretAction: ({ ref, secretId }) => ({ ...ref, secretId, key: "FIXTURE", value: "changed by matrix", comment: "", version: 1 }),
  deleteSecretAction: ({ ref, secretId }) => ({ ...ref, secretId }),
  revealSecretValueAction: ({ ref, secretId }) => ({ ...ref, secretId }),
  importDotenvAction: ({ ref }) => ({ ...ref, environment: "dev", path: "/", content: `${unique("IMPORTED_")}=1\n` }),
  exportDotenvAction: ({ ref }) => ({ ...ref, environment: "dev", path: "/" }),
  findProjectPeopleAction: ({ ref }) => ({ ...ref, q: "" }),
  requestProjectRoleAction: ({ ref, projectRoleSlug }) => ({ ...ref, role: projectRoleSlug, durationMinutes: 60, reason: "Matrix" }),
  // A rejection: the same checks as an approval.
  decideRoleRequestAction: ({ ref, roleRequests }) => ({ ...ref, requestId: roleRequests.pendingRequestId, decision: "REJECT", comment: "matrix" }),
  endRoleGrantAction: ({ ref, roleRequests }) => ({ ...ref, requestId: roleRequests.activeRequestId }),
  createRolePolicyAction: ({ ref }) => ({
    ...ref,
    name: unique("Matrix policy "),
    roles: ["viewer"],
    requiredApprovals: 1,
    approverRole: "admin",
    maxDurationMinutes: 60,
  }),
  updateRolePolicyAction: ({ ref, roleRequests }) => ({
    ...ref,
    policyId: roleRequests.sparePolicyId,
    name: unique("Matrix policy "),
    roles: ["viewer"],
    requiredApprovals: 1,
    approverRole: "admin",
    maxDurationMinutes: 30,
  }),
  deleteRolePolicyAction: ({ ref, roleRequests }) => ({ ...ref, policyId: roleRequests.sparePolicyId }),
  ...PKI_ACTION_INPUTS,
  ...PAM_ACTION_INPUTS,
};

export const ORG_ACTION_INPUTS: Record<string, (fixture: Fixture, actor: Actor) => unknown | Promise<unknown>> = {
  requestOptionsAction: ({ ref }) => ref,
  requestProjectAccessAction: ({ ref }) => ({ ...ref, role: "viewer", durationMinutes: 60, reason: "Matrix" }),
  // The actor's own request, withdrawn.
  endMyRoleRequestAction: async ({ org, roleRequests }, actor) => ({ orgSlug: org.slug, requestId: await roleRequests.requestBy(actor.id, "PENDING") }),
  createProjectAction: ({ org }) => ({ orgSlug: org.slug, name: "Matrix", slug: unique("matrix-"), type: "PKI" }),
  createIdentityAction: ({ org }) => ({ orgSlug: org.slug, name: "Matrix bot", role: "no-access" }),
  deleteIdentityAction: ({ org, identityId }) => ({ orgSlug: org.slug, identityId }),
  updateIdentityAction: ({ org, identityId }) => ({ orgSlug: org.slug, identityId, name: "Renamed bot", role: "member", deleteProtection: true }),
  updateUniversalAuthAction: ({ org, identityId }) => ({
    orgSlug: org.slug,
    identityId,
    accessTokenTtlSeconds: 600,
    accessTokenMaxTtlSeconds: 3600,
    accessTokenMaxUses: 0,
    loginTrustedIps: "10.0.0.0/8\n::1",
    tokenTrustedIps: "0.0.0.0/0, ::/0",
    lockoutThreshold: 3,
    lockoutSeconds: 60,
  }),
  revokeAccessTokenAction: ({ org, identityId, accessTokenId }) => ({ orgSlug: org.slug, identityId, accessTokenId }),
  createClientSecretAction: ({ org, identityId }) => ({ orgSlug: org.slug, identityId, description: "matrix" }),
  revokeClientSecretAction: ({ org, identityId, clientSecretId }) => ({ orgSlug: org.slug, identityId, clientSecretId, reason: "matrix" }),
  joinProjectAsAdminAction: ({ ref }) => ({ ...ref, confirmation: "access" }),
  createGroupAction: ({ org }) => ({ orgSlug: org.slug, name: "Matrix group", slug: unique("group-"), description: "", orgRole: "" }),
  updateGroupAction: ({ org, groupId }) => ({ orgSlug: org.slug, groupId, name: "Renamed group", description: "by the matrix", orgRole: "" }),
  deleteGroupAction: ({ org, groupId }) => ({ orgSlug: org.slug, groupId }),
  addGroupMembersAction: ({ org, groupId, outsider }) => ({ orgSlug: org.slug, groupId, userIds: [outsider.id] }),
  removeGroupMemberAction: ({ org, groupId, target }) => ({ orgSlug: org.slug, groupId, userId: target.id }),
  setGroupIdpGroupAction: ({ org, groupId }) => ({ orgSlug: org.slug, groupId, idpGroup: unique("idp-") }),
  findGroupCandidatesAction: ({ org, groupId }) => ({ orgSlug: org.slug, groupId, q: "" }),
  changeOrgMemberRoleAction: ({ org, targetOrgMembershipId }) => ({
    orgSlug: org.slug,
    membershipId: targetOrgMembershipId,
    role: "no-access",
  }),
  removeOrgMemberAction: ({ org, targetOrgMembershipId }) => ({ orgSlug: org.slug, membershipId: targetOrgMembershipId }),
  offersVoidedByRoleChangeAction: ({ org, targetOrgMembershipId }) => ({ orgSlug: org.slug, membershipId: targetOrgMembershipId, role: "no-access" }),
  offersVoidedByRemovalAction: ({ org, targetOrgMembershipId }) => ({ orgSlug: org.slug, membershipId: targetOrgMembershipId }),
  leaveOrgAction: ({ org }) => ({ orgSlug: org.slug }),
  renameOrgAction: ({ org }) => ({ orgSlug: org.slug, name: "Renamed by matrix" }),
  deleteOrgAction: async ({ org, pam }) => {
    await pam.endGrants();
    return { orgSlug: org.slug, confirmation: org.slug };
  },
  setAuditRetentionAction: ({ org }) => ({ orgSlug: org.slug, retentionDays: "90" }),
  // Turning it off: turning it on needs the actor's own second factor (tests/integration/two-factor).
  setRequireTwoFactorAction: ({ org }) => ({ orgSlug: org.slug, required: false }),
  setStepUpMinutesAction: ({ org }) => ({ orgSlug: org.slug, minutes: null }),
  saveSsoConnectionAction: async ({ org }) => ({
    orgSlug: org.slug,
    issuer: (await sharedFakeIdp()).issuer,
    clientId: "tessera-test",
    clientSecret: "s3cret",
    allowedDomains: "acme.test",
    defaultRole: "member",
  }),
  // Turning off what is not on: a no-op for whoever may; tests/integration/sso covers the rest.
  setSsoActiveAction: ({ org }) => ({ orgSlug: org.slug, active: false }),
  setSsoEnforcedAction: ({ org }) => ({ orgSlug: org.slug, enforced: false }),
  setSsoOptionsAction: async ({ org }) => {
    await db().ssoConnection.upsert({
      where: { orgId: org.id },
      create: { orgId: org.id, issuer: "https://idp.invalid", clientId: "x", clientSecretSealed: new Uint8Array([0]), allowedDomains: ["acme.test"] },
      update: {},
    });
    return { orgSlug: org.slug, groupsClaim: unique("claim-"), sessionHours: "24" };
  },
  createScimTokenAction: ({ org }) => ({ orgSlug: org.slug, name: "Matrix IdP", expiresIn: "30" }),
  revokeScimTokenAction: async ({ org }) => {
    const token = await db().scimToken.create({ data: { orgId: org.id, name: "Matrix IdP", tokenHash: unique("hash-") }, select: { id: true } });
    return { orgSlug: org.slug, tokenId: token.id };
  },
  updateBillingDetailsAction: ({ org }) => ({ orgSlug: org.slug, company: "Acme GmbH", email: "billing@example.com", address: "1 Main St", taxId: "DE123" }),
  createOrgRoleAction: ({ org }) => ({
    orgSlug: org.slug,
    name: "Matrix role",
    slug: unique("role-"),
    permissions: [{ subject: "organization", actions: ["read"] }],
  }),
  updateOrgRoleAction: ({ org, orgRoleSlug }) => ({ orgSlug: org.slug, roleSlug: orgRoleSlug, name: "Edited", permissions: [] }),
  deleteOrgRoleAction: ({ org, orgRoleSlug }) => ({ orgSlug: org.slug, roleSlug: orgRoleSlug, reassignTo: "no-access" }),
  createInvitationsAction: ({ org }) => ({ orgSlug: org.slug, emails: `${unique("new")}@example.com`, role: "member" }),
  resendInvitationAction: ({ org, invitationId }) => ({ orgSlug: org.slug, invitationId }),
  revokeInvitationAction: ({ org, invitationId }) => ({ orgSlug: org.slug, invitationId }),
  listGrantableProjectsAction: ({ org }) => ({ orgSlug: org.slug }),
  orgRoleChoicesAction: ({ org }) => ({ orgSlug: org.slug }),
  switcherProjectsAction: ({ org }) => ({ orgSlug: org.slug }),
  createInviteLinkAction: ({ org }) => ({ orgSlug: org.slug, name: "Matrix link", role: "no-access", maxUses: "3", allowedDomain: "" }),
  revokeInviteLinkAction: ({ org, inviteLinkId }) => ({ orgSlug: org.slug, inviteLinkId }),
};
