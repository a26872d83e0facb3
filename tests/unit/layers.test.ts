// The house's rules, checked on every run: the platform never imports a product, no product
// imports another, lib/ never imports components or pages, and nothing imports in a circle:
// neither files nor rooms (the folders of lib/platform and lib/products).
// scripts/lib/import-graph.ts reads the graph; `npm run graph` prints its shape.
import { describe, expect, it } from "vitest";
import { cycles, importGraph, layerViolation, roomGraph } from "../../scripts/lib/import-graph";

const graph = importGraph();

describe("the layout's boundaries", () => {
  it("has no import across a boundary", () => {
    const crossings = [...graph].flatMap(([from, targets]) =>
      [...targets].flatMap((to) => {
        const why = layerViolation(from, to);
        return why ? [`${from} → ${to}: ${why}`] : [];
      }),
    );
    expect(crossings).toEqual([]);
  });

  it("has no import cycle in lib, components or scripts", () => {
    expect(cycles(graph, (file) => /^(lib|components|scripts)\//.test(file))).toEqual([]);
  });

  it("has no cycle between the rooms of lib: every room sits on a floor above what it imports", () => {
    const rooms = roomGraph(graph);
    expect(rooms.get("lib/platform/authz")).toContain("lib/platform/auth");
    expect(cycles(rooms, () => true)).toEqual([]);
  });

  it("reads the graph it checks: the known imports are there", () => {
    expect(graph.get("lib/platform/db.ts")).toContain("lib/platform/env.ts");
    expect(graph.get("lib/products/pki/keys.ts")).toContain("lib/platform/kms/row-sealing.ts");
    expect(layerViolation("lib/platform/projects/delete-project.ts", "lib/products/pam/grants.ts")).toMatch(/platform imports a product/);
    expect(layerViolation("lib/products/pam/resources.ts", "lib/products/secrets/secrets.ts")).toMatch(/another product/);
    expect(layerViolation("components/projects/x.tsx", "components/products/pki/y.tsx")).toMatch(/shared component/);
  });
});
