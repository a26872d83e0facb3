// Request bodies over the limit are refused while they stream in, not after they were read
// whole (second security review, item 2). Over real TCP, with chunked and declared lengths.
import { createServer, request as httpRequest, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { admitBody, readBodyWithin } from "@/lib/platform/http/body-limit";

const LIMIT = 64 * 1024;
const MIB = 1024 * 1024;
let server: Server;
let port: number;
/** Bodies the app behind the front door received, whole. */
const received: Buffer[] = [];

beforeAll(async () => {
  server = createServer((request, response) => {
    void admitBody(request, response, LIMIT).then((admitted) => {
      if (!admitted) return;
      const chunks: Buffer[] = [];
      request.on("data", (chunk: Buffer) => chunks.push(chunk));
      request.on("end", () => {
        received.push(Buffer.concat(chunks));
        response.end("ok");
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  port = (server.address() as AddressInfo).port;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

/**
 * POSTs `totalBytes` in 64 KiB chunks (one buffer written again and again, so the client
 * itself allocates nothing), chunked unless `declare` is set; resolves with the status and body.
 */
function post(path: string, totalBytes: number, declare = false): Promise<{ status: number; body: string }> {
  const piece = Buffer.alloc(64 * 1024, "a");
  return new Promise((resolve, reject) => {
    const outgoing = httpRequest(
      { method: "POST", host: "127.0.0.1", port, path, agent: false, headers: declare ? { "content-length": totalBytes } : {} },
      (response) => {
        let body = "";
        response.on("data", (chunk: Buffer) => (body += chunk.toString()));
        response.on("end", () => resolve({ status: response.statusCode ?? 0, body }));
      },
    );
    outgoing.on("error", (error) => (error.message.includes("EPIPE") || error.message.includes("ECONNRESET") ? undefined : reject(error)));
    let sent = 0;
    const writeMore = () => {
      while (sent < totalBytes) {
        const size = Math.min(piece.length, totalBytes - sent);
        sent += size;
        if (!outgoing.write(size === piece.length ? piece : piece.subarray(0, size))) return void outgoing.once("drain", writeMore);
      }
      outgoing.end();
    };
    writeMore();
  });
}

describe("the front door's body limit", () => {
  it("refuses a 64 MiB chunked body with 413 without holding it in memory", async () => {
    globalThis.gc?.();
    const before = process.memoryUsage();
    const answer = await post("/api/v1/auth/universal-auth/login", 64 * MIB);
    const after = process.memoryUsage();
    expect(answer.status).toBe(413);
    expect(JSON.parse(answer.body)).toMatchObject({ statusCode: 413, error: "Payload Too Large" });
    // What the old code did (read it whole) grows external memory by the body's 64 MiB.
    expect(after.arrayBuffers - before.arrayBuffers).toBeLessThan(16 * MIB);
    expect(after.rss - before.rss).toBeLessThan(32 * MIB);
  });

  it("refuses a declared length over the limit before reading any of it", async () => {
    const answer = await post("/settings", LIMIT + 1, true);
    expect(answer.status).toBe(413);
    expect(answer.body).toMatch(/larger than 64 KiB/);
  });

  it("hands a chunked body within the limit to the app intact, and a declared one too", async () => {
    received.length = 0;
    expect((await post("/", LIMIT)).status).toBe(200);
    expect((await post("/", 1000, true)).status).toBe(200);
    expect(received.map((body) => body.length)).toEqual([LIMIT, 1000]);
    expect(received[0]!.every((byte) => byte === 97)).toBe(true);
  });
});

describe("a route handler's body", () => {
  it("stops reading an endless stream at the limit", async () => {
    let pulled = 0;
    const endless = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled++;
        controller.enqueue(new Uint8Array(16 * 1024));
      },
    });
    const request = new Request("http://localhost/api", { method: "POST", body: endless, duplex: "half" } as RequestInit);
    expect(await readBodyWithin(request, LIMIT)).toBeNull();
    expect(pulled).toBeLessThan(10);
  });

  it("refuses a declared length over the limit and reads one within it", async () => {
    const big = new Request("http://localhost/api", { method: "POST", body: "x", headers: { "content-length": String(LIMIT + 1) } });
    expect(await readBodyWithin(big, LIMIT)).toBeNull();
    const small = new Request("http://localhost/api", { method: "POST", body: JSON.stringify({ clientId: "a" }) });
    expect(new TextDecoder().decode((await readBodyWithin(small, LIMIT))!)).toBe('{"clientId":"a"}');
  });
});
