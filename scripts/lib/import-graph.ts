// The project's import graph, read from the sources (relative and "@/" specifiers, static,
// dynamic and re-exports), for the layer rules (tests/unit/layers.test.ts) and for
// `npm run graph`, which prints its shape.
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";

const PROJECT_ROOT = path.resolve(import.meta.dirname, "../..");
const SOURCE_DIRS = ["lib", "app", "components", "scripts", "tests", "e2e"];
const SPECIFIER = /(?:(?:import|export)\s(?:[^'";]|\n)*?from\s+|import\(\s*|^import\s+)(["'])([^"']+)\1/gm;

/** Project-relative path → the project files it imports. */
export type ImportGraph = Map<string, Set<string>>;

function sourceFiles(root: string, dir: string): string[] {
  const absolute = path.join(root, dir);
  if (!existsSync(absolute)) return [];
  return readdirSync(absolute, { recursive: true, encoding: "utf8" })
    .filter((file) => /\.(ts|tsx|mts|mjs)$/.test(file) && !file.startsWith("generated/") && !file.includes("node_modules"))
    .map((file) => path.join(dir, file))
    .filter((file) => statSync(path.join(root, file)).isFile());
}

function resolve(root: string, from: string, specifier: string): string | null {
  let base: string;
  if (specifier.startsWith("@/")) base = specifier.slice(2);
  else if (specifier.startsWith(".")) base = path.join(path.dirname(from), specifier);
  else return null;
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, path.join(base, "index.ts")]) {
    if (existsSync(path.join(root, candidate)) && statSync(path.join(root, candidate)).isFile()) return path.normalize(candidate);
  }
  return null;
}

/** The graph of the project at `root` (this one by default: another checkout, to compare). */
export function importGraph(root = PROJECT_ROOT): ImportGraph {
  const graph: ImportGraph = new Map();
  for (const file of SOURCE_DIRS.flatMap((dir) => sourceFiles(root, dir))) {
    const targets = new Set<string>();
    for (const match of readFileSync(path.join(root, file), "utf8").matchAll(SPECIFIER)) {
      const target = resolve(root, file, match[2]!);
      if (target && target !== file) targets.add(target);
    }
    graph.set(file, targets);
  }
  return graph;
}

/** Every cycle among these files, each once, as the files in import order. */
export function cycles(graph: ImportGraph, within: (file: string) => boolean): string[][] {
  // Tarjan's strongly connected components: a component of more than one file is a cycle.
  let index = 0;
  const indices = new Map<string, number>();
  const lowest = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const visit = (file: string) => {
    indices.set(file, index);
    lowest.set(file, index++);
    stack.push(file);
    onStack.add(file);
    for (const target of graph.get(file) ?? []) {
      if (!within(target)) continue;
      if (!indices.has(target)) {
        visit(target);
        lowest.set(file, Math.min(lowest.get(file)!, lowest.get(target)!));
      } else if (onStack.has(target)) lowest.set(file, Math.min(lowest.get(file)!, indices.get(target)!));
    }
    if (lowest.get(file) === indices.get(file)) {
      const component: string[] = [];
      let member: string;
      do {
        member = stack.pop()!;
        onStack.delete(member);
        component.push(member);
      } while (member !== file);
      if (component.length > 1) found.push(component.sort());
    }
  };
  for (const file of graph.keys()) if (within(file) && !indices.has(file)) visit(file);
  return found;
}

/**
 * Which part of the house a file is in: "platform", "products/pki", "composition" (lib/app),
 * "ui" or "ui:products/pam" (components), "pages" (app/), or the top folder.
 */
export function partOf(file: string): string {
  const [top, second, third] = file.split(path.sep);
  if (top === "lib") {
    if (second === "products") return `products/${third}`;
    if (second === "app") return "composition";
    return second === "platform" || second === "generated" ? second : "lib";
  }
  if (top === "components") return second === "products" ? `ui:products/${third}` : "ui";
  if (top === "app") return "pages";
  return top ?? "";
}

/**
 * Why an import breaks the house's rules, or null when it is allowed. The platform never
 * imports a product or the app; a product never imports another product or the app; lib/
 * never imports pages or components; product components never import another product's,
 * and shared components none of them.
 */
export function layerViolation(from: string, to: string): string | null {
  const source = partOf(from);
  const target = partOf(to);
  if (source === target) return null;
  if (source === "platform" && (target.startsWith("products/") || target === "composition")) return "the platform imports a product or lib/app";
  if (source.startsWith("products/") && (target.startsWith("products/") || target === "composition")) return "a product imports another product or lib/app";
  if (["platform", "composition", "generated"].includes(source) || source.startsWith("products/")) {
    if (target === "ui" || target.startsWith("ui:") || target === "pages") return "lib/ imports components or pages";
  }
  if (source === "ui" && target.startsWith("ui:products/")) return "a shared component imports a product's";
  if (source.startsWith("ui:products/") && target.startsWith("ui:products/")) return "a product's component imports another product's";
  if ((source === "ui" || source.startsWith("ui:")) && target === "pages") return "a component imports a page";
  return null;
}

/** A file's room: a folder of lib/, or of lib/platform and lib/products; null outside lib/. */
export function roomOf(file: string): string | null {
  const parts = file.split("/");
  if (parts[0] !== "lib" || parts[1] === "generated") return null;
  if (parts[1] === "platform" || parts[1] === "products") return parts.length > 3 ? parts.slice(0, 3).join("/") : `${parts[1]} (files)`;
  return parts.length > 2 ? parts.slice(0, 2).join("/") : "lib (files)";
}

/** Which rooms each room imports from (itself left out). */
export function roomGraph(graph: ImportGraph): ImportGraph {
  const rooms: ImportGraph = new Map();
  for (const [from, targets] of graph) {
    const source = roomOf(from);
    if (!source) continue;
    if (!rooms.has(source)) rooms.set(source, new Set());
    for (const to of targets) {
      const target = roomOf(to);
      if (target && target !== source) rooms.get(source)!.add(target);
    }
  }
  return rooms;
}
