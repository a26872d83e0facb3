import "server-only";
import { recordOrgEvent } from "../audit/record-audit-event.ts";
import type { OrgAccess } from "../authz/org-access.ts";
import { db } from "../db.ts";
import { ForbiddenError } from "../errors.ts";
import { Prisma } from "../../generated/prisma/client.ts";
import { universalAuthSettingsSchema, type UniversalAuthSettingsInput } from "./schemas.ts";
import { assertAuthorityOver, identityInOrg, settingsColumns } from "./queries.ts";

/** Universal Auth settings: token lifetimes and uses, trusted addresses, lockout. */
export async function updateUniversalAuth(access: OrgAccess, input: UniversalAuthSettingsInput): Promise<void> {
  if (!access.can("identity:manage-auth")) throw new ForbiddenError("identity:manage-auth");
  const { identityId, orgSlug: _orgSlug, ...settings } = universalAuthSettingsSchema.parse(input);
  await db().$transaction(async (tx) => {
    await identityInOrg(tx, access, identityId);
    await assertAuthorityOver(tx, access, identityId);
    const before = await tx.machineIdentity.findUniqueOrThrow({ where: { userId: identityId }, select: settingsColumns });
    const changes: Prisma.InputJsonObject = Object.fromEntries(
      Object.entries(settings)
        .filter(([key, value]) => JSON.stringify(before[key as keyof typeof before]) !== JSON.stringify(value))
        .map(([key, value]) => [key, { from: before[key as keyof typeof before], to: value }]),
    );
    if (Object.keys(changes).length === 0) return;
    await tx.machineIdentity.update({ where: { userId: identityId }, data: settings });
    await recordOrgEvent(tx, access, {
      action: "identity.auth-updated",
      target: { type: "identity", id: identityId },
      metadata: changes,
      summary: `Changed ${Object.keys(changes)
        .map((key) => SETTING_NAMES[key as keyof typeof settingsColumns])
        .join(", ")}`,
    });
  });
}

const SETTING_NAMES: Record<keyof typeof settingsColumns, string> = {
  accessTokenTtlSeconds: "access token TTL",
  accessTokenMaxTtlSeconds: "max TTL",
  accessTokenMaxUses: "max uses per token",
  loginTrustedIps: "login trusted IPs",
  tokenTrustedIps: "token trusted IPs",
  lockoutThreshold: "lockout threshold",
  lockoutSeconds: "lockout duration",
};
