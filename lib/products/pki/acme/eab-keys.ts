import "server-only";
import { randomBytes } from "node:crypto";
import { recordProjectEvent } from "../../../platform/audit/record-audit-event.ts";
import { requireProjectType, type ProjectAccess } from "../../../platform/authz/project-access.ts";
import { assertPlanIncludes } from "../../../platform/billing/limits.ts";
import { db } from "../../../platform/db.ts";
import { NotFoundError, RefusedError } from "../../../platform/errors.ts";
import { uuid7 } from "../../../platform/uuid7.ts";
import { sealPrivateKey } from "../keys.ts";
import { profileInProject } from "../profiles/queries.ts";
import { createEabKeySchema, eabKeyRefSchema, type CreateEabKeyInput, type EabKeyRefInput } from "./schemas.ts";
import { acmeUrls } from "./urls.ts";

/** What an ACME client needs to register, shown once: the HMAC key is kept only sealed. */
export type NewEabKey = { keyId: string; hmacKey: string; directoryUrl: string };

export async function createEabKey(access: ProjectAccess, input: CreateEabKeyInput): Promise<NewEabKey> {
  requireProjectType(access, "PKI");
  assertPlanIncludes(access.orgAccess.org, "pki");
  const { profileId, name } = createEabKeySchema.parse(input);
  const keyId = uuid7();
  const hmacKey = randomBytes(32);
  await db().$transaction(async (tx) => {
    const profile = await profileInProject(tx, access, profileId);
    access.assert("certificate-profile:manage-acme", { profileName: profile.name });
    await tx.acmeEabKey.create({
      data: {
        id: keyId,
        projectId: access.project.id,
        profileId,
        name,
        hmacKeySealed: await sealPrivateKey(tx, access.project.id, keyId, hmacKey),
        createdById: access.orgAccess.actor.userId,
      },
    });
    await recordProjectEvent(tx, access, {
      action: "pki.acme-key-created",
      target: { type: "acme-eab-key", id: keyId, label: name },
      metadata: { name, profile: profile.name },
    });
  });
  return { keyId, hmacKey: hmacKey.toString("base64url"), directoryUrl: acmeUrls(profileId).directory };
}

/** Stops the key and every account registered with it, on their next request. */
export async function revokeEabKey(access: ProjectAccess, input: EabKeyRefInput): Promise<void> {
  requireProjectType(access, "PKI");
  const { profileId, keyId } = eabKeyRefSchema.parse(input);
  await db().$transaction(async (tx) => {
    const profile = await profileInProject(tx, access, profileId);
    access.assert("certificate-profile:manage-acme", { profileName: profile.name });
    const key = await tx.acmeEabKey.findFirst({ where: { id: keyId, profileId }, select: { name: true, revokedAt: true } });
    if (!key) throw new NotFoundError();
    if (key.revokedAt) throw new RefusedError(`${key.name} is already revoked.`);
    await tx.acmeEabKey.update({ where: { id: keyId }, data: { revokedAt: new Date() } });
    const accounts = await tx.acmeAccount.count({ where: { eabKeyId: keyId, status: "valid" } });
    await recordProjectEvent(tx, access, {
      action: "pki.acme-key-revoked",
      target: { type: "acme-eab-key", id: keyId, label: key.name },
      metadata: { name: key.name, profile: profile.name, accountsStopped: accounts },
    });
  });
}

export type EabKeySummary = {
  id: string;
  name: string;
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
  createdBy: string | null;
  accounts: number;
};

/** A profile's EAB keys, newest first, with how many accounts registered with each. */
export async function listEabKeys(access: ProjectAccess, profileId: string): Promise<EabKeySummary[]> {
  requireProjectType(access, "PKI");
  const profile = await profileInProject(db(), access, profileId);
  access.assert("certificate-profile:read", { profileName: profile.name });
  const rows = await db().acmeEabKey.findMany({
    where: { profileId },
    orderBy: { createdAt: "desc" },
    take: 200,
    select: { id: true, name: true, createdAt: true, lastUsedAt: true, revokedAt: true, createdById: true, _count: { select: { accounts: true } } },
  });
  const creators = await db().user.findMany({
    where: { id: { in: rows.flatMap((row) => (row.createdById ? [row.createdById] : [])) } },
    select: { id: true, name: true },
  });
  const nameOf = new Map(creators.map((user) => [user.id, user.name]));
  return rows.map(({ _count, createdById, ...row }) => ({
    ...row,
    createdBy: createdById ? (nameOf.get(createdById) ?? null) : null,
    accounts: _count.accounts,
  }));
}
