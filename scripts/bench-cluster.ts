// Throughput through HAProxy with one instance against two, on the same database and the
// same page (a signed-in members page), with the load generator on the same two cores.
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { sessionCookie, throughput } from "./bench-http.ts";
import type { Metric } from "./lib/bench-metric.ts";
import { buildIfStale } from "./lib/build.ts";
import { startCluster, type Cluster } from "./lib/cluster.ts";
import { findFreePort } from "./lib/free-port.ts";

const CONNECTIONS = 16;
const SECONDS = 10;
const ROUNDS = 3;
const MEMBERS = 50;

export async function clusterBenchmark(databaseUrl: string, print: (metric: Metric) => void): Promise<void> {
  const { db, endPool } = await import("../lib/platform/db.ts");
  const { createOrg } = await import("../lib/platform/orgs/create-org.ts");
  const stamp = Date.now();
  const user = await db().user.create({ data: { name: "Cluster Bench", email: `cluster-bench-${stamp}@example.com`, passwordHash: "not-used" } });
  const org = await createOrg({ userId: user.id, name: user.name, email: user.email }, { name: "Cluster bench", slug: `cluster-bench-${stamp}` });
  const members = await db().user.createManyAndReturn({
    data: Array.from({ length: MEMBERS - 1 }, (_, index) => ({
      name: `Member ${index}`,
      email: `cluster-bench-${stamp}-${index}@example.com`,
      passwordHash: "not-used",
    })),
    select: { id: true },
  });
  await db().orgMembership.createMany({ data: members.map((member) => ({ orgId: org.id, userId: member.id, role: "member" })) });

  const secret = "bench-secret-that-is-long-enough-for-next-auth-0123456789";
  const cookie = await sessionCookie(databaseUrl, secret, user.id);
  await buildIfStale();
  // Both set-ups run side by side and are measured in alternating rounds, so that a slow
  // moment of the machine does not land on one of them only.
  const setups = new Map<number, { cluster: Cluster; workDir: string; rounds: number[]; cores: number[]; errors: number }>();
  try {
    for (const instances of [1, 2]) {
      const workDir = mkdtempSync(path.join(tmpdir(), "tessera-bench-cluster-"));
      const port = await findFreePort();
      const cluster = await startCluster({
        instances,
        port,
        bind: "127.0.0.1",
        workDir,
        stdio: ["ignore", "ignore", "ignore"],
        env: { ...process.env, NODE_ENV: "production", DATABASE_URL: databaseUrl, NEXTAUTH_SECRET: secret, NEXTAUTH_URL: `http://127.0.0.1:${port}` },
      });
      setups.set(instances, { cluster, workDir, rounds: [], cores: [], errors: 0 });
      await cluster.waitUntilBalanced();
      await throughput(`${cluster.url}/orgs/${org.slug}/members`, cookie, CONNECTIONS, 3);
    }
    for (let round = 0; round < ROUNDS; round++) {
      for (const setup of setups.values()) {
        const pids = setup.cluster.instances.map((one) => one.process!.pid!);
        const before = cpuSeconds(pids);
        const result = await throughput(`${setup.cluster.url}/orgs/${org.slug}/members`, cookie, CONNECTIONS, SECONDS);
        setup.cores.push((cpuSeconds(pids) - before) / SECONDS);
        setup.rounds.push(result.rps);
        setup.errors += result.errors;
      }
    }
  } finally {
    for (const setup of setups.values()) {
      await setup.cluster.stop();
      rmSync(setup.workDir, { recursive: true, force: true });
    }
  }
  await db().$disconnect();
  await endPool();
  const one = setups.get(1)!;
  const two = setups.get(2)!;
  const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
  const spread = (values: number[]) => (Math.max(...values) - Math.min(...values)) / median(values);
  print({
    metric: "cluster_throughput_2_instances",
    value: Number(median(two.rounds).toFixed(1)),
    baseline: Number(median(one.rounds).toFixed(1)),
    ratio: Number((median(two.rounds) / median(one.rounds)).toFixed(2)),
    unit: `requests/s through HAProxy, members page (${MEMBERS} members), ${CONNECTIONS} connections, median of ${ROUNDS} alternating ${SECONDS}-s rounds (baseline: 1 instance)`,
    spread: Number(Math.max(spread(one.rounds), spread(two.rounds)).toFixed(3)),
    target: "> 1× (2 cores shared with PostgreSQL, HAProxy and the load generator: < 2×)",
  });
  // Why the ratio is what it is: how much of the two cores the instances got.
  print({ metric: "cluster_instance_cpu_1_instance", value: Number(median(one.cores).toFixed(2)), unit: "cores used by the instance under that load" });
  print({
    metric: "cluster_instance_cpu_2_instances",
    value: Number(median(two.cores).toFixed(2)),
    unit: "cores used by both instances together under that load",
  });
  print({ metric: "cluster_throughput_errors", value: one.errors + two.errors, unit: "non-200 responses" });
}

/** CPU time (user + system) of processes and their threads, in seconds (Linux /proc). */
function cpuSeconds(pids: number[]): number {
  let ticks = 0;
  for (const pid of pids) {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    ticks += Number(fields[11]) + Number(fields[12]);
  }
  // Linux reports clock ticks, 100 per second on every architecture Node runs on here.
  return ticks / 100;
}
