import { connection } from "next/server";

// The benchmark's floor: a minimal dynamic page, rendered per request like every console
// page, with no data. Built only by `npm run bench` (see next.config.js).
export default async function MinimalDynamicPage() {
  await connection();
  return <p>{new Date().toISOString()}</p>;
}
