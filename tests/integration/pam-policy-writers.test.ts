// Whoever writes a PAM policy cannot use it to let themselves in (second security review,
// item 1): a member whose custom role adds only access-policy:create wrote a 10-approval
// policy naming themselves for break-glass, broke glass and logged in with psql, and left
// everyone else's requests needing 10 approvals. The rules are in the README's PAM section.
import { describe, expect, it } from "vitest";
import type { ProjectRoleSlug } from "@/lib/platform/authz/built-in-roles";
import { db } from "@/lib/platform/db";
import { createPolicy } from "@/lib/products/pam/policies";
import { revokeGrant } from "@/lib/products/pam/grants";
import { createRequest } from "@/lib/products/pam/requests/create-request";
import { createRole } from "@/lib/platform/roles/save-role";
import { projectRoleScope } from "@/lib/platform/roles/scope";
import { loginRefused, pamProject, type PamProject } from "../support/pam";

const policy = (project: PamProject, fields: Record<string, unknown>) => ({
  ...project.ref,
  name: "Lockdown",
  resourceGlob: "*",
  accountGlob: "*",
  approverRole: "admin",
  maxDurationMinutes: 60,
  requiredApprovals: 1,
  ...fields,
});

/** The project's requester, now also holding a custom role that adds only access-policy:create. */
async function policyWriter(project: PamProject) {
  const { slug } = await createRole(projectRoleScope(project.admin), {
    name: "Policy writer",
    slug: "policy-writer",
    permissions: [{ subject: "access-policy", actions: ["create"] }],
  });
  const membership = await db().projectMembership.findFirstOrThrow({
    where: { projectId: project.project.id, userId: project.requester.id },
    select: { id: true },
  });
  await db().projectRoleGrant.create({ data: { projectMembershipId: membership.id, role: slug as ProjectRoleSlug } });
  return project.as(project.requester);
}

describe("PAM policy writers", () => {
  it("the review's attack: a writer without approval rights names nobody for break-glass and cannot make every request unapprovable", async () => {
    const project = await pamProject();
    const writer = await policyWriter(project);
    const self = project.requester.id;
    await expect(createPolicy(writer, policy(project, { requiredApprovals: 10, breakGlassIds: [self] }))).rejects.toMatchObject({
      fieldErrors: { breakGlassIds: [expect.stringMatching(/cannot name yourself for break-glass/)] },
    });
    const accomplice = project.approvers[0]!.id;
    await expect(createPolicy(writer, policy(project, { breakGlassIds: [accomplice] }))).rejects.toMatchObject({
      fieldErrors: { breakGlassIds: [expect.stringMatching(/only on accounts whose requests you could approve yourself/)] },
    });
    await expect(createPolicy(writer, policy(project, { requiredApprovals: 10 }))).rejects.toMatchObject({
      fieldErrors: { requiredApprovals: [expect.stringMatching(/need 10 approvals, but only 3 of the approvers you named can approve there/)] },
    });
    expect(await db().pamPolicy.count({ where: { projectId: project.project.id } })).toBe(1);
    // Break-glass without a listing is still refused, and ordinary requests still need one approval.
    const input = { ...project.ref, accountId: project.accountId, durationMinutes: 10, reason: "Production is down, need to look" };
    await expect(createRequest(writer, { ...input, breakGlass: true })).rejects.toThrow(/not listed for break-glass/);
    const ordinary = await createRequest(writer, input);
    expect(await db().pamAccessRequest.findUniqueOrThrow({ where: { id: ordinary.requestId }, select: { requiredApprovals: true, status: true } })).toEqual({
      requiredApprovals: 1,
      status: "PENDING",
    });
  });

  it("a request counts only approvers who can still approve: a named approver who lost the right no longer counts", async () => {
    const project = await pamProject();
    const [first] = project.approvers;
    await db().pamPolicy.deleteMany({ where: { projectId: project.project.id } });
    await createPolicy(project.admin, policy(project, { name: "Named", approverRole: null, approverIds: [first!.id] }));
    const membership = await db().projectMembership.findFirstOrThrow({ where: { projectId: project.project.id, userId: first!.id }, select: { id: true } });
    await db().projectRoleGrant.updateMany({ where: { projectMembershipId: membership.id }, data: { role: "viewer" } });
    const input = { ...project.ref, accountId: project.accountId, durationMinutes: 10, reason: "Checking an order" };
    await expect(createRequest(await project.as(project.requester), input)).rejects.toThrow(
      /Named needs 1 approval, but only 0 people other than you can approve/,
    );
    expect(await db().pamAccessRequest.count({ where: { projectId: project.project.id } })).toBe(0);
  });

  it("an approver may write a stricter policy the approvers can meet; one naming approvers who cannot approve is refused", async () => {
    const project = await pamProject();
    await expect(createPolicy(project.admin, policy(project, { requiredApprovals: 3 }))).resolves.toMatchObject({ policyId: expect.any(String) });
    // Members may not approve: naming only them leaves nobody able to.
    await expect(createPolicy(project.admin, policy(project, { name: "Members approve", requiredApprovals: 4, approverRole: "member" }))).rejects.toMatchObject(
      {
        fieldErrors: { requiredApprovals: [expect.stringMatching(/but only 0 of the approvers you named can approve there/)] },
      },
    );
  });

  it("break-glass through a policy needs another admin to write it, and holds only while its author could still approve", async () => {
    const project = await pamProject();
    const [first, second] = project.approvers;
    const asFirst = await project.as(first!);
    await expect(createPolicy(asFirst, policy(project, { requiredApprovals: 2, breakGlassIds: [first!.id] }))).rejects.toMatchObject({
      fieldErrors: { breakGlassIds: [expect.any(String)] },
    });
    // The second admin writes it for the first: allowed, and it works.
    await createPolicy(await project.as(second!), policy(project, { requiredApprovals: 2, breakGlassIds: [first!.id] }));
    const input = { ...project.ref, accountId: project.accountId, durationMinutes: 10, reason: "Production is down, need to look", breakGlass: true };
    const taken = await createRequest(asFirst, input);
    expect(taken.status).toBe("ACTIVE");
    await revokeGrant(project.admin, { ...project.ref, requestId: taken.requestId });
    expect(await loginRefused(taken.credentials!)).toMatch(/password authentication failed|does not exist/);

    // The author loses their admin role: the list they wrote no longer lets anyone in.
    const membership = await db().projectMembership.findFirstOrThrow({ where: { projectId: project.project.id, userId: second!.id }, select: { id: true } });
    await db().projectRoleGrant.updateMany({ where: { projectMembershipId: membership.id }, data: { role: "member" } });
    await expect(createRequest(await project.as(first!), input)).rejects.toThrow(
      /can no longer approve requests for .*: ask a project admin to write it again/,
    );

    // A policy whose author slipped onto its own list (written around the checks) gives them nothing.
    await db().pamPolicy.updateMany({ where: { projectId: project.project.id, name: "Lockdown" }, data: { createdById: first!.id } });
    await expect(createRequest(await project.as(first!), input)).rejects.toThrow(/You wrote the policy Lockdown/);
  });
});
