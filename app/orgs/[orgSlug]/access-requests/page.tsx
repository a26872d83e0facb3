import type { Metadata } from "next";
import Link from "next/link";
import { PageHeader } from "@/components/layout/page-header";
import { DataTable } from "@/components/ui/data-table";
import { ApprovalStatus } from "@/components/ui/approval-status";
import { Pagination } from "@/components/ui/pagination";
import { requireOrgAccess } from "@/lib/platform/authz/org-page";
import { formatDuration } from "@/lib/platform/format-duration";
import { listRoleRequests, ROLE_REQUESTS_PAGE_SIZE, type RoleRequestView } from "@/lib/platform/role-requests/list-requests";
import { ROLE_REQUEST_STATUS_LABELS } from "@/lib/platform/role-requests/vocabulary";

type Props = { params: Promise<{ orgSlug: string }>; searchParams: Promise<{ view?: string; page?: string }> };

export const metadata: Metadata = { title: "Access requests" };

const time = new Intl.DateTimeFormat("en", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });

const TABS: Array<{ view: RoleRequestView; label: string }> = [
  { view: "to-decide", label: "Waiting for you" },
  { view: "mine", label: "Yours" },
  { view: "approvable", label: "In projects you approve" },
];

export default async function AccessRequestsPage({ params, searchParams }: Props) {
  const access = await requireOrgAccess((await params).orgSlug);
  const query = await searchParams;
  const view = TABS.find((tab) => tab.view === query.view)?.view ?? "to-decide";
  const page = Math.max(1, Number.parseInt(query.page ?? "1", 10) || 1);
  const { items, total } = await listRoleRequests(access, view, page);
  const base = `/orgs/${access.org.slug}/access-requests`;
  const empty = {
    "to-decide": "Nothing waits for your decision. Requests for roles in projects where you approve show up here.",
    mine: access.can("project:browse")
      ? "You have not asked for a role yet. Find a project under All projects and request access."
      : "You have not asked for a role yet. Inside a project you belong to, use Request a role.",
    approvable: "No requests in the projects where you approve role requests (project Admins do, unless a custom role says otherwise).",
  }[view];
  return (
    <section aria-labelledby="requests-heading" className="flex flex-col gap-4">
      <PageHeader
        id="requests-heading"
        title="Access requests"
        description="Roles in projects asked for a while. The clock starts at approval; the role ends on its own, or earlier when someone ends it."
      />
      <nav aria-label="Request lists" className="flex gap-1 border-b border-slate-200">
        {TABS.map((tab) => (
          <Link
            key={tab.view}
            href={`${base}?view=${tab.view}`}
            aria-current={tab.view === view ? "page" : undefined}
            className={`-mb-px border-b-2 px-3 py-2 text-sm ${tab.view === view ? "border-brand-600 font-medium text-brand-700" : "border-transparent text-slate-600 hover:text-slate-900"}`}>
            {tab.label}
          </Link>
        ))}
      </nav>
      <DataTable columns={["Role", "Project", "Requester", "For", "Status", "Asked"]} empty={items.length === 0 ? empty : null}>
        {items.map((item) => (
          <tr key={item.id} className="border-b border-slate-100 align-top last:border-0">
            <td>
              <Link href={`${base}/${item.id}`} className="font-medium text-brand-700 hover:underline">
                {item.roleName}
              </Link>
            </td>
            <td>{item.project.name}</td>
            <td>
              {item.requesterName ?? "A deleted account"}
              <span className="block max-w-xs truncate text-xs text-slate-600">{item.reason}</span>
            </td>
            <td className="tabular-nums">{formatDuration(item.durationMinutes * 60)}</td>
            <td>
              <ApprovalStatus
                label={ROLE_REQUEST_STATUS_LABELS[item.status]}
                pending={item.status === "PENDING"}
                breakGlass={item.breakGlass}
                approvals={item.approvals}
                requiredApprovals={item.requiredApprovals}
              />
            </td>
            <td className="text-xs text-slate-600">{time.format(item.createdAt)} UTC</td>
          </tr>
        ))}
      </DataTable>
      <Pagination
        page={page}
        pageCount={Math.ceil(total / ROLE_REQUESTS_PAGE_SIZE)}
        href={(target) => `${base}?view=${view}&page=${target}`}
        summary={`${total} requests`}
      />
    </section>
  );
}
