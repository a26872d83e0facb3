import "server-only";
import { memberAbilities } from "../../../platform/authz/project-access.ts";
import { plans, type PlanId } from "../../../platform/billing/plans.ts";
import { recordAuditEvent, type AuditAction } from "../../../platform/audit/record-audit-event.ts";
import { db, type Tx } from "../../../platform/db.ts";
import { asProfileRow, PROFILE_COLUMNS, type ProfileRow } from "../profiles/queries.ts";
import { AcmeProblem } from "./problems.ts";
import { acmeUrls, type AcmeUrls } from "./urls.ts";

/** The profile an ACME request is for, with its project and org as they are on this request. */
export type AcmeContext = {
  profile: ProfileRow;
  project: { id: string; type: "PKI"; orgId: string };
  urls: AcmeUrls;
};

/** A profile that exists, in a PKI project of an org whose plan includes PKI; else not found. */
export async function acmeContext(profileId: string): Promise<AcmeContext> {
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(profileId)) throw notFound();
  const row = await db().certificateProfile.findUnique({
    where: { id: profileId },
    select: { ...PROFILE_COLUMNS, project: { select: { id: true, type: true, orgId: true, org: { select: { plan: true } } } } },
  });
  if (!row || row.project.type !== "PKI" || !plans()[row.project.org.plan as PlanId].features.pki) throw notFound();
  const { project, ...profile } = row;
  return { profile: asProfileRow(profile), project: { id: project.id, type: "PKI", orgId: project.orgId }, urls: acmeUrls(profileId) };
}

const notFound = () => new AcmeProblem("malformed", "There is no ACME server here.", 404);

/**
 * Whether the person who made an EAB key may still manage this profile's ACME keys: accounts
 * registered with it act on that person's authority, checked at every use, not only once.
 */
export async function eabAuthorityHolds(context: AcmeContext, createdById: string | null): Promise<boolean> {
  if (!createdById) return false;
  const ability = (await memberAbilities(db(), context.project, [createdById])).get(createdById);
  return ability?.can("certificate-profile:manage-acme", { profileName: context.profile.name }) ?? false;
}

/** What an ACME endpoint answers: JSON (or a PEM chain), a status and headers; nonces and links are added by the server. */
export type AcmeAnswer = { status: number; json?: unknown; pem?: string; location?: string; links?: string[] };

/**
 * An audit event of an ACME client: no person acted, so the account is named (its id and the
 * EAB key it registered with) in the event's words and metadata.
 */
export async function recordAcmeEvent(
  tx: Pick<Tx, "$executeRaw">,
  context: AcmeContext,
  account: { id: string; eabKeyName: string },
  event: { action: AuditAction; target: { type: string; id: string; label?: string }; metadata?: Record<string, string | number | boolean | string[] | null> },
): Promise<void> {
  await recordAuditEvent(tx, {
    orgId: context.project.orgId,
    projectId: context.project.id,
    actorId: null,
    action: event.action,
    target: event.target,
    metadata: { ...event.metadata, profile: context.profile.name, acmeAccount: account.id, eabKey: account.eabKeyName },
    summary: `By ACME account ${account.id} (key ${account.eabKeyName}), profile ${context.profile.name}`,
  });
}
