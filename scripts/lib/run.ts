import { spawn, type ChildProcess, type SpawnOptions } from "node:child_process";
import { build } from "esbuild";
import path from "node:path";

export const projectRoot = path.resolve(import.meta.dirname, "..", "..");

/** The project's own copy of a CLI from node_modules/.bin. */
export function bin(name: string): string {
  return path.join(projectRoot, "node_modules", ".bin", name);
}

/** Runs a command with inherited output; resolves to its exit code. */
export function run(command: string, args: string[], options: SpawnOptions = {}): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: "inherit", cwd: projectRoot, ...options, env: withDefaults(options.env) });
    child.on("error", reject);
    child.on("exit", (code, signal) => resolve(code ?? (signal ? 128 : 1)));
  });
}

export async function runOrThrow(command: string, args: string[], options: SpawnOptions = {}): Promise<void> {
  const code = await run(command, args, options);
  if (code !== 0) throw new Error(`${path.basename(command)} ${args.join(" ")} failed with exit code ${code}`);
}

/** Next.js would try to phone home with telemetry; these machines have no network for it. */
export function withDefaults(env: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  return { NEXT_TELEMETRY_DISABLED: "1", ...env };
}

/** Tessera's HTTP server (Next.js behind the front door that resolves client addresses). */
const SERVE_SCRIPT = path.join(projectRoot, "scripts", "serve.ts");

/**
 * V8's old generation is bounded: left alone, V8 sizes it from the machine's memory and lets
 * garbage pile up to several hundred MiB before collecting. Under the benchmark's mixed load
 * a 160 MiB bound held peak RSS at 264 MiB (unbounded: 474) with the same throughput and
 * latency; 256 leaves headroom for large exports. TESSERA_MAX_OLD_SPACE_MB=0 removes it.
 */
const DEFAULT_MAX_OLD_SPACE_MB = 256;

/**
 * glibc gives each thread that allocates its own malloc arena (up to 8 per core), and Node's
 * helper threads (garbage collection, the libuv pool that compresses responses) each keep one
 * with its free pages resident. Two arenas: 16 MiB less resident under load (250 → 234 MiB
 * after the same bursts), the same requests/s. MALLOC_ARENA_MAX set by the caller wins.
 */
const DEFAULT_MALLOC_ARENA_MAX = "2";

/**
 * Starts the front door (`scripts/serve.ts`) as plain JavaScript under `node`. Running it
 * through the tsx CLI cost a second Node process and tsx's esbuild service for the whole
 * life of the server (about 130 MiB resident); bundling the few local files takes
 * esbuild a fraction of a second, and packages stay imports from node_modules.
 */
export async function spawnServer(args: string[], options: SpawnOptions): Promise<ChildProcess> {
  const outfile = path.join(projectRoot, "node_modules", ".cache", "tessera", "serve.mjs");
  await build({
    entryPoints: [SERVE_SCRIPT],
    outfile,
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    packages: "external",
    logLevel: "error",
  });
  const env = options.env ?? process.env;
  const heap = Number(env.TESSERA_MAX_OLD_SPACE_MB ?? DEFAULT_MAX_OLD_SPACE_MB);
  if (!Number.isInteger(heap) || heap < 0) throw new Error("TESSERA_MAX_OLD_SPACE_MB must be a whole number of MiB (0: no bound)");
  return spawn(process.execPath, [...(heap > 0 ? [`--max-old-space-size=${heap}`] : []), outfile, ...args], {
    cwd: projectRoot,
    ...options,
    env: { MALLOC_ARENA_MAX: DEFAULT_MALLOC_ARENA_MAX, ...withDefaults(options.env) },
  });
}
