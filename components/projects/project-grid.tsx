"use client";

import Link from "next/link";
import { MyRoles } from "@/components/projects/my-roles";
import { readBrowserData, type BrowserData } from "@/components/ui/browser-data";
import { useHydrated } from "@/components/ui/use-hydrated";
import { RequestRoleDialog } from "@/components/role-requests/request-role-dialog";
import { PRODUCT_TYPE_LABELS, type ProductType } from "@/lib/platform/authz/catalogue";
import type { ProjectListItem } from "@/lib/platform/projects/list-projects";

/** A project card's data; `canOpen`: its pages are the viewer's to open (else they may ask to join). */
type GridProject = ProjectListItem & { canOpen: boolean };

/**
 * The projects page's cards by product type, rendered from data by the browser, like the
 * long tables' rows (BrowserRows): the server sends a line saying they are on their way.
 */
export function ProjectGrid({
  orgSlug,
  groups,
  renderedAt,
}: {
  orgSlug: string;
  groups: BrowserData<Array<{ type: ProductType; items: GridProject[] }>>;
  renderedAt: number;
}) {
  const hydrated = useHydrated();
  if (!hydrated)
    return (
      <p className="text-sm text-slate-500">
        <span role="status">Loading projects…</span>
        <noscript> This list needs JavaScript.</noscript>
      </p>
    );
  return readBrowserData(groups).map((group) => (
    <section key={group.type} aria-labelledby={`type-${group.type}`}>
      <h2 id={`type-${group.type}`} className="mb-2 text-sm font-semibold uppercase tracking-wide text-slate-500">
        {PRODUCT_TYPE_LABELS[group.type]}
      </h2>
      <ul className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3">
        {group.items.map((project) => (
          <ProjectCard key={project.id} orgSlug={orgSlug} project={project} renderedAt={renderedAt} />
        ))}
      </ul>
    </section>
  ));
}

function ProjectCard({ orgSlug, project, renderedAt }: { orgSlug: string; project: GridProject; renderedAt: number }) {
  const body = (
    <>
      <span className="flex items-center justify-between gap-2">
        <span className="font-medium text-slate-900">{project.name}</span>
        {!project.isMember ? <span className="rounded bg-slate-100 px-1.5 py-0.5 text-xs text-slate-600">Not a member</span> : null}
      </span>
      <span className="mt-0.5 block font-mono text-xs text-slate-500">{project.slug}</span>
      {project.description ? <span className="mt-2 block text-sm text-slate-600">{project.description}</span> : null}
      {project.myRoles.length > 0 ? (
        <span className="mt-2 block text-xs text-slate-600">
          Your roles: <MyRoles roles={project.myRoles} renderedAt={renderedAt} />
        </span>
      ) : null}
    </>
  );
  const card = "block h-full rounded-lg border border-slate-200 bg-white p-4 shadow-sm";
  // Someone who may only see the names asks to join; the project's pages are not theirs to open.
  return (
    <li>
      {project.canOpen ? (
        <Link
          href={`/orgs/${orgSlug}/projects/${project.slug}`}
          className={`${card} hover:border-brand-500 focus-visible:outline-2 focus-visible:outline-brand-500`}>
          {body}
        </Link>
      ) : (
        <div className={card}>
          {body}
          <div className="mt-3">
            <RequestRoleDialog orgSlug={orgSlug} projectSlug={project.slug} projectName={project.name} />
          </div>
        </div>
      )}
    </li>
  );
}
