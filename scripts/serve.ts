// Tessera's HTTP server: Next.js behind a front door that knows who is connecting.
// `next start` cannot tell the app the connection's address (it only fills in
// X-Forwarded-For when the client did not), so npm start, the e2e tests and the benchmarks
// all serve through this file (scripts/lib/run.ts `spawnServer` bundles it for plain node),
// from the project folder: `serve --port 3000 [--dev]`.
import { createServer } from "node:http";
import next from "next";
import { admitRequest, parseTrustedProxies } from "../lib/http/client-address.ts";

const dev = process.argv.includes("--dev");
const portFlag = process.argv.indexOf("--port");
const port = Number(portFlag > 0 ? process.argv[portFlag + 1] : (process.env.PORT ?? 3000));

let trusted;
try {
  trusted = parseTrustedProxies(process.env.TRUSTED_PROXIES);
} catch (error) {
  console.error(`Tessera could not start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}

const app = next({ dev, dir: process.cwd(), hostname: "localhost", port });
const handle = app.getRequestHandler();
await app.prepare();

const server = createServer((request, response) => {
  admitRequest(request, trusted);
  void handle(request, response);
});
server.listen(port);

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    server.close();
    void app.close().finally(() => process.exit(0));
    // Keep-alive connections would hold close() open; the caller waits for exit.
    server.closeAllConnections();
  });
}
