// `npm run migration:new -- <name>`: writes prisma/migrations/<timestamp>_<name>/migration.sql
// with the SQL that takes the last committed schema (git HEAD) to prisma/schema.prisma.
// It diffs two schema files, so it needs no shadow database: Prisma 6.19's WebAssembly
// engine panics in `migrate dev` once a migration holds a CHECK constraint (see README).
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

const name = process.argv[2];
if (!name || !/^[a-z0-9_]+$/.test(name)) {
  console.error("Usage: npm run migration:new -- <name_in_snake_case>");
  process.exit(2);
}

const scratch = mkdtempSync(path.join(tmpdir(), "tessera-migration-"));
try {
  const previous = path.join(scratch, "previous.prisma");
  writeFileSync(previous, execFileSync("git", ["show", "HEAD:prisma/schema.prisma"]));
  const output = execFileSync(
    "npx",
    [
      "tsx",
      "scripts/with-db.ts",
      "prisma",
      "migrate",
      "diff",
      "--from-schema-datamodel",
      previous,
      "--to-schema-datamodel",
      "prisma/schema.prisma",
      "--script",
    ],
    { encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] },
  );
  const sql = output.slice(output.search(/^-- /m));
  if (!sql.startsWith("-- ") || /This is an empty migration/.test(sql)) {
    console.log("The schema has not changed since the last commit: no migration written.");
    process.exit(0);
  }
  const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
  const dir = path.join("prisma", "migrations", `${stamp}_${name}`);
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, "migration.sql"), sql);
  console.log(`Wrote ${dir}/migration.sql. Add constraints Prisma cannot express by hand, then run \`npm run db -- migrate deploy\`.`);
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
