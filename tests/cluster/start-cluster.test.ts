// `npm run start:cluster` itself, as an operator runs it: it serves through HAProxy on
// PORT, starts a killed instance again, and Ctrl-C stops everything it started.
import { spawn } from "node:child_process";
import { chmodSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { afterAll, describe, expect, it } from "vitest";
import { isAlive } from "../../scripts/lib/embedded-postgres";
import { findFreePort } from "../../scripts/lib/free-port";
import { projectRoot } from "../../scripts/lib/run";

const dataDir = mkdtempSync(path.join(tmpdir(), "tessera-start-cluster-"));
// As root, PostgreSQL runs as the "postgres" user, which must be able to enter this folder.
chmodSync(dataDir, 0o755);
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe("npm run start:cluster", () => {
  it("serves through HAProxy, restarts a killed instance and stops everything on Ctrl-C", async () => {
    const port = await findFreePort();
    // The script itself under node (not the tsx CLI, whose signal relay kills a child that is slow to answer).
    const command = spawn(process.execPath, ["--import", "tsx", "scripts/start.ts", "--cluster", "--instances", "2"], {
      cwd: projectRoot,
      env: { ...process.env, PORT: String(port), TESSERA_DATA_DIR: dataDir, NODE_ENV: "production", DATABASE_URL: "" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    command.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    command.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => command.once("exit", (code) => resolve(code)));
    const pidsOf = () => [...output.matchAll(/Instance (app\d): \S+ \(pid (\d+)\)/g)].map((match) => ({ name: match[1]!, pid: Number(match[2]) }));
    try {
      await expect.poll(() => output, { timeout: 240_000, interval: 500 }).toContain("Tessera is listening");
      expect(output).toContain("HAProxy in front of 2 instances");
      // Both instances get requests (a slow first health check may keep one out a moment).
      const servedBy = new Set<string | null>();
      for (let attempt = 0; attempt < 80 && servedBy.size < 2; attempt++) {
        const answer = await fetch(`http://127.0.0.1:${port}/api/health`);
        if (answer.ok) servedBy.add(answer.headers.get("x-served-by"));
        else await sleep(250);
      }
      expect(servedBy, output).toEqual(new Set(["app1", "app2"]));

      const [first] = pidsOf();
      process.kill(first!.pid, "SIGKILL");
      await expect.poll(() => pidsOf().length, { timeout: 60_000, interval: 250 }).toBe(3);
      expect(output).toContain(`Instance ${first!.name} stopped`);
      const restarted = pidsOf().at(-1)!;
      expect(restarted.name).toBe(first!.name);
      expect(isAlive(restarted.pid), output).toBe(true);

      command.kill("SIGINT");
      expect(await exited, output).toBe(0);
      expect(output).toContain("Embedded PostgreSQL stopped.");
      for (const { pid } of pidsOf()) expect(isAlive(pid), `${pid}\n${output}`).toBe(false);
      await expect(fetch(`http://127.0.0.1:${port}/api/health`)).rejects.toThrow();
    } finally {
      if (command.exitCode === null) command.kill("SIGKILL");
      await sleep(100);
    }
  });
});
