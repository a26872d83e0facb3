import { redirect } from "next/navigation";
import { requireActor } from "@/lib/platform/authz/actor";
import { listMyOrgs } from "@/lib/platform/authz/list-my-orgs";

/** Home sends people where they work: their first org, or onboarding when they have none. */
export default async function HomePage() {
  const actor = await requireActor();
  const [firstOrg] = await listMyOrgs(actor);
  redirect(firstOrg ? `/orgs/${firstOrg.slug}` : "/onboarding");
}
