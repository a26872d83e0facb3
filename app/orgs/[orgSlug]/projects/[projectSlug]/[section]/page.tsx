import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { requireProjectAccess } from "@/lib/authz/project-access";
import { visibleSections } from "@/lib/projects/navigation";

type Props = { params: Promise<{ orgSlug: string; projectSlug: string; section: string }> };

/** A section the project's type has and the member may open; anything else is a 404. */
async function requireSection({ params }: Props) {
  const { orgSlug, projectSlug, section } = await params;
  const access = await requireProjectAccess(orgSlug, projectSlug);
  const found = visibleSections(access.project.type, access.can).find((candidate) => candidate.segment === section);
  if (!found) notFound();
  return { access, section: found };
}

export async function generateMetadata(props: Props): Promise<Metadata> {
  const { access, section } = await requireSection(props);
  return { title: `${section.label} · ${access.project.name}` };
}

export default async function ProjectSectionPage(props: Props) {
  const { section } = await requireSection(props);
  return (
    <section aria-labelledby="section-heading">
      <h1 id="section-heading" className="text-2xl font-semibold">
        {section.label}
      </h1>
      <div className="mt-6 rounded-lg border border-dashed border-slate-300 bg-white px-6 py-12 text-center text-sm text-slate-600">
        This part of the project is being built. Your access to it is already checked on every request.
      </div>
    </section>
  );
}
