"use client";

import Link from "next/link";
import type { BrowserData } from "@/components/ui/browser-data";
import { BrowserTable } from "@/components/ui/browser-rows";
import { ApprovalStatus } from "@/components/ui/approval-status";
import { REQUEST_STATUS_LABELS, type RequestStatus } from "@/lib/products/pam/vocabulary";

/** One access request of the list, as plain data; `asked` in the server's words (UTC). */
export type AccessRequestsTableRow = {
  id: string;
  accountName: string;
  resourceName: string;
  requesterName: string | null;
  reason: string;
  durationMinutes: number;
  status: RequestStatus;
  breakGlass: boolean;
  approvals: number;
  requiredApprovals: number;
  asked: string;
};

/**
 * A project's access requests, rendered from data by the browser (BrowserRows). A client component, like the
 * members table: the page's RSC payload carries the rows' data, not their markup.
 */
export function AccessRequestsTable({ base, rows, empty }: { base: string; rows: BrowserData<AccessRequestsTableRow[]>; empty: string | null }) {
  return (
    <BrowserTable
      columns={["Account", "Requester", "For", "Status", "Asked"]}
      empty={empty}
      rows={rows}
      row={(item) => (
        <tr key={item.id} className="border-b border-slate-100 align-top last:border-0">
          <td>
            <Link href={`${base}/${item.id}`} className="font-mono font-medium text-brand-700 hover:underline">
              {item.accountName}
            </Link>
            <span className="block text-xs text-slate-600">on {item.resourceName}</span>
          </td>
          <td>
            {item.requesterName ?? "A deleted account"}
            {item.reason ? <span className="block max-w-xs truncate text-xs text-slate-600">{item.reason}</span> : null}
          </td>
          <td className="tabular-nums">{item.durationMinutes} min</td>
          <td>
            <ApprovalStatus
              label={REQUEST_STATUS_LABELS[item.status]}
              pending={item.status === "PENDING"}
              breakGlass={item.breakGlass}
              approvals={item.approvals}
              requiredApprovals={item.requiredApprovals}
            />
          </td>
          <td className="text-xs text-slate-600">{item.asked} UTC</td>
          <td />
        </tr>
      )}
    />
  );
}
