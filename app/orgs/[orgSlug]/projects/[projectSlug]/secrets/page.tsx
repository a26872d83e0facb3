import { Folder } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { DeleteFolderButton, NewFolderDialog } from "@/components/products/secrets/folder-actions";
import { ExportDotenvButton, ImportDotenvDialog } from "@/components/products/secrets/dotenv-transfer";
import { AddSecretDialog, DeleteSecretButton, EditSecretDialog } from "@/components/products/secrets/secret-form-dialogs";
import { SecretValue } from "@/components/products/secrets/secret-value";
import { SecretsLocation } from "@/components/products/secrets/secrets-location";
import { DataTable } from "@/components/ui/data-table";
import { Pagination } from "@/components/ui/pagination";
import { SearchForm } from "@/components/ui/search-form";
import { requireProjectSection } from "@/lib/platform/projects/require-section";
import { childPath } from "@/lib/products/secrets/places";
import { loadSecretsView, SECRETS_PAGE_SIZE } from "@/lib/products/secrets/secrets-view";

type Props = {
  params: Promise<{ orgSlug: string; projectSlug: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

export const metadata: Metadata = { title: "Secrets" };

export default async function SecretsPage({ params, searchParams }: Props) {
  const { orgSlug, projectSlug } = await params;
  const { access } = await requireProjectSection(orgSlug, projectSlug, "secrets");
  const requested = await searchParams;
  const view = await loadSecretsView(access, requested);
  // The overview's first steps land here asking for one of these dialogs.
  const start = requested.start;
  const base = `/orgs/${orgSlug}/projects/${projectSlug}`;
  const href = (env: string, path: string, extra: Record<string, string> = {}) =>
    `${base}/secrets?${new URLSearchParams({ env, ...(path === "/" ? {} : { path }), ...extra })}`;

  const heading = (
    <h1 id="secrets-heading" className="text-2xl font-semibold">
      Secrets
    </h1>
  );
  if (!view.place) {
    return (
      <section aria-labelledby="secrets-heading" className="flex flex-col gap-4">
        {heading}
        <p className="rounded-lg border border-dashed border-slate-300 bg-white px-6 py-10 text-center text-sm text-slate-600">
          This project has no environments yet.{" "}
          {access.can("environment:create") ? (
            <Link href={`${base}/environments`} className="font-medium text-brand-600 hover:underline">
              Add one
            </Link>
          ) : (
            "Ask a project admin to add one."
          )}
        </p>
      </section>
    );
  }

  const { environment, path } = view.place;
  const folder = { orgSlug, projectSlug, environment: environment.slug, path };
  const refs = { orgSlug, projectSlug };
  const pageCount = Math.max(1, Math.ceil(view.total / SECRETS_PAGE_SIZE));
  const parentPath = path === "/" ? "/" : path.slice(0, path.lastIndexOf("/")) || "/";
  const empty = !view.may.describe
    ? `Your roles do not let you see the secrets in ${path} of ${environment.name}.`
    : view.rows.length === 0
      ? view.q
        ? `No keys in ${path} match "${view.q}".`
        : `No secrets in ${path} of ${environment.name} yet.`
      : null;

  return (
    <section aria-labelledby="secrets-heading" className="flex flex-col gap-4">
      <div className="flex flex-wrap items-start justify-between gap-4">
        <div>
          {heading}
          <p className="mt-1 text-sm text-slate-600">Values are encrypted at rest and shown only when you reveal them; every reveal is recorded.</p>
        </div>
        <Link
          href={`${base}/secrets/compare?${new URLSearchParams({ ...(path === "/" ? {} : { path }) })}`}
          className="text-sm font-medium text-brand-600 hover:underline">
          Compare across environments
        </Link>
      </div>
      <SecretsLocation environments={view.environments} current={environment} path={path} href={href} />
      {!view.folderExists ? (
        <p className="rounded-lg border border-dashed border-slate-300 bg-white px-6 py-10 text-center text-sm text-slate-600">
          There is no folder {path} in {environment.name}.{" "}
          <Link href={href(environment.slug, "/")} className="font-medium text-brand-600 hover:underline">
            Go to the root
          </Link>
        </p>
      ) : (
        <>
          <div className="flex flex-wrap items-center gap-2">
            {view.may.create ? <AddSecretDialog folder={folder} environmentName={environment.name} openOnArrival={start === "add"} /> : null}
            {view.may.create ? <NewFolderDialog folder={folder} environmentName={environment.name} /> : null}
            {view.may.create ? (
              <ImportDotenvDialog folder={folder} environmentName={environment.name} mayOverwrite={view.may.edit} openOnArrival={start === "import"} />
            ) : null}
            {view.may.readValue && view.may.describe ? <ExportDotenvButton folder={folder} /> : null}
            {path !== "/" && view.may.delete && view.folders.length === 0 && view.total === 0 && !view.q ? (
              <DeleteFolderButton folder={folder} parentHref={href(environment.slug, parentPath)} />
            ) : null}
          </div>
          {view.folders.length > 0 ? (
            <nav aria-label="Folders">
              <ul className="flex flex-wrap gap-2">
                {view.folders.map((name) => (
                  <li key={name}>
                    <Link
                      href={href(environment.slug, childPath(path, name))}
                      className="inline-flex items-center gap-1 rounded-md border border-slate-200 bg-white px-3 py-1.5 font-mono text-sm text-slate-800 hover:bg-slate-50">
                      <Folder aria-hidden className="inline size-4 align-[-2px] text-slate-500" /> {name}
                    </Link>
                  </li>
                ))}
              </ul>
            </nav>
          ) : null}
          {view.may.describe ? (
            <SearchForm
              action={`${base}/secrets`}
              label="Search keys"
              placeholder="Search keys"
              defaultValue={view.q}
              keep={{ env: environment.slug, path: path === "/" ? undefined : path }}
            />
          ) : null}
          <DataTable columns={["Key", "Value", "Comment"]} empty={empty}>
            {view.rows.map((row) => (
              <tr key={row.id} className="border-b border-slate-100 last:border-0 align-top">
                <th scope="row" className="px-4 py-3 font-mono text-sm font-medium text-slate-900">
                  {row.key}
                </th>
                <td>
                  <SecretValue {...refs} secretId={row.id} secretKey={row.key} mayReveal={view.may.readValue} />
                </td>
                <td className="text-slate-600">
                  {row.comment}
                  <span className="block text-xs text-slate-600">
                    Updated {row.updatedAt.toISOString().slice(0, 10)}
                    {row.updatedBy ? ` by ${row.updatedBy}` : ""}
                  </span>
                </td>
                <td>
                  <div className="flex justify-end gap-2">
                    {view.may.edit ? <EditSecretDialog refs={refs} secret={row} /> : null}
                    {view.may.delete ? <DeleteSecretButton refs={refs} secretId={row.id} secretKey={row.key} /> : null}
                  </div>
                </td>
              </tr>
            ))}
          </DataTable>
          <Pagination
            page={view.page}
            pageCount={pageCount}
            href={(page) => href(environment.slug, path, { ...(view.q ? { q: view.q } : {}), page: String(page) })}
          />
        </>
      )}
    </section>
  );
}
