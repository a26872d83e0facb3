import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { DeleteProject } from "@/components/projects/delete-project";
import { ProjectSettingsForm } from "@/components/projects/project-settings-form";
import { Card } from "@/components/ui/card";
import { PRODUCT_TYPE_LABELS } from "@/lib/platform/authz/catalogue";
import { requireProjectAccess } from "@/lib/platform/authz/project-access";
import { PageHeader } from "@/components/layout/page-header";

type Props = { params: Promise<{ orgSlug: string; projectSlug: string }> };

export const metadata: Metadata = { title: "Project settings" };

export default async function ProjectSettingsPage({ params }: Props) {
  const { orgSlug, projectSlug } = await params;
  const { project, can } = await requireProjectAccess(orgSlug, projectSlug);
  if (!can("project:edit")) notFound();
  return (
    <section aria-labelledby="settings-heading" className="flex flex-col gap-6">
      <PageHeader id="settings-heading" title="Settings" />
      <Card>
        <h2 className="mb-4 text-base font-semibold">General</h2>
        <ProjectSettingsForm orgSlug={orgSlug} projectSlug={project.slug} name={project.name} description={project.description} />
        <p className="mt-4 text-sm text-slate-500">
          Type: {PRODUCT_TYPE_LABELS[project.type]} (fixed at creation) · Slug: <span className="font-mono">{project.slug}</span>
        </p>
      </Card>
      {can("project:delete") ? (
        <Card className="border-red-200">
          <h2 className="text-base font-semibold text-red-800">Danger zone</h2>
          <p className="mb-4 mt-1 text-sm text-slate-600">Delete this project and everything in it.</p>
          <DeleteProject orgSlug={orgSlug} projectSlug={project.slug} projectName={project.name} />
        </Card>
      ) : null}
    </section>
  );
}
