import "server-only";
import { orgAccessFor, CUSTOM_ORG_ROLE_SQL, type LoadedGroupOrgRole, type OrgAccess } from "../authz/org-access.ts";
import { groupOrgRolesSql } from "../authz/grant-sql.ts";
import type { OrgPermission } from "../authz/catalogue.ts";
import type { LoadedCustomRole } from "../authz/custom-roles.ts";
import { db, type Tx } from "../db.ts";
import { ValidationError } from "../errors.ts";
import type { Plan } from "../../generated/prisma/enums.ts";
import { assertCanGrant, orgRoleScope } from "../roles/scope.ts";
import { assertCanOfferProjectRoles } from "./project-role-offers.ts";

/** What an invitation or invite link offers, and who made it. */
export type Offer = {
  orgId: string;
  createdById: string | null;
  /** What making this kind of offer takes: member:invite, or invite-link:create. */
  permission: OrgPermission;
  role: string;
  projectRoles: ReadonlyArray<{ projectId: string; role: string }>;
};

/** Why an offer's creator can no longer stand behind it; null when they still can. */
export type CreatorLapse = "creator-gone" | "creator-not-member" | "creator-may-not-invite" | "role-beyond-creator";

type CreatorRow = {
  user_id: string;
  user_name: string;
  user_email: string;
  org_id: string;
  org_name: string;
  org_slug: string;
  org_plan: Plan;
  role: string;
  custom_role: LoadedCustomRole | null;
  group_org_roles: LoadedGroupOrgRole[];
};

/**
 * The creator's authority as it stands now, read in the caller's transaction: an invitation
 * or link carries the authority of whoever made it only while they still hold it.
 */
export async function creatorAccess(tx: Pick<Tx, "$queryRaw">, orgId: string, creatorId: string): Promise<OrgAccess | null> {
  const [row] = await tx.$queryRaw<CreatorRow[]>`
    SELECT u.id AS user_id, u.name AS user_name, u.email AS user_email,
           o.id AS org_id, o.name AS org_name, o.slug AS org_slug, o.plan::text AS org_plan, m.role,
           ${CUSTOM_ORG_ROLE_SQL} AS custom_role, ${groupOrgRolesSql()}
      FROM org_memberships m
      JOIN organizations o ON o.id = m.org_id
      JOIN users u ON u.id = m.user_id
     WHERE m.org_id = ${orgId}::uuid AND m.user_id = ${creatorId}::uuid AND u.disabled_at IS NULL AND m.deactivated_at IS NULL`;
  if (!row) return null;
  return orgAccessFor(
    { userId: row.user_id, name: row.user_name, email: row.user_email },
    { id: row.org_id, name: row.org_name, slug: row.org_slug, plan: row.org_plan },
    row.role,
    row.custom_role,
    row.group_org_roles,
  );
}

/**
 * Whether the offer's creator may still make it: still a member, still allowed to invite,
 * and holding everything the offered org role and each offered project role allow (the
 * boundary rule, evaluated now).
 */
export async function creatorLapse(
  tx: Pick<Tx, "$queryRaw" | "customRole">,
  offer: Offer,
  loadCreator: (creatorId: string) => Promise<OrgAccess | null> = (creatorId) => creatorAccess(tx, offer.orgId, creatorId),
): Promise<CreatorLapse | null> {
  if (!offer.createdById) return "creator-gone";
  const access = await loadCreator(offer.createdById);
  if (!access) return "creator-not-member";
  if (!access.can(offer.permission)) return "creator-may-not-invite";
  try {
    await assertCanGrant(orgRoleScope(access), [offer.role], "role", tx);
    await assertCanOfferProjectRoles(access, offer.projectRoles, tx);
  } catch (error) {
    if (error instanceof ValidationError) return "role-beyond-creator";
    throw error;
  }
  return null;
}

/** For the newcomer: what happened, and what to do. */
export const CREATOR_LAPSED_MESSAGE =
  "This invitation can no longer be used: the person who made it no longer has the authority to grant what it offers. Ask an admin of the organization for a new one.";

/**
 * For lists of offers (the invitations tab): which would be refused now, each creator's
 * authority loaded once however many offers they made.
 */
export function lapseChecker(orgId: string): (offer: Omit<Offer, "orgId">) => Promise<CreatorLapse | null> {
  const creators = new Map<string, Promise<OrgAccess | null>>();
  const client = db();
  const loadCreator = (creatorId: string) => {
    let access = creators.get(creatorId);
    if (!access) {
      access = creatorAccess(client, orgId, creatorId);
      creators.set(creatorId, access);
    }
    return access;
  };
  return (offer) => creatorLapse(client, { ...offer, orgId }, loadCreator);
}
