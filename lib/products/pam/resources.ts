import "server-only";
import { recordProjectEvent } from "../../platform/audit/record-audit-event.ts";
import { requireProjectType, type ProjectAccess } from "../../platform/authz/project-access.ts";
import { db, isUniqueViolation, type RawTx, type Tx } from "../../platform/db.ts";
import { ForbiddenError, NotFoundError, RefusedError, ValidationError } from "../../platform/errors.ts";
import { openForRow, openWithDataKey, sealForRow } from "../../platform/kms/row-sealing.ts";
import { uuid7 } from "../../platform/uuid7.ts";
import { X509Certificate } from "node:crypto";
import {
  resourceFieldsSchema,
  resourceRefSchema,
  updateResourceSchema,
  type ResourceFieldsInput,
  type ResourceRefInput,
  type UpdateResourceInput,
} from "./schemas.ts";
import { checkTarget, closeTargetPool, TargetUnreachableError, type TargetDatabase } from "./target.ts";
import { TLS_MODE_LABELS, type TlsMode } from "./vocabulary.ts";

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
  caCertificate: true,
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
  caCertificate: string | null;
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

/**
 * A resource of the project with the project's sealed data key, in one statement: what a
 * grant needs to reach it, and to seal the password it hands out.
 */
export async function resourceWithDataKey(
  tx: Pick<RawTx, "$queryRaw">,
  projectId: string,
  resourceId: string,
): Promise<{ resource: ResourceRow; sealedDataKey: Uint8Array }> {
  const [row] = await tx.$queryRaw<Array<ResourceRow & { sealedDataKey: Uint8Array | null }>>`
    SELECT r.id, r.project_id AS "projectId", r.name, r.host, r.port, r.database, r.tls_mode::text AS "tlsMode", r.ca_certificate AS "caCertificate",
           r.broker_user AS "brokerUser", r.sealed_broker_password AS "sealedBrokerPassword", r.checked_at AS "checkedAt",
           r.check_problems AS "checkProblems", r.updated_at AS "updatedAt", k.encrypted_key AS "sealedDataKey"
      FROM pam_resources r LEFT JOIN project_data_keys k ON k.project_id = r.project_id
     WHERE r.id = ${resourceId}::uuid AND r.project_id = ${projectId}::uuid`;
  // The broker's password was sealed under the data key: a resource without one is not found either.
  if (!row?.sealedDataKey) throw new NotFoundError();
  const { sealedDataKey, ...resource } = row;
  return { resource, sealedDataKey };
}

const targetFields = (resource: ResourceRow) => ({
  resourceId: resource.id,
  version: resource.updatedAt.getTime(),
  host: resource.host,
  port: resource.port,
  database: resource.database,
  tlsMode: resource.tlsMode,
  caCertificate: resource.caCertificate,
  user: resource.brokerUser,
});

/** How the broker reaches the resource, its password opened with the project's sealed data key. */
export function targetWith(resource: ResourceRow, sealedDataKey: Uint8Array): TargetDatabase {
  return {
    ...targetFields(resource),
    password: openWithDataKey(resource.projectId, sealedDataKey, "pam-broker-password", resource.id, resource.sealedBrokerPassword).toString("utf8"),
  };
}

/** How the broker reaches the resource, with its password opened. */
export async function targetOf(tx: Pick<Tx, "projectDataKey">, resource: ResourceRow): Promise<TargetDatabase> {
  return {
    ...targetFields(resource),
    password: (await openForRow(tx, resource.projectId, "pam-broker-password", resource.id, resource.sealedBrokerPassword)).toString("utf8"),
  };
}

const PEM_CERTIFICATE = /-----BEGIN CERTIFICATE-----[A-Za-z0-9+/=\s]+-----END CERTIFICATE-----/g;

/**
 * The CA certificates a verified connection trusts instead of the system's, as pasted: one
 * or more PEM certificates that parse. Only a verified connection uses them, so any other
 * TLS mode with certificates is refused rather than silently ignoring them.
 */
function checkedCaCertificate(tlsMode: TlsMode, pasted: string | null): string | null {
  if (!pasted) return null;
  if (tlsMode !== "VERIFY_FULL") {
    throw ValidationError.field(
      "caCertificate",
      `Only a verified connection uses a CA certificate: choose "${TLS_MODE_LABELS.VERIFY_FULL}", or clear this field.`,
    );
  }
  const blocks = pasted.match(PEM_CERTIFICATE) ?? [];
  const unreadable = blocks.length === 0 || blocks.some((block) => !parsesAsCertificate(block));
  if (unreadable) throw ValidationError.field("caCertificate", "Paste one or more PEM certificates (-----BEGIN CERTIFICATE----- …).");
  return `${blocks.join("\n")}\n`;
}

function parsesAsCertificate(pem: string): boolean {
  try {
    new X509Certificate(pem);
    return true;
  } catch {
    return false;
  }
}

/**
 * Logs in with the settings about to be saved, on a pool of its own: an unreachable
 * database or a wrong password is refused at the field that is wrong; what the broker lacks
 * for these account roles is returned to be saved and shown.
 */
async function checkBeforeSaving(settings: TargetDatabase, accountRoles: string[]): Promise<string[]> {
  const target = { ...settings, resourceId: `check-${settings.resourceId}` };
  try {
    return await checkTarget(target, accountRoles);
  } catch (error) {
    if (error instanceof TargetUnreachableError) throw ValidationError.field(error.failure.field, error.failure.message);
    throw error;
  } finally {
    await closeTargetPool(target.resourceId);
  }
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
  const caCertificate = checkedCaCertificate(fields.tlsMode, fields.caCertificate);
  const problems = await checkBeforeSaving(
    {
      resourceId,
      version: 0,
      host: fields.host,
      port: fields.port,
      database: fields.database,
      tlsMode: fields.tlsMode,
      caCertificate,
      user: fields.brokerUser,
      password: fields.brokerPassword,
    },
    [],
  );
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
          caCertificate,
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
          caCertificate: caCertificate !== null,
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

/**
 * Changes how Tessera reaches a database: address, TLS (with its CA certificate), the
 * broker's login, or a new broker password (blank keeps the sealed one). The new settings
 * must log in before anything is saved. Pointing a resource at another server or database
 * waits until no grant is live, so no login is left behind where Tessera no longer looks.
 * The audit event lists what changed, never a password.
 */
export async function updateResource(access: ProjectAccess, input: UpdateResourceInput): Promise<{ problems: string[] }> {
  requireProjectType(access, "PAM");
  const { resourceId, brokerPassword, ...fields } = updateResourceSchema.parse(input);
  const caCertificate = checkedCaCertificate(fields.tlsMode, fields.caCertificate);
  const { current, password, roles } = await db().$transaction(async (tx) => {
    const current = await resourceInProject(tx, access, resourceId);
    access.assert("resource:edit", { resourceName: current.name });
    const accounts = await tx.pamAccount.findMany({ where: { resourceId }, select: { name: true } });
    return { current, password: brokerPassword ?? (await targetOf(tx, current)).password, roles: accounts.map((account) => account.name) };
  });
  const settings = { host: fields.host, port: fields.port, database: fields.database, tlsMode: fields.tlsMode, caCertificate, brokerUser: fields.brokerUser };
  const problems = await checkBeforeSaving({ resourceId, version: 0, ...settings, user: fields.brokerUser, password }, roles);
  await db().$transaction(async (tx) => {
    await tx.$queryRaw`SELECT id FROM pam_resources WHERE id = ${resourceId}::uuid AND project_id = ${access.project.id}::uuid FOR UPDATE`;
    const resource = await resourceInProject(tx, access, resourceId);
    access.assert("resource:edit", { resourceName: resource.name });
    if (resource.updatedAt.getTime() !== current.updatedAt.getTime()) {
      throw new RefusedError(`Someone changed ${resource.name} while you were editing it: close this form and open it again.`);
    }
    const changes = resourceChanges(resource, settings, brokerPassword !== null);
    const moved = resource.host !== settings.host || resource.port !== settings.port || resource.database !== settings.database;
    if (moved) {
      const live = await tx.pamAccessRequest.count({ where: { account: { resourceId }, status: "ACTIVE" } });
      if (live) {
        throw ValidationError.field(
          "host",
          `${resource.name} has ${live} active grant${live === 1 ? "" : "s"} on ${resource.host}:${resource.port}/${resource.database}: revoke ${live === 1 ? "it" : "them"} before pointing it elsewhere, so no login is left behind.`,
        );
      }
    }
    await tx.pamResource.update({
      where: { id: resourceId },
      data: {
        ...settings,
        ...(brokerPassword !== null
          ? { sealedBrokerPassword: await sealForRow(tx, access.project.id, "pam-broker-password", resourceId, brokerPassword) }
          : {}),
        checkedAt: new Date(),
        checkProblems: problems,
        // Unchanged settings keep the pools (their version is updatedAt); a check alone is not an edit.
        ...(changes.length === 0 ? { updatedAt: resource.updatedAt } : {}),
      },
    });
    if (changes.length === 0) return;
    await recordProjectEvent(tx, access, {
      action: "pam.resource-updated",
      target: { type: "pam-resource", id: resource.id, label: resource.name },
      metadata: { name: resource.name, changes },
      summary: changes.join(", "),
    });
  });
  await closeTargetPool(resourceId);
  return { problems };
}

function resourceChanges(
  before: Pick<ResourceRow, "host" | "port" | "database" | "tlsMode" | "caCertificate" | "brokerUser">,
  after: Pick<ResourceRow, "host" | "port" | "database" | "tlsMode" | "caCertificate" | "brokerUser">,
  passwordChanged: boolean,
): string[] {
  const address = (row: typeof before) => `${row.host}:${row.port}/${row.database}`;
  return [
    address(before) !== address(after) ? `address ${address(before)} → ${address(after)}` : null,
    before.tlsMode !== after.tlsMode ? `TLS ${TLS_MODE_LABELS[before.tlsMode]} → ${TLS_MODE_LABELS[after.tlsMode]}` : null,
    before.caCertificate !== after.caCertificate
      ? after.caCertificate === null
        ? "CA certificate removed (system CAs)"
        : before.caCertificate === null
          ? "CA certificate added"
          : "CA certificate replaced"
      : null,
    before.brokerUser !== after.brokerUser ? `broker ${before.brokerUser} → ${after.brokerUser}` : null,
    passwordChanged ? "broker password replaced" : null,
  ].filter((change): change is string => change !== null);
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
      caCertificate: true,
      brokerUser: true,
      checkedAt: true,
      checkProblems: true,
      _count: { select: { accounts: true } },
    },
  });
  return rows.filter((row) => access.can("resource:read", { resourceName: row.name })).map(({ _count, ...row }) => ({ ...row, accountCount: _count.accounts }));
}
