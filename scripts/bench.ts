// `npm run bench`: micro-benchmarks, printed one JSON line per metric. Nothing here is an
// assertion: tests never time anything; this prints numbers to track.
import { randomBytes } from "node:crypto";
import { chmodSync, mkdtempSync, rmSync } from "node:fs";
import { register } from "node:module";
import { tmpdir } from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import pg from "pg";
import { clusterBenchmark } from "./bench-cluster.ts";
import { httpBenchmarks } from "./bench-http.ts";
import { crlBuildBenchmark } from "./bench-pki.ts";
import { startEmbeddedPostgres } from "./lib/embedded-postgres.ts";
import { migrateDeploy } from "./lib/migrate.ts";
import { embeddedPaths } from "./lib/state-dir.ts";
import { createTestDatabase } from "./lib/test-database.ts";
import { withinTarget, type Metric } from "./lib/bench-metric.ts";

const judged: Array<{ metric: string; met: boolean }> = [];

function print(metric: Metric): void {
  console.log(JSON.stringify(metric));
  const met = withinTarget(metric);
  if (met !== null) judged.push({ metric: metric.metric, met });
}

/** Median and relative spread (max-min over median) of several timed rounds. */
function rounds(count: number, run: () => number): { median: number; spread: number } {
  const results = Array.from({ length: count }, run).sort((a, b) => a - b);
  const median = results[Math.floor(results.length / 2)] ?? 0;
  const spread = median === 0 ? 0 : ((results.at(-1) ?? 0) - (results[0] ?? 0)) / median;
  return { median, spread: Number(spread.toFixed(3)) };
}

async function permissionCheck(): Promise<void> {
  const { buildAbility } = await import("../lib/platform/authz/ability.ts");
  const { projectRoleRules } = await import("../lib/platform/authz/built-in-roles.ts");
  const ability = buildAbility([
    ...projectRoleRules("member", "SECRET_MANAGER"),
    {
      subject: "secret",
      actions: ["read-value"],
      inverted: true,
      conditions: [{ field: "environment", operator: "eq", value: "prod" }],
    },
  ]);
  const resource = { environment: "staging", secretPath: "/api/payments" };
  const granted = new Set(["secret:read-value", "secret:describe", "project:read"]);
  const iterations = 200_000;
  let sink = 0;
  const timeNs = (check: () => boolean) => () => {
    const start = performance.now();
    for (let index = 0; index < iterations; index++) if (check()) sink++;
    return ((performance.now() - start) * 1e6) / iterations;
  };
  // Warm both paths before measuring.
  timeNs(() => ability.can("secret:read-value", resource))();
  const check = rounds(
    7,
    timeNs(() => ability.can("secret:read-value", resource)),
  );
  const baseline = rounds(
    7,
    timeNs(() => granted.has("secret:read-value")),
  );
  print({
    metric: "permission_check_warm",
    value: Number((check.median / 1000).toFixed(3)),
    baseline: Number((baseline.median / 1000).toFixed(4)),
    ratio: Number((check.median / baseline.median).toFixed(1)),
    unit: "µs per check (baseline: Set.has)",
    spread: check.spread,
  });
  if (sink < 0) console.log(sink);
}

async function actorLoaderStatements(databaseUrl: string): Promise<void> {
  process.env.DATABASE_URL = databaseUrl;
  process.env.NEXTAUTH_SECRET ??= "bench-secret-that-is-long-enough-for-next-auth";
  const { db, endPool } = await import("../lib/platform/db.ts");
  const { loadProjectAccess } = await import("../lib/platform/authz/project-access.ts");
  const { loadOrgAccess } = await import("../lib/platform/authz/org-access.ts");
  const { createOrg } = await import("../lib/platform/orgs/create-org.ts");
  const { createProject } = await import("../lib/platform/projects/create-project.ts");
  (await import("../lib/app/products.ts")).registerProducts();

  const user = await db().user.create({
    data: { name: "Bench", email: `bench-${Date.now()}@example.com`, passwordHash: "not-used" },
  });
  const actor = { userId: user.id, name: user.name, email: user.email };
  const { startSession } = await import("../lib/platform/auth/sessions.ts");
  const claims = { userId: user.id, sessionId: await startSession(user.id, { ip: null, userAgent: "bench" }) };
  const org = await createOrg(actor, { name: "Bench", slug: `bench-${Date.now()}` });
  const { access } = await loadOrgAccess(claims, org.slug);
  if (!access) throw new Error("bench org access missing");
  const project = await createProject(access, { orgSlug: org.slug, name: "Bench", slug: "bench", type: "SECRET_MANAGER" });
  // The actor also holds roles through groups (an org role, project roles): still one statement.
  await db().organization.update({ where: { id: org.id }, data: { plan: "ENTERPRISE" } });
  const orgMembership = await db().orgMembership.findUniqueOrThrow({ where: { orgId_userId: { orgId: org.id, userId: user.id } } });
  for (const [index, role] of ["viewer", "member", "admin"].entries()) {
    const group = await db().group.create({
      data: { orgId: org.id, name: `Bench group ${index}`, slug: `bench-group-${index}`, orgRole: index === 0 ? "member" : null },
    });
    await db().groupMember.create({ data: { groupId: group.id, orgMembershipId: orgMembership.id, userId: user.id } });
    await db().groupProjectRole.create({ data: { groupId: group.id, projectId: project.id, role } });
  }

  // Count what reaches PostgreSQL: every statement the driver sends.
  let statements = 0;
  const query = pg.Client.prototype.query;
  pg.Client.prototype.query = function countingQuery(this: pg.Client, ...args: unknown[]) {
    statements++;
    return (query as (...inner: unknown[]) => unknown).apply(this, args);
  } as typeof query;
  await loadProjectAccess(claims, org.slug, project.slug); // warm the pool
  statements = 0;
  await loadProjectAccess(claims, org.slug, project.slug);
  const projectLoader = statements;
  statements = 0;
  await loadOrgAccess(claims, org.slug);
  const orgLoader = statements;
  pg.Client.prototype.query = query;
  print({ metric: "sql_statements_project_actor_loader", value: projectLoader, unit: "statements per request" });
  print({ metric: "sql_statements_org_actor_loader", value: orgLoader, unit: "statements per request" });
  await db().$disconnect();
  await endPool();
}

// Read before the micro-benchmarks point DATABASE_URL at their throw-away database.
const scaleDatabaseUrl = process.env.DATABASE_URL;
const scaleRootKey = process.env.ROOT_ENCRYPTION_KEY;
register("./lib/server-only-hook.mjs", import.meta.url);

const workDir = mkdtempSync(path.join(tmpdir(), "tessera-bench-"));
chmodSync(workDir, 0o755);
const cluster = await startEmbeddedPostgres({
  dataDir: path.join(workDir, "postgres"),
  passwordFile: path.join(workDir, "password"),
  logFile: path.join(workDir, "postgres.log"),
});
// The throw-away database's own root key (the lib reads it once, on first use).
process.env.ROOT_ENCRYPTION_KEY ??= randomBytes(32).toString("base64");
const throwAwayRootKey = process.env.ROOT_ENCRYPTION_KEY;
try {
  await permissionCheck();
  const database = await createTestDatabase(cluster.urlFor("postgres"), "bench");
  await migrateDeploy(database.url);
  await actorLoaderStatements(database.url);
  await crlBuildBenchmark(print);
  if (!process.env.BENCH_ONLY || process.env.BENCH_ONLY.split(",").includes("cluster")) await clusterBenchmark(database.url, print);
  await database.drop();
} finally {
  // The page benchmarks take the scale database's key (npm start's), not this one.
  if (process.env.ROOT_ENCRYPTION_KEY === throwAwayRootKey && !scaleRootKey) delete process.env.ROOT_ENCRYPTION_KEY;
  await cluster.stop();
  rmSync(workDir, { recursive: true, force: true });
}

/** The pages, measured over HTTP on the `npm run seed:scale` data set (DATABASE_URL or the embedded one). */
async function scaleBenchmarks(): Promise<void> {
  const scaleCluster = scaleDatabaseUrl ? undefined : await startEmbeddedPostgres(embeddedPaths());
  const databaseUrl = scaleDatabaseUrl ?? scaleCluster!.urlFor("tessera");
  try {
    // The data set may predate the latest migrations (new indexes are part of what is measured).
    await migrateDeploy(databaseUrl);
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    const admin = await client
      .query<{ id: string }>("SELECT id FROM users WHERE email = 'scale-user-1@scale.tessera.test'")
      .catch(() => ({ rows: [] as Array<{ id: string }> }));
    await client.end();
    const row = admin.rows[0];
    if (!row) {
      console.error("No scale data set: run `npm run seed:scale` first for the page benchmarks.");
      return;
    }
    await httpBenchmarks(databaseUrl, { id: row.id }, print, scaleCluster ? embeddedPaths().logFile : undefined);
  } finally {
    await scaleCluster?.stop();
  }
}

await scaleBenchmarks();
const missed = judged.filter((one) => !one.met).map((one) => one.metric);
console.log(`${judged.length - missed.length} of ${judged.length} within target${missed.length ? `; missed: ${missed.join(", ")}` : ""}`);
