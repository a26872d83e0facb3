import "server-only";
import { z } from "zod";
import { recordAuditEvent } from "../audit/record-audit-event.ts";
import { assertPlanFeature, assertWithinPlan, PlanFeatureError, PlanLimitError } from "../billing/limits.ts";
import { contendedTransaction, db, type Tx } from "../db.ts";
import { ForbiddenError, RefusedError, ValidationError } from "../errors.ts";
import { assertHoldsWhatGroupGives, givenBy, readGroupHoldings } from "../groups/holdings.ts";
import { keepingOrgAdmins } from "../org-members/org-admins.ts";
import { keepingProjectAdmins } from "../project-members/guards.ts";
import { SLUG_MAX_LENGTH, suggestSlug } from "../slugs.ts";
import { Prisma } from "../../generated/prisma/client.ts";
import type { ScimCaller } from "./caller.ts";
import { ScimError } from "./errors.ts";
import { compileFilter, idWhere, textWhere, type FilterAttributes } from "./filter.ts";
import { GROUP_SCHEMA, listResponse, pageOf, parseScim, patched, scimBase } from "./resources.ts";

type GroupWhere = Prisma.GroupWhereInput;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

type GroupRow = { id: string; name: string; scimExternalId: string | null; createdAt: Date; updatedAt: Date };
type Member = { value: string; display: string };

/** The SCIM Group as the provider sees it; `members` left out when the provider asked (excludedAttributes=members). */
export type ScimGroupResource = {
  schemas: string[];
  id: string;
  externalId?: string;
  displayName: string;
  members?: Array<Member & { $ref?: string }>;
  meta?: unknown;
};

const GROUP_SELECT = { id: true, name: true, scimExternalId: true, createdAt: true, updatedAt: true } as const;

/** The group's provisioned members, as SCIM User ids (people added in Tessera are not the provider's to see). */
async function membersOf(client: Pick<Tx, "groupMember">, groupId: string): Promise<Member[]> {
  const rows = await client.groupMember.findMany({
    where: { groupId, orgMembership: { scimUser: { isNot: null } } },
    select: { user: { select: { name: true } }, orgMembership: { select: { scimUser: { select: { id: true } } } } },
    orderBy: { id: "asc" },
  });
  return rows.map((row) => ({ value: row.orgMembership.scimUser!.id, display: row.user.name }));
}

function toResource(row: GroupRow, members: Member[] | null, orgSlug: string): ScimGroupResource {
  const base = scimBase(orgSlug);
  return {
    schemas: [GROUP_SCHEMA],
    id: row.id,
    ...(row.scimExternalId ? { externalId: row.scimExternalId } : {}),
    displayName: row.name,
    ...(members ? { members: members.map((member) => ({ ...member, $ref: `${base}/Users/${member.value}` })) } : {}),
    meta: { resourceType: "Group", created: row.createdAt.toISOString(), lastModified: row.updatedAt.toISOString(), location: `${base}/Groups/${row.id}` },
  };
}

const withoutMembers = (query: URLSearchParams) =>
  (query.get("excludedAttributes") ?? "")
    .split(",")
    .map((name) => name.trim().toLowerCase())
    .includes("members");

const FILTERABLE: FilterAttributes<GroupWhere> = {
  id: (comparison) => ({ id: idWhere(comparison) }),
  displayname: (comparison) => ({ name: textWhere(comparison, true) }),
  externalid: (comparison) => ({ scimExternalId: textWhere(comparison, false) }),
  "members.value": (comparison) => {
    if (comparison.op !== "eq" || typeof comparison.value !== "string" || !UUID.test(comparison.value)) {
      throw ScimError.badRequest("filter: members.value is compared with eq and a User id", "invalidFilter");
    }
    return { members: { some: { orgMembership: { scimUser: { id: comparison.value } } } } };
  },
};

/** Only groups the provider made are its to see: the org's own groups are run in Tessera. */
const provisioned = (caller: ScimCaller): GroupWhere => ({ orgId: caller.access.org.id, scimManaged: true });

export async function listGroups(caller: ScimCaller, query: URLSearchParams) {
  const filter = compileFilter(query.get("filter"), FILTERABLE);
  const where: GroupWhere = { ...provisioned(caller), ...(filter ? { AND: [filter as GroupWhere] } : {}) };
  const { skip, take, startIndex } = pageOf(query);
  const [total, rows] = await Promise.all([
    db().group.count({ where }),
    take === 0 ? [] : db().group.findMany({ where, select: GROUP_SELECT, orderBy: { id: "asc" }, skip, take }),
  ]);
  const resources = await Promise.all(
    rows.map(async (row) => toResource(row, withoutMembers(query) ? null : await membersOf(db(), row.id), caller.access.org.slug)),
  );
  return listResponse(resources, total, startIndex);
}

async function findGroup(client: Pick<Tx, "group">, caller: ScimCaller, id: string): Promise<GroupRow> {
  const row = UUID.test(id) ? await client.group.findFirst({ where: { id, ...provisioned(caller) }, select: GROUP_SELECT }) : null;
  if (!row) throw ScimError.notFound("Group");
  return row;
}

export async function getGroup(caller: ScimCaller, id: string, query: URLSearchParams): Promise<ScimGroupResource> {
  const row = await findGroup(db(), caller, id);
  return toResource(row, withoutMembers(query) ? null : await membersOf(db(), row.id), caller.access.org.slug);
}

const groupBodySchema = z.looseObject({
  displayName: z.string().trim().min(1, "is required").max(100),
  externalId: z.string().trim().max(255).nullish(),
  members: z
    .array(z.looseObject({ value: z.string().max(100) }))
    .max(10_000)
    .nullish(),
});

type GroupFields = { displayName: string; externalId: string | null; memberIds: string[] };

function groupFields(body: unknown): GroupFields {
  const parsed = parseScim(groupBodySchema, body);
  return {
    displayName: parsed.displayName,
    externalId: parsed.externalId || null,
    memberIds: [...new Set((parsed.members ?? []).map((member) => member.value))],
  };
}

/** Refusals of Tessera's rules, in SCIM's words (409: the provider may retry once someone fixes it in Tessera). */
async function scimRules<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof RefusedError) throw new ScimError(409, error.message);
    if (error instanceof ValidationError) throw new ScimError(403, Object.values(error.fieldErrors).flat().join(" ") || "Not allowed");
    if (error instanceof ForbiddenError) throw new ScimError(403, "The token's creator may not change this group");
    if (error instanceof PlanFeatureError || error instanceof PlanLimitError) throw new ScimError(403, error.message);
    throw error;
  }
}

/** A slug for a provisioned group that no group of the org has yet ("engineering", then "engineering-2"…). */
async function freeSlug(tx: Tx, orgId: string, name: string): Promise<string> {
  const base = (suggestSlug(name) || "group").slice(0, SLUG_MAX_LENGTH - 4);
  const taken = new Set((await tx.group.findMany({ where: { orgId, slug: { startsWith: base } }, select: { slug: true } })).map((group) => group.slug));
  if (!taken.has(base) && base !== "new" && base !== "explain") return base;
  for (let suffix = 2; ; suffix++) if (!taken.has(`${base}-${suffix}`)) return `${base}-${suffix}`;
}

function audit(
  tx: Tx,
  caller: ScimCaller,
  action: "scim.group-provisioned" | "scim.group-updated" | "scim.group-deleted",
  group: { id: string; name: string },
  metadata: Prisma.InputJsonObject,
) {
  return recordAuditEvent(tx, {
    orgId: caller.access.org.id,
    actorId: caller.access.actor.userId,
    action,
    target: { type: "group", id: group.id, label: group.name },
    metadata: { ...metadata, via: "scim", token: caller.token.name },
  });
}

/** The org memberships behind SCIM User ids; an id that is not one of this org's provisioned people is the provider's error. */
async function membershipsOf(tx: Tx, caller: ScimCaller, scimUserIds: readonly string[]) {
  if (scimUserIds.length === 0) return [];
  const valid = scimUserIds.filter((id) => UUID.test(id));
  const rows = await tx.scimUser.findMany({
    where: { orgId: caller.access.org.id, id: { in: valid } },
    select: { id: true, orgMembershipId: true, userId: true },
  });
  if (rows.length !== scimUserIds.length) {
    const known = new Set(rows.map((row) => row.id));
    throw ScimError.badRequest(
      `members: no such User: ${scimUserIds
        .filter((id) => !known.has(id))
        .slice(0, 5)
        .join(", ")}`,
      "invalidValue",
    );
  }
  return rows;
}

/**
 * Brings the group's provisioned members to `memberIds`: adds and removes, under the same
 * rules as in Tessera — the token's creator must hold what the group gives, and nobody's
 * leaving may take the org's or a project's last Admin.
 */
async function syncMembers(tx: Tx, caller: ScimCaller, groupId: string, memberIds: readonly string[]): Promise<{ added: number; removed: number }> {
  const current = await membersOf(tx, groupId);
  const wanted = new Set(memberIds);
  const have = new Set(current.map((member) => member.value));
  const adding = await membershipsOf(
    tx,
    caller,
    memberIds.filter((id) => !have.has(id)),
  );
  const removing = current.filter((member) => !wanted.has(member.value)).map((member) => member.value);
  if (adding.length === 0 && removing.length === 0) return { added: 0, removed: 0 };
  const group = await readGroupHoldings(tx, caller.access, groupId);
  await assertHoldsWhatGroupGives(tx, caller.access, givenBy(group), "members");
  if (adding.length > 0) {
    await tx.groupMember.createMany({
      data: adding.map((row) => ({ groupId, orgMembershipId: row.orgMembershipId, userId: row.userId, addedById: caller.access.actor.userId })),
      skipDuplicates: true,
    });
  }
  if (removing.length > 0) {
    const lost = (what: string) => `Through this group someone removed is the last Admin of ${what}. Make someone else an Admin in Tessera first.`;
    await keepingOrgAdmins(tx, caller.access.org.id, lost("the organization"), () =>
      keepingProjectAdmins(
        tx,
        group.projectRoles.map((grant) => grant.projectId),
        (projects) => lost(projects.join(", ")),
        () => tx.groupMember.deleteMany({ where: { groupId, orgMembership: { scimUser: { id: { in: removing } } } } }),
      ),
    );
  }
  return { added: adding.length, removed: removing.length };
}

/** POST /Groups: a new, empty-handed group (its roles are given in Tessera), with the provider's members. */
export async function createGroup(caller: ScimCaller, body: unknown): Promise<ScimGroupResource> {
  const fields = groupFields(body);
  const row = await scimRules(() =>
    contendedTransaction(async (tx) => {
      await assertPlanFeature(tx, caller.access.org.id, "groups");
      await assertWithinPlan(tx, caller.access.org.id, "groups");
      if (
        fields.externalId &&
        (await tx.group.findFirst({ where: { orgId: caller.access.org.id, scimExternalId: fields.externalId }, select: { id: true } }))
      ) {
        throw ScimError.conflict("externalId: a group with it is already provisioned");
      }
      if (await tx.group.findFirst({ where: { ...provisioned(caller), name: { equals: fields.displayName, mode: "insensitive" } }, select: { id: true } })) {
        throw ScimError.conflict("displayName: a provisioned group has this name");
      }
      const group = await tx.group.create({
        data: {
          orgId: caller.access.org.id,
          name: fields.displayName,
          slug: await freeSlug(tx, caller.access.org.id, fields.displayName),
          scimManaged: true,
          scimExternalId: fields.externalId,
        },
        select: GROUP_SELECT,
      });
      const { added } = await syncMembers(tx, caller, group.id, fields.memberIds);
      await audit(tx, caller, "scim.group-provisioned", group, { name: group.name, externalId: fields.externalId, members: added });
      return group;
    }),
  );
  return toResource(row, await membersOf(db(), row.id), caller.access.org.slug);
}

export async function replaceGroup(caller: ScimCaller, id: string, body: unknown): Promise<ScimGroupResource> {
  const fields = groupFields(body);
  return saveGroup(caller, id, () => fields);
}

export async function patchGroup(caller: ScimCaller, id: string, body: unknown, query: URLSearchParams): Promise<ScimGroupResource | null> {
  const resource = await saveGroup(caller, id, (current, members) => groupFields(patched(toResource(current, members, caller.access.org.slug), body)));
  // Providers that patch members usually want no body back (204); one that asks for attributes gets the resource.
  return query.has("attributes") || query.has("excludedAttributes") ? resource : null;
}

async function saveGroup(caller: ScimCaller, id: string, desired: (current: GroupRow, members: Member[]) => GroupFields): Promise<ScimGroupResource> {
  const row = await scimRules(() =>
    contendedTransaction(async (tx) => {
      const current = await findGroup(tx, caller, id);
      const fields = desired(current, await membersOf(tx, current.id));
      const renamed = fields.displayName !== current.name;
      const externalIdChanged = fields.externalId !== current.scimExternalId;
      if (renamed || externalIdChanged)
        await tx.group.update({ where: { id: current.id }, data: { name: fields.displayName, scimExternalId: fields.externalId } });
      const { added, removed } = await syncMembers(tx, caller, current.id, fields.memberIds);
      if (renamed || externalIdChanged || added || removed) {
        await audit(
          tx,
          caller,
          "scim.group-updated",
          { id: current.id, name: fields.displayName },
          {
            ...(renamed ? { from: current.name, to: fields.displayName } : {}),
            added,
            removed,
          },
        );
      }
      return tx.group.findUniqueOrThrow({ where: { id: current.id }, select: GROUP_SELECT });
    }),
  );
  return toResource(row, await membersOf(db(), row.id), caller.access.org.slug);
}

/** DELETE /Groups: its members lose what it gave, under the same rules as deleting it in Tessera. */
export async function deleteGroup(caller: ScimCaller, id: string): Promise<void> {
  await scimRules(() =>
    contendedTransaction(async (tx) => {
      const current = await findGroup(tx, caller, id);
      const group = await readGroupHoldings(tx, caller.access, current.id);
      await assertHoldsWhatGroupGives(tx, caller.access, givenBy(group), "members");
      const members = await tx.groupMember.count({ where: { groupId: current.id } });
      await keepingOrgAdmins(
        tx,
        caller.access.org.id,
        "This group gives the organization's last Admin role. Make someone else an Admin in Tessera first.",
        () =>
          keepingProjectAdmins(
            tx,
            group.projectRoles.map((grant) => grant.projectId),
            (projects) => `This group gives the last Admin role of ${projects.join(", ")}. Make someone else an Admin there first.`,
            () => tx.group.delete({ where: { id: current.id } }),
          ),
      );
      await audit(tx, caller, "scim.group-deleted", current, { name: current.name, members });
    }),
  );
}
