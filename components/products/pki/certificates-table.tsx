"use client";

import Link from "next/link";
import type { BrowserData } from "@/components/ui/browser-data";
import { BrowserTable } from "@/components/ui/browser-rows";

/** One certificate of the list, as plain data. */
export type CertificatesTableRow = {
  id: string;
  commonName: string;
  serialNumber: string;
  /** DNS names, IP addresses and emails, joined ("—" when none). */
  names: string;
  caName: string;
  status: "active" | "expired" | "revoked";
  /** Its end, in the server's words (UTC), so the browser's time zone does not change them. */
  expires: string;
};

const STATUS = {
  active: { label: "Active", className: "text-green-800" },
  expired: { label: "Expired", className: "text-slate-600" },
  revoked: { label: "Revoked", className: "text-red-700" },
} as const;

/**
 * The project's certificates, rendered from data by the browser (BrowserRows). A client component, like the
 * members table: the page's RSC payload carries the rows' data, not their markup.
 */
export function CertificatesTable({ base, rows, empty }: { base: string; rows: BrowserData<CertificatesTableRow[]>; empty: string | null }) {
  return (
    <BrowserTable
      columns={["Common name", "Names", "CA", "Status", "Expires"]}
      empty={empty}
      rows={rows}
      row={(row) => (
        <tr key={row.id} className="border-b border-slate-100 last:border-0">
          <td>
            <Link href={`${base}/${row.id}`} className="font-medium text-brand-700 hover:underline">
              {row.commonName}
            </Link>
            <span className="block font-mono text-xs text-slate-600">{row.serialNumber}</span>
          </td>
          <td className="text-xs">{row.names}</td>
          <td>{row.caName}</td>
          <td className={STATUS[row.status].className}>{STATUS[row.status].label}</td>
          <td>{row.expires}</td>
          <td />
        </tr>
      )}
    />
  );
}
