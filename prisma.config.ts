// Prisma CLI configuration. The native schema engine cannot be downloaded on our machines,
// so migrations run through the WebAssembly engine over the pg driver adapter.
import { PrismaPg } from "@prisma/adapter-pg";
import { defineConfig } from "prisma/config";

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  async adapter() {
    const connectionString = process.env.DATABASE_URL;
    if (!connectionString) {
      throw new Error("DATABASE_URL is not set. Use `npm run db -- <command>` to run Prisma against the embedded PostgreSQL.");
    }
    // allowExitOnIdle: the CLI would otherwise wait out the pool's 10 s idle timeout.
    return new PrismaPg({ connectionString, allowExitOnIdle: true });
  },
});
