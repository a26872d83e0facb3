import "server-only";
import { recordProjectEvent } from "../../platform/audit/record-audit-event.ts";
import { requireProjectType, type ProjectAccess } from "../../platform/authz/project-access.ts";
import { db, isUniqueViolation, type Tx } from "../../platform/db.ts";
import { ForbiddenError, NotFoundError, RefusedError, ValidationError } from "../../platform/errors.ts";
import { openForRow, sealForRow } from "../../platform/kms/row-sealing.ts";
import { uuid7 } from "../../platform/uuid7.ts";
import { resourceFieldsSchema, resourceRefSchema, type ResourceFieldsInput, type ResourceRefInput } from "./schemas.ts";
import { checkTarget, closeTargetPool, TargetUnreachableError, type TargetDatabase } from "./target.ts";
import type { TlsMode } from "./vocabulary.ts";

export type ResourcePermission = "resource:read" | "resource:create" | "resource:edit" | "resource:delete";

// Secrets of a resource are sealed under the project's data key and bound to their row and
// purpose: a sealed value copied to another row or column no longer opens.
const RESOURCE_COLUMNS = {
  id: true,
  projectId: true,
  name: true,
  host: true,
  port: true,
  database: true,
  tlsMode: true,
  brokerUser: true,
  sealedBrokerPassword: true,
  checkedAt: true,
  checkProblems: true,
  updatedAt: true,
} as const;

export type ResourceRow = {
  id: string;
  projectId: string;
  name: string;
  host: string;
  port: number;
  database: string;
  tlsMode: TlsMode;
  brokerUser: string;
  sealedBrokerPassword: Uint8Array;
  checkedAt: Date | null;
  checkProblems: string[];
  updatedAt: Date;
};

/** A resource of the actor's project; another project's id is not found. */
export async function resourceInProject(tx: Tx, access: ProjectAccess, resourceId: string): Promise<ResourceRow> {
  const row = await tx.pamResource.findFirst({ where: { id: resourceId, projectId: access.project.id }, select: RESOURCE_COLUMNS });
  if (!row) throw new NotFoundError();
  return row;
}

/** How the broker reaches the resource, with its password opened. */
export async function targetOf(tx: Pick<Tx, "projectDataKey">, resource: ResourceRow): Promise<TargetDatabase> {
  return {
    resourceId: resource.id,
    version: resource.updatedAt.getTime(),
    host: resource.host,
    port: resource.port,
    database: resource.database,
    tlsMode: resource.tlsMode,
    user: resource.brokerUser,
    password: (await openForRow(tx, resource.projectId, "pam-broker-password", resource.id, resource.sealedBrokerPassword)).toString("utf8"),
  };
}

/**
 * Adds a database. The broker must log in before anything is saved (an unreachable database
 * is refused at the field that is wrong); what it lacks beyond that is saved with the
 * resource and shown, so an admin can fix the grants and test again.
 */
export async function createResource(access: ProjectAccess, input: ResourceFieldsInput): Promise<{ resourceId: string; problems: string[] }> {
  requireProjectType(access, "PAM");
  const fields = resourceFieldsSchema.parse(input);
  access.assert("resource:create", { resourceName: fields.name });
  const resourceId = uuid7();
  let problems: string[];
  try {
    problems = await checkTarget(
      {
        resourceId: `check-${resourceId}`,
        version: 0,
        host: fields.host,
        port: fields.port,
        database: fields.database,
        tlsMode: fields.tlsMode,
        user: fields.brokerUser,
        password: fields.brokerPassword,
      },
      [],
    );
  } catch (error) {
    if (error instanceof TargetUnreachableError) throw ValidationError.field(error.failure.field, error.failure.message);
    throw error;
  } finally {
    await closeTargetPool(`check-${resourceId}`);
  }
  try {
    await db().$transaction(async (tx) => {
      await tx.pamResource.create({
        data: {
          id: resourceId,
          projectId: access.project.id,
          name: fields.name,
          host: fields.host,
          port: fields.port,
          database: fields.database,
          tlsMode: fields.tlsMode,
          brokerUser: fields.brokerUser,
          sealedBrokerPassword: await sealForRow(tx, access.project.id, "pam-broker-password", resourceId, fields.brokerPassword),
          checkedAt: new Date(),
          checkProblems: problems,
          createdById: access.orgAccess.actor.userId,
        },
      });
      await recordProjectEvent(tx, access, {
        action: "pam.resource-created",
        target: { type: "pam-resource", id: resourceId, label: fields.name },
        metadata: {
          name: fields.name,
          host: fields.host,
          port: fields.port,
          database: fields.database,
          tlsMode: fields.tlsMode,
          brokerUser: fields.brokerUser,
        },
      });
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw ValidationError.field("name", "A resource of this project already has this name.");
    throw error;
  }
  return { resourceId, problems };
}

/** Logs in as the broker now and records what it found missing for this resource's accounts. */
export async function testResourceConnection(access: ProjectAccess, input: ResourceRefInput): Promise<{ problems: string[] }> {
  requireProjectType(access, "PAM");
  const { resourceId } = resourceRefSchema.parse(input);
  const { resource, target, roles } = await db().$transaction(async (tx) => {
    const resource = await resourceInProject(tx, access, resourceId);
    access.assert("resource:edit", { resourceName: resource.name });
    const accounts = await tx.pamAccount.findMany({ where: { resourceId }, select: { name: true } });
    return { resource, target: await targetOf(tx, resource), roles: accounts.map((account) => account.name) };
  });
  let problems: string[];
  try {
    problems = await checkTarget(target, roles);
  } catch (error) {
    if (!(error instanceof TargetUnreachableError)) throw error;
    problems = [error.failure.message];
  }
  await db().pamResource.update({ where: { id: resource.id }, data: { checkedAt: new Date(), checkProblems: problems, updatedAt: resource.updatedAt } });
  return { problems };
}

/** A resource goes with its accounts and their history, but never while a grant on it is live. */
export async function deleteResource(access: ProjectAccess, input: ResourceRefInput): Promise<void> {
  requireProjectType(access, "PAM");
  const { resourceId } = resourceRefSchema.parse(input);
  await db().$transaction(async (tx) => {
    await tx.$queryRaw`SELECT id FROM pam_resources WHERE id = ${resourceId}::uuid AND project_id = ${access.project.id}::uuid FOR UPDATE`;
    const resource = await resourceInProject(tx, access, resourceId);
    access.assert("resource:delete", { resourceName: resource.name });
    const live = await tx.pamAccessRequest.count({ where: { account: { resourceId }, status: "ACTIVE" } });
    if (live)
      throw new RefusedError(
        `${resource.name} has ${live} active grant${live === 1 ? "" : "s"}: revoke ${live === 1 ? "it" : "them"} first, so no login is left behind on the database.`,
      );
    await recordProjectEvent(tx, access, {
      action: "pam.resource-deleted",
      target: { type: "pam-resource", id: resource.id, label: resource.name },
      metadata: { name: resource.name },
    });
    await tx.pamResource.delete({ where: { id: resource.id } });
  });
  await closeTargetPool(resourceId);
}

export type ResourceSummary = Omit<ResourceRow, "sealedBrokerPassword" | "projectId" | "updatedAt"> & { accountCount: number };

/** The resources the actor may see, by name. */
export async function listResources(access: ProjectAccess): Promise<ResourceSummary[]> {
  requireProjectType(access, "PAM");
  if (!access.can("resource:read")) throw new ForbiddenError("resource:read");
  const rows = await db().pamResource.findMany({
    where: { projectId: access.project.id },
    orderBy: { name: "asc" },
    select: {
      id: true,
      name: true,
      host: true,
      port: true,
      database: true,
      tlsMode: true,
      brokerUser: true,
      checkedAt: true,
      checkProblems: true,
      _count: { select: { accounts: true } },
    },
  });
  return rows.filter((row) => access.can("resource:read", { resourceName: row.name })).map(({ _count, ...row }) => ({ ...row, accountCount: _count.accounts }));
}
