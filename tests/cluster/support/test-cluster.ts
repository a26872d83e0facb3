// A cluster for one test file: a throw-away embedded PostgreSQL that the test can stop and
// start, two production instances of the current build and HAProxy in front, configured as
// `npm run start:cluster` configures them. The file's own process talks to the same
// database through lib (test set-up with tests/support/factories).
import { chmodSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { db, endPool } from "@/lib/platform/db";
import { startCluster, type Cluster } from "../../../scripts/lib/cluster.ts";
import { startEmbeddedPostgres, type EmbeddedCluster } from "../../../scripts/lib/embedded-postgres.ts";
import { findFreePort } from "../../../scripts/lib/free-port.ts";
import { migrateDeploy } from "../../../scripts/lib/migrate.ts";
import { projectRoot } from "../../../scripts/lib/run.ts";
import { createTestDatabase } from "../../../scripts/lib/test-database.ts";

export type TestCluster = Cluster & {
  postgres: EmbeddedCluster;
  databaseUrl: string;
  /** The build's id for a server action, by its exported name. */
  actionId(name: string): string;
  close(): Promise<void>;
};

const SECRETS = {
  NEXTAUTH_SECRET: "cluster-test-secret-that-is-long-enough-for-next-auth",
  ROOT_ENCRYPTION_KEY: "Y2x1c3Rlci10ZXN0LXJvb3Qta2V5LTMyLWJ5dGVzLSE=",
};

export async function startTestCluster(options: { env?: Record<string, string>; instances?: number } = {}): Promise<TestCluster> {
  const workDir = mkdtempSync(path.join(tmpdir(), "tessera-cluster-"));
  // As root, PostgreSQL runs as the "postgres" user, which must be able to enter this folder.
  chmodSync(workDir, 0o755);
  const postgres = await startEmbeddedPostgres({
    dataDir: path.join(workDir, "postgres"),
    passwordFile: path.join(workDir, "password"),
    logFile: path.join(workDir, "postgres.log"),
  });
  const database = await createTestDatabase(postgres.urlFor("postgres"), "cluster");
  await migrateDeploy(database.url);
  // lib, in this test process, reads these on first use.
  Object.assign(process.env, { DATABASE_URL: database.url, ...SECRETS });

  const port = await findFreePort();
  const cluster = await startCluster({
    instances: options.instances ?? 2,
    port,
    bind: "127.0.0.1",
    workDir: path.join(workDir, "balancer"),
    stdio: ["ignore", "ignore", "inherit"],
    env: {
      ...process.env,
      NODE_ENV: "production",
      DATABASE_URL: database.url,
      ...SECRETS,
      NEXTAUTH_URL: `http://127.0.0.1:${port}`,
      SHUTDOWN_GRACE_SECONDS: "20",
      ...options.env,
    },
  });
  await cluster.waitUntilBalanced();

  const manifest = JSON.parse(readFileSync(path.join(projectRoot, ".next", "server", "server-reference-manifest.json"), "utf8")) as {
    node: Record<string, { exportedName?: string }>;
  };
  const ids = new Map(Object.entries(manifest.node).map(([id, entry]) => [entry.exportedName ?? "", id]));

  return {
    ...cluster,
    postgres,
    databaseUrl: database.url,
    actionId(name) {
      const id = ids.get(name);
      if (!id) throw new Error(`${name} is not in the build's server-reference manifest`);
      return id;
    },
    async close() {
      await cluster.stop();
      await db().$disconnect();
      await endPool();
      await database.drop();
      await postgres.stop();
      rmSync(workDir, { recursive: true, force: true });
    },
  };
}
