import "server-only";
import { createHash } from "node:crypto";
import { Resolver } from "node:dns/promises";
import { request } from "node:http";
import { isIP } from "node:net";
import { env } from "../../../platform/env.ts";
import { AcmeProblem } from "./problems.ts";

const TIMEOUT_MS = 10_000;
const MAX_BODY_BYTES = 8 * 1024;
const MAX_REDIRECTS = 3;

/** What proves control (RFC 8555 section 8.1): the token and the account key's thumbprint. */
export const keyAuthorizationOf = (token: string, thumbprint: string) => `${token}.${thumbprint}`;

/**
 * http-01 (RFC 8555 section 8.3): GET http://<host>:<port>/.well-known/acme-challenge/<token>
 * must answer the key authorization. From the server, with a timeout, at most 8 KiB read, and
 * redirects followed only on the same host (never to another: the fetch must not be a way to
 * reach other machines). The port is ACME_HTTP01_PORT (80 unless a test says otherwise).
 */
export async function checkHttp01(host: string, token: string, keyAuthorization: string): Promise<void> {
  const port = env().ACME_HTTP01_PORT;
  let path = `/.well-known/acme-challenge/${token}`;
  for (let redirects = 0; ; redirects++) {
    const answer = await httpGet(host, port, path);
    if (answer.status >= 300 && answer.status < 400 && answer.location) {
      const next = new URL(answer.location, `http://${hostForUrl(host)}:${port}${path}`);
      if (redirects >= MAX_REDIRECTS || next.protocol !== "http:" || next.hostname.replace(/^\[|\]$/g, "") !== host || (next.port || "80") !== String(port)) {
        throw new AcmeProblem("connection", `${host} redirected the challenge elsewhere (${next.origin}): only the same host and port are followed.`);
      }
      path = `${next.pathname}${next.search}`;
      continue;
    }
    if (answer.status !== 200) throw new AcmeProblem("incorrectResponse", `http://${hostForUrl(host)}:${port}${path} answered ${answer.status}.`, 403);
    if (answer.body.trim() !== keyAuthorization)
      throw new AcmeProblem("incorrectResponse", `${host} answered the challenge with something other than its key authorization.`, 403);
    return;
  }
}

const hostForUrl = (host: string) => (isIP(host) === 6 ? `[${host}]` : host);

function httpGet(host: string, port: number, path: string): Promise<{ status: number; location?: string; body: string }> {
  return new Promise((resolve, reject) => {
    const outgoing = request(
      {
        host,
        port,
        path,
        method: "GET",
        timeout: TIMEOUT_MS,
        agent: false,
        headers: { host: port === 80 ? hostForUrl(host) : `${hostForUrl(host)}:${port}`, "user-agent": "Tessera ACME validation" },
      },
      (response) => {
        const chunks: Buffer[] = [];
        let size = 0;
        response.on("data", (chunk: Buffer) => {
          size += chunk.length;
          if (size > MAX_BODY_BYTES) return response.destroy(new Error("too long"));
          chunks.push(chunk);
        });
        response.on("end", () =>
          resolve({ status: response.statusCode ?? 0, location: response.headers.location, body: Buffer.concat(chunks).toString("utf8") }),
        );
        response.on("error", () => reject(new AcmeProblem("incorrectResponse", `${host} answered more than ${MAX_BODY_BYTES} bytes.`, 403)));
      },
    );
    outgoing.on("timeout", () => outgoing.destroy(new Error("timeout")));
    outgoing.on("error", (error: Error) =>
      reject(
        new AcmeProblem(
          "connection",
          `Could not fetch the challenge from ${hostForUrl(host)}:${port}: ${error.message === "timeout" ? `no answer in ${TIMEOUT_MS / 1000} s` : error.message}.`,
          403,
        ),
      ),
    );
    outgoing.end();
  });
}

/**
 * dns-01 (RFC 8555 section 8.4): a TXT record at _acme-challenge.<name> holding the base64url
 * SHA-256 of the key authorization, looked up with ACME_DNS_RESOLVER when set.
 */
export async function checkDns01(name: string, keyAuthorization: string): Promise<void> {
  const expected = createHash("sha256").update(keyAuthorization).digest("base64url");
  const resolver = new Resolver({ timeout: 5_000, tries: 2 });
  const server = env().ACME_DNS_RESOLVER;
  if (server) resolver.setServers([server]);
  let records: string[][];
  try {
    records = await resolver.resolveTxt(`_acme-challenge.${name}`);
  } catch (error) {
    throw new AcmeProblem("dns", `No TXT record at _acme-challenge.${name} (${(error as NodeJS.ErrnoException).code ?? "lookup failed"}).`, 403);
  }
  if (!records.some((chunks) => chunks.join("") === expected)) {
    throw new AcmeProblem("incorrectResponse", `The TXT records at _acme-challenge.${name} do not hold this challenge's digest.`, 403);
  }
}
