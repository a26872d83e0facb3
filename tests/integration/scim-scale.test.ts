// An identity provider's first sync of a real company and its last: 1,000 people and 50 groups
// provisioned (four requests at a time, as Okta and Entra ID send them), paged through, then
// all deprovisioned — with nothing of them left in the org but the audit trail.
import { describe, expect, it } from "vitest";
import { db } from "@/lib/platform/db";
import { createScimToken } from "@/lib/platform/scim/tokens";
import { orgAccess, orgWithProject, unique } from "../support/factories";
import { GROUP_SCHEMA, scimClient, USER_SCHEMA } from "../support/scim-client";

const PEOPLE = 1_000;
const GROUPS = 50;
const AT_ONCE = 4;

/** Runs `work` over `items`, `AT_ONCE` at a time. */
async function inParallel<T, R>(items: readonly T[], work: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: AT_ONCE }, async () => {
      while (next < items.length) {
        const index = next++;
        results[index] = await work(items[index]!, index);
      }
    }),
  );
  return results;
}

describe("provisioning at scale", () => {
  it("provisions 1,000 people and 50 groups, pages through them, and deprovisions them all", { timeout: 600_000 }, async () => {
    const context = await orgWithProject();
    await db().organization.update({ where: { id: context.org.id }, data: { plan: "ENTERPRISE" } });
    const admin = await orgAccess(context.admin, context.org.slug);
    const domain = `${unique("corp")}.test`;
    await db().ssoConnection.create({
      data: { orgId: context.org.id, issuer: "https://idp.invalid", clientId: "x", clientSecretSealed: new Uint8Array([0]), allowedDomains: [domain] },
    });
    const { token } = await createScimToken(admin, { orgSlug: context.org.slug, name: "Entra ID", expiresIn: "365" });
    const scim = scimClient(context.org.slug, token);

    const people = await inParallel(Array.from({ length: PEOPLE }), async (_, index) => {
      const login = `person${index}@${domain}`;
      const answer = await scim("POST", "Users", {
        schemas: [USER_SCHEMA],
        userName: login,
        emails: [{ value: login, primary: true }],
        displayName: `Person ${index}`,
      });
      expect(answer.status).toBe(201);
      return answer.body.id;
    });
    const groups = await inParallel(Array.from({ length: GROUPS }), async (_, index) => {
      const members = people.slice(index * 20, index * 20 + 20).map((value) => ({ value }));
      const answer = await scim("POST", "Groups", { schemas: [GROUP_SCHEMA], displayName: `Team ${index}`, members });
      expect(answer.status).toBe(201);
      return answer.body.id;
    });
    expect(await db().groupMember.count({ where: { group: { orgId: context.org.id } } })).toBe(PEOPLE);

    const first = await scim("GET", "Users?startIndex=1&count=200");
    expect(first.body).toMatchObject({ totalResults: PEOPLE, itemsPerPage: 200, startIndex: 1 });
    const last = await scim("GET", "Users?startIndex=901&count=200");
    expect(last.body.Resources).toHaveLength(100);
    const seen = new Set<string>();
    for (let start = 1; start <= PEOPLE; start += 200) {
      for (const resource of (await scim("GET", `Users?startIndex=${start}&count=200`)).body.Resources) seen.add(resource.id);
    }
    expect(seen.size).toBe(PEOPLE);
    expect((await scim("GET", "Groups?excludedAttributes=members&count=100")).body.totalResults).toBe(GROUPS);

    await inParallel(groups, async (id) => expect((await scim("DELETE", `Groups/${id}`)).status).toBe(204));
    await inParallel(people, async (id) => expect((await scim("DELETE", `Users/${id}`)).status).toBe(204));

    expect(await db().scimUser.count({ where: { orgId: context.org.id } })).toBe(0);
    expect(await db().group.count({ where: { orgId: context.org.id } })).toBe(0);
    expect(await db().orgMembership.count({ where: { orgId: context.org.id } })).toBe(1);
    expect(await db().auditEvent.count({ where: { orgId: context.org.id, action: "scim.user-deleted" } })).toBe(PEOPLE);
  });
});
