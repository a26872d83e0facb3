import "server-only";
import { z } from "zod";
import { recordAuditEvent } from "../audit/record-audit-event.ts";
import { NO_PASSWORD_HASH } from "../auth/password.ts";
import { orgPlanOf } from "../billing/limits.ts";
import type { PlanId } from "../billing/plans.ts";
import { contendedTransaction, db, type Tx } from "../db.ts";
import { normalizeEmail } from "../email-address.ts";
import { RefusedError } from "../errors.ts";
import { assertAnotherOrgAdminRemains } from "../org-members/org-admins.ts";
import { assertNoProjectLosesItsLastAdmin } from "../project-members/sole-admin-projects.ts";
import { Prisma } from "../../generated/prisma/client.ts";
import type { ScimCaller } from "./caller.ts";
import { ScimError } from "./errors.ts";
import { compileFilter, idWhere, textWhere, type FilterAttributes } from "./filter.ts";
import { listResponse, pageOf, parseScim, patched, scimBase, scimBoolean, USER_SCHEMA } from "./resources.ts";

type UserWhere = Prisma.ScimUserWhereInput;

const USER_SELECT = {
  id: true,
  userId: true,
  orgMembershipId: true,
  userName: true,
  externalId: true,
  givenName: true,
  familyName: true,
  email: true,
  createdAccount: true,
  createdAt: true,
  updatedAt: true,
  user: { select: { name: true } },
  orgMembership: { select: { deactivatedAt: true, role: true } },
} as const;

type UserRow = Prisma.ScimUserGetPayload<{ select: typeof USER_SELECT }>;

/** The SCIM User as the provider sees it. */
export type ScimUserResource = {
  schemas: string[];
  id: string;
  externalId?: string;
  userName: string;
  name: { givenName: string; familyName: string; formatted: string };
  displayName: string;
  emails: Array<{ value: string; type: string; primary: boolean }>;
  active: boolean;
  meta?: unknown;
};

function toResource(row: UserRow, orgSlug: string): ScimUserResource {
  return {
    schemas: [USER_SCHEMA],
    id: row.id,
    ...(row.externalId ? { externalId: row.externalId } : {}),
    userName: row.userName,
    name: { givenName: row.givenName, familyName: row.familyName, formatted: [row.givenName, row.familyName].filter(Boolean).join(" ") },
    displayName: row.user.name,
    emails: [{ value: row.email, type: "work", primary: true }],
    active: row.orgMembership.deactivatedAt === null,
    meta: {
      resourceType: "User",
      created: row.createdAt.toISOString(),
      lastModified: row.updatedAt.toISOString(),
      location: `${scimBase(orgSlug)}/Users/${row.id}`,
    },
  };
}

const FILTERABLE: FilterAttributes<UserWhere> = {
  id: (comparison) => ({ id: idWhere(comparison) }),
  username: (comparison) => ({ userName: textWhere(comparison, true) }),
  externalid: (comparison) => ({ externalId: textWhere(comparison, false) }),
  displayname: (comparison) => ({ user: { name: textWhere(comparison, true) } }),
  emails: (comparison) => ({ email: textWhere(comparison, true) }),
  "emails.value": (comparison) => ({ email: textWhere(comparison, true) }),
  active: (comparison) => {
    if (comparison.op !== "eq" || typeof comparison.value !== "boolean")
      throw ScimError.badRequest("filter: active is compared with eq true or eq false", "invalidFilter");
    return { orgMembership: { deactivatedAt: comparison.value ? null : { not: null } } };
  },
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const isUuid = (value: string) => UUID.test(value);

export async function listUsers(caller: ScimCaller, query: URLSearchParams) {
  const filter = compileFilter(query.get("filter"), FILTERABLE);
  const where: UserWhere = { orgId: caller.access.org.id, ...(filter ? { AND: [filter as UserWhere] } : {}) };
  const { skip, take, startIndex } = pageOf(query);
  const [total, rows] = await Promise.all([
    db().scimUser.count({ where }),
    take === 0 ? [] : db().scimUser.findMany({ where, select: USER_SELECT, orderBy: { id: "asc" }, skip, take }),
  ]);
  return listResponse(
    rows.map((row) => toResource(row, caller.access.org.slug)),
    total,
    startIndex,
  );
}

async function findUser(client: Pick<Tx, "scimUser">, caller: ScimCaller, id: string): Promise<UserRow> {
  const row = isUuid(id) ? await client.scimUser.findFirst({ where: { id, orgId: caller.access.org.id }, select: USER_SELECT }) : null;
  if (!row) throw ScimError.notFound("User");
  return row;
}

export async function getUser(caller: ScimCaller, id: string): Promise<ScimUserResource> {
  return toResource(await findUser(db(), caller, id), caller.access.org.slug);
}

const userBodySchema = z.looseObject({
  userName: z.string().trim().min(1, "is required").max(320),
  externalId: z.string().trim().max(255).nullish(),
  name: z
    .looseObject({ givenName: z.string().max(100).nullish(), familyName: z.string().max(100).nullish(), formatted: z.string().max(200).nullish() })
    .nullish(),
  displayName: z.string().trim().max(100).nullish(),
  emails: z
    .array(z.looseObject({ value: z.string().trim().max(320), type: z.string().nullish(), primary: scimBoolean.nullish() }))
    .max(20)
    .nullish(),
  active: scimBoolean.nullish(),
});

/** What Tessera keeps of a User body, checked. */
type UserFields = {
  userName: string;
  externalId: string | null;
  givenName: string;
  familyName: string;
  displayName: string;
  email: string;
  active: boolean;
};

const EMAIL = z.email();

function userFields(body: unknown): UserFields {
  const parsed = parseScim(userBodySchema, body);
  const emails = parsed.emails ?? [];
  const chosen = emails.find((email) => email.primary === true) ?? emails.find((email) => email.type === "work") ?? emails[0];
  const raw = chosen?.value ?? (parsed.userName.includes("@") ? parsed.userName : "");
  if (!EMAIL.safeParse(raw).success)
    throw ScimError.badRequest("emails: a person needs an email address (emails[primary eq true].value, or an email as userName)");
  const givenName = parsed.name?.givenName?.trim() ?? "";
  const familyName = parsed.name?.familyName?.trim() ?? "";
  const email = normalizeEmail(raw);
  const displayName = parsed.displayName || parsed.name?.formatted?.trim() || [givenName, familyName].filter(Boolean).join(" ") || email.split("@")[0]!;
  return {
    userName: parsed.userName,
    externalId: parsed.externalId || null,
    givenName,
    familyName,
    displayName: displayName.slice(0, 100),
    email,
    active: parsed.active ?? true,
  };
}

/** What a scim_users row keeps of a User body (the account's own name and email are not it). */
function storedFields(fields: UserFields) {
  const { userName, externalId, givenName, familyName, email } = fields;
  return { userName, userNameKey: userName.toLowerCase(), externalId, givenName, familyName, email };
}

/** The org's allowed email domains (from its single sign-on settings): provisioning may bring in only its own people. */
async function assertDomainAllowed(tx: Tx, caller: ScimCaller, email: string) {
  const connection = await tx.ssoConnection.findUnique({ where: { orgId: caller.access.org.id }, select: { allowedDomains: true } });
  const domain = email.split("@")[1] ?? "";
  if (!connection?.allowedDomains.includes(domain)) {
    throw ScimError.badRequest(`emails: ${domain} is not one of the organization's email domains (set in its single sign-on settings)`);
  }
}

async function assertUnique(tx: Tx, caller: ScimCaller, fields: UserFields, exceptId: string | null) {
  const clash = await tx.scimUser.findFirst({
    where: {
      orgId: caller.access.org.id,
      ...(exceptId ? { id: { not: exceptId } } : {}),
      OR: [{ userNameKey: fields.userName.toLowerCase() }, ...(fields.externalId ? [{ externalId: fields.externalId }] : [])],
    },
    select: { userNameKey: true },
  });
  if (clash) {
    throw ScimError.conflict(clash.userNameKey === fields.userName.toLowerCase() ? "userName: already provisioned" : "externalId: already provisioned");
  }
}

function audit(
  tx: Tx,
  caller: ScimCaller,
  action: "scim.user-provisioned" | "scim.user-updated" | "scim.user-deactivated" | "scim.user-reactivated" | "scim.user-deleted",
  userId: string,
  metadata: Prisma.InputJsonObject,
) {
  return recordAuditEvent(tx, {
    orgId: caller.access.org.id,
    actorId: caller.access.actor.userId,
    action,
    target: { type: "user", id: userId },
    metadata: { ...metadata, via: "scim", token: caller.token.name },
  });
}

/**
 * Provisions a person (POST /Users): a new account when none has the email (no password: they
 * sign in through the org's provider), or an existing account joined to the org with the
 * default role, a seat permitting. Their email's domain must be one of the org's own.
 */
export async function createUser(caller: ScimCaller, body: unknown): Promise<ScimUserResource> {
  const fields = userFields(body);
  const row = await contendedTransaction(async (tx) => {
    const [org] = await tx.$queryRaw<Array<{ plan: PlanId; seat_limit: number | null }>>`
      SELECT plan::text AS plan, seat_limit FROM organizations WHERE id = ${caller.access.org.id}::uuid FOR UPDATE`;
    await assertDomainAllowed(tx, caller, fields.email);
    await assertUnique(tx, caller, fields, null);
    const existing = await tx.user.findUnique({
      where: { email: fields.email },
      select: { id: true, kind: true, orgMemberships: { where: { orgId: caller.access.org.id }, select: { id: true, scimUser: { select: { id: true } } } } },
    });
    if (existing && existing.kind !== "PERSON") throw ScimError.conflict("emails: that address belongs to a machine identity");
    if (existing?.orgMemberships[0]?.scimUser) throw ScimError.conflict("userName: this person is already provisioned under another userName");
    let membershipId = existing?.orgMemberships[0]?.id;
    const userId =
      existing?.id ??
      (
        await tx.user.create({
          data: { email: fields.email, name: fields.displayName, passwordHash: NO_PASSWORD_HASH, emailVerifiedAt: new Date() },
          select: { id: true },
        })
      ).id;
    if (!membershipId) {
      const seats = orgPlanOf({ plan: org!.plan, seat_limit: org!.seat_limit }).limits.seats;
      if (seats !== null && (await tx.orgMembership.count({ where: { orgId: caller.access.org.id } })) >= seats) {
        throw new ScimError(409, "The organization has no free seats: free one or upgrade its plan");
      }
      const connection = await tx.ssoConnection.findUnique({ where: { orgId: caller.access.org.id }, select: { defaultRole: true } });
      membershipId = (
        await tx.orgMembership.create({
          data: { orgId: caller.access.org.id, userId, role: connection?.defaultRole ?? "member", deactivatedAt: fields.active ? null : new Date() },
          select: { id: true },
        })
      ).id;
    }
    const created = await tx.scimUser.create({
      data: {
        orgId: caller.access.org.id,
        orgMembershipId: membershipId,
        userId,
        ...storedFields(fields),
        createdAccount: !existing,
      },
      select: USER_SELECT,
    });
    await audit(tx, caller, "scim.user-provisioned", userId, {
      userName: fields.userName,
      externalId: fields.externalId,
      newAccount: !existing,
      alreadyMember: Boolean(existing?.orgMemberships[0]),
    });
    if (!fields.active && existing?.orgMemberships[0]) await setActive(tx, caller, created, false);
    return tx.scimUser.findUniqueOrThrow({ where: { id: created.id }, select: USER_SELECT });
  });
  return toResource(row, caller.access.org.slug);
}

/** PUT: the body is the whole resource as it should be. */
export async function replaceUser(caller: ScimCaller, id: string, body: unknown): Promise<ScimUserResource> {
  const fields = userFields(body);
  return saveUser(caller, id, () => fields);
}

/** PATCH: the operations applied to the resource as it is, then saved like a PUT. */
export async function patchUser(caller: ScimCaller, id: string, body: unknown): Promise<ScimUserResource> {
  return saveUser(caller, id, (current) => userFields(patched(toResource(current, caller.access.org.slug), body)));
}

async function saveUser(caller: ScimCaller, id: string, desired: (current: UserRow) => UserFields): Promise<ScimUserResource> {
  const row = await contendedTransaction(async (tx) => {
    const current = await findUser(tx, caller, id);
    const fields = desired(current);
    await assertUnique(tx, caller, fields, current.id);
    if (fields.email !== current.email) await assertDomainAllowed(tx, caller, fields.email);
    const changed = {
      userName: fields.userName !== current.userName,
      externalId: fields.externalId !== current.externalId,
      name: fields.givenName !== current.givenName || fields.familyName !== current.familyName,
      email: fields.email !== current.email,
      // An account this org's provisioning made is the org's to rename; anyone else's name is their own.
      displayName: current.createdAccount && fields.displayName !== current.user.name,
    };
    if (Object.values(changed).some(Boolean)) {
      await tx.scimUser.update({
        where: { id: current.id },
        data: storedFields(fields),
      });
      if (changed.displayName) await tx.user.update({ where: { id: current.userId }, data: { name: fields.displayName } });
      await audit(tx, caller, "scim.user-updated", current.userId, {
        changed: Object.entries(changed)
          .filter(([, value]) => value)
          .map(([key]) => key),
      });
    }
    const active = current.orgMembership.deactivatedAt === null;
    if (fields.active !== active) await setActive(tx, caller, current, fields.active);
    return tx.scimUser.findUniqueOrThrow({ where: { id: current.id }, select: USER_SELECT });
  });
  return toResource(row, caller.access.org.slug);
}

/** Refuses what would leave the org, or one of its projects, without an Admin, in SCIM's words. */
async function assertAdminsRemain(tx: Tx, caller: ScimCaller, row: Pick<UserRow, "orgMembershipId" | "userId">) {
  try {
    await assertAnotherOrgAdminRemains(
      tx,
      caller.access.org.id,
      row.orgMembershipId,
      "This is the organization's last Admin: make someone else an Admin in Tessera first.",
      true,
    );
    await assertNoProjectLosesItsLastAdmin(tx, row.userId, caller.access.org.id, "they");
  } catch (error) {
    if (error instanceof RefusedError) throw new ScimError(409, error.message);
    throw error;
  }
}

/** Ends the sessions that came through this org's provider, and every session of an account this org's provisioning made. */
function endSessionsFromOrg(tx: Tx, caller: ScimCaller, row: Pick<UserRow, "userId" | "createdAccount">) {
  return tx.userSession.deleteMany({ where: { userId: row.userId, ...(row.createdAccount ? {} : { ssoOrgId: caller.access.org.id }) } });
}

/**
 * Deactivates (the person keeps their roles, but every access statement treats them as not a
 * member, from their next request on) or reactivates. Deactivating also ends the sessions that
 * came through this org's provider, and every session of an account this org provisioned.
 */
async function setActive(tx: Tx, caller: ScimCaller, row: Pick<UserRow, "orgMembershipId" | "userId" | "createdAccount" | "userName">, active: boolean) {
  if (!active) {
    await assertAdminsRemain(tx, caller, row);
    await endSessionsFromOrg(tx, caller, row);
  }
  await tx.orgMembership.update({ where: { id: row.orgMembershipId }, data: { deactivatedAt: active ? null : new Date() } });
  await audit(tx, caller, active ? "scim.user-reactivated" : "scim.user-deactivated", row.userId, { userName: row.userName });
}

/**
 * DELETE: takes the person out of the org (their project roles and groups go with the
 * membership); the account stays, and so does the audit trail naming them.
 */
export async function deleteUser(caller: ScimCaller, id: string): Promise<void> {
  await contendedTransaction(async (tx) => {
    const row = await findUser(tx, caller, id);
    await assertAdminsRemain(tx, caller, row);
    await endSessionsFromOrg(tx, caller, row);
    await tx.orgMembership.delete({ where: { id: row.orgMembershipId } });
    await audit(tx, caller, "scim.user-deleted", row.userId, { userName: row.userName, role: row.orgMembership.role });
  });
}
