// `npm run graph [-- <checkout>]`: the shape of lib/'s import graph, by room (a folder of
// lib/, or of lib/platform and lib/products): how many rooms, how many floors (the longest
// chain of rooms importing rooms), how many room-to-room imports run inside a cycle of rooms
// (upward imports: no floor order can put both ends right), and the cycles between files.
import path from "node:path";
import { cycles, importGraph, roomGraph } from "./lib/import-graph.ts";

const root = path.resolve(process.argv[2] ?? path.resolve(import.meta.dirname, ".."));
const graph = importGraph(root);

const roomEdges = roomGraph(graph);
const roomCycles = cycles(roomEdges, () => true);
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
const floor = (node: string): number => {
  if (floorOf.has(node)) return floorOf.get(node)!;
  let highest = 0;
  for (const room of members.get(node) ?? [])
    for (const target of roomEdges.get(room) ?? []) {
      const next = component(target);
      if (next !== node) highest = Math.max(highest, floor(next) + 1);
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
// The rooms of each floor, top first: docs/architecture.md's drawing is this list.
for (let level = floors - 1; level >= 0; level--) {
  const rooms = [...members.keys()].filter((node) => floor(node) === level).flatMap((node) => members.get(node)!);
  console.log(`floor ${String(level).padStart(2)}: ${rooms.sort().join(" · ")}`);
}
