import type { Metadata } from "next";
import { AddResourceDialog, EditResourceDialog } from "@/components/products/pam/resource-dialog";
import { CopyButton } from "@/components/ui/copy-button";
import { DeleteResourceButton, TestConnectionButton } from "@/components/products/pam/row-buttons";
import { DataTable } from "@/components/ui/data-table";
import { listResources } from "@/lib/products/pam/resources";
import { BROKER_SETUP_SQL, TLS_MODE_LABELS } from "@/lib/products/pam/vocabulary";
import { requireProjectSection } from "@/lib/platform/projects/require-section";
import { PageHeader } from "@/components/layout/page-header";

type Props = { params: Promise<{ orgSlug: string; projectSlug: string }> };

export const metadata: Metadata = { title: "Resources" };

const time = new Intl.DateTimeFormat("en", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });

export default async function ResourcesPage({ params }: Props) {
  const { orgSlug, projectSlug } = await params;
  const { access } = await requireProjectSection(orgSlug, projectSlug, "resources");
  const resources = await listResources(access);
  const ref = { orgSlug: access.orgAccess.org.slug, projectSlug: access.project.slug };
  return (
    <section aria-labelledby="resources-heading" className="flex flex-col gap-4">
      <PageHeader
        id="resources-heading"
        title="Resources"
        description="PostgreSQL databases this project grants access to. Tessera reaches each with a broker login that may create roles, and hands out roles of the database for a while."
        actions={access.can("resource:create") ? <AddResourceDialog {...ref} /> : null}
      />
      <details open={resources.length === 0} className="rounded-md border border-slate-200 bg-white p-3 text-sm">
        <summary className="cursor-pointer font-medium">Set up the broker on a database</summary>
        <p className="mt-2 text-slate-700">
          Run this once as a superuser (PostgreSQL 16 or newer), with your own password and one <code>GRANT … WITH ADMIN OPTION</code> per role people may ask
          for. The role handed out (<code>app_readonly</code> here) is an ordinary <code>NOLOGIN</code> role with the privileges the account should give.
        </p>
        <pre aria-label="Broker setup SQL" tabIndex={0} className="mt-2 overflow-x-auto rounded-md bg-slate-900 p-3 text-xs text-slate-100">
          {BROKER_SETUP_SQL}
        </pre>
        <div className="mt-2">
          <CopyButton text={BROKER_SETUP_SQL} label="Copy the broker setup SQL" />
        </div>
      </details>
      <DataTable
        columns={["Name", "Database", "Broker", "Last check", "Accounts"]}
        empty={resources.length === 0 ? "No databases yet. Add one with its broker login to start granting access." : null}>
        {resources.map((resource) => (
          <tr key={resource.id} className="border-b border-slate-100 align-top last:border-0">
            <td className="font-medium">{resource.name}</td>
            <td>
              <span className="font-mono text-xs">
                {resource.host}:{resource.port}/{resource.database}
              </span>
              <span className="block text-xs text-slate-600">
                {TLS_MODE_LABELS[resource.tlsMode]}
                {resource.caCertificate ? ", against its own CA" : ""}
              </span>
            </td>
            <td className="font-mono text-xs">{resource.brokerUser}</td>
            <td>
              {resource.checkProblems.length === 0 ? (
                <span className="text-green-800">Working</span>
              ) : (
                <ul className="list-disc pl-4 text-red-800">
                  {resource.checkProblems.map((problem) => (
                    <li key={problem}>{problem}</li>
                  ))}
                </ul>
              )}
              {resource.checkedAt ? <span className="block text-xs text-slate-600">{time.format(resource.checkedAt)} UTC</span> : null}
            </td>
            <td className="tabular-nums">{resource.accountCount}</td>
            <td>
              <span className="flex flex-wrap justify-end gap-2">
                {access.can("resource:edit", { resourceName: resource.name }) ? (
                  <>
                    <EditResourceDialog
                      {...ref}
                      resourceId={resource.id}
                      name={resource.name}
                      current={{
                        host: resource.host,
                        port: String(resource.port),
                        database: resource.database,
                        tlsMode: resource.tlsMode,
                        caCertificate: resource.caCertificate ?? "",
                        brokerUser: resource.brokerUser,
                      }}
                    />
                    <TestConnectionButton {...ref} resourceId={resource.id} />
                  </>
                ) : null}
                {access.can("resource:delete", { resourceName: resource.name }) ? (
                  <DeleteResourceButton {...ref} resourceId={resource.id} name={resource.name} />
                ) : null}
              </span>
            </td>
          </tr>
        ))}
      </DataTable>
    </section>
  );
}
