// The front door's answer to a database outage (lib/platform/http/database-gate.ts), on a real HTTP
// server with a probe the test sets: an app error while the database is away becomes the
// 503 page, later pages get it without reaching the app, and the gate opens by itself.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { createGzip } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DatabaseGate } from "@/lib/platform/http/database-gate";

let databaseUp = true;
let appCalls = 0;
let server: Server;
let base: string;
const log: string[] = [];

/**
 * Gzip installed after the gate, as Next.js installs its compression: it sets
 * Content-Encoding from a writeHead hook and sends compressed bytes through the methods it
 * found, the gate's. A gate that put the original methods back would cut this out.
 */
function compressLikeNext(request: IncomingMessage, response: ServerResponse): void {
  if (!String(request.headers["accept-encoding"]).includes("gzip")) return;
  const gzip = createGzip();
  const { writeHead, write, end } = response;
  response.writeHead = function (this: ServerResponse, ...args: Parameters<ServerResponse["writeHead"]>) {
    this.setHeader("content-encoding", "gzip");
    this.removeHeader("content-length");
    return (writeHead as (...inner: unknown[]) => ServerResponse).apply(this, args);
  } as ServerResponse["writeHead"];
  const start = () => {
    if (!response.headersSent) response.writeHead(response.statusCode);
  };
  gzip.on("data", (chunk: Buffer) => (write as (data: Buffer) => boolean).call(response, chunk));
  gzip.on("end", () => (end as () => void).call(response));
  response.write = ((chunk: string) => {
    start();
    return gzip.write(chunk);
  }) as ServerResponse["write"];
  response.end = ((chunk?: string) => {
    start();
    if (chunk) gzip.write(chunk);
    gzip.end();
    return response;
  }) as ServerResponse["end"];
}

beforeAll(async () => {
  const gate = new DatabaseGate(
    async () => databaseUp,
    (message) => log.push(message),
  );
  server = createServer((request, response) => {
    if (gate.intercept(request, response)) return;
    compressLikeNext(request, response);
    appCalls++;
    const path = request.url ?? "/";
    if (path === "/ok") {
      response.setHeader("content-type", "text/plain");
      response.end("fine");
    } else if (path === "/streamed-error") {
      // As Next.js sends an error page: status set, then the body in pieces.
      response.statusCode = 500;
      response.setHeader("content-length", "20");
      response.write("stack trace: ");
      response.end("secret!");
    } else {
      response.writeHead(500, { "content-type": "text/plain" });
      response.end("internal error");
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe("the database gate", () => {
  it("lets pages and app errors through unchanged (compressed by what wraps it later) while the database answers", async () => {
    databaseUp = true;
    const page = await fetch(`${base}/ok`);
    expect(page.headers.get("content-encoding")).toBe("gzip");
    expect(await page.text()).toBe("fine");
    const response = await fetch(`${base}/boom`);
    expect(response.status).toBe(500);
    expect(response.headers.get("content-encoding")).toBe("gzip");
    expect(await response.text()).toBe("internal error");
    const streamed = await fetch(`${base}/streamed-error`);
    expect(streamed.status).toBe(500);
    expect(await streamed.text()).toBe("stack trace: secret!");
  });

  it("turns an error into the 503 page when the database is away, then answers 503 without the app until it returns", async () => {
    databaseUp = false;
    const failed = await fetch(`${base}/streamed-error`);
    expect(failed.status).toBe(503);
    expect(failed.headers.get("retry-after")).toBe("5");
    expect(failed.headers.get("cache-control")).toBe("no-store");
    expect(failed.headers.get("content-security-policy")).toContain("default-src 'none'");
    expect(failed.headers.get("content-encoding")).toBeNull();
    const page = await failed.text();
    expect(page).toContain("Tessera is briefly unavailable");
    expect(page).not.toContain("secret");

    const callsBefore = appCalls;
    const next = await fetch(`${base}/ok`);
    expect(next.status).toBe(503);
    expect(appCalls).toBe(callsBefore);

    const api = await fetch(`${base}/api/v4/secrets`);
    expect(api.status).toBe(503);
    expect(await api.json()).toMatchObject({ statusCode: 503, error: "Service Unavailable" });

    // Server actions answer "try again" in their own form; health reports for itself.
    expect((await fetch(`${base}/orgs/acme`, { method: "POST", headers: { "next-action": "abc" } })).status).toBe(500);
    expect((await fetch(`${base}/api/health`)).status).toBe(500);
    expect(appCalls).toBe(callsBefore + 2);

    databaseUp = true;
    await expect.poll(async () => (await fetch(`${base}/ok`)).status, { timeout: 5_000, interval: 200 }).toBe(200);
    expect(log).toEqual(["Tessera cannot reach its database: pages answer 503 until it is back.", "The database answers again: serving normally."]);
  });
});
