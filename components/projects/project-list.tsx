import Link from "next/link";
import { browserData } from "@/components/ui/browser-data";
import { ProjectGrid } from "@/components/projects/project-grid";
import { CreateProjectDialog } from "@/components/projects/create-project-dialog";
import { Pagination } from "@/components/ui/pagination";
import { SearchForm } from "@/components/ui/search-form";
import { PRODUCT_TYPE_DESCRIPTIONS, PRODUCT_TYPE_LABELS, PRODUCT_TYPES, type ProductType } from "@/lib/platform/authz/catalogue";
import type { ProjectList as ProjectListData } from "@/lib/platform/projects/list-projects";
import type { ProjectListQuery } from "@/lib/platform/projects/schemas";
import { requestTime } from "@/lib/platform/request-time";

/** `canSeeAll`: the All projects tab (project:browse or read-all); `canOpenAll`: projects they are not in open too (read-all). */
type Props = { orgSlug: string; list: ProjectListData; canSeeAll: boolean; canOpenAll: boolean; canCreate: boolean };

/** Builds a projects URL that keeps the current filters and changes some. */
function projectsHref(orgSlug: string, query: ProjectListQuery, changes: Partial<ProjectListQuery>): string {
  const next = { ...query, page: 1, ...changes };
  const params = new URLSearchParams();
  if (next.scope !== "mine") params.set("scope", next.scope);
  if (next.type) params.set("type", next.type);
  if (next.q) params.set("q", next.q);
  if (next.page > 1) params.set("page", String(next.page));
  const search = params.toString();
  return `/orgs/${orgSlug}${search ? `?${search}` : ""}`;
}

const tabClass = (active: boolean) => `rounded-md px-3 py-1.5 text-sm font-medium ${active ? "bg-slate-900 text-white" : "text-slate-700 hover:bg-slate-100"}`;

export function ProjectList({ orgSlug, list, canSeeAll, canOpenAll, canCreate }: Props) {
  const { query, items, countsByType, total, pageCount } = list;
  const renderedAt = requestTime();
  const allCount = PRODUCT_TYPES.reduce((sum, type) => sum + countsByType[type], 0);
  const groups = PRODUCT_TYPES.map((type) => ({ type, items: items.filter((item) => item.type === type) })).filter((group) => group.items.length > 0);

  return (
    <div className="mt-6 flex flex-col gap-4">
      <div className="flex flex-wrap items-center gap-3">
        {canSeeAll ? (
          <nav aria-label="Whose projects" className="flex gap-1 rounded-lg border border-slate-200 bg-white p-1">
            <Link
              href={projectsHref(orgSlug, query, { scope: "mine" })}
              className={tabClass(query.scope === "mine")}
              aria-current={query.scope === "mine" ? "page" : undefined}>
              My projects
            </Link>
            <Link
              href={projectsHref(orgSlug, query, { scope: "all" })}
              className={tabClass(query.scope === "all")}
              aria-current={query.scope === "all" ? "page" : undefined}>
              All projects
            </Link>
          </nav>
        ) : null}
        <SearchForm
          action={`/orgs/${orgSlug}`}
          label="Search projects"
          placeholder="Search by name or slug"
          defaultValue={query.q}
          keep={{ scope: query.scope !== "mine" ? query.scope : undefined, type: query.type }}
        />
      </div>

      <nav aria-label="Product type" className="flex flex-wrap gap-1">
        <Link href={projectsHref(orgSlug, query, { type: undefined })} className={tabClass(!query.type)} aria-current={!query.type ? "page" : undefined}>
          All types <span className="tabular-nums">({allCount})</span>
        </Link>
        {PRODUCT_TYPES.map((type) => (
          <Link
            key={type}
            href={projectsHref(orgSlug, query, { type })}
            className={tabClass(query.type === type)}
            aria-current={query.type === type ? "page" : undefined}>
            {PRODUCT_TYPE_LABELS[type]} <span className="tabular-nums">({countsByType[type]})</span>
          </Link>
        ))}
      </nav>

      {total === 0 ? (
        <EmptyState orgSlug={orgSlug} query={query} canCreate={canCreate} />
      ) : (
        <ProjectGrid
          orgSlug={orgSlug}
          groups={browserData(
            groups.map((group) => ({ ...group, items: group.items.map((project) => ({ ...project, canOpen: project.isMember || canOpenAll })) })),
          )}
          renderedAt={renderedAt}
        />
      )}

      <Pagination page={query.page} pageCount={pageCount} href={(page) => projectsHref(orgSlug, query, { page })} summary={`${total} projects`} />
    </div>
  );
}

function EmptyState({ orgSlug, query, canCreate }: { orgSlug: string; query: ProjectListQuery; canCreate: boolean }) {
  const type: ProductType | undefined = query.type;
  let title = "No projects yet";
  let body = "A project is one product in use: Secrets Management for your application's secrets, PKI for certificates, or PAM for privileged access.";
  const firstSteps = canCreate && !query.q;
  if (query.q) {
    title = `No projects match "${query.q}"`;
    body = "Check the spelling, or search by the project's slug.";
  } else if (type) {
    title = `No ${PRODUCT_TYPE_LABELS[type]} projects`;
    body = PRODUCT_TYPE_DESCRIPTIONS[type];
  } else if (canCreate) {
    title = "Create your first project";
  } else if (query.scope === "mine") {
    title = "You are not in any project yet";
    body = `${body} Ask a project admin to add you.`;
  }
  return (
    <div className="rounded-lg border border-dashed border-slate-300 bg-white px-6 py-12 text-center">
      <h2 className="text-base font-semibold">{title}</h2>
      <p className="mx-auto mt-2 max-w-md text-sm text-slate-600">{body}</p>
      {firstSteps ? (
        <div className="mt-4">
          <CreateProjectDialog
            orgSlug={orgSlug}
            initialType={type}
            triggerLabel={type ? `Create a ${PRODUCT_TYPE_LABELS[type]} project` : "Create your first project"}
          />
        </div>
      ) : null}
    </div>
  );
}
