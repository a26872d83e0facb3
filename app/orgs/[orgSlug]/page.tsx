import type { Metadata } from "next";
import { requireOrgAccess } from "@/lib/authz/org-access";

type Props = { params: Promise<{ orgSlug: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { org } = await requireOrgAccess((await params).orgSlug);
  return { title: org.name };
}

export default async function OrgProjectsPage({ params }: Props) {
  // Layouts are not an authorization boundary: every page checks access itself.
  const { org } = await requireOrgAccess((await params).orgSlug);
  return (
    <section aria-labelledby="projects-heading">
      <h1 id="projects-heading" className="text-2xl font-semibold">
        Projects
      </h1>
      <p className="mt-1 text-sm text-slate-600">Everything {org.name} secures lives in projects.</p>
      <div className="mt-8 rounded-lg border border-dashed border-slate-300 bg-white px-6 py-12 text-center">
        <h2 className="text-base font-semibold">No projects yet</h2>
        <p className="mx-auto mt-2 max-w-md text-sm text-slate-600">
          A project is one product in use: Secrets Management for your app&apos;s secrets, PKI for certificates, or
          PAM for privileged access. Creating projects is coming soon.
        </p>
      </div>
    </section>
  );
}
