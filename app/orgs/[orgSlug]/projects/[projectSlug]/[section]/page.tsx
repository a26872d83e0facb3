import type { Metadata } from "next";
import { requireProjectSection } from "@/lib/projects/require-section";

type Props = { params: Promise<{ orgSlug: string; projectSlug: string; section: string }> };

async function requireSection({ params }: Props) {
  const { orgSlug, projectSlug, section } = await params;
  return requireProjectSection(orgSlug, projectSlug, section);
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
        <p className="mx-auto max-w-lg">{section.upcoming ?? "This part of the project is being built."}</p>
        <p className="mt-2">It is being built; who may open it is already decided by your roles here, on every request.</p>
      </div>
    </section>
  );
}
