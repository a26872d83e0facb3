// `npm run graph [-- <checkout>]`: the shape of lib/'s import graph, by room (a folder of
// lib/, or of lib/platform and lib/products): how many rooms, how many floors (the longest
// chain of rooms importing rooms), how many room-to-room imports run inside a cycle of rooms
// (upward imports: no floor order can put both ends right), and the cycles between files.
import path from "node:path";
import { cycles, importGraph } from "./lib/import-graph.ts";

const root = path.resolve(process.argv[2] ?? path.resolve(import.meta.dirname, ".."));
const graph = importGraph(root);

function roomOf(file: string): string | null {
  const parts = file.split(path.sep);
  if (parts[0] !== "lib" || parts[1] === "generated") return null;
  if (parts[1] === "platform" || parts[1] === "products") return parts.length > 3 ? parts.slice(0, 3).join("/") : `${parts[1]} (files)`;
  return parts.length > 2 ? parts.slice(0, 2).join("/") : "lib (files)";
}

const roomEdges = new Map<string, Set<string>>();
for (const [from, targets] of graph) {
  const source = roomOf(from);
  if (!source) continue;
  if (!roomEdges.has(source)) roomEdges.set(source, new Set());
  for (const to of targets) {
    const target = roomOf(to);
    if (target && target !== source) roomEdges.get(source)!.add(target);
  }
}
const roomGraph = new Map([...roomEdges].map(([room, targets]) => [room, targets]));
const roomCycles = cycles(roomGraph, () => true);
const inCycle = new Map<string, number>();
roomCycles.forEach((component, index) => component.forEach((room) => inCycle.set(room, index)));
const upward = [...roomEdges].flatMap(([from, targets]) =>
  [...targets].filter((to) => inCycle.has(from) && inCycle.get(from) === inCycle.get(to)).map((to) => `${from} → ${to}`),
);

// Floors: rooms of one cycle share a floor; each floor sits above everything it imports.
const floorOf = new Map<string, number>();
const component = (room: string) => (inCycle.has(room) ? `cycle:${inCycle.get(room)}` : room);
const members = new Map<string, string[]>();
for (const room of roomEdges.keys()) members.set(component(room), [...(members.get(component(room)) ?? []), room]);
const floor = (node: string, seen = new Set<string>()): number => {
  if (floorOf.has(node)) return floorOf.get(node)!;
  seen.add(node);
  let highest = 0;
  for (const room of members.get(node) ?? [])
    for (const target of roomEdges.get(room) ?? []) {
      const next = component(target);
      if (next !== node && !seen.has(next)) highest = Math.max(highest, floor(next, seen) + 1);
    }
  floorOf.set(node, highest);
  return highest;
};
const floors = Math.max(...[...members.keys()].map((node) => floor(node))) + 1;
const fileCycles = cycles(graph, (file) => /^(lib|components|scripts)\//.test(file));

console.log(`rooms: ${roomEdges.size}`);
console.log(`floors: ${floors}`);
console.log(`upward imports (room to room inside a cycle of rooms): ${upward.length}`);
for (const edge of upward) console.log(`  ${edge}`);
console.log(`file cycles: ${fileCycles.length}`);
for (const cycle of fileCycles) console.log(`  ${cycle.join(" · ")}`);
