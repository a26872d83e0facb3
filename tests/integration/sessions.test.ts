import { describe, expect, it } from "vitest";
import { loadActor } from "@/lib/platform/authz/actor";
import { loadOrgAccess } from "@/lib/platform/authz/org-access";
import { loadProjectAccess } from "@/lib/platform/authz/project-access";
import { db } from "@/lib/platform/db";
import { NotFoundError } from "@/lib/platform/errors";
import { endSession, listSessions, signOutEverywhere, signOutSession, startSession } from "@/lib/platform/auth/sessions";
import { createOrgFor, createUser, currentClaims, orgWithProject } from "../support/factories";

const minutesAgo = (minutes: number) => new Date(Date.now() - minutes * 60_000);

describe("server-side sessions", () => {
  it("a session stands while its row does", async () => {
    const user = await createUser();
    expect(await loadActor(user.claims)).toEqual(user.actor);
  });

  it("signing out ends that session only: a copied token of it opens nothing, other sign-ins go on", async () => {
    const { admin, org, project } = await orgWithProject();
    const laptop = admin.claims;
    const phone = await currentClaims(admin.id);
    await endSession(admin.id, laptop.sessionId);
    expect(await loadActor(laptop)).toBeNull();
    expect(await loadOrgAccess(laptop, org.slug)).toEqual({ actor: null, access: null });
    expect((await loadProjectAccess(laptop, org.slug, project.slug)).actor).toBeNull();
    expect(await loadActor(phone)).toEqual(admin.actor);
  });

  it("a session id is good only with the user it was issued to", async () => {
    const user = await createUser();
    const other = await createUser();
    expect(await loadActor({ userId: other.id, sessionId: user.claims.sessionId })).toBeNull();
  });

  it("ends after the idle limit and at the absolute limit, however active", async () => {
    const user = await createUser();
    await db().userSession.update({ where: { id: user.claims.sessionId }, data: { lastSeenAt: minutesAgo(31) } });
    expect(await loadActor(user.claims)).toBeNull();
    const active = await currentClaims(user.id);
    await db().userSession.update({ where: { id: active.sessionId }, data: { expiresAt: minutesAgo(1) } });
    expect(await loadActor(active)).toBeNull();
  });

  it("records activity at most once a minute, in the statement that loads the actor", async () => {
    const user = await createUser();
    await db().userSession.update({ where: { id: user.claims.sessionId }, data: { lastSeenAt: minutesAgo(10) } });
    await loadActor(user.claims);
    const touched = await db().userSession.findUniqueOrThrow({ where: { id: user.claims.sessionId } });
    expect(touched.lastSeenAt.getTime()).toBeGreaterThan(minutesAgo(1).getTime());
    await db().userSession.update({ where: { id: user.claims.sessionId }, data: { lastSeenAt: minutesAgo(0.5) } });
    const before = (await db().userSession.findUniqueOrThrow({ where: { id: user.claims.sessionId } })).lastSeenAt;
    await loadActor(user.claims);
    expect((await db().userSession.findUniqueOrThrow({ where: { id: user.claims.sessionId } })).lastSeenAt).toEqual(before);
  });

  it("sign out everywhere ends every session of the actor and no one else's", async () => {
    const user = await createUser();
    const other = await createUser();
    const org = await createOrgFor(user.actor);
    const second = await currentClaims(user.id);
    await signOutEverywhere(user.actor);
    expect(await loadActor(user.claims)).toBeNull();
    expect(await loadActor(second)).toBeNull();
    expect(await loadOrgAccess(user.claims, org.slug)).toEqual({ actor: null, access: null });
    expect(await loadActor(other.claims)).toEqual(other.actor);
    // A new sign-in works.
    expect(await loadActor(await currentClaims(user.id))).toEqual(user.actor);
  });

  it("disabling an account ends its sessions on the next request", async () => {
    const user = await createUser();
    const org = await createOrgFor(user.actor);
    await db().user.update({ where: { id: user.id }, data: { disabledAt: new Date() } });
    expect(await loadActor(user.claims)).toBeNull();
    expect((await loadOrgAccess(user.claims, org.slug)).actor).toBeNull();
  });

  it("lists the actor's own live sessions with where they came from, and signs one out; others' ids are not found", async () => {
    const user = await createUser();
    const phone = await startSession(user.id, { ip: "198.51.100.7", userAgent: "Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X) Mobile Safari" });
    const stale = await currentClaims(user.id);
    await db().userSession.update({ where: { id: stale.sessionId }, data: { lastSeenAt: minutesAgo(120) } });
    const listed = await listSessions(user.actor, user.claims.sessionId);
    expect(listed.map((session) => [session.id, session.current, session.ipAddress])).toEqual(
      expect.arrayContaining([
        [user.claims.sessionId, true, "127.0.0.1"],
        [phone, false, "198.51.100.7"],
      ]),
    );
    expect(listed).toHaveLength(2);

    const intruder = await createUser();
    await expect(signOutSession(intruder.actor, { sessionId: phone })).rejects.toBeInstanceOf(NotFoundError);
    await signOutSession(user.actor, { sessionId: phone });
    expect((await listSessions(user.actor, user.claims.sessionId)).map((session) => session.id)).toEqual([user.claims.sessionId]);
  });
});
