// `npm test`: typecheck, lint, formatting, unit + integration tests (Vitest, real PostgreSQL),
// end-to-end tests (Playwright, real Chromium, production build) and the cluster scenarios
// (two instances of that build behind HAProxy, PostgreSQL and instances stopped on
// purpose: tests/cluster). Every step runs, each
// prints its own summary, and the exit code is non-zero if any step failed.
import { bin, run } from "./lib/run.ts";

const steps: Array<{ name: string; command: string; args: string[] }> = [
  { name: "typecheck", command: bin("tsc"), args: ["--noEmit"] },
  { name: "lint", command: bin("eslint"), args: ["--max-warnings=0", "."] },
  { name: "format", command: bin("prettier"), args: ["--check", "."] },
  { name: "unit + integration (vitest)", command: bin("vitest"), args: ["run"] },
  { name: "end-to-end (playwright)", command: bin("playwright"), args: ["test"] },
  { name: "cluster (two instances behind HAProxy)", command: bin("vitest"), args: ["run", "--config", "vitest.cluster.config.ts"] },
];

const failed: string[] = [];
for (const step of steps) {
  console.log(`\n=== ${step.name} ===`);
  const code = await run(step.command, step.args);
  if (code !== 0) failed.push(step.name);
}

console.log(`\nSteps: ${steps.length - failed.length} passed, ${failed.length} failed`);
if (failed.length > 0) console.log(`Failed: ${failed.join(", ")}`);
process.exit(failed.length > 0 ? 1 : 0);
