// A project's pages load the org layout's access with the project's, in one statement
// (loadProjectPage). Its org half must answer exactly as the org's own loader does, and its
// project half as the project's, whoever asks and whatever project the path names.
import { describe, expect, it } from "vitest";
import type { SessionClaims } from "@/lib/platform/auth/authenticate";
import { listPermissions, ORG_SUBJECTS, projectSubjects, type OrgPermission } from "@/lib/platform/authz/catalogue";
import { loadOrgPage, type LoadedOrgPage } from "@/lib/platform/authz/org-access";
import { loadProjectAccess, loadProjectPage, type LoadedProjectAccess } from "@/lib/platform/authz/project-access";
import { db } from "@/lib/platform/db";
import { createUser, orgWithProject } from "../support/factories";

const ORG_PERMISSIONS = listPermissions(ORG_SUBJECTS) as OrgPermission[];

/** What an org load decides, with every permission asked (functions do not compare). */
function orgAnswer({ access, ...rest }: LoadedOrgPage) {
  return { ...rest, access: access && { ...access, can: ORG_PERMISSIONS.filter((permission) => access.can(permission)), holds: undefined } };
}

function projectAnswer({ access, ...rest }: LoadedProjectAccess) {
  if (!access) return { ...rest, access };
  const permissions = listPermissions(projectSubjects(access.project.type));
  return { ...rest, access: { project: access.project, membership: access.membership, can: permissions.filter((permission) => access.can(permission)) } };
}

async function expectSameAnswers(claims: SessionClaims, orgSlug: string, projectSlug: string) {
  const together = await loadProjectPage(claims, orgSlug, projectSlug);
  expect(orgAnswer(together.org)).toEqual(orgAnswer(await loadOrgPage(claims, orgSlug)));
  expect(projectAnswer(together.project)).toEqual(projectAnswer(await loadProjectAccess(claims, orgSlug, projectSlug)));
  return together;
}

describe("loadProjectPage", () => {
  it("answers for the org as loadOrgPage does and for the project as loadProjectAccess does", async () => {
    const { admin, org, project, memberWith } = await orgWithProject();
    const viewer = await memberWith("member", [{ role: "viewer" }]);
    const bystander = await memberWith("member", []);
    const outsider = await createUser();
    const elsewhere = await orgWithProject();

    const asAdmin = await expectSameAnswers(admin.claims, org.slug, project.slug);
    expect([asAdmin.org.access?.role, asAdmin.org.myOrgs.map((one) => one.slug), asAdmin.project.access?.membership?.liveRoles]).toEqual([
      "admin",
      [org.slug],
      ["admin"],
    ]);
    expect((await expectSameAnswers(viewer.claims, org.slug, project.slug)).project.access?.membership?.liveRoles).toEqual(["viewer"]);
    // In the org, not in the project: the org layout still has its access; the project is not found.
    const asBystander = await expectSameAnswers(bystander.claims, org.slug, project.slug);
    expect([asBystander.org.access?.role, asBystander.project.access]).toEqual(["member", null]);
    // No such project, or another org's project guessed by slug: the org's access, no project.
    for (const slug of ["no-such-project", elsewhere.project.slug]) {
      const guessed = await expectSameAnswers(admin.claims, org.slug, slug);
      expect([guessed.org.access?.org.id, guessed.project.access]).toEqual([org.id, null]);
    }
    // Not a member of the org: nothing on either side.
    const asOutsider = await expectSameAnswers(outsider.claims, org.slug, project.slug);
    expect([asOutsider.org.actor?.userId, asOutsider.org.access, asOutsider.project.access]).toEqual([outsider.id, null, null]);
    // A session that no longer stands: no actor on either side.
    await db().userSession.delete({ where: { id: viewer.claims.sessionId } });
    const ended = await expectSameAnswers(viewer.claims, org.slug, project.slug);
    expect([ended.org.actor, ended.project.actor]).toEqual([null, null]);
  });

  it("closes both halves to a member the org's two-factor rule shuts out", async () => {
    const { org, project, memberWith } = await orgWithProject();
    const viewer = await memberWith("member", [{ role: "viewer" }]);
    await db().organization.update({ where: { id: org.id }, data: { requireTwoFactor: true } });
    const closed = await expectSameAnswers(viewer.claims, org.slug, project.slug);
    expect([closed.org.closedBy, closed.project.closedBy]).toEqual(["two-factor", "two-factor"]);
  });
});
