import { describe, expect, it } from "vitest";
import { db } from "@/lib/platform/db";
import { changeOrgMemberRole } from "@/lib/platform/org-members/change-org-member-role";
import { removeOrgMember } from "@/lib/platform/org-members/remove-org-member";
import { addOrgMember, createOrgFor, createUser, orgAccess } from "../support/factories";

/** The counters the triggers keep, and the memberships counted the slow way: they must be equal. */
async function countsOf(orgId: string) {
  const kept = await db().$queryRaw<Array<{ role: string; members: number }>>`
    SELECT role, members FROM org_member_counts WHERE org_id = ${orgId}::uuid AND members <> 0 ORDER BY role`;
  const counted = await db().$queryRaw<Array<{ role: string; members: number }>>`
    SELECT role, count(*)::int AS members FROM org_memberships WHERE org_id = ${orgId}::uuid GROUP BY role ORDER BY role`;
  return { kept, counted };
}

async function expectExact(orgId: string, expected: Record<string, number>) {
  const { kept, counted } = await countsOf(orgId);
  expect(kept).toEqual(counted);
  expect(Object.fromEntries(kept.map((row) => [row.role, row.members]))).toEqual(expected);
}

describe("org member counts", () => {
  it("follow every way a membership changes: joins, role changes, removals, a deleted account, a bulk insert", async () => {
    const admin = await createUser();
    const org = await createOrgFor(admin.actor);
    const access = await orgAccess(admin, org.slug);
    await expectExact(org.id, { admin: 1 });

    const people = await Promise.all([createUser(), createUser(), createUser()]);
    const memberships = [];
    for (const person of people) memberships.push(await addOrgMember(org.id, person.id, "member"));
    await expectExact(org.id, { admin: 1, member: 3 });

    await changeOrgMemberRole(access, { orgSlug: org.slug, membershipId: memberships[0]!.id, role: "admin" });
    await expectExact(org.id, { admin: 2, member: 2 });

    // An update that does not touch the role leaves the counts alone.
    await db().orgMembership.updateMany({ where: { orgId: org.id }, data: { deactivatedAt: new Date() } });
    await db().orgMembership.updateMany({ where: { orgId: org.id }, data: { deactivatedAt: null } });
    await expectExact(org.id, { admin: 2, member: 2 });

    await removeOrgMember(access, { orgSlug: org.slug, membershipId: memberships[1]!.id });
    await expectExact(org.id, { admin: 2, member: 1 });

    // Deleting an account removes its memberships by cascade.
    await db().user.delete({ where: { id: people[2]!.id } });
    await expectExact(org.id, { admin: 2 });

    // One statement adding many (as the scale seed and bulk SQL do).
    const many = await Promise.all(Array.from({ length: 5 }, () => createUser()));
    await db().$executeRaw`
      INSERT INTO org_memberships (id, org_id, user_id, role)
      SELECT gen_random_uuid(), ${org.id}::uuid, id, 'no-access' FROM unnest(${many.map((one) => one.id)}::uuid[]) AS id`;
    await expectExact(org.id, { admin: 2, "no-access": 5 });
  });

  it("stay exact when joins and opposite role changes in one org run at once, and nobody deadlocks on them", async () => {
    const admin = await createUser();
    const org = await createOrgFor(admin.actor);
    const people = await Promise.all(Array.from({ length: 12 }, () => createUser()));
    const memberships = await Promise.all(people.slice(0, 8).map((person, index) => addOrgMember(org.id, person.id, index % 2 ? "admin" : "member")));
    // Each transaction moves one member each way between admin and member (in opposite orders
    // for odd and even), and adds a newcomer: unsorted counter updates would deadlock here.
    await Promise.all(
      [0, 2, 4, 6].map((index) =>
        db().$transaction(async (tx) => {
          const [first, second] = index % 4 ? [memberships[index]!, memberships[index + 1]!] : [memberships[index + 1]!, memberships[index]!];
          await tx.$executeRaw`UPDATE org_memberships SET role = CASE role WHEN 'admin' THEN 'member' ELSE 'admin' END WHERE id = ${first.id}::uuid`;
          await tx.$executeRaw`UPDATE org_memberships SET role = CASE role WHEN 'admin' THEN 'member' ELSE 'admin' END WHERE id = ${second.id}::uuid`;
          await tx.orgMembership.create({ data: { orgId: org.id, userId: people[8 + index / 2]!.id, role: "member" } });
        }),
      ),
    );
    await expectExact(org.id, { admin: 5, member: 8 });
  });

  it("go with their org when it is deleted", async () => {
    const admin = await createUser();
    const org = await createOrgFor(admin.actor);
    await addOrgMember(org.id, (await createUser()).id, "member");
    await db().organization.delete({ where: { id: org.id } });
    expect(await db().orgMemberCount.count({ where: { orgId: org.id } })).toBe(0);
  });
});
