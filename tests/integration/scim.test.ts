// SCIM 2.0 provisioning, as Okta and Microsoft Entra ID send it (request sequences from their
// public SCIM documentation), against the route handler: people and groups made, changed,
// deactivated and deleted, with the token, the org and Tessera's own rules checked each time.
import { beforeAll, describe, expect, it } from "vitest";
import { loadOrgAccess } from "@/lib/platform/authz/org-access";
import { loadProjectAccess } from "@/lib/platform/authz/project-access";
import { db } from "@/lib/platform/db";
import { createScimToken, listScimTokens, revokeScimToken } from "@/lib/platform/scim/tokens";
import { setGroupProjectRoles } from "@/lib/platform/groups/group-project-roles";
import { addGroupMembers, removeGroupMember } from "@/lib/platform/groups/group-members";
import { deleteGroup } from "@/lib/platform/groups/delete-group";
import { updateGroup } from "@/lib/platform/groups/update-group";
import { changeOrgMemberRole } from "@/lib/platform/org-members/change-org-member-role";
import { leaveOrg, removeOrgMember } from "@/lib/platform/org-members/remove-org-member";
import { createUser, currentClaims, orgAccess, orgWithProject, projectAccess, unique } from "../support/factories";
import { GROUP_SCHEMA, PATCH_OP, scimClient, USER_SCHEMA } from "../support/scim-client";

/** An Enterprise org whose SSO settings name `domain`, with a provisioning token made by its Admin. */
async function scimOrg() {
  const context = await orgWithProject();
  await db().organization.update({ where: { id: context.org.id }, data: { plan: "ENTERPRISE" } });
  const adminAccess = await orgAccess(context.admin, context.org.slug);
  const domain = `${unique("corp")}.test`;
  await db().ssoConnection.create({
    data: { orgId: context.org.id, issuer: "https://idp.invalid", clientId: "x", clientSecretSealed: new Uint8Array([0]), allowedDomains: [domain] },
  });
  const { id: tokenId, token } = await createScimToken(adminAccess, { orgSlug: context.org.slug, name: "Okta", expiresIn: "365" });
  return { ...context, adminAccess, domain, token, tokenId, scim: scimClient(context.org.slug, token) };
}

type Org = Awaited<ReturnType<typeof scimOrg>>;

const oktaUser = (org: Org, login = `${unique("ada")}@${org.domain}`) => ({
  schemas: [USER_SCHEMA],
  userName: login,
  name: { givenName: "Ada", familyName: "Lovelace" },
  emails: [{ primary: true, value: login, type: "work" }],
  displayName: "Ada Lovelace",
  locale: "en-US",
  externalId: unique("00u"),
  groups: [],
  password: "1mz050nq",
  active: true,
});

async function accountOf(scimUserId: string) {
  return db().scimUser.findUniqueOrThrow({ where: { id: scimUserId }, select: { userId: true, user: { select: { email: true, passwordHash: true } } } });
}

let org: Org;
beforeAll(async () => {
  org = await scimOrg();
});

describe("Okta's user sequence", () => {
  it("looks up, creates, reads, updates, deactivates, reactivates and deletes a person", async () => {
    const body = oktaUser(org);
    const lookup = await org.scim("GET", `Users?filter=${encodeURIComponent(`userName eq "${body.userName}"`)}&startIndex=1&count=100`);
    expect(lookup).toMatchObject({ status: 200, body: { totalResults: 0, Resources: [] } });

    const created = await org.scim("POST", "Users", body);
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      userName: body.userName,
      active: true,
      displayName: "Ada Lovelace",
      name: { givenName: "Ada" },
      externalId: body.externalId,
    });
    expect(created.location).toBe(`http://localhost:3000/api/scim/v2/${org.org.slug}/Users/${created.body.id}`);
    const account = await accountOf(created.body.id);
    // The account has no password: Okta's password is never used.
    expect(account.user).toMatchObject({ email: body.userName, passwordHash: "!no-password" });
    const member = await db().orgMembership.findUniqueOrThrow({ where: { orgId_userId: { orgId: org.org.id, userId: account.userId } } });
    expect(member.role).toBe("member");

    expect(await org.scim("GET", `Users/${created.body.id}`)).toMatchObject({ status: 200, body: { id: created.body.id, active: true } });
    const again = await org.scim("GET", `Users?filter=${encodeURIComponent(`userName eq "${body.userName.toUpperCase()}"`)}`);
    expect(again.body.totalResults).toBe(1);

    const renamed = await org.scim("PUT", `Users/${created.body.id}`, {
      ...body,
      name: { givenName: "Augusta", familyName: "King" },
      displayName: "Augusta King",
    });
    expect(renamed).toMatchObject({ status: 200, body: { name: { givenName: "Augusta", familyName: "King" }, displayName: "Augusta King" } });

    // A session of theirs, then Okta deactivates them: the session ends and the org closes.
    const claims = await currentClaims(account.userId);
    expect((await loadOrgAccess(claims, org.org.slug)).access).not.toBeNull();
    const off = await org.scim("PATCH", `Users/${created.body.id}`, { schemas: [PATCH_OP], Operations: [{ op: "replace", value: { active: false } }] });
    expect(off).toMatchObject({ status: 200, body: { active: false } });
    expect((await loadOrgAccess(claims, org.org.slug)).actor).toBeNull();
    const freshClaims = await currentClaims(account.userId);
    expect((await loadOrgAccess(freshClaims, org.org.slug)).access).toBeNull();
    expect((await loadProjectAccess(freshClaims, org.org.slug, org.project.slug)).access).toBeNull();
    const inactive = await org.scim("GET", `Users?filter=${encodeURIComponent("active eq false")}`);
    expect(inactive.body.Resources.map((resource) => resource.id)).toContain(created.body.id);

    const on = await org.scim("PATCH", `Users/${created.body.id}`, { schemas: [PATCH_OP], Operations: [{ op: "replace", value: { active: true } }] });
    expect(on.body.active).toBe(true);
    expect((await loadOrgAccess(freshClaims, org.org.slug)).access?.role).toBe("member");

    expect((await org.scim("DELETE", `Users/${created.body.id}`)).status).toBe(204);
    expect(await org.scim("GET", `Users/${created.body.id}`)).toMatchObject({
      status: 404,
      body: { schemas: ["urn:ietf:params:scim:api:messages:2.0:Error"], status: "404" },
    });
    expect(await db().orgMembership.count({ where: { orgId: org.org.id, userId: account.userId } })).toBe(0);
    // The account and the audit trail stay.
    expect(await db().user.count({ where: { id: account.userId } })).toBe(1);
    const events = await db().auditEvent.findMany({
      where: { orgId: org.org.id, targetId: account.userId },
      orderBy: { id: "asc" },
      select: { action: true, metadata: true },
    });
    expect(events.map((event) => event.action)).toEqual([
      "scim.user-provisioned",
      "scim.user-updated",
      "scim.user-deactivated",
      "scim.user-reactivated",
      "scim.user-deleted",
    ]);
    expect(events[0]!.metadata).toMatchObject({ via: "scim", token: "Okta", newAccount: true });
  });

  it("creates, renames, fills and empties a group, and its members hold what it gives on their next request", async () => {
    const ada = await org.scim("POST", "Users", oktaUser(org));
    const grace = await org.scim("POST", "Users", oktaUser(org));
    const group = await org.scim("POST", "Groups", { schemas: [GROUP_SCHEMA], displayName: unique("Engineering "), members: [] });
    expect(group).toMatchObject({ status: 201, body: { members: [] } });
    const tesseraGroup = await db().group.findUniqueOrThrow({ where: { id: group.body.id }, select: { slug: true, scimManaged: true } });
    expect(tesseraGroup.scimManaged).toBe(true);
    // Its roles are given in Tessera.
    const adminInProject = await projectAccess(org.admin, org.org.slug, org.project.slug);
    await setGroupProjectRoles(adminInProject, { orgSlug: org.org.slug, projectSlug: org.project.slug, groupId: group.body.id, grants: [{ role: "viewer" }] });

    const renamed = await org.scim("PATCH", `Groups/${group.body.id}`, {
      schemas: [PATCH_OP],
      Operations: [{ op: "replace", value: { id: group.body.id, displayName: "Engineering (all)" } }],
    });
    expect(renamed.status).toBe(204);
    const added = await org.scim("PATCH", `Groups/${group.body.id}`, {
      schemas: [PATCH_OP],
      Operations: [{ op: "add", path: "members", value: [{ value: ada.body.id, display: ada.body.userName }, { value: grace.body.id }] }],
    });
    expect(added.status).toBe(204);
    const read = await org.scim("GET", `Groups/${group.body.id}`);
    expect(read.body.displayName).toBe("Engineering (all)");
    expect(read.body.members.map((member) => member.value).sort()).toEqual([ada.body.id, grace.body.id].sort());

    const adaClaims = await currentClaims((await accountOf(ada.body.id)).userId);
    expect((await loadProjectAccess(adaClaims, org.org.slug, org.project.slug)).access?.membership?.liveRoles).toEqual(["viewer"]);

    const removed = await org.scim("PATCH", `Groups/${group.body.id}`, {
      schemas: [PATCH_OP],
      Operations: [{ op: "remove", path: `members[value eq "${ada.body.id}"]` }],
    });
    expect(removed.status).toBe(204);
    expect((await loadProjectAccess(adaClaims, org.org.slug, org.project.slug)).access).toBeNull();

    expect((await org.scim("DELETE", `Groups/${group.body.id}`)).status).toBe(204);
    expect(await db().group.count({ where: { id: group.body.id } })).toBe(0);
  });
});

describe("Microsoft Entra ID's sequence", () => {
  it("provisions with a non-email userName, patches with capitalised operations and string booleans, and deletes", async () => {
    const userName = `Test_User_${unique()}`;
    const email = `${unique("test_user_")}@${org.domain}`;
    expect((await org.scim("GET", `Users?filter=${encodeURIComponent(`userName eq "${userName}"`)}`)).body.totalResults).toBe(0);
    const created = await org.scim("POST", "Users", {
      schemas: [USER_SCHEMA, "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"],
      externalId: unique("ext-"),
      userName,
      active: true,
      emails: [{ primary: true, type: "work", value: email }],
      meta: { resourceType: "User" },
      name: { formatted: "givenName familyName", familyName: "familyName", givenName: "givenName" },
      roles: [],
    });
    expect(created.status).toBe(201);
    expect(created.body.emails).toEqual([{ value: email.toLowerCase(), type: "work", primary: true }]);

    const patched = await org.scim("PATCH", `Users/${created.body.id}`, {
      schemas: [PATCH_OP],
      Operations: [
        { op: "Replace", path: "name.familyName", value: "updatedFamilyName" },
        { op: "Add", path: "displayName", value: "Updated Name" },
      ],
    });
    expect(patched).toMatchObject({ status: 200, body: { name: { familyName: "updatedFamilyName" }, displayName: "Updated Name" } });
    const disabled = await org.scim("PATCH", `Users/${created.body.id}`, {
      schemas: [PATCH_OP],
      Operations: [{ op: "Replace", path: "active", value: "False" }],
    });
    expect(disabled.body.active).toBe(false);

    const groupName = unique("Entra group ");
    const lookup = await org.scim("GET", `Groups?excludedAttributes=members&filter=${encodeURIComponent(`displayName eq "${groupName}"`)}`);
    expect(lookup.body.totalResults).toBe(0);
    const group = await org.scim("POST", "Groups", {
      schemas: [GROUP_SCHEMA, "http://schemas.microsoft.com/2006/11/ResourceManagement/ADSCIM/2.0/Group"],
      externalId: unique("ext-"),
      displayName: groupName,
      meta: { resourceType: "Group" },
    });
    expect(group.status).toBe(201);
    const found = await org.scim("GET", `Groups?excludedAttributes=members&filter=${encodeURIComponent(`displayName eq "${groupName}"`)}`);
    expect(found.body.Resources).toEqual([expect.not.objectContaining({ members: expect.anything() })]);
    const add = await org.scim("PATCH", `Groups/${group.body.id}`, {
      schemas: [PATCH_OP],
      Operations: [{ op: "Add", path: "members", value: [{ $ref: null, value: created.body.id }] }],
    });
    expect(add.status).toBe(204);
    const byMember = await org.scim("GET", `Groups?filter=${encodeURIComponent(`members.value eq "${created.body.id}"`)}`);
    expect(byMember.body.Resources.map((resource) => resource.id)).toEqual([group.body.id]);
    const remove = await org.scim("PATCH", `Groups/${group.body.id}`, {
      schemas: [PATCH_OP],
      Operations: [{ op: "Remove", path: "members", value: [{ $ref: null, value: created.body.id }] }],
    });
    expect(remove.status).toBe(204);
    expect((await org.scim("GET", `Groups/${group.body.id}`)).body.members).toEqual([]);
    expect((await org.scim("DELETE", `Groups/${group.body.id}`)).status).toBe(204);
    expect((await org.scim("DELETE", `Users/${created.body.id}`)).status).toBe(204);
  });
});

describe("what SCIM refuses", () => {
  it("answers bad, revoked, expired and other orgs' tokens with 401 in SCIM's error shape", async () => {
    const other = await scimOrg();
    expect(await scimClient(org.org.slug, null)("GET", "Users")).toMatchObject({ status: 401, body: { status: "401" } });
    expect((await scimClient(org.org.slug, "Bearer nonsense")("GET", "Users")).status).toBe(401);
    const tampered = `${org.token.slice(0, -1)}${org.token.endsWith("x") ? "y" : "x"}`;
    expect((await scimClient(org.org.slug, tampered)("GET", "Users")).status).toBe(401);
    expect((await scimClient(org.org.slug, other.token)("GET", "Users")).status).toBe(401);
    await revokeScimToken(other.adminAccess, { orgSlug: other.org.slug, tokenId: other.tokenId });
    expect((await other.scim("GET", "Users")).status).toBe(401);
    const { token } = await createScimToken(other.adminAccess, { orgSlug: other.org.slug, name: "Soon gone", expiresIn: "30" });
    await db().scimToken.updateMany({ where: { orgId: other.org.id, name: "Soon gone" }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect((await scimClient(other.org.slug, token)("GET", "Users")).status).toBe(401);
  });

  it("stops a token whose creator no longer holds what provisioning needs", async () => {
    const other = await scimOrg();
    const second = await createUser();
    await db().orgMembership.create({ data: { orgId: other.org.id, userId: second.id, role: "admin" } });
    await db().orgMembership.update({ where: { orgId_userId: { orgId: other.org.id, userId: other.admin.actor.userId } }, data: { role: "member" } });
    expect(await other.scim("GET", "Users")).toMatchObject({ status: 403, body: { detail: expect.stringContaining("no longer holds") } });
  });

  it("never shows or touches another org's people and groups", async () => {
    const other = await scimOrg();
    const theirs = await other.scim("POST", "Users", oktaUser(other));
    const theirGroup = await other.scim("POST", "Groups", { schemas: [GROUP_SCHEMA], displayName: "Theirs" });
    expect((await org.scim("GET", `Users/${theirs.body.id}`)).status).toBe(404);
    expect((await org.scim("DELETE", `Users/${theirs.body.id}`)).status).toBe(404);
    expect(
      (await org.scim("PATCH", `Groups/${theirGroup.body.id}`, { schemas: [PATCH_OP], Operations: [{ op: "replace", path: "displayName", value: "x" }] }))
        .status,
    ).toBe(404);
    const mine = await org.scim("POST", "Groups", { schemas: [GROUP_SCHEMA], displayName: unique("Mine ") });
    const stolen = await org.scim("PATCH", `Groups/${mine.body.id}`, {
      schemas: [PATCH_OP],
      Operations: [{ op: "add", path: "members", value: [{ value: theirs.body.id }] }],
    });
    expect(stolen).toMatchObject({ status: 400, body: { scimType: "invalidValue" } });
    expect((await org.scim("GET", `Users?filter=${encodeURIComponent(`userName eq "${oktaUser(other).userName}"`)}`)).body.totalResults).toBe(0);
  });

  it("refuses malformed filters and PATCH bodies with SCIM's error types", async () => {
    for (const filter of ['userName eq "unterminated', "userName zz 3", 'password eq "x"', "((((", 'meta.created gt "2020"']) {
      const answer = await org.scim("GET", `Users?filter=${encodeURIComponent(filter)}`);
      expect(answer, filter).toMatchObject({ status: 400, body: { scimType: "invalidFilter" } });
    }
    const ada = await org.scim("POST", "Users", oktaUser(org));
    for (const body of [
      {},
      { schemas: ["wrong"], Operations: [{ op: "replace", value: { active: false } }] },
      { schemas: [PATCH_OP], Operations: [] },
      { schemas: [PATCH_OP], Operations: [{ op: "delete", path: "active" }] },
      { schemas: [PATCH_OP], Operations: [{ op: "replace", path: "active", value: "maybe" }] },
      { schemas: [PATCH_OP], Operations: [{ op: "replace", path: "userName", value: "" }] },
    ]) {
      const answer = await org.scim("PATCH", `Users/${ada.body.id}`, body);
      expect(answer.status, JSON.stringify(body)).toBe(400);
      expect(answer.body.schemas).toEqual(["urn:ietf:params:scim:api:messages:2.0:Error"]);
    }
    expect(await org.scim("POST", "Users", "{not json")).toMatchObject({ status: 400, body: { scimType: "invalidSyntax" } });
    // An id that cannot be one matches nothing (not everything).
    for (const filter of ['id eq "not-a-uuid"', 'id eq ""']) {
      expect((await org.scim("GET", `Users?filter=${encodeURIComponent(filter)}`)).body.totalResults, filter).toBe(0);
      expect((await org.scim("GET", `Groups?filter=${encodeURIComponent(filter)}`)).body.totalResults, filter).toBe(0);
    }
    expect((await org.scim("GET", `Users?filter=${encodeURIComponent(`id eq "${ada.body.id}"`)}`)).body.totalResults).toBe(1);
    expect((await org.scim("GET", `Users/${ada.body.id}`)).body.active).toBe(true);
  });

  it("brings in only the org's own domains, once per userName, and never leaves the org without an Admin", async () => {
    const outsider = await org.scim("POST", "Users", {
      ...oktaUser(org),
      userName: "eve@elsewhere.test",
      emails: [{ value: "eve@elsewhere.test", primary: true }],
    });
    expect(outsider).toMatchObject({ status: 400, body: { detail: expect.stringContaining("elsewhere.test") } });
    const body = oktaUser(org);
    // Sent twice at the same moment (providers retry): one is made, the other is told it exists.
    const both = await Promise.all([org.scim("POST", "Users", body), org.scim("POST", "Users", body)]);
    expect(both.map((answer) => answer.status).sort()).toEqual([201, 409]);
    expect(await org.scim("POST", "Users", { ...body, externalId: unique() })).toMatchObject({ status: 409, body: { scimType: "uniqueness" } });
    const group = { schemas: [GROUP_SCHEMA], displayName: unique("Twice "), externalId: unique("g-") };
    const groups = await Promise.all([org.scim("POST", "Groups", group), org.scim("POST", "Groups", group)]);
    expect(groups.map((answer) => answer.status).sort()).toEqual([201, 409]);

    // The org's only Admin, adopted by the provider: it may not deactivate or delete them.
    const adminEmail = org.admin.actor.email;
    await db().ssoConnection.update({ where: { orgId: org.org.id }, data: { allowedDomains: [org.domain, adminEmail.split("@")[1]!] } });
    const adopted = await org.scim("POST", "Users", { ...oktaUser(org, adminEmail), externalId: unique() });
    expect(adopted.status).toBe(201);
    expect(await db().user.count({ where: { email: adminEmail } })).toBe(1);
    const off = await org.scim("PATCH", `Users/${adopted.body.id}`, { schemas: [PATCH_OP], Operations: [{ op: "replace", path: "active", value: false }] });
    expect(off).toMatchObject({ status: 409, body: { detail: expect.stringContaining("last Admin") } });
    expect((await org.scim("DELETE", `Users/${adopted.body.id}`)).status).toBe(409);
    expect((await loadOrgAccess(org.admin.claims, org.org.slug)).access?.role).toBe("admin");
  });
});

describe("in Tessera, what the provider manages", () => {
  it("cannot be removed, left, renamed or refilled there; roles are still given there", async () => {
    const ada = await org.scim("POST", "Users", oktaUser(org));
    const account = await accountOf(ada.body.id);
    const membership = await db().orgMembership.findUniqueOrThrow({
      where: { orgId_userId: { orgId: org.org.id, userId: account.userId } },
      select: { id: true },
    });
    await expect(removeOrgMember(org.adminAccess, { orgSlug: org.org.slug, membershipId: membership.id })).rejects.toThrow(/identity provider/);
    const adaAccess = await orgAccess({ claims: await currentClaims(account.userId) }, org.org.slug);
    await expect(leaveOrg(adaAccess)).rejects.toThrow(/identity provider/);
    await changeOrgMemberRole(org.adminAccess, { orgSlug: org.org.slug, membershipId: membership.id, role: "no-access" });

    const group = await org.scim("POST", "Groups", { schemas: [GROUP_SCHEMA], displayName: unique("Ops "), members: [{ value: ada.body.id }] });
    const outsider = await createUser();
    await db().orgMembership.create({ data: { orgId: org.org.id, userId: outsider.id, role: "member" } });
    const ref = { orgSlug: org.org.slug, groupId: group.body.id };
    await expect(addGroupMembers(org.adminAccess, { ...ref, userIds: [outsider.id] })).rejects.toThrow(/identity provider/);
    await expect(removeGroupMember(org.adminAccess, { ...ref, userId: account.userId })).rejects.toThrow(/identity provider/);
    await expect(deleteGroup(org.adminAccess, ref)).rejects.toThrow(/identity provider/);
    await expect(updateGroup(org.adminAccess, { ...ref, name: "Renamed here", description: "", orgRole: null })).rejects.toThrow(/identity provider/);
    await updateGroup(org.adminAccess, { ...ref, name: group.body.displayName, description: "Run by Okta", orgRole: "member" });
    expect((await org.scim("GET", `Groups/${group.body.id}`)).body.members.map((member) => member.value)).toEqual([ada.body.id]);
  });
});

describe("discovery", () => {
  it("describes the service, its resource types and schemas", async () => {
    expect(await org.scim("GET", "ServiceProviderConfig")).toMatchObject({ status: 200, body: { patch: { supported: true }, filter: { supported: true } } });
    expect((await org.scim("GET", "ResourceTypes")).body.Resources.map((resource) => resource.id)).toEqual(["User", "Group"]);
    expect((await org.scim("GET", "Schemas")).body.totalResults).toBe(2);
    expect((await org.scim("GET", "Bulk")).status).toBe(404);
  });
});

describe("provisioning tokens", () => {
  it("are made and revoked by whoever may edit the org, shown once, and listed with their last use", async () => {
    const other = await scimOrg();
    const tokens = await listScimTokens(other.adminAccess);
    expect(tokens[0]).toMatchObject({ name: "Okta", revokedAt: null });
    await other.scim("GET", "Users");
    expect((await listScimTokens(other.adminAccess))[0]!.lastUsedAt).toBeInstanceOf(Date);
    expect(JSON.stringify(await db().scimToken.findMany({ where: { orgId: other.org.id } }))).not.toContain(other.token);

    const member = await createUser();
    await db().orgMembership.create({ data: { orgId: other.org.id, userId: member.id, role: "member" } });
    const memberAccess = await orgAccess(member, other.org.slug);
    await expect(createScimToken(memberAccess, { orgSlug: other.org.slug, name: "Mine", expiresIn: "30" })).rejects.toThrow(/organization:edit/);
    await expect(listScimTokens(memberAccess)).rejects.toThrow(/organization:edit/);
    await expect(revokeScimToken(memberAccess, { orgSlug: other.org.slug, tokenId: other.tokenId })).rejects.toThrow(/organization:edit/);
    // Another org's Admin guessing the id finds nothing.
    await expect(revokeScimToken(org.adminAccess, { orgSlug: org.org.slug, tokenId: other.tokenId })).rejects.toThrow(/No such token/);
    expect((await other.scim("GET", "Users")).status).toBe(200);
  });
});
