import "server-only";
import { recordProjectEvent } from "../../../platform/audit/record-audit-event.ts";
import { requireProjectType, type ProjectAccess } from "../../../platform/authz/project-access.ts";
import { plans } from "../../../platform/billing/plans.ts";
import { db, directQuery } from "../../../platform/db.ts";
import { Prisma } from "../../../generated/prisma/client.ts";
import { ValidationError } from "../../../platform/errors.ts";
import { saveExpiryAlertSchema, type SaveExpiryAlertInput } from "./schemas.ts";

export type ExpiryAlertSettings = {
  thresholds: number[];
  recipients: Array<{ userId: string; name: string; email: string }>;
  groupIds: string[];
  /** The org's groups to choose from (only while its plan has groups). */
  groupChoices: Array<{ id: string; name: string }>;
};

const GROUP_CHOICES = 200;

/** The project's expiry alert, for those who may see it; thresholds empty when none is set. */
export async function getExpiryAlert(access: ProjectAccess): Promise<ExpiryAlertSettings> {
  requireProjectType(access, "PKI");
  access.assert("expiry-alert:read");
  const groupsOn = plans()[access.orgAccess.org.plan].features.groups;
  // One statement: the alert (if any), its people by name, and the org's groups to choose from.
  const [row] = await directQuery<{
    thresholds: number[] | null;
    group_ids: string[] | null;
    recipients: ExpiryAlertSettings["recipients"];
    group_choices: ExpiryAlertSettings["groupChoices"];
  }>(Prisma.sql`
    SELECT a.thresholds, a.group_ids,
           (SELECT COALESCE(json_agg(json_build_object('userId', u.id, 'name', u.name, 'email', u.email) ORDER BY u.name, u.id), '[]')
              FROM users u WHERE u.id = ANY(a.recipient_ids)) AS recipients,
           ${
             groupsOn
               ? Prisma.sql`(SELECT COALESCE(json_agg(json_build_object('id', g.id, 'name', g.name) ORDER BY g.name, g.id), '[]')
                               FROM (SELECT id, name FROM groups WHERE org_id = ${access.orgAccess.org.id}::uuid ORDER BY name, id LIMIT ${GROUP_CHOICES}) g)`
               : Prisma.sql`'[]'::json`
           } AS group_choices
      FROM (SELECT 1) one LEFT JOIN pki_expiry_alerts a ON a.project_id = ${access.project.id}::uuid`);
  return {
    thresholds: row?.thresholds ?? [],
    recipients: row?.recipients ?? [],
    groupIds: row?.group_ids ?? [],
    groupChoices: row?.group_choices ?? [],
  };
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
