// A production instance refuses oversized request bodies while they stream in (second
// security review, item 2: a 64 MiB chunked POST to the sign-in-free login grew the server
// by ~150 MiB). Measured on the instance's own process, over real TCP, straight to it.
import { readFileSync } from "node:fs";
import { request as httpRequest } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestCluster, type TestCluster } from "./support/test-cluster";

const MIB = 1024 * 1024;
let cluster: TestCluster;

beforeAll(async () => {
  cluster = await startTestCluster({ instances: 1 });
});
afterAll(async () => {
  await cluster?.close();
});

/** The instance's resident memory, from the kernel. */
function residentBytes(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, "utf8").match(/^VmRSS:\s+(\d+) kB$/m);
  return Number(line?.[1]) * 1024;
}

/** POSTs `totalBytes` chunked (no declared length), one 64 KiB buffer written again and again. */
function postChunked(url: string, path: string, totalBytes: number, headers: Record<string, string> = {}): Promise<{ status: number; body: string }> {
  const target = new URL(path, url);
  const piece = Buffer.alloc(64 * 1024, "{");
  return new Promise((resolve, reject) => {
    const outgoing = httpRequest(
      {
        method: "POST",
        host: target.hostname,
        port: target.port,
        path: target.pathname,
        agent: false,
        headers: { "content-type": "application/json", ...headers },
      },
      (response) => {
        let body = "";
        response.on("data", (chunk: Buffer) => (body += chunk.toString()));
        response.on("end", () => resolve({ status: response.statusCode ?? 0, body }));
      },
    );
    outgoing.on("error", (error: NodeJS.ErrnoException) => (error.code === "EPIPE" || error.code === "ECONNRESET" ? undefined : reject(error)));
    let sent = 0;
    const writeMore = () => {
      while (sent < totalBytes) {
        sent += piece.length;
        if (!outgoing.write(piece)) return void outgoing.once("drain", writeMore);
      }
      outgoing.end();
    };
    writeMore();
  });
}

describe("request bodies on a production instance", () => {
  it("answers 413 to 64 MiB chunked POSTs to the API login and a server action, without growing by them", async () => {
    const instance = cluster.instances[0]!;
    const pid = instance.process!.pid!;
    // Warm the routes first, so that loading their code is not counted as the body's.
    await postChunked(instance.url, "/api/v1/auth/universal-auth/login", 1024);
    const before = residentBytes(pid);
    for (let attempt = 0; attempt < 3; attempt++) {
      const login = await postChunked(instance.url, "/api/v1/auth/universal-auth/login", 64 * MIB);
      expect(login.status).toBe(413);
      expect(JSON.parse(login.body)).toMatchObject({ statusCode: 413, error: "Payload Too Large" });
      const action = await postChunked(instance.url, "/login", 64 * MIB, { "next-action": cluster.actionId("signUpAction"), accept: "text/x-component" });
      expect(action.status).toBe(413);
    }
    // Six bodies of 64 MiB went by; reading any one of them whole would show here.
    expect(residentBytes(pid) - before).toBeLessThan(40 * MIB);
    // And the instance still answers.
    const small = await postChunked(instance.url, "/api/v1/auth/universal-auth/login", 0);
    expect(small.status).toBe(422);
  });

  it("refuses oversized bodies at the identity providers' doors too (SCIM, back-channel logout), and answers small ones in their protocols", async () => {
    const instance = cluster.instances[0]!;
    for (const path of ["/api/scim/v2/some-org/Users", "/api/sso/logout/some-org"]) {
      expect((await postChunked(instance.url, path, 8 * MIB)).status, path).toBe(413);
    }
    const scim = await postChunked(instance.url, "/api/scim/v2/some-org/Users", 1024, { "content-type": "application/scim+json" });
    expect(scim.status).toBe(401);
    expect(JSON.parse(scim.body)).toMatchObject({ schemas: ["urn:ietf:params:scim:api:messages:2.0:Error"], status: "401" });
    // The logout endpoint reads at most 16 KiB of its own, below the door's limit.
    const logout = await postChunked(instance.url, "/api/sso/logout/some-org", 64 * 1024, { "content-type": "application/x-www-form-urlencoded" });
    expect(logout.status).toBe(413);
    const unknown = await postChunked(instance.url, "/api/sso/logout/some-org", 0, { "content-type": "application/x-www-form-urlencoded" });
    expect(unknown.status).toBe(400);
  });
});
