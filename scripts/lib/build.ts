import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { bin, projectRoot, runOrThrow } from "./run.ts";

const SOURCES = [
  "app",
  "components",
  "lib",
  "prisma/schema.prisma",
  "proxy.ts",
  "next.config.js",
  "tailwind.config.ts",
  "postcss.config.mjs",
  "tsconfig.json",
  "package-lock.json",
];

/** True when there is no production build, or a source changed after it was made. */
export function isBuildStale(): boolean {
  const buildId = path.join(projectRoot, ".next", "BUILD_ID");
  if (!existsSync(buildId)) return true;
  const builtAt = statSync(buildId).mtimeMs;
  return SOURCES.some((source) => newestMtime(path.join(projectRoot, source)) > builtAt);
}

function newestMtime(target: string): number {
  if (!existsSync(target)) return 0;
  const stat = statSync(target);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(target)) newest = Math.max(newest, newestMtime(path.join(target, entry)));
  return newest;
}

export async function buildIfStale(env: NodeJS.ProcessEnv = process.env): Promise<void> {
  if (!isBuildStale()) return;
  console.log("Building Tessera (first start, or the sources changed)…");
  await runOrThrow(bin("next"), ["build"], { env: { ...env, NODE_ENV: "production" } });
}
