// The HTTP half of `npm run bench`: a production build with the baseline routes, served on
// the seeded scale data set, measured against a minimal dynamic page in interleaved rounds.
import { openSync, readdirSync, readFileSync, readSync, statSync, closeSync } from "node:fs";
import pg from "pg";
import { performance } from "node:perf_hooks";
import { actionBenchmarks } from "./bench-actions.ts";
import type { Metric } from "./lib/bench-metric.ts";
import { findFreePort } from "./lib/free-port.ts";
import { SCALE_PAM, SCALE_PKI } from "./lib/seed-products.ts";
import { apiBenchmarks } from "./bench-api.ts";
import { bin, runOrThrow, spawnServer, withDefaults } from "./lib/run.ts";
import { resolveRootEncryptionKey } from "./lib/root-key.ts";
import { embeddedPaths } from "./lib/state-dir.ts";

const ROUNDS = 5;
const REQUESTS_PER_ROUND = 60;
const THROUGHPUT_SECONDS = 10;
const LOAD_SECONDS = Number(process.env.BENCH_LOAD_SECONDS ?? 300);

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

/** Sequential requests (one connection): each one's time, and how many were not 200. */
async function sample(url: string, cookie: string, count: number): Promise<{ times: number[]; errors: number }> {
  const times: number[] = [];
  let errors = 0;
  for (let index = 0; index < count; index++) {
    const start = performance.now();
    const response = await fetch(url, { headers: { cookie }, redirect: "manual" });
    await response.arrayBuffer();
    times.push(performance.now() - start);
    if (response.status !== 200) errors++;
  }
  return { times, errors };
}

/** The start of a throughput window left out: every connection's first request starts at once. */
const THROUGHPUT_SETTLE = 0.1;

/**
 * Requests per second with `connections` loops in parallel for `seconds`: the responses that
 * ended inside the window, after it settled. Counting the requests still running when it
 * closed, as this did, added about half a request per connection to every window: 5 more in
 * 200 made the slower page's rate 2.5 % higher, the floor's 1.2 %.
 */
export async function throughput(url: string, cookie: string, connections: number, seconds: number): Promise<{ rps: number; errors: number }> {
  const start = performance.now();
  const from = start + seconds * 1000 * THROUGHPUT_SETTLE;
  const until = start + seconds * 1000;
  let done = 0;
  let errors = 0;
  await Promise.all(
    Array.from({ length: connections }, async () => {
      while (performance.now() < until) {
        const response = await fetch(url, { headers: { cookie }, redirect: "manual" });
        await response.arrayBuffer();
        const end = performance.now();
        if (end >= from && end <= until) done++;
        if (response.status !== 200) errors++;
      }
    }),
  );
  return { rps: done / ((until - from) / 1000), errors };
}

/** Resident memory of a process and all its descendants, in MiB (Linux /proc). */
function treeRssMiB(rootPid: number): number {
  const children = new Map<number, number[]>();
  const rss = new Map<number, number>();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const status = readFileSync(`/proc/${entry}/status`, "utf8");
      const ppid = Number(/PPid:\s+(\d+)/.exec(status)?.[1]);
      rss.set(Number(entry), Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0));
      children.set(ppid, [...(children.get(ppid) ?? []), Number(entry)]);
    } catch {
      // The process ended while we looked.
    }
  }
  let total = 0;
  const queue = [rootPid];
  while (queue.length) {
    const pid = queue.pop()!;
    total += rss.get(pid) ?? 0;
    queue.push(...(children.get(pid) ?? []));
  }
  return total / 1024;
}

/** What PostgreSQL logged after `offset` in its log file. */
function logSince(file: string, offset: number): string {
  const size = statSync(file).size;
  const buffer = Buffer.alloc(Math.max(0, size - offset));
  const fd = openSync(file, "r");
  readSync(fd, buffer, 0, buffer.length, offset);
  closeSync(fd);
  return buffer.toString();
}

/**
 * SQL statements one request sends, as PostgreSQL itself logs them (log_statement = all,
 * switched on for the count only). Needs the embedded server, whose log we can read.
 */
async function statementsPerRequest(
  databaseUrl: string,
  logFile: string,
  urls: Record<string, string>,
  cookie: string,
  print: (metric: Metric) => void,
  prefix = "",
) {
  const admin = new pg.Client({ connectionString: databaseUrl });
  await admin.connect();
  try {
    await admin.query("ALTER SYSTEM SET log_statement = 'all'");
    await admin.query("SELECT pg_reload_conf()");
    await new Promise((resolve) => setTimeout(resolve, 500));
    for (const [name, url] of Object.entries(urls)) {
      const offset = statSync(logFile).size;
      const response = await fetch(url, { headers: { cookie }, redirect: "manual" });
      await response.arrayBuffer();
      await new Promise((resolve) => setTimeout(resolve, 500));
      const statements = logSince(logFile, offset).match(/LOG:\s+(statement|execute [^:]*):/g)?.length ?? 0;
      print({
        metric: `sql_statements_${prefix}${name}`,
        value: statements,
        unit: "statements per request (as PostgreSQL logs them)",
        target: name === "baseline" ? undefined : "≤ 4",
      });
    }
  } finally {
    await admin.query("ALTER SYSTEM RESET log_statement");
    await admin.query("SELECT pg_reload_conf()");
    await admin.end();
  }
}

/** A signed-in session for `userId`: its row (as a sign-in creates one) and the cookie that names it. */
export async function sessionCookie(databaseUrl: string, secret: string, userId: string): Promise<string> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const {
      rows: [session],
    } = await client.query<{ id: string }>(
      `INSERT INTO user_sessions (id, user_id, expires_at, user_agent) VALUES (gen_random_uuid(), $1, now() + interval '1 day', 'bench') RETURNING id`,
      [userId],
    );
    const { encode } = await import("next-auth/jwt");
    const token = await encode({ token: { sub: userId, sid: session!.id }, secret });
    return `next-auth.session-token=${token}`;
  } finally {
    await client.end();
  }
}

/** `BENCH_ONLY=api,actions` measures only those groups (pages, actions, api, memory); unset, all. */
function measures(group: "pages" | "actions" | "api" | "memory"): boolean {
  const only = process.env.BENCH_ONLY?.split(",")
    .map((name) => name.trim())
    .filter(Boolean);
  return !only?.length || only.includes(group);
}

export async function httpBenchmarks(databaseUrl: string, admin: { id: string }, print: (metric: Metric) => void, postgresLog?: string): Promise<void> {
  const secret = "bench-secret-that-is-long-enough-for-next-auth-0123456789";
  const port = await findFreePort();
  const env = withDefaults({
    ...process.env,
    TESSERA_BENCH_ROUTES: "1",
    NODE_ENV: "production",
    DATABASE_URL: databaseUrl,
    NEXTAUTH_SECRET: secret,
    NEXTAUTH_URL: `http://127.0.0.1:${port}`,
    // The action benchmark invites and accepts hundreds of times from one address.
    RATE_LIMIT_SCALE: "10000",
    // The sweeps run once at start and not again during the run: their statements would be
    // counted as a page's (PostgreSQL's log cannot tell them apart), and their work timed with it.
    SWEEP_INTERVAL_SECONDS: "3600",
    PAM_SWEEP_INTERVAL_SECONDS: "3600",
    // The key `npm start` uses for this database, so what it sealed still opens (made here when
    // neither has run yet: the API benchmark writes secrets).
    ROOT_ENCRYPTION_KEY: await resolveRootEncryptionKey(embeddedPaths().rootKeyFile, databaseUrl),
  });
  console.error("Building with the baseline routes (.next-bench)…");
  await runOrThrow(bin("next"), ["build"], { env, stdio: ["ignore", "ignore", "inherit"] });
  const server = await spawnServer(["--port", String(port)], { env, stdio: ["ignore", "ignore", "inherit"] });
  try {
    const base = `http://127.0.0.1:${port}`;
    for (let attempt = 0; ; attempt++) {
      const up = await fetch(`${base}/api/health`).then(
        (response) => response.ok,
        () => false,
      );
      if (up) break;
      if (attempt > 120) throw new Error("the benchmark server did not start");
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    const cookie = await sessionCookie(databaseUrl, secret, admin.id);
    const baseline = `${base}/bench/minimal`;
    const targets: Record<string, string> = {
      // The org layout alone (a bench-only page inside it with nothing of its own): what every org page pays first.
      org_layout_only: `${base}/orgs/scale-big/bench-shell`,
      members_page_first: `${base}/orgs/scale-big/members`,
      members_page_search: `${base}/orgs/scale-big/members?q=user%2004242`,
      projects_page_2000: `${base}/orgs/scale-big`,
      audit_log_deep_filtered: `${base}/orgs/scale-big/audit-log?action=member.role-changed&to=2025-06-01`,
      role_editor: `${base}/orgs/scale-big/roles/member`,
      audit_log_by_project: `${base}/orgs/scale-big/audit-log?project=scale-project-1`,
      identities_500: `${base}/orgs/scale-big/identities`,
      billing_big_org: `${base}/orgs/scale-big/billing`,
      certificates_10000: `${base}/orgs/scale-big/projects/${SCALE_PKI}/certificates`,
      pam_requests_10000: `${base}/orgs/scale-big/projects/${SCALE_PAM}/access-requests?view=all`,
      // Groups (scripts/lib/seed-groups.ts): 200 of them; one with 50 members; a project's
      // members page with its groups, as a member of it who is also in 11 groups.
      groups_200: `${base}/orgs/scale-big/groups`,
      group_page_50_members: `${base}/orgs/scale-big/groups/scale-team-2`,
      project_members_with_groups: `${base}/orgs/scale-big/projects/scale-project-517/members`,
    };
    // The same pages of a one-member org, as its Admin: the statement counts must not grow with the org.
    const small = await smallOrgAdmin(databaseUrl);
    const smallCookie = await sessionCookie(databaseUrl, secret, small.id);
    const smallTargets: Record<string, string> = {
      members_page_first: `${base}/orgs/${small.slug}/members`,
      projects_page: `${base}/orgs/${small.slug}`,
      audit_log_deep_filtered: `${base}/orgs/${small.slug}/audit-log?action=member.role-changed&to=2025-06-01`,
      role_editor: `${base}/orgs/${small.slug}/roles/member`,
    };
    for (const url of Object.values(smallTargets)) await sample(url, smallCookie, 3);
    // Warm every route (first renders compile nothing in production, but fill caches and pools).
    for (const url of [baseline, ...Object.values(targets)]) await sample(url, cookie, 5);
    const idle = treeRssMiB(server.pid!);
    if (measures("pages")) {
      if (postgresLog) {
        await statementsPerRequest(databaseUrl, postgresLog, { baseline, ...targets }, cookie, print);
        await statementsPerRequest(databaseUrl, postgresLog, smallTargets, smallCookie, print, "small_org_");
      } else console.error("SQL statements per request are counted only on the embedded PostgreSQL (its log is read).");

      const times: Record<string, number[][]> = { baseline: [] };
      const errors: Record<string, number> = { baseline: 0 };
      for (let round = 0; round < ROUNDS; round++) {
        for (const [name, url] of [["baseline", baseline], ...Object.entries(targets)] as const) {
          const result = await sample(url, cookie, REQUESTS_PER_ROUND);
          (times[name] ??= []).push(result.times);
          errors[name] = (errors[name] ?? 0) + result.errors;
        }
      }
      const stats = (rounds: number[][], p: number) => {
        const perRound = rounds.map((one) =>
          percentile(
            [...one].sort((a, b) => a - b),
            p,
          ),
        );
        const all = percentile(
          rounds.flat().sort((a, b) => a - b),
          p,
        );
        const spread = (Math.max(...perRound) - Math.min(...perRound)) / all;
        return { value: all, spread: Number(spread.toFixed(3)) };
      };
      for (const p of [50, 95]) {
        const floor = stats(times.baseline!, p);
        for (const name of Object.keys(targets)) {
          const target = stats(times[name]!, p);
          print({
            metric: `${name}_p${p}`,
            value: Number(target.value.toFixed(2)),
            baseline: Number(floor.value.toFixed(2)),
            ratio: Number((target.value / floor.value).toFixed(2)),
            unit: "ms (baseline: minimal dynamic page)",
            spread: target.spread,
            target: p === 50 ? "≤ 2.5×" : "≤ 4×",
          });
        }
      }
      for (const [name, count] of Object.entries(errors)) if (count) print({ metric: `${name}_errors`, value: count, unit: "non-200 responses" });

      // Interleaved like the latencies: ten seconds each in rounds of two, so that a pause of
      // the machine (autovacuum, a checkpoint, a neighbour) falls on both sides, not on one.
      const floorRps = { rps: 0, errors: 0 };
      const membersRps = { rps: 0, errors: 0 };
      for (let round = 0; round < ROUNDS; round++) {
        for (const [sum, url] of [
          [floorRps, baseline],
          [membersRps, targets.members_page_first!],
        ] as const) {
          const slice = await throughput(url, cookie, 10, THROUGHPUT_SECONDS / ROUNDS);
          sum.rps += slice.rps / ROUNDS;
          sum.errors += slice.errors;
        }
      }
      print({
        metric: "members_page_throughput_10_connections",
        value: Number(membersRps.rps.toFixed(1)),
        baseline: Number(floorRps.rps.toFixed(1)),
        ratio: Number((membersRps.rps / floorRps.rps).toFixed(2)),
        unit: "requests/s (baseline: minimal dynamic page)",
        target: "≥ 0.5×, 0 errors",
      });
      print({ metric: "members_page_throughput_errors", value: membersRps.errors + floorRps.errors, unit: "non-200 responses" });
    }
    if (measures("actions")) {
      await actionBenchmarks({
        base,
        distDir: ".next-bench",
        databaseUrl,
        adminCookie: cookie,
        cookieFor: (userId) => sessionCookie(databaseUrl, secret, userId),
        print,
      });
    }
    if (measures("api")) {
      await apiBenchmarks({ base, databaseUrl, print });
    }
    if (measures("memory")) {
      // A mixed load, sampling memory: idle, peak, and growth from minute 2 to the end.
      const urls = Object.values(targets);
      let peak = idle;
      const samples: Array<{ at: number; rss: number }> = [];
      const started = performance.now();
      const sampler = setInterval(() => {
        const rss = treeRssMiB(server.pid!);
        peak = Math.max(peak, rss);
        samples.push({ at: (performance.now() - started) / 1000, rss });
      }, 1000);
      let turn = 0;
      await Promise.all(
        Array.from({ length: 4 }, async () => {
          while (performance.now() - started < LOAD_SECONDS * 1000) {
            const response = await fetch(urls[turn++ % urls.length]!, { headers: { cookie }, redirect: "manual" });
            await response.arrayBuffer();
          }
        }),
      );
      clearInterval(sampler);
      print({ metric: "server_memory_idle", value: Number(idle.toFixed(1)), unit: "MiB RSS", target: "≤ 200" });
      print({ metric: "server_memory_peak", value: Number(peak.toFixed(1)), unit: `MiB RSS over ${LOAD_SECONDS} s of mixed load`, target: "≤ 450" });
      const at = (second: number) => samples.find((one) => one.at >= second)?.rss;
      const fromMinuteTwo = at(120);
      const atEnd = samples.at(-1)?.rss;
      if (fromMinuteTwo && atEnd) {
        print({
          metric: "server_memory_growth_minute_2_to_end",
          value: Number((((atEnd - fromMinuteTwo) / fromMinuteTwo) * 100).toFixed(1)),
          unit: "% RSS",
          target: "≤ 10",
        });
      }
    }
  } finally {
    server.kill("SIGTERM");
  }
}

/** The Admin of the seeded one-member org scale-org-2. */
async function smallOrgAdmin(databaseUrl: string): Promise<{ id: string; slug: string }> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ id: string; slug: string }>(
      `SELECT u.id, o.slug FROM organizations o JOIN org_memberships m ON m.org_id = o.id JOIN users u ON u.id = m.user_id
        WHERE o.slug = 'scale-org-2' AND m.role = 'admin' LIMIT 1`,
    );
    if (!rows[0]) throw new Error("the scale data set has no scale-org-2; run npm run seed:scale");
    return rows[0];
  } finally {
    await client.end();
  }
}
