import { createServer, request, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { admitRequest, parseTrustedProxies } from "@/lib/platform/http/client-address";
import { clientIp } from "@/lib/platform/rate-limits/client-ip";
import { signInAllowed } from "@/lib/platform/rate-limits/sign-in-limits";
import { unique } from "../support/factories";

/**
 * Tessera's front door (what scripts/serve.ts runs before Next.js) in front of the real
 * sign-in limits, reached over real TCP from different loopback addresses.
 */
const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => new Promise((resolve) => server.close(resolve))));
});

async function signInEndpoint(trustedProxies: string): Promise<number> {
  const trusted = parseTrustedProxies(trustedProxies);
  const server = createServer((incoming, response) => {
    admitRequest(incoming, trusted);
    const headers = new Headers(incoming.headers as Record<string, string>);
    void signInAllowed(headers.get("x-email"), clientIp(headers)).then((allowed) => {
      response.writeHead(allowed ? 200 : 429).end();
    });
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return (server.address() as AddressInfo).port;
}

function attempt(port: number, from: string, email: string, forwardedFor?: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = { "x-email": email };
    if (forwardedFor) headers["x-forwarded-for"] = forwardedFor;
    request({ host: "127.0.0.1", port, localAddress: from, headers }, (response) => {
      response.resume();
      resolve(response.statusCode ?? 0);
    })
      .on("error", reject)
      .end();
  });
}

describe("sign-in limits keyed on the connection's address", () => {
  it("hold when an untrusted client rotates X-Forwarded-For", async () => {
    const port = await signInEndpoint("");
    const email = `${unique("victim")}@example.com`;
    const statuses = [];
    for (let index = 0; index < 34; index++) statuses.push(await attempt(port, "127.0.0.2", email, `198.51.100.${index}`));
    expect(statuses.slice(0, 10).every((status) => status === 200)).toBe(true);
    expect(statuses.slice(10).every((status) => status === 429)).toBe(true);
  });

  it("believe X-Forwarded-For from a configured proxy, so each client behind it is its own", async () => {
    const port = await signInEndpoint("127.0.0.3/32");
    const email = `${unique("shared")}@example.com`;
    const statuses = [];
    for (let index = 0; index < 12; index++) statuses.push(await attempt(port, "127.0.0.3", email, `198.51.100.${index}`));
    expect(statuses.every((status) => status === 200)).toBe(true);
    // One client behind the proxy guessing is still limited…
    const guesses = [];
    for (let index = 0; index < 11; index++) guesses.push(await attempt(port, "127.0.0.3", email, "203.0.113.50"));
    expect(guesses.at(-1)).toBe(429);
    // …and a client that is not the proxy cannot pretend to be behind it.
    for (let index = 0; index < 10; index++) await attempt(port, "127.0.0.4", email, `192.0.2.${index}`);
    expect(await attempt(port, "127.0.0.4", email, "192.0.2.200")).toBe(429);
  });

  it("do not lock the owner out: twelve bad passwords from elsewhere leave the owner's address free", async () => {
    const port = await signInEndpoint("");
    const email = `${unique("owner")}@example.com`;
    for (let index = 0; index < 12; index++) await attempt(port, "127.0.0.5", email);
    expect(await attempt(port, "127.0.0.5", email)).toBe(429);
    expect(await attempt(port, "127.0.0.6", email)).toBe(200);
  });
});
