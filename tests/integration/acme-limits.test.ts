// The ACME server needs no sign-in and stores a nonce for every answer: one address gets a
// bounded number of requests a minute, shared by every instance (the counter is in PostgreSQL),
// and what clients leave behind (nonces, old orders) is pruned by the sweep.
import { describe, expect, it } from "vitest";
import { CLIENT_ADDRESS_HEADER } from "@/lib/platform/http/client-address";
import { RATE_LIMITS } from "@/lib/platform/rate-limits/rate-limit";
import { db } from "@/lib/platform/db";
import { createEabKey } from "@/lib/products/pki/acme/eab-keys";
import { pruneNonces } from "@/lib/products/pki/acme/nonces";
import { pruneExpiredOrders } from "@/lib/products/pki/acme/orders";
import { handleAcme } from "@/lib/products/pki/acme/server";
import { hierarchy, openProfile, pkiProject } from "../support/pki";

describe("ACME from one address", () => {
  it("answers past the limit with rateLimited and Retry-After, storing no nonce, while other addresses go on", async () => {
    const project = await pkiProject();
    const { intermediateId } = await hierarchy(project);
    const profileId = await openProfile(project, intermediateId);
    const call = (address: string) =>
      handleAcme("HEAD", new Request("http://localhost/new-nonce", { method: "HEAD", headers: { [CLIENT_ADDRESS_HEADER]: address } }), profileId, [
        "new-nonce",
      ]);
    for (let count = 0; count < RATE_LIMITS.acmePerIp.points; count++) {
      const answer = await call("203.0.113.7");
      expect(answer.status).toBe(200);
      expect(answer.headers.get("replay-nonce")).toMatch(/^[A-Za-z0-9_-]{24}$/);
    }
    const refused = await call("203.0.113.7");
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(refused.headers.get("replay-nonce")).toBeNull();
    const problem = await handleAcme("GET", new Request("http://localhost/directory", { headers: { [CLIENT_ADDRESS_HEADER]: "203.0.113.7" } }), profileId, [
      "directory",
    ]);
    expect(await problem.json()).toMatchObject({ type: "urn:ietf:params:acme:error:rateLimited", status: 429 });
    expect((await call("203.0.113.8")).status).toBe(200);
  }, 120_000);

  it("the sweep drops expired nonces and orders a month past their expiry, with their authorizations", async () => {
    const project = await pkiProject();
    const { intermediateId } = await hierarchy(project);
    const profileId = await openProfile(project, intermediateId);
    const { keyId } = await createEabKey(project.admin, { ...project.ref, profileId, name: "prune" });
    const account = await db().acmeAccount.create({
      data: { projectId: project.project.id, profileId, eabKeyId: keyId, keyThumbprint: `thumb-${keyId}`, jwk: { kty: "EC" } },
    });
    const order = (expiresAt: Date) =>
      db().acmeOrder.create({
        data: {
          accountId: account.id,
          status: "pending",
          identifiers: [],
          expiresAt,
          authorizations: { create: { identifierType: "dns", identifierValue: "old.svc.internal", expiresAt } },
        },
      });
    const old = await order(new Date(Date.now() - 31 * 86_400_000));
    const recent = await order(new Date(Date.now() - 86_400_000));
    await db().acmeNonce.createMany({
      data: [
        { value: `stale-${keyId}`, expiresAt: new Date(Date.now() - 1000) },
        { value: `live-${keyId}`, expiresAt: new Date(Date.now() + 60_000) },
      ],
    });
    await pruneExpiredOrders();
    await pruneNonces();
    expect(await db().acmeOrder.findMany({ where: { accountId: account.id }, select: { id: true } })).toEqual([{ id: recent.id }]);
    expect(await db().acmeAuthorization.count({ where: { orderId: old.id } })).toBe(0);
    expect(await db().acmeNonce.findMany({ where: { value: { endsWith: keyId } }, select: { value: true } })).toEqual([{ value: `live-${keyId}` }]);
  });
});
