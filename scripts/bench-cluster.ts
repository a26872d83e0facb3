// Throughput through HAProxy with one instance against two, on the same database and the
// same page (a signed-in members page), with the load generator on the same two cores.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { sessionCookie, throughput, type Metric } from "./bench-http.ts";
import { buildIfStale } from "./lib/build.ts";
import { startCluster } from "./lib/cluster.ts";
import { findFreePort } from "./lib/free-port.ts";

const CONNECTIONS = 16;
const SECONDS = 10;
const MEMBERS = 50;

export async function clusterBenchmark(databaseUrl: string, print: (metric: Metric) => void): Promise<void> {
  const { db, endPool } = await import("../lib/db.ts");
  const { createOrg } = await import("../lib/orgs/create-org.ts");
  const stamp = Date.now();
  const user = await db().user.create({ data: { name: "Cluster Bench", email: `cluster-bench-${stamp}@example.com`, passwordHash: "not-used" } });
  const org = await createOrg({ userId: user.id, name: user.name, email: user.email }, { name: "Cluster bench", slug: `cluster-bench-${stamp}` });
  const members = await db().user.createManyAndReturn({
    data: Array.from({ length: MEMBERS - 1 }, (_, index) => ({ name: `Member ${index}`, email: `cluster-bench-${stamp}-${index}@example.com`, passwordHash: "not-used" })),
    select: { id: true },
  });
  await db().orgMembership.createMany({ data: members.map((member) => ({ orgId: org.id, userId: member.id, role: "member" })) });

  const secret = "bench-secret-that-is-long-enough-for-next-auth-0123456789";
  const cookie = await sessionCookie(databaseUrl, secret, user.id);
  await buildIfStale();
  const rps: Record<number, { rps: number; errors: number }> = {};
  for (const instances of [1, 2]) {
    const workDir = mkdtempSync(path.join(tmpdir(), "tessera-bench-cluster-"));
    const port = await findFreePort();
    const cluster = await startCluster({
      instances,
      port,
      bind: "127.0.0.1",
      workDir,
      stdio: ["ignore", "ignore", "ignore"],
      env: {
        ...process.env,
        NODE_ENV: "production",
        DATABASE_URL: databaseUrl,
        NEXTAUTH_SECRET: secret,
        NEXTAUTH_URL: `http://127.0.0.1:${port}`,
      },
    });
    try {
      await cluster.waitUntilBalanced();
      const page = `${cluster.url}/orgs/${org.slug}/members`;
      await throughput(page, cookie, CONNECTIONS, 3);
      rps[instances] = await throughput(page, cookie, CONNECTIONS, SECONDS);
    } finally {
      await cluster.stop();
      rmSync(workDir, { recursive: true, force: true });
    }
  }
  await db().$disconnect();
  await endPool();
  const one = rps[1]!;
  const two = rps[2]!;
  print({
    metric: "cluster_throughput_2_instances",
    value: Number(two.rps.toFixed(1)),
    baseline: Number(one.rps.toFixed(1)),
    ratio: Number((two.rps / one.rps).toFixed(2)),
    unit: `requests/s through HAProxy, members page (${MEMBERS} members), ${CONNECTIONS} connections (baseline: 1 instance)`,
    target: "> 1× (2 cores shared with PostgreSQL, HAProxy and the load generator: < 2×)",
  });
  print({ metric: "cluster_throughput_errors", value: one.errors + two.errors, unit: "non-200 responses" });
}
