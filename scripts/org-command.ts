// `npm run org -- plan <org-slug> <FREE|PRO|ENTERPRISE>`: the instance operator sets an org's
// plan (never from the browser). Refused, with what exceeds, when the org uses more than the
// plan allows. Runs against the embedded PostgreSQL of `npm start` or DATABASE_URL.
import { randomBytes } from "node:crypto";
import { register } from "node:module";

const USAGE = "Usage: npm run org -- plan <org-slug> <FREE|PRO|ENTERPRISE>";
const [command, orgSlug, plan] = process.argv.slice(2);
if (command !== "plan" || !orgSlug || !plan) {
  console.error(USAGE);
  process.exit(2);
}
// lib/ modules are marked server-only; outside Next the hook lets them load.
register("./lib/server-only-hook.mjs", import.meta.url);
// lib/env checks the whole configuration; this command signs no session, so a throw-away
// secret stands in for the server's rather than asking the operator for it.
process.env.NEXTAUTH_SECRET ??= randomBytes(32).toString("base64url");
const { PLAN_IDS } = await import("../lib/billing/plans.ts");
const planId = plan.toUpperCase();
if (!(PLAN_IDS as readonly string[]).includes(planId)) {
  console.error(`${plan} is not a plan. ${USAGE}`);
  process.exit(2);
}
const { changeOrgPlan } = await import("../lib/billing/usage.ts");
const { db, endPool } = await import("../lib/db.ts");
let code = 0;
try {
  const { before, after } = await changeOrgPlan(orgSlug, planId as (typeof PLAN_IDS)[number]);
  console.log(before === after ? `${orgSlug} is on ${after} (seat override cleared).` : `${orgSlug}: ${before} → ${after}.`);
} catch (error) {
  console.error((error as Error).message);
  code = 1;
} finally {
  await db().$disconnect();
  await endPool();
}
process.exit(code);
