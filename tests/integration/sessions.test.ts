import { describe, expect, it } from "vitest";
import { loadActor } from "@/lib/authz/actor";
import { loadOrgAccess } from "@/lib/authz/org-access";
import { db } from "@/lib/db";
import { signOutEverywhere } from "@/lib/users/sign-out-everywhere";
import { createOrgFor, createUser } from "../support/factories";

describe("session revocation", () => {
  it("a session stands while its version matches the user's", async () => {
    const user = await createUser();
    expect(await loadActor(user.claims)).toEqual(user.actor);
  });

  it("sign out everywhere voids every existing session at once", async () => {
    const user = await createUser();
    const org = await createOrgFor(user.actor);
    await signOutEverywhere(user.actor);
    expect(await loadActor(user.claims)).toBeNull();
    expect(await loadOrgAccess(user.claims, org.slug)).toEqual({ actor: null, access: null });
    // A new sign-in gets the new version and works.
    expect(await loadActor({ ...user.claims, sessionVersion: user.claims.sessionVersion + 1 })).toEqual(user.actor);
  });

  it("disabling an account ends its sessions on the next request", async () => {
    const user = await createUser();
    const org = await createOrgFor(user.actor);
    await db().user.update({ where: { id: user.id }, data: { disabledAt: new Date() } });
    expect(await loadActor(user.claims)).toBeNull();
    expect((await loadOrgAccess(user.claims, org.slug)).actor).toBeNull();
  });

  it("signing out everywhere touches only the actor's own sessions", async () => {
    const user = await createUser();
    const other = await createUser();
    await signOutEverywhere(user.actor);
    expect(await loadActor(other.claims)).toEqual(other.actor);
  });
});
