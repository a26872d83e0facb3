import { existsSync } from "node:fs";
import path from "node:path";
import { RETRY_AFTER_SECONDS, UNAVAILABLE_PAGE } from "../../lib/platform/http/unavailable-page.ts";

export type Backend = { name: string; port: number };

/** HAProxy from Debian (`apt-get install haproxy`), or the one HAPROXY names. */
export function haproxyBinary(): string {
  if (process.env.HAPROXY) return process.env.HAPROXY;
  const found = [...(process.env.PATH ?? "").split(":"), "/usr/sbin", "/usr/local/sbin"]
    .map((folder) => path.join(folder, "haproxy"))
    .find((candidate) => existsSync(candidate));
  if (!found) {
    throw new Error("HAProxy is not installed. On Debian or Ubuntu: sudo apt-get install haproxy (or set HAPROXY to its path).");
  }
  return found;
}

/**
 * The load balancer's configuration (README, "Running several instances"). Two backends over
 * the same instances: `ready` checks readiness (/api/health: database reachable, migrations
 * current) and gets every request while any instance is ready; `alive` checks liveness
 * only and gets requests when none is ready, which is a database outage: every instance
 * then answers for itself (a 503 page, "try again" in forms) instead of the balancer
 * answering with no instance at all. Round-robin per request; a connection that fails
 * before the request was sent is retried on another instance (never a sent request).
 */
export function haproxyConfig(options: { bind: string; port: number; backends: Backend[]; errorFile: string }): string {
  const servers = options.backends.map((backend) => `    server ${backend.name} 127.0.0.1:${backend.port} check inter 1s fall 2 rise 2`).join("\n");
  return `global
    log stderr format raw daemon notice
    maxconn 4096

defaults
    mode http
    log global
    option forwardfor
    option redispatch
    retries 2
    timeout connect 2s
    timeout client 60s
    timeout server 60s
    timeout http-request 10s
    timeout http-keep-alive 10s
    timeout check 2s
    errorfile 503 ${options.errorFile}

frontend tessera
    bind ${options.bind}:${options.port}
    use_backend ready if { nbsrv(ready) gt 0 }
    default_backend alive

backend ready
    balance roundrobin
    option httpchk GET /api/health
    http-check expect status 200
${servers}

backend alive
    balance roundrobin
    option httpchk GET /api/health/live
    http-check expect status 200
${servers}
`;
}

/** The balancer's own 503 (no instance alive at all): the instances' page, as a raw HTTP response. */
export function haproxyErrorFile(): string {
  const body = Buffer.from(UNAVAILABLE_PAGE);
  return [
    "HTTP/1.0 503 Service Unavailable",
    "Cache-Control: no-store",
    "Connection: close",
    "Content-Type: text/html; charset=utf-8",
    `Content-Length: ${body.byteLength}`,
    `Retry-After: ${RETRY_AFTER_SECONDS}`,
    "",
    UNAVAILABLE_PAGE,
  ].join("\r\n");
}
