import { notFound } from "next/navigation";

/** Any other path under an org is a 404 inside the org's layout, not the bare site-wide one. */
export default function MissingOrgPage() {
  notFound();
}
