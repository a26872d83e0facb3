import type { Metadata } from "next";
import Link from "next/link";
import { AccessRequestsTable } from "@/components/products/pam/access-requests-table";
import { Pagination } from "@/components/ui/pagination";
import { listRequests, REQUESTS_PAGE_SIZE, type RequestListView } from "@/lib/products/pam/requests/list-requests";
import { requireProjectSection } from "@/lib/platform/projects/require-section";
import { PageHeader } from "@/components/layout/page-header";
import { browserData } from "@/components/ui/browser-data";

type Props = { params: Promise<{ orgSlug: string; projectSlug: string }>; searchParams: Promise<{ view?: string; page?: string }> };

export const metadata: Metadata = { title: "Access requests" };

const time = new Intl.DateTimeFormat("en", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });

export default async function AccessRequestsPage({ params, searchParams }: Props) {
  const { orgSlug, projectSlug } = await params;
  const query = await searchParams;
  const { access } = await requireProjectSection(orgSlug, projectSlug, "access-requests");
  const tabs: Array<{ view: RequestListView; label: string }> = [
    ...(access.can("access-request:approve") ? [{ view: "to-approve" as const, label: "Waiting for you" }] : []),
    { view: "mine", label: "Yours" },
    ...(access.can("session:read") ? [{ view: "all" as const, label: "All" }] : []),
  ];
  const view = tabs.find((tab) => tab.view === query.view)?.view ?? tabs[0]!.view;
  const page = Math.max(1, Number.parseInt(query.page ?? "1", 10) || 1);
  const { items, total } = await listRequests(access, view, page);
  const base = `/orgs/${access.orgAccess.org.slug}/projects/${access.project.slug}/access-requests`;
  const empty = {
    "to-approve": "Nothing waits for your approval.",
    mine: "You have not asked for access yet. Pick an account on the Accounts page.",
    all: "Nobody has asked for access in this project yet.",
  }[view];
  return (
    <section aria-labelledby="requests-heading" className="flex flex-col gap-4">
      <PageHeader
        id="requests-heading"
        title="Access requests"
        description="Time-boxed access to database accounts. The clock starts at approval; the login is dropped when it ends or is revoked."
      />
      <nav aria-label="Request lists" className="flex gap-1 border-b border-slate-200">
        {tabs.map((tab) => (
          <Link
            key={tab.view}
            href={`${base}?view=${tab.view}`}
            aria-current={tab.view === view ? "page" : undefined}
            className={`-mb-px border-b-2 px-3 py-2 text-sm ${tab.view === view ? "border-brand-600 font-medium text-brand-700" : "border-transparent text-slate-600 hover:text-slate-900"}`}>
            {tab.label}
          </Link>
        ))}
      </nav>
      <AccessRequestsTable
        base={base}
        rows={browserData(
          items.map((item) => ({
            id: item.id,
            accountName: item.accountName,
            resourceName: item.resourceName,
            requesterName: item.requesterName,
            reason: item.reason,
            durationMinutes: item.durationMinutes,
            status: item.status,
            breakGlass: item.breakGlass,
            approvals: item.approvals,
            requiredApprovals: item.requiredApprovals,
            asked: time.format(item.createdAt),
          })),
        )}
        empty={items.length === 0 ? empty : null}
      />
      <Pagination
        page={page}
        pageCount={Math.ceil(total / REQUESTS_PAGE_SIZE)}
        href={(target) => `${base}?view=${view}&page=${target}`}
        summary={`${total} requests`}
      />
    </section>
  );
}
