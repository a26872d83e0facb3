// Tessera's HTTP server: Next.js behind a front door that knows who is connecting.
// `next start` cannot tell the app the connection's address (it only fills in
// X-Forwarded-For when the client did not), so npm start, the cluster, the e2e tests and
// the benchmarks all serve through this file (scripts/lib/run.ts `spawnServer` bundles it
// for plain node), from the project folder: `serve --port 3000 [--host 127.0.0.1] [--dev]`.
// The front door also answers a 503 page while the database is away (lib/platform/http/database-gate.ts),
// refuses request bodies over 1 MiB before anything reads them (lib/platform/http/body-limit.ts)
// and stops gracefully on SIGTERM (lib/platform/http/graceful-stop.ts).
import { createServer } from "node:http";
import next from "next";
import { admitBody } from "../lib/platform/http/body-limit.ts";
import { admitRequest, parseTrustedProxies } from "../lib/platform/http/client-address.ts";
import { DatabaseGate, databaseProbe } from "../lib/platform/http/database-gate.ts";
import { DEFAULT_GRACE_SECONDS, GracefulStop } from "../lib/platform/http/graceful-stop.ts";

const dev = process.argv.includes("--dev");
const flag = (name: string) => {
  const index = process.argv.indexOf(name);
  return index > 0 ? process.argv[index + 1] : undefined;
};
const port = Number(flag("--port") ?? process.env.PORT ?? 3000);
const host = flag("--host");
/** Names this instance in an X-Served-By header, so a cluster's tests can tell who answered. */
const instanceName = process.env.TESSERA_INSTANCE_NAME;

let trusted;
let graceSeconds;
try {
  trusted = parseTrustedProxies(process.env.TRUSTED_PROXIES);
  graceSeconds = Number(process.env.SHUTDOWN_GRACE_SECONDS ?? DEFAULT_GRACE_SECONDS);
  if (!Number.isFinite(graceSeconds) || graceSeconds < 0) throw new Error("SHUTDOWN_GRACE_SECONDS must be a number of seconds");
  if (!process.env.DATABASE_URL) throw new Error("DATABASE_URL is required");
} catch (error) {
  console.error(`Tessera could not start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}

const app = next({ dev, dir: process.cwd(), hostname: host ?? "localhost", port });
const handle = app.getRequestHandler();
await app.prepare();

const gate = new DatabaseGate(databaseProbe(process.env.DATABASE_URL));
const server = createServer((request, response) => {
  stop.track(response);
  if (instanceName) response.setHeader("X-Served-By", instanceName);
  admitRequest(request, trusted);
  if (gate.intercept(request, response)) return;
  void admitBody(request, response).then(async (admitted) => {
    if (admitted) await handle(request, response);
  });
});
const stop = new GracefulStop(server, () => app.close(), graceSeconds);
stop.listen();
if (host) server.listen(port, host);
else server.listen(port);
