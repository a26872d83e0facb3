import type { Metadata } from "next";
import { SecretValue } from "@/components/products/secrets/secret-value";
import { DataTable } from "@/components/ui/data-table";
import { requireProjectSection } from "@/lib/platform/projects/require-section";
import { compareSecret } from "@/lib/products/secrets/secrets-view";
import { PageHeader } from "@/components/layout/page-header";

type Props = {
  params: Promise<{ orgSlug: string; projectSlug: string }>;
  searchParams: Promise<{ key?: string; path?: string }>;
};

export const metadata: Metadata = { title: "Compare a secret" };

const STATE_LABELS = { hidden: "Your roles do not let you see secrets here", missing: "Not set", present: "" } as const;

export default async function CompareSecretPage({ params, searchParams }: Props) {
  const { orgSlug, projectSlug } = await params;
  const { access } = await requireProjectSection(orgSlug, projectSlug, "secrets");
  const query = await searchParams;
  const key = typeof query.key === "string" ? query.key : "";
  const path = typeof query.path === "string" && query.path ? query.path : "/";
  const compared = key ? await compareSecret(access, { key, path }) : null;
  const base = `/orgs/${orgSlug}/projects/${projectSlug}`;
  return (
    <section aria-labelledby="compare-heading" className="flex flex-col gap-4">
      <PageHeader
        id="compare-heading"
        back={{ href: `${base}/secrets${path === "/" ? "" : `?${new URLSearchParams({ path })}`}`, label: "Secrets" }}
        title="Compare a secret across environments"
      />
      <form action={`${base}/secrets/compare`} className="flex flex-wrap items-end gap-3">
        <label className="flex flex-col gap-1 text-sm font-medium text-slate-800">
          Key
          <input
            name="key"
            defaultValue={key}
            required
            spellCheck={false}
            autoComplete="off"
            placeholder="DATABASE_URL"
            className="rounded-md border border-slate-300 px-3 py-1.5 font-mono text-sm font-normal"
          />
        </label>
        <label className="flex flex-col gap-1 text-sm font-medium text-slate-800">
          Folder path
          <input
            name="path"
            defaultValue={path}
            spellCheck={false}
            autoComplete="off"
            className="rounded-md border border-slate-300 px-3 py-1.5 font-mono text-sm font-normal"
          />
        </label>
        <button type="submit" className="rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700">
          Compare
        </button>
      </form>
      {key && !compared ? (
        <p role="alert" className="text-sm text-red-700">
          Enter a key of letters, digits and underscores, and a folder path such as / or /api.
        </p>
      ) : null}
      {compared ? (
        <DataTable columns={["Environment", "Value", "Comment"]} empty={compared.rows.length === 0 ? "This project has no environments." : null}>
          {compared.rows.map((row) => (
            <tr key={row.environment.id} className="border-b border-slate-100 last:border-0">
              <th scope="row" className="px-4 py-3 font-medium text-slate-900">
                {row.environment.name}
              </th>
              <td>
                {row.secret ? (
                  <SecretValue
                    orgSlug={orgSlug}
                    projectSlug={projectSlug}
                    secretId={row.secret.id}
                    secretKey={compared.key}
                    mayReveal={row.mayReadValue}
                    context={row.environment.name}
                  />
                ) : (
                  <span className="text-sm text-slate-500">{STATE_LABELS[row.state]}</span>
                )}
              </td>
              <td className="text-slate-600">{row.secret?.comment}</td>
              <td />
            </tr>
          ))}
        </DataTable>
      ) : null}
    </section>
  );
}
