// The authorization matrix, generated from the catalogue: every server action, called for
// real by every built-in role of its scope, is allowed exactly when that role's permissions
// (lib/platform/authz/built-in-roles.ts) include the action's declared permission. A denied call
// changes nothing in the database.
import { readdirSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { buildAbility } from "@/lib/platform/authz/ability";
import {
  BUILT_IN_ORG_ROLES,
  BUILT_IN_PROJECT_ROLES,
  orgRoleRules,
  projectRoleRules,
  type OrgRoleSlug,
  type ProjectRoleSlug,
} from "@/lib/platform/authz/built-in-roles";
import { ANY_MEMBER } from "@/lib/platform/actions/define-action";
import { db } from "@/lib/platform/db";
import { ORG_ACTION_INPUTS, PAM_ACTION_INPUTS, PKI_ACTION_INPUTS, PROJECT_ACTION_INPUTS, arrange, type Fixture } from "../support/action-fixtures";
import { ALL_ACTIONS, callAction, definitionOf } from "../support/actions";
import { addOrgMember, addProjectMember, createUser, unique } from "../support/factories";

/** Everything an org's actions could change, to compare before and after a refusal. */
async function snapshot(orgId: string) {
  const [
    org,
    invitations,
    inviteLinks,
    customRoles,
    orgMembers,
    projects,
    memberships,
    grants,
    events,
    orgs,
    environments,
    folders,
    secrets,
    authorities,
    certificates,
    pamResources,
    pamAccounts,
    pamPolicies,
    pamRequests,
    pamApprovals,
    groups,
    groupMembers,
    groupProjectRoles,
    rolePolicies,
    roleRequests,
    roleDecisions,
  ] = await Promise.all([
    db().organization.findUniqueOrThrow({ where: { id: orgId } }),
    db().invitation.findMany({ where: { orgId }, orderBy: { id: "asc" } }),
    db().inviteLink.findMany({ where: { orgId }, orderBy: { id: "asc" } }),
    db().customRole.findMany({ where: { orgId }, orderBy: { id: "asc" } }),
    db().orgMembership.findMany({ where: { orgId }, orderBy: { id: "asc" } }),
    db().project.findMany({ where: { orgId }, orderBy: { id: "asc" } }),
    db().projectMembership.findMany({ where: { project: { orgId } }, orderBy: { id: "asc" } }),
    db().projectRoleGrant.findMany({ where: { membership: { project: { orgId } } }, orderBy: { id: "asc" } }),
    // Denials are recorded (sampled) by design; nothing else may change.
    db().auditEvent.count({ where: { orgId, action: { not: "permission.denied" } } }),
    db().organization.count(),
    db().environment.findMany({ where: { project: { orgId } }, orderBy: { id: "asc" } }),
    db().secretFolder.findMany({ where: { environment: { project: { orgId } } }, orderBy: { id: "asc" } }),
    db().secret.findMany({ where: { environment: { project: { orgId } } }, orderBy: { id: "asc" } }),
    db().certificateAuthority.findMany({ where: { project: { orgId } }, orderBy: { id: "asc" } }),
    db().certificate.findMany({ where: { project: { orgId } }, orderBy: { id: "asc" } }),
    db().pamResource.findMany({ where: { project: { orgId } }, orderBy: { id: "asc" } }),
    db().pamAccount.findMany({ where: { project: { orgId } }, orderBy: { id: "asc" } }),
    db().pamPolicy.findMany({ where: { project: { orgId } }, orderBy: { id: "asc" } }),
    db().pamAccessRequest.findMany({ where: { project: { orgId } }, orderBy: { id: "asc" } }),
    db().pamApproval.findMany({ where: { request: { project: { orgId } } }, orderBy: { id: "asc" } }),
    db().group.findMany({ where: { orgId }, orderBy: { id: "asc" } }),
    db().groupMember.findMany({ where: { group: { orgId } }, orderBy: { id: "asc" } }),
    db().groupProjectRole.findMany({ where: { group: { orgId } }, orderBy: { id: "asc" } }),
    db().rolePolicy.findMany({ where: { project: { orgId } }, orderBy: { id: "asc" } }),
    db().roleRequest.findMany({ where: { project: { orgId } }, orderBy: { id: "asc" } }),
    db().roleRequestDecision.findMany({ where: { request: { project: { orgId } } }, orderBy: { id: "asc" } }),
  ]);
  return {
    org,
    invitations,
    inviteLinks,
    customRoles,
    orgMembers,
    projects,
    memberships,
    grants,
    events,
    orgs,
    environments,
    folders,
    secrets,
    authorities,
    certificates,
    pamResources,
    pamAccounts,
    pamPolicies,
    pamRequests,
    pamApprovals,
    groups,
    groupMembers,
    groupProjectRoles,
    rolePolicies,
    roleRequests,
    roleDecisions,
  };
}

/** The product type of the project an action acts on in the fixture. */
const productOf = (name: string) => (name in PKI_ACTION_INPUTS ? "PKI" : name in PAM_ACTION_INPUTS ? "PAM" : "SECRET_MANAGER");

/** The fixture's project reference an action acts on. */
const refFor = (name: string, fixture: Fixture) => (name in PKI_ACTION_INPUTS ? fixture.pki.ref : name in PAM_ACTION_INPUTS ? fixture.pam.ref : fixture.ref);

/** Allowed for a role by the catalogue, or for every member when the action says so. */
function allows(rules: Parameters<typeof buildAbility>[0], permission: string): boolean {
  return permission === ANY_MEMBER || buildAbility(rules).can(permission);
}

const actionNames = Object.keys(ALL_ACTIONS);
const scoped = (scope: string) => actionNames.filter((name) => definitionOf(name).scope === scope);

describe("every server action is covered", () => {
  it("each exported action is defined through the action wrapper", () => {
    for (const name of actionNames) expect(() => definitionOf(name), name).not.toThrow();
  });

  it("every action module is listed in tests/support/actions.ts", () => {
    // The platform's actions, and each product's beside its domain code.
    const lib = path.resolve(import.meta.dirname, "../../lib");
    const modules = readdirSync(lib, { recursive: true, encoding: "utf8" })
      .filter((file) => /^(platform\/actions|products\/[^/]+)\/[^/]+-actions\.ts$/.test(file))
      .map((file) => path.basename(file));
    expect(modules.sort()).toEqual(
      [
        "account-actions.ts",
        "audit-log-actions.ts",
        "auth-actions.ts",
        "billing-actions.ts",
        "group-actions.ts",
        "identity-actions.ts",
        "invitation-actions.ts",
        "invite-link-actions.ts",
        "org-actions.ts",
        "org-member-actions.ts",
        "pam-actions.ts",
        "pki-actions.ts",
        "project-actions.ts",
        "project-member-actions.ts",
        "role-actions.ts",
        "role-request-actions.ts",
        "secret-actions.ts",
      ].sort(),
    );
  });

  it("each org and project action has matrix inputs", () => {
    expect(scoped("org").sort()).toEqual(Object.keys(ORG_ACTION_INPUTS).sort());
    expect(scoped("project").sort()).toEqual(Object.keys(PROJECT_ACTION_INPUTS).sort());
  });
});

const projectRoles = Object.keys(BUILT_IN_PROJECT_ROLES) as ProjectRoleSlug[];
const orgRoles = Object.keys(BUILT_IN_ORG_ROLES) as OrgRoleSlug[];

describe.each(Object.keys(PROJECT_ACTION_INPUTS))("project action %s", (name) => {
  const definition = definitionOf(name);
  if (definition.scope !== "project") throw new Error(`${name} is not a project action`);

  it.each(projectRoles)("as a project %s", async (role) => {
    const fixture = await arrange();
    const actor = await fixture.memberWith("member", [{ role }]);
    const allowed = allows(projectRoleRules(role, productOf(name)), definition.permission);
    const input = await PROJECT_ACTION_INPUTS[name]!(fixture, actor);
    const before = await snapshot(fixture.org.id);
    const result = await callAction(name, actor.claims, input);
    if (allowed) {
      expect(result, JSON.stringify(result)).toMatchObject({ ok: true });
    } else {
      expect(result).toEqual({ ok: false, formError: expect.stringMatching(/does not allow this|Not found/) });
      expect(await snapshot(fixture.org.id)).toEqual(before);
    }
  });
});

describe.each(Object.keys(ORG_ACTION_INPUTS))("org action %s", (name) => {
  const definition = definitionOf(name);
  if (definition.scope !== "org") throw new Error(`${name} is not an org action`);

  it.each(orgRoles)("as an org %s", async (role) => {
    const fixture = await arrange();
    const actor = await createUser();
    await addOrgMember(fixture.org.id, actor.id, role);
    const allowed = allows(orgRoleRules(role), definition.permission);
    const input = await ORG_ACTION_INPUTS[name]!(fixture, actor);
    const before = await snapshot(fixture.org.id);
    const result = await callAction(name, actor.claims, input);
    if (allowed) {
      expect(result, JSON.stringify(result)).toMatchObject({ ok: true });
    } else {
      expect(result).toEqual({ ok: false, formError: expect.stringMatching(/does not allow this/) });
      expect(await snapshot(fixture.org.id)).toEqual(before);
    }
  });
});

describe("signed-in-only actions", () => {
  it.each(scoped("actor"))("%s refuses a request without a valid session", async (name) => {
    const fixture = await arrange();
    const before = await snapshot(fixture.org.id);
    expect(await callAction(name, null, { name: "Ghost org", slug: unique("ghost-") })).toMatchObject({ ok: false });
    const stale = { ...fixture.admin.claims, sessionId: "00000000-0000-7000-8000-000000000000" };
    expect(await callAction(name, stale, { name: "Ghost org", slug: unique("ghost-") })).toMatchObject({ ok: false });
    expect(await snapshot(fixture.org.id)).toEqual(before);
  });
});

describe("cross-org and cross-project ids", () => {
  it("an admin of another org gets not-found from every project and org action, and nothing changes", async () => {
    const victim = await arrange();
    const attacker = await arrange();
    const inputs = new Map<string, unknown>();
    for (const [name, input] of Object.entries({ ...PROJECT_ACTION_INPUTS, ...ORG_ACTION_INPUTS })) inputs.set(name, await input(victim, victim.target));
    const before = await snapshot(victim.org.id);
    for (const [name, input] of inputs) {
      // The victim's org and project slugs, and membership ids, with the attacker's session.
      expect(await callAction(name, attacker.admin.claims, input), name).toEqual({
        ok: false,
        formError: expect.stringMatching(/^Not found/),
      });
      // The attacker's own org and project, with the victim's membership ids.
      const mixed = { ...(input as object), ...refFor(name, attacker) };
      const result = await callAction(name, attacker.admin.claims, mixed);
      const takesMembershipId = [
        "changeProjectMemberRolesAction",
        "removeProjectMemberAction",
        "changeOrgMemberRoleAction",
        "removeOrgMemberAction",
        "offersVoidedByRoleChangeAction",
        "offersVoidedByRemovalAction",
        "resendInvitationAction",
        "revokeInvitationAction",
        "revokeInviteLinkAction",
        "deleteIdentityAction",
        "updateIdentityAction",
        "updateGroupAction",
        "deleteGroupAction",
        "addGroupMembersAction",
        "removeGroupMemberAction",
        "findGroupCandidatesAction",
        "setGroupProjectRolesAction",
        "removeGroupFromProjectAction",
        "updateUniversalAuthAction",
        "revokeAccessTokenAction",
        "createClientSecretAction",
        "revokeClientSecretAction",
        "updateOrgRoleAction",
        "deleteOrgRoleAction",
        "updateProjectRoleAction",
        "deleteProjectRoleAction",
        "renameEnvironmentAction",
        "moveEnvironmentAction",
        "deleteEnvironmentAction",
        "updateSecretAction",
        "deleteSecretAction",
        "revealSecretValueAction",
        "createIntermediateCaAction",
        "importCaCertificateAction",
        "setCaEnabledAction",
        "deleteCaAction",
        "issueCertificateAction",
        "editProfileAction",
        "deleteProfileAction",
        "createEabKeyAction",
        "revokeEabKeyAction",
        "renewCertificateAction",
        "revokeCertificateAction",
        "certificateFileAction",
        "testPamResourceAction",
        "updatePamResourceAction",
        "deletePamResourceAction",
        "createPamAccountAction",
        "updatePamAccountAction",
        "deletePamAccountAction",
        "updateAccessPolicyAction",
        "deleteAccessPolicyAction",
        "requestAccessAction",
        "decideAccessRequestAction",
        "cancelAccessRequestAction",
        "revealGrantCredentialsAction",
        "revokeGrantAction",
        "endMyRoleRequestAction",
        "decideRoleRequestAction",
        "endRoleGrantAction",
        "updateRolePolicyAction",
        "deleteRolePolicyAction",
      ];
      if (takesMembershipId.includes(name)) {
        expect(result, name).toEqual({ ok: false, formError: expect.stringMatching(/^Not found/) });
      }
    }
    expect(await snapshot(victim.org.id)).toEqual(before);
  });

  it("an org member gets not-found from every action on a project of their org they are not in", async () => {
    const fixture = await arrange();
    const inputs = new Map<string, unknown>();
    // Inputs that make a request of the actor's own make it for a project member: a grant of
    // someone outside the project is the PAM sweep's to end, which would race the snapshot.
    for (const [name, input] of Object.entries(PROJECT_ACTION_INPUTS)) inputs.set(name, await input(fixture, fixture.target));
    const before = await snapshot(fixture.org.id);
    for (const [name, input] of inputs) {
      expect(await callAction(name, fixture.outsider.claims, input), name).toEqual({
        ok: false,
        formError: expect.stringMatching(/^Not found/),
      });
    }
    expect(await snapshot(fixture.org.id)).toEqual(before);
  });
});

describe("stale permissions", () => {
  it("a demotion between two requests with the same session refuses the second", async () => {
    const fixture = await arrange();
    const actor = await fixture.memberWith("member", [{ role: "admin" }]);
    expect(await callAction("updateProjectAction", actor.claims, { ...fixture.ref, name: "First" })).toMatchObject({ ok: true });
    await db().projectRoleGrant.updateMany({ where: { membership: { userId: actor.id } }, data: { role: "viewer" } });
    expect(await callAction("updateProjectAction", actor.claims, { ...fixture.ref, name: "Second" })).toMatchObject({
      ok: false,
      formError: expect.stringMatching(/does not allow this/),
    });
    expect((await db().project.findUniqueOrThrow({ where: { id: fixture.project.id } })).name).toBe("First");
  });

  it("a removal between two requests refuses the second with not-found", async () => {
    const fixture = await arrange();
    const actor = await fixture.memberWith("member", [{ role: "admin" }]);
    expect(await callAction("updateProjectAction", actor.claims, { ...fixture.ref, name: "First" })).toMatchObject({ ok: true });
    await db().projectMembership.deleteMany({ where: { userId: actor.id } });
    expect(await callAction("updateProjectAction", actor.claims, { ...fixture.ref, name: "Second" })).toMatchObject({
      ok: false,
      formError: expect.stringMatching(/^Not found/),
    });
  });

  it("a temporary grant stops working at its expiry, between two requests", async () => {
    const fixture = await arrange();
    const actor = await createUser();
    await addOrgMember(fixture.org.id, actor.id, "member");
    const expiresAt = new Date(Date.now() + 1500);
    await addProjectMember(fixture.project.id, actor.id, [{ role: "admin", expiresAt }]);
    expect(await callAction("updateProjectAction", actor.claims, { ...fixture.ref, name: "Before expiry" })).toMatchObject({ ok: true });
    await new Promise((resolve) => setTimeout(resolve, expiresAt.getTime() - Date.now() + 50));
    expect(await callAction("updateProjectAction", actor.claims, { ...fixture.ref, name: "After expiry" })).toMatchObject({ ok: false });
    expect((await db().project.findUniqueOrThrow({ where: { id: fixture.project.id } })).name).toBe("Before expiry");
  });
});
