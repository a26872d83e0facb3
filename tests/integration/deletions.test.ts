import { describe, expect, it } from "vitest";
import { loadOrgAccess } from "@/lib/platform/authz/org-access";
import { db } from "@/lib/platform/db";
import { RefusedError } from "@/lib/platform/errors";
import { deleteOrg } from "@/lib/platform/orgs/delete-org";
import { deleteAccount, orgsBlockingAccountDeletion } from "@/lib/platform/users/delete-account";
import { addOrgMember, addProjectMember, createOrgFor, createUser, orgWithProject, TEST_PASSWORD } from "../support/factories";

describe("deleting an account", () => {
  it("asks for the password, and is refused while the person is an org's last Admin", async () => {
    const { admin, org } = await orgWithProject();
    await expect(deleteAccount(admin.actor, { password: "not my password" })).rejects.toMatchObject({
      fieldErrors: { password: ["That is not your password."] },
    });
    expect(await orgsBlockingAccountDeletion(admin.actor)).toEqual([{ name: org.name, slug: org.slug }]);
    await expect(deleteAccount(admin.actor, { password: TEST_PASSWORD })).rejects.toThrow(
      `You are the last Admin of ${org.name}. Make someone else an Admin there, or delete that organization`,
    );
    expect(await db().user.count({ where: { id: admin.id } })).toBe(1);
  });

  it("with another Admin in place, removes the person from every org and project, recorded in each org", async () => {
    const { admin, org, project } = await orgWithProject();
    const colleague = await createUser();
    await addOrgMember(org.id, colleague.id, "admin");
    // The project the admin created needs another Admin too.
    await addProjectMember(project.id, colleague.id, [{ role: "admin" }]);
    expect(await orgsBlockingAccountDeletion(admin.actor)).toEqual([]);
    await deleteAccount(admin.actor, { password: TEST_PASSWORD });
    expect(await db().user.count({ where: { id: admin.id } })).toBe(0);
    expect(await db().projectMembership.count({ where: { projectId: project.id, userId: admin.id } })).toBe(0);
    expect((await loadOrgAccess(admin.claims, org.slug)).actor).toBeNull();
    expect(await db().auditEvent.findMany({ where: { orgId: org.id, action: "member.left" } })).toMatchObject([
      { targetId: admin.id, metadata: { email: admin.email, reason: "account-deleted" } },
    ]);
  });

  it("of the two Admins of an org deleting their accounts at once, exactly one succeeds, every time", async () => {
    async function race() {
      const first = await createUser();
      const org = await createOrgFor(first.actor);
      const second = await createUser();
      await addOrgMember(org.id, second.id, "admin");
      // Each also belongs to a second org, so the lock order across orgs matters too.
      const other = await createOrgFor(second.actor);
      await addOrgMember(other.id, first.id, "admin");
      const results = await Promise.allSettled([
        deleteAccount(first.actor, { password: TEST_PASSWORD }),
        deleteAccount(second.actor, { password: TEST_PASSWORD }),
      ]);
      for (const result of results) if (result.status === "rejected") expect(result.reason).toBeInstanceOf(RefusedError);
      return {
        succeeded: results.filter((result) => result.status === "fulfilled").length,
        admins: await db().orgMembership.count({ where: { orgId: org.id, role: "admin" } }),
      };
    }
    const outcomes = await Promise.all(Array.from({ length: 6 }, race));
    expect(outcomes).toEqual(Array.from({ length: 6 }, () => ({ succeeded: 1, admins: 1 })));
  });
});

describe("deleting an org", () => {
  it("needs its slug typed, then takes its projects and memberships with it, recorded outside the org", async () => {
    const { admin, org, project, adminOrgAccess } = await orgWithProject();
    await expect(deleteOrg(adminOrgAccess, { orgSlug: org.slug, confirmation: "something else" })).rejects.toMatchObject({
      fieldErrors: { confirmation: [`Type ${org.slug} to confirm.`] },
    });
    expect(await db().organization.count({ where: { id: org.id } })).toBe(1);
    await deleteOrg(adminOrgAccess, { orgSlug: org.slug, confirmation: ` ${org.slug} ` });
    expect(await db().organization.count({ where: { id: org.id } })).toBe(0);
    expect(await db().project.count({ where: { id: project.id } })).toBe(0);
    expect(await db().auditEvent.findMany({ where: { action: "org.deleted", targetId: org.id } })).toMatchObject([
      { orgId: null, actorId: admin.id, metadata: { name: org.name, slug: org.slug } },
    ]);
    // Its last Admin no longer blocks their own account deletion.
    expect(await orgsBlockingAccountDeletion(admin.actor)).toEqual([]);
  });
});
