// One fresh database per test run, on a throw-away embedded PostgreSQL cluster (or on the
// server named by TEST_DATABASE_URL), migrated with the committed migrations and dropped
// at the end. Tests never share fixed rows: each makes its own users and orgs.
import { chmodSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { startEmbeddedPostgres, type EmbeddedCluster } from "../../scripts/lib/embedded-postgres.ts";
import { migrateDeploy } from "../../scripts/lib/migrate.ts";
import { createPamTarget, type PamTarget } from "../../scripts/lib/pam-target.ts";
import { createTestDatabase, type TestDatabase } from "../../scripts/lib/test-database.ts";

declare module "vitest" {
  export interface ProvidedContext {
    databaseUrl: string;
    /** A database PAM grants access to, with its broker (scripts/lib/pam-target.ts). */
    pamTarget: PamTarget;
  }
}

let cluster: EmbeddedCluster | undefined;
let database: TestDatabase | undefined;
let pamTarget: { target: PamTarget; drop(): Promise<void> } | undefined;
let workDir: string | undefined;

export async function setup(project: TestProject): Promise<void> {
  let serverUrl = process.env.TEST_DATABASE_URL;
  if (!serverUrl) {
    workDir = mkdtempSync(path.join(tmpdir(), "tessera-vitest-"));
    // As root, PostgreSQL runs as the "postgres" user, which must be able to enter this folder.
    chmodSync(workDir, 0o755);
    cluster = await startEmbeddedPostgres({
      dataDir: path.join(workDir, "postgres"),
      passwordFile: path.join(workDir, "password"),
      logFile: path.join(workDir, "postgres.log"),
    });
    serverUrl = cluster.urlFor("postgres");
  }
  database = await createTestDatabase(serverUrl, "vitest");
  await migrateDeploy(database.url);
  project.provide("databaseUrl", database.url);
  pamTarget = await createPamTarget(serverUrl);
  project.provide("pamTarget", pamTarget.target);
}

export async function teardown(): Promise<void> {
  await pamTarget?.drop();
  await database?.drop();
  await cluster?.stop();
  if (workDir) rmSync(workDir, { recursive: true, force: true });
}
