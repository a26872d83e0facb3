"use client";

import { useParams } from "next/navigation";
import { NotFoundMessage } from "@/components/layout/not-found-message";

/**
 * A page inside an org that is missing or not the person's to see: shown inside the org's
 * layout, so the header, switchers and sections stay (the org itself was checked by it).
 */
export default function OrgNotFound() {
  const { orgSlug } = useParams<{ orgSlug: string }>();
  return <NotFoundMessage home={{ href: `/orgs/${orgSlug}`, label: "Go to the organization's projects" }} />;
}
