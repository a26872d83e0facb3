import { describe, expect, it } from "vitest";
import { loadProjectAccess } from "@/lib/platform/authz/project-access";
import { db } from "@/lib/platform/db";
import { ForbiddenError, ValidationError } from "@/lib/platform/errors";
import { createProject } from "@/lib/platform/projects/create-project";
import { listProjects } from "@/lib/platform/projects/list-projects";
import { PROJECT_PAGE_SIZE } from "@/lib/platform/projects/schemas";
import { addOrgMember, addProjectMember, createOrgFor, createUser, orgAccess, unique } from "../support/factories";

async function orgWithAdmin() {
  const admin = await createUser({ name: "Admin" });
  const org = await createOrgFor(admin.actor);
  return { admin, org, access: await orgAccess(admin, org.slug) };
}

function projectInput(orgSlug: string, overrides: Partial<{ name: string; slug: string; type: "SECRET_MANAGER" | "PKI" | "PAM" }> = {}) {
  return { orgSlug, name: "Payments", slug: unique("pay-"), type: "SECRET_MANAGER" as const, ...overrides };
}

describe("createProject", () => {
  it("lets an org Admin create a project and makes them its Admin, with an audit event", async () => {
    const { admin, org, access } = await orgWithAdmin();
    const input = projectInput(org.slug, { type: "PKI" });
    const project = await createProject(access, input);
    const { access: projectAccess } = await loadProjectAccess(admin.claims, org.slug, input.slug);
    expect(projectAccess?.project).toMatchObject({ id: project.id, type: "PKI", name: "Payments" });
    expect(projectAccess?.membership?.liveRoles).toEqual(["admin"]);
    expect(projectAccess?.can("certificate:issue")).toBe(true);
    expect(await db().auditEvent.count({ where: { action: "project.created", targetId: project.id } })).toBe(1);
  });

  it("lets an org Member create projects too", async () => {
    const { org } = await orgWithAdmin();
    const member = await createUser();
    await addOrgMember(org.id, member.id, "member");
    const project = await createProject(await orgAccess(member, org.slug), projectInput(org.slug));
    expect(project.slug).toMatch(/^pay-/);
  });

  it("refuses a No-access member and writes nothing", async () => {
    const { org } = await orgWithAdmin();
    const outsider = await createUser();
    await addOrgMember(org.id, outsider.id, "no-access");
    const input = projectInput(org.slug);
    await expect(createProject(await orgAccess(outsider, org.slug), input)).rejects.toBeInstanceOf(ForbiddenError);
    expect(await db().project.count({ where: { slug: input.slug } })).toBe(0);
  });

  it("keeps slugs unique per org but not across orgs", async () => {
    const first = await orgWithAdmin();
    const second = await orgWithAdmin();
    const slug = unique("shared-");
    await createProject(first.access, projectInput(first.org.slug, { slug }));
    await createProject(second.access, projectInput(second.org.slug, { slug }));
    const duplicate = createProject(first.access, projectInput(first.org.slug, { slug }));
    await expect(duplicate).rejects.toBeInstanceOf(ValidationError);
    await expect(duplicate).rejects.toMatchObject({ fieldErrors: { slug: [expect.stringMatching(/already has a project/)] } });
    expect(await db().project.count({ where: { slug } })).toBe(2);
  });
});

describe("project visibility", () => {
  it("hides a project from org members who are not in it, unless they may read all", async () => {
    const { admin, org, access } = await orgWithAdmin();
    const input = projectInput(org.slug);
    await createProject(access, input);
    const member = await createUser();
    await addOrgMember(org.id, member.id, "member");
    expect((await loadProjectAccess(member.claims, org.slug, input.slug)).access).toBeNull();

    // A second admin has project:read-all: sees it, but holds no project role until they join.
    const otherAdmin = await createUser();
    await addOrgMember(org.id, otherAdmin.id, "admin");
    const seen = (await loadProjectAccess(otherAdmin.claims, org.slug, input.slug)).access;
    expect(seen?.membership).toBeNull();
    expect(seen?.can("project:read")).toBe(false);
    expect((await loadProjectAccess(admin.claims, org.slug, input.slug)).access?.can("project:delete")).toBe(true);
  });

  it("gives an actor from another org nothing, even with the right slugs", async () => {
    const { org, access } = await orgWithAdmin();
    const input = projectInput(org.slug);
    await createProject(access, input);
    const stranger = await orgWithAdmin();
    expect((await loadProjectAccess(stranger.admin.claims, org.slug, input.slug)).access).toBeNull();
    // Their own org's slug with the other org's project slug finds nothing either.
    expect((await loadProjectAccess(stranger.admin.claims, stranger.org.slug, input.slug)).access).toBeNull();
  });

  it("drops expired role grants at the instant they expire", async () => {
    const { org, access } = await orgWithAdmin();
    const input = projectInput(org.slug);
    const project = await createProject(access, input);
    const member = await createUser();
    await addOrgMember(org.id, member.id, "member");
    await addProjectMember(project.id, member.id, [{ role: "viewer" }, { role: "member", expiresAt: new Date(Date.now() - 1000) }]);
    const seen = (await loadProjectAccess(member.claims, org.slug, input.slug)).access;
    expect(seen?.membership?.liveRoles).toEqual(["viewer"]);
    expect(seen?.can("secret:describe", { environment: "dev", secretPath: "/" })).toBe(true);
    expect(seen?.can("secret:read-value", { environment: "dev", secretPath: "/" })).toBe(false);

    await db().projectRoleGrant.updateMany({ where: { role: "viewer", membership: { userId: member.id } }, data: { expiresAt: new Date(Date.now() - 1) } });
    const expired = (await loadProjectAccess(member.claims, org.slug, input.slug)).access;
    expect(expired?.membership?.liveRoles).toEqual([]);
    expect(expired?.can("project:read")).toBe(false);
  });
});

describe("listProjects", () => {
  it("lists the actor's projects by type and name, with counts per type and search", async () => {
    const { access, org } = await orgWithAdmin();
    await createProject(access, projectInput(org.slug, { name: "Zeta vault", type: "SECRET_MANAGER" }));
    await createProject(access, projectInput(org.slug, { name: "Alpha CA", type: "PKI" }));
    await createProject(access, projectInput(org.slug, { name: "Beta vault", type: "SECRET_MANAGER" }));
    const list = await listProjects(access, {});
    expect(list.items.map((item) => item.name)).toEqual(["Beta vault", "Zeta vault", "Alpha CA"]);
    expect(list.countsByType).toEqual({ SECRET_MANAGER: 2, PKI: 1, PAM: 0 });
    expect((await listProjects(access, { q: "VAULT", type: "SECRET_MANAGER" })).items).toHaveLength(2);
    expect((await listProjects(access, { q: "alpha", type: "SECRET_MANAGER" })).items).toHaveLength(0);
  });

  it("'mine' shows only projects the actor is in; 'all' needs project:browse (Member) or project:read-all", async () => {
    const { access, org } = await orgWithAdmin();
    await createProject(access, projectInput(org.slug, { name: "Admin's project" }));
    const member = await createUser();
    await addOrgMember(org.id, member.id, "member");
    const memberAccess = await orgAccess(member, org.slug);
    await createProject(memberAccess, projectInput(org.slug, { name: "Member's project" }));

    expect((await listProjects(memberAccess, { scope: "mine" })).items.map((item) => item.name)).toEqual(["Member's project"]);
    expect((await listProjects(memberAccess, { scope: "all" })).items.map((item) => [item.name, item.isMember])).toEqual([
      ["Admin's project", false],
      ["Member's project", true],
    ]);
    const bystander = await createUser();
    await addOrgMember(org.id, bystander.id, "no-access");
    await expect(listProjects(await orgAccess(bystander, org.slug), { scope: "all" })).rejects.toBeInstanceOf(ForbiddenError);
    const all = await listProjects(access, { scope: "all" });
    expect(all.items.map((item) => [item.name, item.isMember])).toEqual([
      ["Admin's project", true],
      ["Member's project", false],
    ]);
  });

  it("never lists another org's projects", async () => {
    const mine = await orgWithAdmin();
    const theirs = await orgWithAdmin();
    await createProject(theirs.access, projectInput(theirs.org.slug, { name: "Secret plans" }));
    expect((await listProjects(mine.access, { scope: "all", q: "Secret plans" })).items).toEqual([]);
    // Without a search the statement is prepared and reused across orgs: still only this one's.
    await listProjects(theirs.access, { scope: "all" });
    const all = await listProjects(mine.access, { scope: "all" });
    expect(all.items).toEqual([]);
    expect(all.countsByType).toEqual({ SECRET_MANAGER: 0, PKI: 0, PAM: 0 });
  });

  it("pages by type then name, with the type filter's total", async () => {
    const { access, org } = await orgWithAdmin();
    // More than a page, written directly (the Free plan allows 10 Secrets Management projects).
    const names = Array.from({ length: PROJECT_PAGE_SIZE + 1 }, (_, i) => `Vault ${String(i).padStart(2, "0")}`);
    await db().project.createMany({ data: names.map((name) => ({ orgId: org.id, name, slug: unique("v-"), type: "SECRET_MANAGER" as const })) });
    await db().project.create({ data: { orgId: org.id, name: "A PAM project", slug: unique("pam-"), type: "PAM" } });
    const second = await listProjects(access, { scope: "all", page: 2 });
    expect(second.items.map((item) => item.name)).toEqual([`Vault ${PROJECT_PAGE_SIZE}`, "A PAM project"]);
    expect([second.total, second.pageCount]).toEqual([PROJECT_PAGE_SIZE + 2, 2]);
    const pam = await listProjects(access, { scope: "all", type: "PAM" });
    expect([pam.items.map((item) => item.name), pam.total, pam.countsByType.SECRET_MANAGER]).toEqual([["A PAM project"], 1, PROJECT_PAGE_SIZE + 1]);
  });
});
