// `npm run org -- plan <org-slug> <FREE|PRO|ENTERPRISE> [--yes]`: the instance operator sets
// an org's plan (never from the browser). Refused, with what exceeds, when the org uses more
// than the plan allows. A change that switches features off lists what will stop working and
// applies only when run again with --yes. Runs against the embedded PostgreSQL of `npm start`
// or DATABASE_URL.
import { randomBytes } from "node:crypto";
import { register } from "node:module";

const USAGE = "Usage: npm run org -- plan <org-slug> <FREE|PRO|ENTERPRISE> [--yes]";
const confirmed = process.argv.includes("--yes");
const [command, orgSlug, plan] = process.argv.slice(2).filter((arg) => arg !== "--yes");
if (command !== "plan" || !orgSlug || !plan) {
  console.error(USAGE);
  process.exit(2);
}
// lib/ modules are marked server-only; outside Next the hook lets them load.
register("./lib/server-only-hook.mjs", import.meta.url);
// lib/env checks the whole configuration; this command signs no session, so a throw-away
// secret stands in for the server's rather than asking the operator for it.
process.env.NEXTAUTH_SECRET ??= randomBytes(32).toString("base64url");
const { PLAN_IDS } = await import("../lib/platform/billing/plans.ts");
const planId = plan.toUpperCase();
if (!(PLAN_IDS as readonly string[]).includes(planId)) {
  console.error(`${plan} is not a plan. ${USAGE}`);
  process.exit(2);
}
const { changeOrgPlan, currentPlanOf, featuresLost } = await import("../lib/platform/billing/usage.ts");
const { db, endPool } = await import("../lib/platform/db.ts");
let code = 0;
try {
  const lost = featuresLost(await currentPlanOf(orgSlug), planId as (typeof PLAN_IDS)[number]);
  if (lost.length && !confirmed) {
    console.error(`Moving ${orgSlug} to ${planId} switches these off:\n- ${lost.join("\n- ")}\nNothing changed: run the command again with --yes to apply it.`);
    code = 1;
  } else {
    const { before, after } = await changeOrgPlan(orgSlug, planId as (typeof PLAN_IDS)[number]);
    console.log(before === after ? `${orgSlug} is on ${after} (seat override cleared).` : `${orgSlug}: ${before} → ${after}.`);
    if (lost.length) console.log(`Switched off:\n- ${lost.join("\n- ")}`);
  }
} catch (error) {
  console.error((error as Error).message);
  code = 1;
} finally {
  await db().$disconnect();
  await endPool();
}
process.exit(code);
