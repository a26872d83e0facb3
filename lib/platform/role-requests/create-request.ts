import "server-only";
import { approversFor, authorStillApproves } from "../approvals/approvers.ts";
import { assertBreakGlassAllowed } from "../approvals/break-glass.ts";
import { approvalsInWords } from "../approvals/vocabulary.ts";
import { recordAuditEvent } from "../audit/record-audit-event.ts";
import type { Actor } from "../auth/actor.ts";
import type { ProductType } from "../authz/catalogue.ts";
import type { OrgAccess } from "../authz/org-access.ts";
import type { ProjectAccess } from "../authz/project-access.ts";
import { db, isUniqueViolation } from "../db.ts";
import { ForbiddenError, NotFoundError, RefusedError, ValidationError } from "../errors.ts";
import { formatDuration } from "../format-duration.ts";
import { grantRequestedRole } from "./grant.ts";
import { tellApproversOfBreakGlass, tellApproversOfRequest } from "./mail.ts";
import { policyForRole } from "./policies.ts";
import { approverListOf, mayApproveRole, roleOfProject } from "./queries.ts";
import { requestRoleSchema, type RequestRoleInput } from "./schemas.ts";
import type { RoleRequestStatus } from "./vocabulary.ts";

type Requesting = {
  org: OrgAccess["org"];
  actor: Actor;
  project: { id: string; name: string; slug: string; type: ProductType };
  /** Asked from All projects: the org's Admins hear of it too (they may gain access to any project). */
  tellOrgAdmins: boolean;
};

export type CreatedRoleRequest = { requestId: string; status: RoleRequestStatus; expiresAt: Date | null };

/** A member of the project asks for a (higher) role in it. */
export function requestProjectRole(access: ProjectAccess, input: RequestRoleInput): Promise<CreatedRoleRequest> {
  access.assert("role-request:create");
  return createRoleRequest({ org: access.orgAccess.org, actor: access.orgAccess.actor, project: access.project, tellOrgAdmins: false }, input);
}

/** Anyone who may see the org's projects (project:browse) asks for a role in one, in it or not. */
export async function requestProjectAccess(access: OrgAccess, input: RequestRoleInput): Promise<CreatedRoleRequest> {
  if (!access.can("project:browse")) throw new ForbiddenError("project:browse");
  const { projectSlug } = requestRoleSchema.parse(input);
  const project = await db().project.findUnique({
    where: { orgId_slug: { orgId: access.org.id, slug: projectSlug } },
    select: { id: true, name: true, slug: true, type: true },
  });
  if (!project) throw new NotFoundError("No such project");
  return createRoleRequest({ org: access.org, actor: access.actor, project, tellOrgAdmins: true }, input);
}

/**
 * A request for a role for a while. The strictest policy listing the role (or the project's
 * default) decides how long at most and who approves; enough people other than the requester
 * must be able to approve it now. With break-glass a listed person takes it at once and the
 * approvers are told.
 */
async function createRoleRequest(requesting: Requesting, input: RequestRoleInput): Promise<CreatedRoleRequest> {
  const fields = requestRoleSchema.parse(input);
  const { org, actor, project } = requesting;
  const requesterId = actor.userId;
  const created = await db()
    .$transaction(async (tx) => {
      const role = await roleOfProject(tx, project, fields.role);
      if (!role) throw ValidationError.field("role", "There is no such role in this project. Choose another.");
      const policy = await policyForRole(tx, project.id, role.slug);
      if (!policy) throw ValidationError.field("role", `The ${role.name} role cannot be requested here: the project's request policies do not list it.`);
      if (fields.durationMinutes > policy.maxDurationMinutes)
        throw ValidationError.field("durationMinutes", `At most ${formatDuration(policy.maxDurationMinutes * 60)} for the ${role.name} role.`);
      const held = await tx.projectRoleGrant.findFirst({
        where: { role: role.slug, expiresAt: null, membership: { projectId: project.id, userId: requesterId } },
        select: { id: true },
      });
      if (held) throw ValidationError.field("role", `You already hold the ${role.name} role here.`);
      const list = approverListOf(policy);
      const mayApprove = mayApproveRole(role);
      const approverIds = await approversFor(tx, project, requesterId, list, mayApprove);
      if (fields.breakGlass) {
        await assertBreakGlassAllowed({
          policy,
          requesterId,
          reason: fields.reason,
          subject: `the ${role.name} role`,
          authorStillApproves: () => authorStillApproves(tx, project, policy.createdById, mayApprove),
        });
      } else if (approverIds.length < policy.requiredApprovals) {
        throw new RefusedError(
          `${policy.name} needs ${approvalsInWords(policy.requiredApprovals)} for the ${role.name} role, but only ${approverIds.length} ${approverIds.length === 1 ? "person" : "people"} other than you can approve it: ask a project admin to name more approvers.`,
        );
      }
      const request = await tx.roleRequest.create({
        data: {
          projectId: project.id,
          requesterId,
          role: role.slug,
          durationMinutes: fields.durationMinutes,
          reason: fields.reason,
          status: "PENDING",
          policyName: policy.name,
          requiredApprovals: policy.requiredApprovals,
          ...list,
          breakGlass: fields.breakGlass,
        },
        select: { id: true },
      });
      await recordAuditEvent(tx, {
        orgId: org.id,
        projectId: project.id,
        actorId: requesterId,
        action: fields.breakGlass ? "role-request.break-glass-used" : "role-request.created",
        target: { type: "role-request", id: request.id, label: role.name },
        metadata: { role: role.slug, durationMinutes: fields.durationMinutes, reason: fields.reason, policy: policy.name },
        summary: `${fields.breakGlass ? "BREAK-GLASS: " : ""}${role.name} for ${formatDuration(fields.durationMinutes * 60)}: ${fields.reason}`.slice(0, 200),
      });
      const expiresAt = fields.breakGlass
        ? await grantRequestedRole(
            tx,
            { orgId: org.id, projectId: project.id, actorId: requesterId },
            { id: request.id, requesterId, ...fields, role: role.slug },
          )
        : null;
      return { requestId: request.id, expiresAt, roleName: role.name, approverIds };
    })
    .catch((error: unknown) => {
      if (isUniqueViolation(error)) throw new RefusedError("You already have a request waiting in this project: wait for its decision, or cancel it first.");
      throw error;
    });
  const about = { org, project, requestId: created.requestId, requester: actor, roleName: created.roleName, ...fields };
  const told = requesting.tellOrgAdmins ? [...new Set([...created.approverIds, ...(await orgAdminIds(org.id, requesterId))])] : created.approverIds;
  await (fields.breakGlass ? tellApproversOfBreakGlass : tellApproversOfRequest)(told, about);
  return { requestId: created.requestId, status: fields.breakGlass ? "ACTIVE" : "PENDING", expiresAt: created.expiresAt };
}

/** The org's Admins (by their own membership), but the requester. */
async function orgAdminIds(orgId: string, requesterId: string): Promise<string[]> {
  const admins = await db().orgMembership.findMany({
    where: { orgId, role: "admin", deactivatedAt: null, userId: { not: requesterId } },
    select: { userId: true },
  });
  return admins.map((admin) => admin.userId);
}
