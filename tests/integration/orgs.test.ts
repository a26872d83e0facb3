import { describe, expect, it } from "vitest";
import { loadOrgAccess } from "@/lib/platform/authz/org-access";
import { db } from "@/lib/platform/db";
import { ValidationError } from "@/lib/platform/errors";
import { createOrg } from "@/lib/platform/orgs/create-org";
import { listMyOrgs } from "@/lib/platform/authz/list-my-orgs";
import { createOrgFor, createUser, unique } from "../support/factories";

describe("createOrg", () => {
  it("creates the org with its creator as Admin and an audit event, together", async () => {
    const { actor, claims } = await createUser();
    const slug = unique("acme-");
    const org = await createOrg(actor, { name: "  Acme  ", slug });
    expect(org).toEqual({ id: expect.any(String), name: "Acme", slug });
    const access = await loadOrgAccess(claims, slug);
    expect(access.access?.role).toBe("admin");
    const events = await db().auditEvent.findMany({ where: { orgId: org.id } });
    expect(events).toEqual([expect.objectContaining({ action: "org.created", actorId: actor.userId, targetType: "organization", targetId: org.id })]);
  });

  it("refuses an invalid slug at the slug field and writes nothing", async () => {
    const { actor } = await createUser();
    for (const slug of ["Acme", "api", "\u0430cme", "x".repeat(64)]) {
      const attempt = createOrg(actor, { name: "Acme", slug });
      await expect(attempt, slug).rejects.toMatchObject({ issues: [expect.objectContaining({ path: ["slug"] })] });
    }
    expect(await listMyOrgs(actor)).toEqual([]);
  });

  it("refuses a taken slug with a message at the slug field", async () => {
    const first = await createUser();
    const second = await createUser();
    const org = await createOrgFor(first.actor);
    const attempt = createOrg(second.actor, { name: "Copycat", slug: org.slug });
    await expect(attempt).rejects.toBeInstanceOf(ValidationError);
    await expect(attempt).rejects.toMatchObject({ fieldErrors: { slug: [`The slug "${org.slug}" is taken. Choose another.`] } });
    expect(await db().orgMembership.count({ where: { userId: second.id } })).toBe(0);
  });

  it("lets exactly one of many simultaneous creates with one slug win", async () => {
    const users = await Promise.all(Array.from({ length: 6 }, () => createUser()));
    const slug = unique("race-");
    const results = await Promise.allSettled(users.map((user) => createOrg(user.actor, { name: "Race", slug })));
    const won = results.filter((result) => result.status === "fulfilled");
    const lost = results.filter((result) => result.status === "rejected");
    expect(won).toHaveLength(1);
    for (const result of lost) expect(result.reason).toBeInstanceOf(ValidationError);
    expect(await db().orgMembership.count({ where: { org: { slug } } })).toBe(1);
    expect(await db().auditEvent.count({ where: { action: "org.created", targetId: (won[0] as PromiseFulfilledResult<{ id: string }>).value.id } })).toBe(1);
  });
});

describe("org access", () => {
  it("lists only the actor's own orgs, by name", async () => {
    const { actor } = await createUser();
    const stranger = await createUser();
    const zulu = await createOrgFor(actor, "Zulu");
    const alpha = await createOrgFor(actor, "Alpha");
    await createOrgFor(stranger.actor, "Elsewhere");
    expect((await listMyOrgs(actor)).map((org) => org.slug)).toEqual([alpha.slug, zulu.slug]);
  });

  it("gives a member of another org nothing for this org's slug, same as for a missing org", async () => {
    const owner = await createUser();
    const outsider = await createUser();
    await createOrgFor(outsider.actor);
    const org = await createOrgFor(owner.actor);
    const guessed = await loadOrgAccess(outsider.claims, org.slug);
    const missing = await loadOrgAccess(outsider.claims, unique("missing-"));
    expect(guessed).toEqual({ actor: { ...outsider.actor, sessionId: outsider.claims.sessionId }, access: null });
    expect(missing).toEqual(guessed);
  });
});
