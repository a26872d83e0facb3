import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const dir = path.resolve(import.meta.dirname, "../../prisma/migrations");

describe("migration files", () => {
  // Prisma's migration runner splits a file at every semicolon, comments included: one in a
  // comment cuts a statement in two and the migration fails half-applied.
  it.each(readdirSync(dir).filter((name) => !name.endsWith(".toml")))("%s has no semicolon in a comment", (name) => {
    const comments = readFileSync(path.join(dir, name, "migration.sql"), "utf8")
      .split("\n")
      .filter((line) => line.trimStart().startsWith("--"));
    expect(comments.filter((line) => line.includes(";"))).toEqual([]);
  });
});
