import type { Metadata } from "next";
import { planRoom } from "@/lib/platform/billing/room";
import { PlanLimitButton } from "@/components/billing/plan-limit-button";
import Link from "next/link";
import {
  AddEnvironmentDialog,
  DeleteEnvironmentDialog,
  MoveEnvironmentButtons,
  RenameEnvironmentDialog,
} from "@/components/products/secrets/environment-actions";
import { DataTable } from "@/components/ui/data-table";
import { requireProjectSection } from "@/lib/platform/projects/require-section";
import { listEnvironments } from "@/lib/products/secrets/environments";
import { PageHeader } from "@/components/layout/page-header";

type Props = { params: Promise<{ orgSlug: string; projectSlug: string }> };

export const metadata: Metadata = { title: "Environments" };

export default async function EnvironmentsPage({ params }: Props) {
  const { orgSlug, projectSlug } = await params;
  const { access } = await requireProjectSection(orgSlug, projectSlug, "environments");
  const environments = await listEnvironments(access);
  const refs = { orgSlug, projectSlug };
  const may = { create: access.can("environment:create"), edit: access.can("environment:edit"), delete: access.can("environment:delete") };
  const environmentRoom = may.create ? await planRoom(access.orgAccess.org, "environmentsPerProject", access.project.id) : ({ full: false } as const);
  return (
    <section aria-labelledby="environments-heading" className="flex flex-col gap-4">
      <PageHeader
        id="environments-heading"
        title="Environments"
        description="Each environment keeps its own secrets. Roles can allow or deny by environment slug."
        actions={
          may.create && environmentRoom.full ? (
            <PlanLimitButton label="Add environment" reason={environmentRoom.reason} />
          ) : may.create ? (
            <AddEnvironmentDialog refs={refs} />
          ) : null
        }
      />
      <DataTable columns={["Name", "Slug", "Secrets"]} empty={environments.length === 0 ? "No environments yet." : null}>
        {environments.map((environment, index) => (
          <tr key={environment.id} className="border-b border-slate-100 last:border-0">
            <th scope="row" className="px-4 py-3 font-medium text-slate-900">
              {environment.name}
            </th>
            <td className="font-mono text-slate-700">{environment.slug}</td>
            <td>
              {/* Counts only for those who may see every key: a count says what exists. */}
              {access.holds("secret:describe") ? (
                <Link
                  href={`/orgs/${orgSlug}/projects/${projectSlug}/secrets?${new URLSearchParams({ env: environment.slug })}`}
                  className="text-brand-600 hover:underline">
                  {environment.secretCount}
                </Link>
              ) : (
                <span className="text-slate-400">—</span>
              )}
            </td>
            <td>
              <div className="flex items-center justify-end gap-2">
                {may.edit ? (
                  <MoveEnvironmentButtons refs={refs} environment={environment} first={index === 0} last={index === environments.length - 1} />
                ) : null}
                {may.edit ? <RenameEnvironmentDialog refs={refs} environment={environment} /> : null}
                {may.delete ? <DeleteEnvironmentDialog refs={refs} environment={environment} /> : null}
              </div>
            </td>
          </tr>
        ))}
      </DataTable>
    </section>
  );
}
