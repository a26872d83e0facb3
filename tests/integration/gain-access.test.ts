// An org Admin gaining access to a project they are not in: typed "access" to confirm, made a
// permanent Admin, on the audit log, and the project's Admins told by real SMTP.
import { describe, expect, it } from "vitest";
import { loadProjectAccess } from "@/lib/platform/authz/project-access";
import { db } from "@/lib/platform/db";
import { joinProjectAsAdmin } from "@/lib/platform/project-members/join-project-as-admin";
import { callAction } from "../support/actions";
import { addOrgMember, createUser, orgAccess, orgWithProject } from "../support/factories";
import { withMailbox } from "../support/mailbox";

const mailsTo = withMailbox();

describe("gaining access to a project", () => {
  it("needs the typed confirmation, makes the org Admin a project Admin, records it and mails the project's Admins", async () => {
    const { admin, org, project } = await orgWithProject();
    const deputy = await createUser({ name: "Grace Hopper" });
    await addOrgMember(org.id, deputy.id, "admin");
    const ref = { orgSlug: org.slug, projectSlug: project.slug };
    expect((await loadProjectAccess(deputy.claims, org.slug, project.slug)).access?.membership).toBeNull();

    expect(await callAction("joinProjectAsAdminAction", deputy.claims, { ...ref, confirmation: "yes" })).toMatchObject({
      ok: false,
      fieldErrors: { confirmation: ['Type "access" to confirm'] },
    });
    expect(await db().projectMembership.count({ where: { projectId: project.id, userId: deputy.id } })).toBe(0);

    expect(await callAction("joinProjectAsAdminAction", deputy.claims, { ...ref, confirmation: " Access " })).toMatchObject({ ok: true });
    expect((await loadProjectAccess(deputy.claims, org.slug, project.slug)).access?.membership?.liveRoles).toEqual(["admin"]);
    const event = await db().auditEvent.findFirstOrThrow({
      where: { orgId: org.id, action: "project.joined-as-admin" },
      select: { actorId: true, metadata: true },
    });
    expect(event).toEqual({ actorId: deputy.id, metadata: { adminsNotified: 1 } });
    await expect.poll(() => mailsTo(admin.email).length, { timeout: 10_000 }).toBe(1);
    expect(mailsTo(admin.email)[0]).toMatch(/Subject: Tessera: Grace Hopper gained Admin access to Project/);
    expect(mailsTo(admin.email)[0]).toContain(`/orgs/${org.slug}/projects/${project.slug}/members`);
    expect(mailsTo(deputy.email)).toEqual([]);
  });

  it("is refused to a Member and not found from another org", async () => {
    const { org, project, memberWith } = await orgWithProject();
    const member = await memberWith("member", []);
    const input = { orgSlug: org.slug, projectSlug: project.slug, confirmation: "access" };
    expect(await callAction("joinProjectAsAdminAction", member.claims, input)).toMatchObject({ ok: false, formError: expect.stringMatching(/does not allow/) });
    const other = await orgWithProject();
    expect(await callAction("joinProjectAsAdminAction", other.admin.claims, input)).toMatchObject({
      ok: false,
      formError: expect.stringMatching(/^Not found/),
    });
    await expect(joinProjectAsAdmin(await orgAccess(other.admin, other.org.slug), input)).rejects.toThrow(/No such project/);
    expect(await db().projectMembership.count({ where: { projectId: project.id } })).toBe(1);
  });
});
