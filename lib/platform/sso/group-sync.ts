import "server-only";
import { recordAuditEvent } from "../audit/record-audit-event.ts";
import type { Tx } from "../db.ts";
import { ForbiddenError, NotFoundError, RefusedError, ValidationError } from "../errors.ts";
import { assertHoldsWhatGroupGives, givenBy, readGroupHoldings } from "../groups/holdings.ts";
import { creatorAccess } from "../invitations/creator-authority.ts";
import { keepingOrgAdmins } from "../org-members/org-admins.ts";
import { keepingProjectAdmins } from "../project-members/guards.ts";

const MAX_LISTED_GROUPS = 1_000;

/** The group names a groups claim lists: an array of strings, or one string. */
function listedNames(value: unknown): Set<string> {
  const names = Array.isArray(value) ? value : typeof value === "string" ? [value] : [];
  return new Set(names.filter((name): name is string => typeof name === "string").slice(0, MAX_LISTED_GROUPS));
}

/** Whether whoever mapped the group still may hand its members to the provider: they must manage members and hold what it gives. */
async function mapperMayStill(tx: Tx, orgId: string, groupId: string, mapperId: string | null): Promise<string | null> {
  const mapper = mapperId ? await creatorAccess(tx, orgId, mapperId) : null;
  if (!mapper?.can("group:manage-members")) return null;
  try {
    await assertHoldsWhatGroupGives(tx, mapper, givenBy(await readGroupHoldings(tx, mapper, groupId)), "idpGroup");
    return mapper.actor.userId;
  } catch (error) {
    if (error instanceof ValidationError || error instanceof ForbiddenError || error instanceof NotFoundError) return null;
    throw error;
  }
}

/**
 * At a single sign-on, brings the person's membership of every mapped group in line with the
 * groups the provider lists now: joins those listed, leaves those not — each only while whoever
 * mapped the group still holds the authority to (authority is checked when it is used), and
 * never taking the org's or a project's last Admin (the person then stays, on record).
 */
export async function syncIdpGroups(tx: Tx, orgId: string, userId: string, listed: unknown): Promise<void> {
  const groups = await tx.group.findMany({
    where: { orgId, idpGroup: { not: null }, scimManaged: false },
    select: {
      id: true,
      name: true,
      idpGroup: true,
      idpGroupSetById: true,
      projectRoles: { select: { projectId: true } },
      members: { where: { userId }, select: { id: true } },
    },
  });
  if (groups.length === 0) return;
  const names = listedNames(listed);
  const membership = await tx.orgMembership.findUniqueOrThrow({ where: { orgId_userId: { orgId, userId } }, select: { id: true } });
  const added: string[] = [];
  const removed: string[] = [];
  const kept: string[] = [];
  for (const group of groups) {
    const listedNow = names.has(group.idpGroup!);
    if (listedNow === group.members.length > 0) continue;
    const mapperId = await mapperMayStill(tx, orgId, group.id, group.idpGroupSetById);
    if (!mapperId) {
      await recordAuditEvent(tx, {
        orgId,
        actorId: null,
        action: "sso.group-sync-skipped",
        target: { type: "group", id: group.id, label: group.name },
        metadata: { userId, idpGroup: group.idpGroup, wouldHave: listedNow ? "added" : "removed" },
      });
      continue;
    }
    if (listedNow) {
      await tx.groupMember.create({ data: { groupId: group.id, orgMembershipId: membership.id, userId, addedById: mapperId } });
      added.push(group.name);
      continue;
    }
    // A refused removal is undone alone; the rest of the sign-in goes on.
    await tx.$executeRaw`SAVEPOINT idp_group_removal`;
    try {
      const message = () => "the last Admin";
      await keepingOrgAdmins(tx, orgId, message(), () =>
        keepingProjectAdmins(
          tx,
          group.projectRoles.map((grant) => grant.projectId),
          message,
          () => tx.groupMember.delete({ where: { id: group.members[0]!.id } }),
        ),
      );
      await tx.$executeRaw`RELEASE SAVEPOINT idp_group_removal`;
      removed.push(group.name);
    } catch (error) {
      if (!(error instanceof RefusedError)) throw error;
      await tx.$executeRaw`ROLLBACK TO SAVEPOINT idp_group_removal`;
      kept.push(group.name);
    }
  }
  if (added.length + removed.length + kept.length === 0) return;
  await recordAuditEvent(tx, {
    orgId,
    actorId: userId,
    action: "sso.groups-synced",
    target: { type: "user", id: userId },
    metadata: { added, removed, keptAsLastAdmin: kept },
    summary: [
      added.length ? `joined ${added.join(", ")}` : "",
      removed.length ? `left ${removed.join(", ")}` : "",
      kept.length ? `kept in ${kept.join(", ")} (last Admin)` : "",
    ]
      .filter(Boolean)
      .join("; "),
  });
}
