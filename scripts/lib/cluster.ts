// Several instances of one build on one database behind HAProxy: `npm run start:cluster`,
// the cluster tests (tests/cluster) and the throughput benchmark all start it from here.
import { spawn, type ChildProcess, type StdioOptions } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { findFreePort } from "./free-port.ts";
import { haproxyBinary, haproxyConfig, haproxyErrorFile } from "./haproxy.ts";
import { spawnServer, withDefaults } from "./run.ts";

export type Instance = {
  name: string;
  port: number;
  url: string;
  /** The running server process; undefined once it exited. */
  process: ChildProcess | undefined;
  /** Starts it (again), resolving once it answers /api/health/live. */
  start(): Promise<void>;
  /** Sends a signal and resolves with how it exited. */
  stop(signal?: NodeJS.Signals): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
};

export type Cluster = {
  /** The load balancer's address, as users reach it. */
  url: string;
  instances: Instance[];
  /** Resolves once the balancer sends requests to every instance. */
  waitUntilBalanced(): Promise<void>;
  stop(): Promise<void>;
};

export type ClusterOptions = {
  instances: number;
  /** The balancer's port; every instance gets a free port of its own on 127.0.0.1. */
  port: number;
  /** The address the balancer listens on ("0.0.0.0": every interface). */
  bind?: string;
  /** Environment shared by every instance: DATABASE_URL and the secrets that must match. */
  env: NodeJS.ProcessEnv;
  /** Where the HAProxy configuration and error page are written. */
  workDir: string;
  stdio?: StdioOptions;
};

async function waitFor(url: string, what: string, seconds = 120): Promise<void> {
  for (let attempt = 0; attempt < seconds * 4; attempt++) {
    const ok = await fetch(url).then(
      (response) => response.ok,
      () => false,
    );
    if (ok) return;
    await sleep(250);
  }
  throw new Error(`${what} did not answer ${url} within ${seconds} s`);
}

function exitOf(child: ChildProcess): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve({ code: child.exitCode, signal: child.signalCode });
  return new Promise((resolve) => child.once("exit", (code, signal) => resolve({ code, signal })));
}

function instance(name: string, port: number, options: ClusterOptions): Instance {
  const self: Instance = {
    name,
    port,
    url: `http://127.0.0.1:${port}`,
    process: undefined,
    async start() {
      const child = await spawnServer(["--port", String(port), "--host", "127.0.0.1"], {
        stdio: options.stdio ?? ["ignore", "inherit", "inherit"],
        env: withDefaults({
          ...options.env,
          TESSERA_INSTANCE_NAME: name,
          // HAProxy connects from 127.0.0.1 and names the client in X-Forwarded-For.
          TRUSTED_PROXIES: [options.env.TRUSTED_PROXIES, "127.0.0.1"].filter(Boolean).join(","),
        }),
      });
      self.process = child;
      child.once("exit", () => {
        if (self.process === child) self.process = undefined;
      });
      await waitFor(`${self.url}/api/health/live`, `Instance ${name}`);
    },
    async stop(signal = "SIGTERM") {
      const child = self.process;
      if (!child) return { code: null, signal: null };
      const exited = exitOf(child);
      child.kill(signal);
      return exited;
    },
  };
  return self;
}

export async function startCluster(options: ClusterOptions): Promise<Cluster> {
  const binary = haproxyBinary();
  const instances: Instance[] = [];
  for (let index = 1; index <= options.instances; index++) instances.push(instance(`app${index}`, await findFreePort(), options));
  // One at a time: two Next.js servers warming up at once on two cores start no faster.
  for (const one of instances) await one.start();

  mkdirSync(options.workDir, { recursive: true });
  const errorFile = path.join(options.workDir, "503.http");
  const configFile = path.join(options.workDir, "haproxy.cfg");
  writeFileSync(errorFile, haproxyErrorFile());
  writeFileSync(configFile, haproxyConfig({ bind: options.bind ?? "0.0.0.0", port: options.port, backends: instances, errorFile }));
  // -db: stay in the foreground, so the balancer ends with this process.
  const balancer = spawn(binary, ["-db", "-f", configFile], { stdio: options.stdio ?? ["ignore", "inherit", "inherit"] });
  const url = `http://127.0.0.1:${options.port}`;
  await waitFor(`${url}/api/health`, "HAProxy", 30);

  return {
    url,
    instances,
    async waitUntilBalanced() {
      const live = instances.filter((one) => one.process);
      const seen = new Set<string>();
      // Waits for the state (every live instance answered through the balancer), not for a
      // number of answers: an instance that just became ready joins after HAProxy's next
      // health checks, which on a busy machine can take longer than many quick answers
      // from the others.
      const deadline = Date.now() + 60_000;
      while (seen.size < live.length && Date.now() < deadline) {
        const response = await fetch(`${url}/api/health`).catch(() => undefined);
        const servedBy = response?.ok ? response.headers.get("x-served-by") : null;
        if (servedBy) seen.add(servedBy);
        await sleep(servedBy ? 20 : 100);
      }
      if (seen.size < live.length) throw new Error(`the balancer sent requests to ${[...seen].join(", ") || "no instance"} only`);
    },
    async stop() {
      const balancerExit = exitOf(balancer);
      balancer.kill("SIGTERM");
      await Promise.all([balancerExit, ...instances.map((one) => one.stop("SIGTERM"))]);
    },
  };
}
