import { describe, expect, it } from "vitest";
import { db } from "@/lib/platform/db";
import { RefusedError } from "@/lib/platform/errors";
import { leaveOrg, removeOrgMember } from "@/lib/platform/org-members/remove-org-member";
import { deleteAccount, projectsBlockingAccountDeletion } from "@/lib/platform/users/delete-account";
import { addOrgMember, addProjectMember, createUser, orgAccess, orgWithProject, TEST_PASSWORD } from "../support/factories";

/** An org whose project has one Admin, `keeper`, who is an ordinary org Member. */
async function projectWithOneAdmin() {
  const context = await orgWithProject();
  const keeper = await createUser({ name: "Keeper" });
  const keeperMembership = await addOrgMember(context.org.id, keeper.id, "member");
  await addProjectMember(context.project.id, keeper.id, [{ role: "admin" }]);
  // The org's creator steps down in the project, leaving the keeper as its only Admin.
  const founderMembership = await db().projectMembership.findFirstOrThrow({ where: { projectId: context.project.id, userId: context.admin.id } });
  await db().projectRoleGrant.updateMany({ where: { projectMembershipId: founderMembership.id }, data: { role: "viewer" } });
  return { ...context, keeper, keeperMembership };
}

describe("a project never loses its last Admin with an org membership or an account", () => {
  it("removing the project's only Admin from the org is refused, naming the project; nothing changes", async () => {
    const context = await projectWithOneAdmin();
    const ref = { orgSlug: context.org.slug, membershipId: context.keeperMembership.id };
    const refusal = removeOrgMember(context.adminOrgAccess, ref);
    await expect(refusal).rejects.toBeInstanceOf(RefusedError);
    await expect(refusal).rejects.toThrow(`They are the only Admin of the project ${context.project.name}. Make someone else its Admin first.`);
    expect(await db().orgMembership.count({ where: { id: context.keeperMembership.id } })).toBe(1);
    // Once someone else is its Admin, the removal goes through.
    const heir = await createUser();
    await addOrgMember(context.org.id, heir.id, "member");
    await addProjectMember(context.project.id, heir.id, [{ role: "admin" }]);
    await removeOrgMember(context.adminOrgAccess, ref);
    expect(await db().orgMembership.count({ where: { id: context.keeperMembership.id } })).toBe(0);
  });

  it("an Admin grant that has expired does not count as another Admin", async () => {
    const context = await projectWithOneAdmin();
    const lapsed = await createUser();
    await addOrgMember(context.org.id, lapsed.id, "member");
    await addProjectMember(context.project.id, lapsed.id, [{ role: "admin", expiresAt: new Date(Date.now() - 60_000) }]);
    await expect(removeOrgMember(context.adminOrgAccess, { orgSlug: context.org.slug, membershipId: context.keeperMembership.id })).rejects.toThrow(
      /only Admin/,
    );
  });

  it("the only Admin of a project cannot leave the org, nor delete their account, and the account page says why", async () => {
    const context = await projectWithOneAdmin();
    await expect(leaveOrg(await orgAccess(context.keeper, context.org.slug))).rejects.toThrow(`You are the only Admin of the project ${context.project.name}`);
    expect(await projectsBlockingAccountDeletion(context.keeper.actor)).toEqual([{ id: context.project.id, name: context.project.name }]);
    await expect(deleteAccount(context.keeper.actor, { password: TEST_PASSWORD })).rejects.toThrow(/only Admin of the project/);
    expect(await db().user.count({ where: { id: context.keeper.id } })).toBe(1);
  });

  it("two project Admins removed from the org at the same moment: one removal wins, the project keeps an Admin", async () => {
    const context = await orgWithProject();
    const secondOrgAdmin = await createUser();
    await addOrgMember(context.org.id, secondOrgAdmin.id, "admin");
    const founderGrant = await db().projectMembership.findFirstOrThrow({ where: { projectId: context.project.id, userId: context.admin.id } });
    await db().projectRoleGrant.updateMany({ where: { projectMembershipId: founderGrant.id }, data: { role: "viewer" } });
    const admins = await Promise.all([createUser(), createUser()]);
    const memberships = [];
    for (const admin of admins) {
      memberships.push(await addOrgMember(context.org.id, admin.id, "member"));
      await addProjectMember(context.project.id, admin.id, [{ role: "admin" }]);
    }
    const removers = [context.adminOrgAccess, await orgAccess(secondOrgAdmin, context.org.slug)];
    const results = await Promise.allSettled(
      memberships.map((membership, index) => removeOrgMember(removers[index]!, { orgSlug: context.org.slug, membershipId: membership.id })),
    );
    expect(results.filter((result) => result.status === "fulfilled")).toHaveLength(1);
    const liveAdmins = await db().projectRoleGrant.count({ where: { role: "admin", membership: { projectId: context.project.id } } });
    expect(liveAdmins).toBe(1);
  });
});
