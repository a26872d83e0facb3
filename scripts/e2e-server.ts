// Started by Playwright (playwright.config.ts `webServer`): a production build of Tessera
// on a throw-away embedded PostgreSQL with a fresh database, torn down when Playwright stops it.
import type { ChildProcess } from "node:child_process";
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { buildIfStale } from "./lib/build.ts";
import { startEmbeddedPostgres } from "./lib/embedded-postgres.ts";
import { migrateDeploy } from "./lib/migrate.ts";
import { spawnServer, withDefaults } from "./lib/run.ts";
import { startMailCatcher } from "./lib/mail-catcher.ts";
import { E2E_DATABASE_URL_FILE, E2E_MAIL_DIR } from "./lib/state-dir.ts";
import { createTestDatabase } from "./lib/test-database.ts";

const port = Number(process.env.E2E_PORT ?? 3100);
const workDir = mkdtempSync(path.join(tmpdir(), "tessera-e2e-"));
// As root, PostgreSQL runs as the "postgres" user, which must be able to enter this folder.
chmodSync(workDir, 0o755);
const cluster = await startEmbeddedPostgres({
  dataDir: path.join(workDir, "postgres"),
  passwordFile: path.join(workDir, "password"),
  logFile: path.join(workDir, "postgres.log"),
});
rmSync(E2E_MAIL_DIR, { recursive: true, force: true });
const mailCatcher = await startMailCatcher(E2E_MAIL_DIR);
let server: ChildProcess | undefined;

let stopping = false;
async function stop(code: number): Promise<never> {
  if (!stopping) {
    stopping = true;
    if (server && server.exitCode === null) {
      const exited = new Promise((resolve) => server?.once("exit", resolve));
      server.kill("SIGTERM");
      await exited;
    }
    await cluster.stop();
    await mailCatcher.stop();
    rmSync(workDir, { recursive: true, force: true });
  }
  process.exit(code);
}
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => void stop(0));

try {
  const database = await createTestDatabase(cluster.urlFor("postgres"), "e2e");
  await migrateDeploy(database.url);
  // Tests arrange what the UI cannot yet do (org members before invitations exist) here.
  mkdirSync(path.dirname(E2E_DATABASE_URL_FILE), { recursive: true });
  writeFileSync(E2E_DATABASE_URL_FILE, database.url, { mode: 0o600 });
  await buildIfStale();
  server = await spawnServer(["--port", String(port)], {
    stdio: "inherit",
    env: withDefaults({
      ...process.env,
      NODE_ENV: "production",
      DATABASE_URL: database.url,
      NEXTAUTH_SECRET: "e2e-secret-that-is-long-enough-for-next-auth",
      ROOT_ENCRYPTION_KEY: "ZTJlLXJvb3Qta2V5LXRoYXQtaXMtMzItYnl0ZXMtbG8=",
      NEXTAUTH_URL: `http://localhost:${port}`,
      SMTP_URL: mailCatcher.url,
      // Every e2e browser comes from 127.0.0.1; the limits themselves have integration tests.
      RATE_LIMIT_SCALE: "100",
    }),
  });
  server.on("exit", (code) => void stop(code ?? 1));
} catch (error) {
  console.error(error);
  await stop(1);
}
