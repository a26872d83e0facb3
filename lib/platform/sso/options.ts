import "server-only";
import { recordOrgEvent } from "../audit/record-audit-event.ts";
import type { OrgAccess } from "../authz/org-access.ts";
import { db } from "../db.ts";
import { ForbiddenError, RefusedError } from "../errors.ts";
import { setSsoOptionsSchema, type SetSsoOptionsInput } from "./schemas.ts";

/**
 * How sign-ins through the provider are used once it is set up: the claim that lists a
 * person's groups (synchronised into mapped groups at each sign-in) and a limit on how long
 * such sessions last. Neither changes who the provider signs in, so the connection stays
 * tested and sign-ins under way stay valid (`updated_at` is left alone).
 */
export async function setSsoOptions(access: OrgAccess, input: SetSsoOptionsInput): Promise<void> {
  if (!access.can("organization:edit")) throw new ForbiddenError("organization:edit");
  const { groupsClaim, sessionHours } = setSsoOptionsSchema.parse(input);
  await db().$transaction(async (tx) => {
    const [before] = await tx.$queryRaw<Array<{ groups_claim: string | null; session_hours: number | null }>>`
      SELECT groups_claim, session_hours FROM sso_connections WHERE org_id = ${access.org.id}::uuid FOR UPDATE`;
    if (!before) throw new RefusedError("Set up single sign-on first.");
    if (before.groups_claim === groupsClaim && before.session_hours === sessionHours) return;
    await tx.$executeRaw`UPDATE sso_connections SET groups_claim = ${groupsClaim}, session_hours = ${sessionHours} WHERE org_id = ${access.org.id}::uuid`;
    await recordOrgEvent(tx, access, {
      action: "sso.options-changed",
      target: { type: "organization", id: access.org.id },
      metadata: { from: { groupsClaim: before.groups_claim, sessionHours: before.session_hours }, to: { groupsClaim, sessionHours } },
      summary: `Groups claim: ${groupsClaim ?? "none"}; sessions: ${sessionHours ? `${sessionHours} h` : "no limit"}`,
    });
  });
}
