import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import type { AuditAction } from "@/lib/platform/audit/audit-actions";
import { auditCsvStream, csvField } from "@/lib/platform/audit-log/export-audit-csv";
import { getAuditEvent, listAuditEvents, orgAuditScope, projectAuditScope } from "@/lib/platform/audit-log/list-audit-events";
import { pruneExpiredAuditEvents, setAuditRetention } from "@/lib/platform/audit-log/retention";
import { db } from "@/lib/platform/db";
import { ForbiddenError, NotFoundError } from "@/lib/platform/errors";
import { acceptInvitation, signUpWithInvitation } from "@/lib/platform/invitations/accept-invitation";
import { createInvitations } from "@/lib/platform/invitations/create-invitations";
import { createInviteLink } from "@/lib/platform/invite-links/create-invite-link";
import { joinWithLink, signUpWithLink } from "@/lib/platform/invite-links/join-with-link";
import { changeOrgMemberRole } from "@/lib/platform/org-members/change-org-member-role";
import { renameOrg } from "@/lib/platform/orgs/rename-org";
import { updateProject } from "@/lib/platform/projects/update-project";
import { recordExpiredGrants } from "@/lib/platform/project-members/grant-expiry";
import { loadProjectAccess } from "@/lib/platform/authz/project-access";
import { arrange, ORG_ACTION_INPUTS, PROJECT_ACTION_INPUTS } from "../support/action-fixtures";
import { ALL_ACTIONS, callAction, definitionOf } from "../support/actions";
import { addOrgMember, createUser, orgAccess, orgWithProject, projectAccess, TEST_PASSWORD, unique } from "../support/factories";

/**
 * The event each server action writes for the change it makes. Every action must be here,
 * so a new one cannot ship without deciding; null says it changes nobody's access.
 */
const EXPECTED_EVENT: Record<string, AuditAction | null> = {
  signUpAction: null, // creates an account, which gives access to nothing yet
  confirmEmailAction: null, // confirms the person's own address; no org's access changes
  requestPasswordResetAction: null, // mails a link, changes nothing
  resendConfirmationAction: null, // mails a link, changes nothing
  resetPasswordAction: null, // the person's own password; no org's access changes
  changePasswordAction: null, // the person's own password; no org's access changes
  renameSelfAction: null, // the person's own name; no org's access changes
  signOutEverywhereAction: null, // ends the person's own sessions; no org's access changes
  signOutSessionAction: null, // ends one of the person's own sessions; no org's access changes
  startTotpEnrolmentAction: null, // a key not yet a second factor; changes nothing until confirmed
  confirmTotpEnrolmentAction: "account.two-factor-enabled",
  removeTotpAction: "account.two-factor-removed",
  regenerateRecoveryCodesAction: "account.recovery-codes-regenerated",
  setRequireTwoFactorAction: null, // the matrix turns off what is off (on needs the actor's own second factor): no change; its event is tested in two-factor.test.ts
  setStepUpMinutesAction: null, // likewise; its event is tested in step-up.test.ts
  saveSsoConnectionAction: "sso.configured",
  setSsoActiveAction: null, // the matrix turns off what is not there; its events are tested in sso.test.ts
  setSsoEnforcedAction: null, // likewise
  setSsoOptionsAction: "sso.options-changed",
  setGroupIdpGroupAction: "group.idp-group-set",
  createScimTokenAction: "scim.token-created",
  revokeScimTokenAction: "scim.token-revoked",
  passkeyRegistrationOptionsAction: null, // a challenge, not yet a passkey
  addPasskeyAction: "account.passkey-added",
  renamePasskeyAction: "account.passkey-renamed",
  removePasskeyAction: "account.passkey-removed",
  secondFactorOptionsAction: null, // a challenge to sign, changes nothing
  signInSecondFactorOptionsAction: null, // a challenge to sign, changes nothing
  stepUpAction: null, // this session's own second-factor time; the guarded action itself is on record
  deleteAccountAction: "member.left",
  createOrgAction: "org.created",
  renameOrgAction: "org.renamed",
  deleteOrgAction: "org.deleted",
  setAuditRetentionAction: "audit-log.retention-changed",
  updateBillingDetailsAction: "billing.details-changed",
  changeOrgMemberRoleAction: "member.role-changed",
  removeOrgMemberAction: "member.removed",
  leaveOrgAction: "member.left",
  createInvitationsAction: "member.invited",
  resendInvitationAction: "invitation.resent",
  revokeInvitationAction: "invitation.revoked",
  listGrantableProjectsAction: null, // reads the projects an invitation may offer; changes nothing
  expiryAlertGroupsAction: null, // reads the groups the expiry alert dialog offers; changes nothing
  issuingProfilesAction: null, // reads the profiles the Issue dialog offers; changes nothing
  switcherProjectsAction: null, // reads the project switcher's entries; changes nothing
  orgRoleChoicesAction: null, // reads the roles the members page's dialogs offer; changes nothing
  offersVoidedByRoleChangeAction: null, // counts what a role change would void; changes nothing
  findAddableMembersAction: null, // the Add-members picker's search; changes nothing
  offersVoidedByRemovalAction: null, // counts what a removal would void; changes nothing
  acceptInvitationAction: "member.joined",
  signUpWithInvitationAction: "member.joined",
  createInviteLinkAction: "invite-link.created",
  createGroupAction: "group.created",
  updateGroupAction: "group.updated",
  deleteGroupAction: "group.deleted",
  addGroupMembersAction: "group.members-added",
  removeGroupMemberAction: "group.member-removed",
  findGroupCandidatesAction: null, // the group's member picker search; changes nothing
  setGroupProjectRolesAction: "group.project-roles-changed",
  removeGroupFromProjectAction: "group.project-removed",
  createIdentityAction: "identity.created",
  deleteIdentityAction: "identity.deleted",
  updateIdentityAction: "identity.updated",
  updateUniversalAuthAction: "identity.auth-updated",
  revokeAccessTokenAction: "identity.token-revoked",
  createClientSecretAction: "identity.client-secret-created",
  revokeClientSecretAction: "identity.client-secret-revoked",
  revokeInviteLinkAction: "invite-link.revoked",
  joinWithLinkAction: "member.joined", // and invite-link.used for the link, tested below
  signUpWithLinkAction: "member.joined", // and invite-link.used
  createOrgRoleAction: "role.created",
  updateOrgRoleAction: "role.edited",
  deleteOrgRoleAction: "role.deleted",
  createProjectAction: "project.created",
  joinProjectAsAdminAction: "project.joined-as-admin",
  findProjectPeopleAction: null, // a rule's people picker search; changes nothing
  requestOptionsAction: null, // what the request form offers; changes nothing
  requestProjectAccessAction: "role-request.created",
  requestProjectRoleAction: "role-request.created",
  endMyRoleRequestAction: "role-request.cancelled", // or role-request.ended for an active one (tests/integration/role-requests)
  decideRoleRequestAction: "role-request.rejected", // or approved (and granted once it reaches the count)
  endRoleGrantAction: "role-request.ended",
  createRolePolicyAction: "role-policy.created",
  updateRolePolicyAction: "role-policy.updated",
  deleteRolePolicyAction: "role-policy.deleted",
  updateProjectAction: "project.renamed",
  deleteProjectAction: "project.deleted",
  addProjectMemberAction: "project-member.added",
  changeProjectMemberRolesAction: "project-member.roles-changed",
  removeProjectMemberAction: "project-member.removed",
  leaveProjectAction: "project-member.left",
  createProjectRoleAction: "role.created",
  updateProjectRoleAction: "role.edited",
  deleteProjectRoleAction: "role.deleted",
  createEnvironmentAction: "environment.created",
  renameEnvironmentAction: "environment.renamed",
  moveEnvironmentAction: "environment.reordered",
  deleteEnvironmentAction: "environment.deleted",
  createFolderAction: "secret-folder.created",
  deleteFolderAction: "secret-folder.deleted",
  createSecretAction: "secret.created",
  updateSecretAction: "secret.updated",
  deleteSecretAction: "secret.deleted",
  revealSecretValueAction: "secret.value-revealed",
  importDotenvAction: "secret.imported",
  exportDotenvAction: "secret.exported",
  createRootCaAction: "pki.ca-created",
  createIntermediateCaAction: "pki.ca-created",
  importCaCertificateAction: "pki.ca-imported",
  setCaEnabledAction: "pki.ca-disabled",
  deleteCaAction: "pki.ca-deleted",
  createProfileAction: "pki.profile-created",
  editProfileAction: "pki.profile-edited",
  deleteProfileAction: "pki.profile-deleted",
  createEabKeyAction: "pki.acme-key-created",
  revokeEabKeyAction: "pki.acme-key-revoked",
  saveExpiryAlertAction: "pki.expiry-alert-saved",
  issueCertificateAction: "pki.certificate-issued",
  renewCertificateAction: "pki.certificate-renewed",
  revokeCertificateAction: "pki.certificate-revoked",
  certificateFileAction: null, // a certificate or its chain is public; the private key's download is audited (pki.test.ts)
  createPamResourceAction: "pam.resource-created",
  testPamResourceAction: null, // logs in as the broker and notes what it lacks; nobody's access changes
  updatePamResourceAction: "pam.resource-updated",
  deletePamResourceAction: "pam.resource-deleted",
  createPamAccountAction: "pam.account-created",
  updatePamAccountAction: "pam.account-updated",
  deletePamAccountAction: "pam.account-deleted",
  createAccessPolicyAction: "pam.policy-created",
  updateAccessPolicyAction: "pam.policy-updated",
  findPolicyPeopleAction: null, // the policy form's people search; changes nothing
  deleteAccessPolicyAction: "pam.policy-deleted",
  requestAccessAction: "pam.request-created",
  decideAccessRequestAction: "pam.request-rejected",
  cancelAccessRequestAction: "pam.request-cancelled",
  revealGrantCredentialsAction: "pam.credentials-shown",
  revokeGrantAction: "pam.grant-revoked",
};

async function eventsBy(actorId: string, since: Date) {
  return db().auditEvent.findMany({ where: { actorId, createdAt: { gte: since } }, select: { action: true } });
}

describe("every change is on record", () => {
  it("every server action has a decided event", () => {
    expect(Object.keys(EXPECTED_EVENT).sort()).toEqual(Object.keys(ALL_ACTIONS).sort());
  });

  it.each(Object.keys(ORG_ACTION_INPUTS))("%s writes exactly one matching event", async (name) => {
    const fixture = await arrange();
    const actor = await createUser();
    await addOrgMember(fixture.org.id, actor.id, "admin");
    const input = await ORG_ACTION_INPUTS[name]!(fixture, actor);
    const since = new Date(Date.now() - 5);
    expect(await callAction(name, actor.claims, input)).toMatchObject({ ok: true });
    const expected = EXPECTED_EVENT[name];
    expect(await eventsBy(actor.id, since)).toEqual(expected ? [{ action: expected }] : []);
  });

  it.each(Object.keys(PROJECT_ACTION_INPUTS))("%s writes exactly one matching event", async (name) => {
    const fixture = await arrange();
    const actor = await fixture.memberWith("member", [{ role: "admin" }]);
    const input = await PROJECT_ACTION_INPUTS[name]!(fixture, actor);
    const since = new Date(Date.now() - 5);
    expect(await callAction(name, actor.claims, input)).toMatchObject({ ok: true });
    const expected = EXPECTED_EVENT[name];
    expect(await eventsBy(actor.id, since)).toEqual(expected ? [{ action: expected }] : []);
  });

  it("signed-in actions outside an org write their events", async () => {
    const person = await createUser();
    const since = new Date(Date.now() - 5);
    expect(definitionOf("createOrgAction").scope).toBe("actor");
    expect(await callAction("createOrgAction", person.claims, { name: "Mine", slug: unique("mine-") })).toMatchObject({ ok: true });
    expect(await eventsBy(person.id, since)).toEqual([{ action: EXPECTED_EVENT.createOrgAction }]);

    const { org } = await orgWithProject();
    const leaving = await createUser();
    await addOrgMember(org.id, leaving.id, "member");
    expect(await callAction("deleteAccountAction", leaving.claims, { password: TEST_PASSWORD })).toMatchObject({ ok: true });
    expect(await db().auditEvent.findMany({ where: { orgId: org.id, action: "member.left" }, select: { targetId: true } })).toEqual([{ targetId: leaving.id }]);
  });

  it("joining by invitation or link writes one member.joined each", async () => {
    const { org, adminOrgAccess } = await orgWithProject();
    await db().organization.update({ where: { id: org.id }, data: { seatLimit: 10 } });
    const existing = await createUser();
    const newcomerEmail = `${unique("new")}@example.com`;
    const [forExisting, forNewcomer] = await createInvitations(adminOrgAccess, { orgSlug: org.slug, emails: [existing.email, newcomerEmail], role: "member" });
    const link = await createInviteLink(adminOrgAccess, { orgSlug: org.slug, name: "Link", role: "member" });
    const linkJoiner = await createUser();
    await acceptInvitation(existing.actor, { token: forExisting!.token });
    await signUpWithInvitation({ token: forNewcomer!.token, name: "New", password: TEST_PASSWORD });
    await joinWithLink(linkJoiner.actor, { token: link.token });
    await signUpWithLink({ token: link.token, name: "Linked", email: `${unique("linked")}@example.com`, password: TEST_PASSWORD });
    expect(await db().auditEvent.count({ where: { orgId: org.id, action: "member.joined" } })).toBe(4);
    // A link join also counts against the link: recorded as its use.
    expect(await db().auditEvent.count({ where: { orgId: org.id, action: "invite-link.used", targetId: link.id } })).toBe(2);
  });
});

describe("events and changes stand or fall together", () => {
  it("when the event cannot be written, the change does not happen", async () => {
    const { org, adminOrgAccess } = await orgWithProject();
    const marker = unique("audit-must-fail-");
    // A trigger that refuses this one event, as a full disk or a bug would.
    await db().$executeRawUnsafe(`
      CREATE OR REPLACE FUNCTION refuse_marked_audit_event() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.metadata::text LIKE '%audit-must-fail-%' THEN RAISE EXCEPTION 'audit write failed'; END IF;
        RETURN NEW;
      END $$`);
    await db().$executeRawUnsafe(`DROP TRIGGER IF EXISTS refuse_marked_audit_event ON audit_events`);
    await db().$executeRawUnsafe(
      `CREATE TRIGGER refuse_marked_audit_event BEFORE INSERT ON audit_events FOR EACH ROW EXECUTE FUNCTION refuse_marked_audit_event()`,
    );
    try {
      await expect(renameOrg(adminOrgAccess, { orgSlug: org.slug, name: marker })).rejects.toThrow(/audit write failed/);
      expect((await db().organization.findUniqueOrThrow({ where: { id: org.id } })).name).toBe(org.name);
    } finally {
      await db().$executeRawUnsafe(`DROP TRIGGER IF EXISTS refuse_marked_audit_event ON audit_events`);
    }
  });

  it("events are never updated", async () => {
    const { org } = await orgWithProject();
    await expect(db().auditEvent.updateMany({ where: { orgId: org.id }, data: { action: "org.renamed" } })).rejects.toThrow(/never updated/);
  });
});

describe("reading the log", () => {
  it("needs audit-log:read in that scope", async () => {
    const { org, project, memberWith } = await orgWithProject();
    const member = await memberWith("member", [{ role: "member" }]);
    const [memberOrg, memberProject] = [await orgAccess(member, org.slug), await projectAccess(member, org.slug, project.slug)];
    expect(() => orgAuditScope(memberOrg)).toThrow(ForbiddenError);
    expect(() => projectAuditScope(memberProject)).toThrow(ForbiddenError);
    // A project Admin reads the project's log, not the org's.
    const projectAdmin = await memberWith("member", [{ role: "admin" }]);
    const [adminOrg, adminProject] = [await orgAccess(projectAdmin, org.slug), await projectAccess(projectAdmin, org.slug, project.slug)];
    expect(projectAuditScope(adminProject)).toEqual({ orgId: org.id, projectId: project.id });
    expect(() => orgAuditScope(adminOrg)).toThrow(ForbiddenError);
  });

  it("org A's admin never sees org B's events, through any filter or by id", async () => {
    const a = await orgWithProject();
    const b = await orgWithProject();
    const bEvent = await db().auditEvent.findFirstOrThrow({ where: { orgId: b.org.id } });
    const scope = orgAuditScope(a.adminOrgAccess);
    const filters = [{}, { actor: b.admin.email }, { action: bEvent.action }, { target: bEvent.targetId }, { from: "2000-01-01", to: "2100-01-01" }];
    for (const filter of filters) {
      const { rows } = await listAuditEvents(scope, filter);
      expect(rows.every((row) => row.id !== bEvent.id)).toBe(true);
      expect(await db().auditEvent.count({ where: { id: { in: rows.map((row) => row.id) }, orgId: { not: a.org.id } } })).toBe(0);
    }
    await expect(getAuditEvent(scope, bEvent.id)).rejects.toBeInstanceOf(NotFoundError);
    // A project's log holds that project's events only.
    const projectScope = projectAuditScope(await projectAccess(a.admin, a.org.slug, a.project.slug));
    const { rows } = await listAuditEvents(projectScope, {});
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((row) => row.projectId === a.project.id)).toBe(true);
  });

  it("pages by keyset without gaps or repeats, both ways, and filters by actor, action and time", async () => {
    const { org, admin, adminOrgAccess } = await orgWithProject();
    await db().auditEvent.createMany({
      data: Array.from({ length: 120 }, (_, index) => ({
        orgId: org.id,
        actorId: admin.id,
        action: "org.renamed",
        targetType: "organization",
        targetId: org.id,
        metadata: { index },
        createdAt: new Date(Date.UTC(2024, 0, 1, 0, 0, index % 60)),
      })),
    });
    const scope = orgAuditScope(adminOrgAccess);
    const filter = { action: "org.renamed", actor: admin.email.toUpperCase(), from: "2024-01-01", to: "2024-01-01" };
    const seen: string[] = [];
    const pages: string[][] = [];
    let page = await listAuditEvents(scope, filter);
    for (;;) {
      pages.push(page.rows.map((row) => row.id));
      seen.push(...page.rows.map((row) => row.id));
      if (!page.olderCursor) break;
      page = await listAuditEvents(scope, { ...filter, before: page.olderCursor });
    }
    // 25 a page.
    expect(pages.map((ids) => ids.length)).toEqual([25, 25, 25, 25, 20]);
    expect(new Set(seen).size).toBe(120);
    const second = await listAuditEvents(scope, { ...filter, before: (await listAuditEvents(scope, filter)).olderCursor! });
    const backToFirst = await listAuditEvents(scope, { ...filter, after: second.newerCursor! });
    expect(backToFirst.rows.map((row) => row.id)).toEqual(pages[0]);
    expect(backToFirst.newerCursor).toBeNull();
  });

  it("filters the org's log by project and by the target's recorded name, inside the org only", async () => {
    const home = await orgWithProject();
    const other = await orgWithProject();
    const event = (orgId: string, projectId: string | null, targetLabel: string) => ({
      orgId,
      projectId,
      action: "secret.created",
      targetType: "secret",
      targetId: randomUUID(),
      targetLabel,
      metadata: {},
    });
    await db().auditEvent.createMany({
      data: [
        event(home.org.id, home.project.id, "STRIPE_KEY"),
        event(home.org.id, null, "stripe-webhook"),
        event(other.org.id, other.project.id, "STRIPE_KEY"),
      ],
    });
    const scope = orgAuditScope(home.adminOrgAccess);
    const byName = await listAuditEvents(scope, { target: "stripe" });
    expect(byName.rows.map((row) => row.targetLabel).sort()).toEqual(["STRIPE_KEY", "stripe-webhook"]);
    const inProject = await listAuditEvents(scope, { target: "stripe", project: home.project.slug });
    expect(inProject.rows.map((row) => row.targetLabel)).toEqual(["STRIPE_KEY"]);
    // Another org's project, or a slug that names none, finds nothing here.
    expect((await listAuditEvents(scope, { project: other.project.slug })).rows).toEqual([]);
    expect((await listAuditEvents(scope, { project: "no-such-project" })).rows).toEqual([]);
    // A LIKE wildcard in the words is a character to find, not "anything".
    expect((await listAuditEvents(scope, { target: "stripe_" })).rows.map((row) => row.targetLabel)).toEqual(["STRIPE_KEY"]);
    expect((await listAuditEvents(scope, { target: "%" })).rows).toEqual([]);
    // Each event of the org's log names its project; the project's events, and only they.
    expect(inProject.rows.map((row) => row.projectName)).toEqual([home.project.name]);
  });

  it("a save that changes nothing records nothing; a real change records one event", async () => {
    const { org, admin, project, adminOrgAccess } = await orgWithProject();
    const events = () => db().auditEvent.count({ where: { orgId: org.id, action: { in: ["org.renamed", "project.renamed"] } } });
    await renameOrg(adminOrgAccess, { orgSlug: org.slug, name: org.name });
    const access = await projectAccess(admin, org.slug, project.slug);
    await updateProject(access, { orgSlug: org.slug, projectSlug: project.slug, name: project.name, description: access.project.description });
    expect(await events()).toBe(0);
    await renameOrg(adminOrgAccess, { orgSlug: org.slug, name: `${org.name} 2` });
    await updateProject(access, { orgSlug: org.slug, projectSlug: project.slug, name: project.name, description: "Now described" });
    expect(await events()).toBe(2);
  });

  it("exports the filtered set as CSV, streamed, with formulas defused", async () => {
    const { org, adminOrgAccess } = await orgWithProject();
    await renameOrg(adminOrgAccess, { orgSlug: org.slug, name: "=HYPERLINK(evil)" });
    const csv = await new Response(auditCsvStream(orgAuditScope(adminOrgAccess), { action: "org.renamed" })).text();
    const lines = csv.trim().split("\r\n");
    expect(lines[0]).toBe("time,action,actor_id,actor_email,target_type,target_id,project_id,ip,user_agent,metadata");
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain("org.renamed");
    expect(csvField("=1+1")).toBe("'=1+1");
    expect(csvField('say "hi", then go')).toBe('"say ""hi"", then go"');
  });
});

describe("retention", () => {
  it("prunes events older than the org keeps, and only that org's", async () => {
    const { org, adminOrgAccess } = await orgWithProject();
    const other = await orgWithProject();
    const old = new Date(Date.now() - 3 * 24 * 60 * 60 * 1000);
    for (const orgId of [org.id, other.org.id]) {
      await db().auditEvent.create({ data: { orgId, action: "org.renamed", targetType: "organization", targetId: orgId, createdAt: old } });
    }
    await setAuditRetention(adminOrgAccess, { orgSlug: org.slug, retentionDays: "1" });
    await expect(setAuditRetention(adminOrgAccess, { orgSlug: org.slug, retentionDays: "0" })).rejects.toMatchObject({
      issues: [expect.objectContaining({ path: ["retentionDays"] })],
    });
    expect(await pruneExpiredAuditEvents(org.id, { force: true })).toBe(1);
    expect(await db().auditEvent.count({ where: { orgId: org.id, createdAt: { lt: new Date(Date.now() - 24 * 60 * 60 * 1000) } } })).toBe(0);
    expect(await db().auditEvent.count({ where: { orgId: org.id, action: "audit-log.retention-changed" } })).toBe(1);
    expect(await db().auditEvent.count({ where: { orgId: other.org.id, createdAt: old } })).toBe(1);
  });
});

describe("temporary project roles", () => {
  it("are recorded once when they expire, however many sweeps run at once", async () => {
    const { org, project, memberWith } = await orgWithProject();
    const member = await memberWith("member", [{ role: "viewer", expiresAt: new Date(Date.now() + 60_000) }]);
    await db().projectRoleGrant.updateMany({ where: { membership: { userId: member.id } }, data: { expiresAt: new Date(Date.now() - 1000) } });
    await Promise.all([recordExpiredGrants(), recordExpiredGrants(), recordExpiredGrants()]);
    await recordExpiredGrants();
    expect(await db().auditEvent.findMany({ where: { orgId: org.id, action: "project-member.grant-expired" } })).toMatchObject([
      { targetId: member.id, projectId: project.id, actorId: null, metadata: { role: "viewer" } },
    ]);
  });

  it("a group's expired project role is recorded once too, naming the group; its members no longer hold it", async () => {
    const { org, project, memberWith } = await orgWithProject();
    const member = await memberWith("no-access", []);
    const group = await db().group.create({ data: { orgId: org.id, name: "On call", slug: unique("oncall-") } });
    const orgMembership = await db().orgMembership.findUniqueOrThrow({ where: { orgId_userId: { orgId: org.id, userId: member.id } } });
    await db().groupMember.create({ data: { groupId: group.id, orgMembershipId: orgMembership.id, userId: member.id } });
    await db().groupProjectRole.create({ data: { groupId: group.id, projectId: project.id, role: "member", expiresAt: new Date(Date.now() - 1000) } });
    expect((await loadProjectAccess(member.claims, org.slug, project.slug)).access).toBeNull();
    await Promise.all([recordExpiredGrants(), recordExpiredGrants(), recordExpiredGrants()]);
    expect(await db().auditEvent.findMany({ where: { orgId: org.id, action: "group.grant-expired" } })).toMatchObject([
      { targetId: group.id, targetLabel: "On call", projectId: project.id, actorId: null, metadata: { role: "member" } },
    ]);
  });
});

describe("denials", () => {
  it("are recorded, one per person per minute, so a flood cannot fill the table", async () => {
    const { org, memberWith } = await orgWithProject();
    const member = await memberWith("member", []);
    for (let attempt = 0; attempt < 5; attempt++) {
      expect(await callAction("renameOrgAction", member.claims, { orgSlug: org.slug, name: "Nope" })).toMatchObject({ ok: false });
    }
    expect(await db().auditEvent.findMany({ where: { orgId: org.id, action: "permission.denied" } })).toMatchObject([
      { actorId: member.id, targetType: "permission", targetId: "organization:edit" },
    ]);
    expect((await orgAccess(member, org.slug)).role).toBe("member");
  });
});

describe("events in words", () => {
  it("keep the actor's and target's names as they were, and the change itself", async () => {
    const context = await orgWithProject();
    const member = await createUser({ name: "Audrey" });
    const membership = await addOrgMember(context.org.id, member.id, "member");
    await changeOrgMemberRole(context.adminOrgAccess, { orgSlug: context.org.slug, membershipId: membership.id, role: "no-access" });
    await db().user.update({ where: { id: member.id }, data: { name: "Audrey Renamed" } });
    const event = await db().auditEvent.findFirstOrThrow({ where: { orgId: context.org.id, action: "member.role-changed" } });
    expect(event).toMatchObject({
      actorLabel: `Admin (${context.admin.email})`,
      targetLabel: `Audrey (${member.email})`,
      summary: "Member → No access",
    });
    const project = await db().auditEvent.findFirstOrThrow({ where: { orgId: context.org.id, action: "project.created" } });
    expect(project.targetLabel).toBe("Project");
  });
});
