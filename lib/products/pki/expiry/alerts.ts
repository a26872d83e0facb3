import "server-only";
import { recordProjectEvent } from "../../../platform/audit/record-audit-event.ts";
import { requireProjectType, type ProjectAccess } from "../../../platform/authz/project-access.ts";
import { plans } from "../../../platform/billing/plans.ts";
import { db, preparedQuery } from "../../../platform/db.ts";
import { Prisma } from "../../../generated/prisma/client.ts";
import { ValidationError } from "../../../platform/errors.ts";
import { saveExpiryAlertSchema, type SaveExpiryAlertInput } from "./schemas.ts";

export type ExpiryAlertSettings = {
  thresholds: number[];
  recipients: Array<{ userId: string; name: string; email: string }>;
  groupIds: string[];
};

const GROUP_CHOICES = 200;

/** The project's expiry alert, for those who may see it; thresholds empty when none is set. */
export async function getExpiryAlert(access: ProjectAccess): Promise<ExpiryAlertSettings> {
  requireProjectType(access, "PKI");
  access.assert("expiry-alert:read");
  // One statement: the alert (if any) and its people by name.
  const [row] = await preparedQuery<{ thresholds: number[] | null; group_ids: string[] | null; recipients: ExpiryAlertSettings["recipients"] }>(Prisma.sql`
    SELECT a.thresholds, a.group_ids,
           (SELECT COALESCE(json_agg(json_build_object('userId', u.id, 'name', u.name, 'email', u.email) ORDER BY u.name, u.id), '[]')
              FROM users u WHERE u.id = ANY(a.recipient_ids)) AS recipients
      FROM (SELECT 1) one LEFT JOIN pki_expiry_alerts a ON a.project_id = ${access.project.id}::uuid`);
  return { thresholds: row?.thresholds ?? [], recipients: row?.recipients ?? [], groupIds: row?.group_ids ?? [] };
}

/**
 * The org's groups an alert may mail (none while its plan has no groups), for the dialog to
 * load when it opens: an org of 200 groups made them a sixth of the Certificates page.
 */
export async function expiryAlertGroupChoices(access: ProjectAccess): Promise<Array<{ id: string; name: string }>> {
  requireProjectType(access, "PKI");
  access.assert("expiry-alert:edit");
  if (!plans()[access.orgAccess.org.plan].features.groups) return [];
  return db().group.findMany({
    where: { orgId: access.orgAccess.org.id },
    orderBy: [{ name: "asc" }, { id: "asc" }],
    take: GROUP_CHOICES,
    select: { id: true, name: true },
  });
}

/**
 * Who is mailed, and how many days before certificates and CAs of the project end. People
 * must be members of the org and groups the org's own (while its plan has groups): a name
 * that matches nobody would be an alert that silently reaches no one.
 */
export async function saveExpiryAlert(access: ProjectAccess, input: SaveExpiryAlertInput): Promise<void> {
  requireProjectType(access, "PKI");
  access.assert("expiry-alert:edit");
  const { thresholds, recipientIds, groupIds } = saveExpiryAlertSchema.parse(input);
  if (recipientIds.length === 0 && groupIds.length === 0) throw ValidationError.field("recipientIds", "Choose at least one person or group to mail.");
  if (groupIds.length && !plans()[access.orgAccess.org.plan].features.groups)
    throw ValidationError.field("groupIds", "Groups are not part of this org's plan.");
  await db().$transaction(async (tx) => {
    const members = await tx.orgMembership.count({ where: { orgId: access.orgAccess.org.id, userId: { in: recipientIds }, deactivatedAt: null } });
    if (members !== recipientIds.length) throw ValidationError.field("recipientIds", "Choose people who are members of this organization.");
    const groups = await tx.group.count({ where: { orgId: access.orgAccess.org.id, id: { in: groupIds } } });
    if (groups !== groupIds.length) throw ValidationError.field("groupIds", "Choose groups of this organization.");
    const data = { thresholds, recipientIds, groupIds, updatedById: access.orgAccess.actor.userId };
    await tx.pkiExpiryAlert.upsert({ where: { projectId: access.project.id }, create: { projectId: access.project.id, ...data }, update: data });
    await recordProjectEvent(tx, access, {
      action: "pki.expiry-alert-saved",
      target: { type: "project", id: access.project.id },
      metadata: { thresholds, people: recipientIds.length, groups: groupIds.length },
      summary: `Days before: ${thresholds.join(", ")}`,
    });
  });
}
