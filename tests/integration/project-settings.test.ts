import { describe, expect, it } from "vitest";
import { db } from "@/lib/platform/db";
import { ForbiddenError, ValidationError } from "@/lib/platform/errors";
import { deleteProject } from "@/lib/platform/projects/delete-project";
import { updateProject } from "@/lib/platform/projects/update-project";
import { orgWithProject, projectAccess } from "../support/factories";

describe("updateProject", () => {
  it("lets a project Admin rename it, recording before and after", async () => {
    const { admin, org, project } = await orgWithProject();
    const access = await projectAccess(admin, org.slug, project.slug);
    await updateProject(access, { orgSlug: org.slug, projectSlug: project.slug, name: "Renamed", description: "Now with words" });
    expect(await db().project.findUniqueOrThrow({ where: { id: project.id } })).toMatchObject({ name: "Renamed", description: "Now with words" });
    const event = await db().auditEvent.findFirstOrThrow({ where: { action: "project.renamed", targetId: project.id } });
    expect(event.metadata).toMatchObject({ before: { name: "Project" }, after: { name: "Renamed" } });
  });

  it("refuses project Members and Viewers and changes nothing", async () => {
    const { org, project, memberWith } = await orgWithProject();
    for (const role of ["member", "viewer"] as const) {
      const user = await memberWith("member", [{ role }]);
      const access = await projectAccess(user, org.slug, project.slug);
      await expect(updateProject(access, { orgSlug: org.slug, projectSlug: project.slug, name: "Hijacked" })).rejects.toBeInstanceOf(ForbiddenError);
    }
    expect((await db().project.findUniqueOrThrow({ where: { id: project.id } })).name).toBe("Project");
  });

  it("does not let an org Admin who is not in the project edit it", async () => {
    const { org, project, memberWith } = await orgWithProject();
    const otherAdmin = await memberWith("admin", []);
    const access = await projectAccess(otherAdmin, org.slug, project.slug);
    await expect(updateProject(access, { orgSlug: org.slug, projectSlug: project.slug, name: "Nope" })).rejects.toBeInstanceOf(ForbiddenError);
  });
});

describe("deleteProject", () => {
  it("needs the slug typed exactly, then deletes the project and its memberships", async () => {
    const { admin, org, project, memberWith } = await orgWithProject();
    await memberWith("member", [{ role: "viewer" }]);
    const access = await projectAccess(admin, org.slug, project.slug);
    const wrong = deleteProject(access, { orgSlug: org.slug, projectSlug: project.slug, confirmation: "yes" });
    await expect(wrong).rejects.toBeInstanceOf(ValidationError);
    await expect(wrong).rejects.toMatchObject({ fieldErrors: { confirmation: [`Type ${project.slug} to confirm.`] } });
    expect(await db().project.count({ where: { id: project.id } })).toBe(1);

    await deleteProject(access, { orgSlug: org.slug, projectSlug: project.slug, confirmation: project.slug });
    expect(await db().project.count({ where: { id: project.id } })).toBe(0);
    expect(await db().projectMembership.count({ where: { projectId: project.id } })).toBe(0);
    expect(await db().auditEvent.count({ where: { action: "project.deleted", targetId: project.id } })).toBe(1);
  });

  it("refuses a project Member", async () => {
    const { org, project, memberWith } = await orgWithProject();
    const user = await memberWith("admin", [{ role: "member" }]);
    const access = await projectAccess(user, org.slug, project.slug);
    await expect(deleteProject(access, { orgSlug: org.slug, projectSlug: project.slug, confirmation: project.slug })).rejects.toBeInstanceOf(ForbiddenError);
    expect(await db().project.count({ where: { id: project.id } })).toBe(1);
  });
});
