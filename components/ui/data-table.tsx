import Link from "next/link";
import type { ReactNode } from "react";

/**
 * A list page's table (members, secrets, environments): an empty state, or a table whose
 * last header is the (visually hidden) actions column.
 */
export function DataTable({ columns, empty, children }: { columns: string[]; empty: string | null; children: ReactNode }) {
  if (empty) {
    return <p className="rounded-lg border border-dashed border-slate-300 bg-white px-6 py-10 text-center text-sm text-slate-600">{empty}</p>;
  }
  return (
    // Relative: the visually hidden header text (absolutely placed) scrolls with the table
    // instead of stretching the page on a narrow screen.
    <div className="relative overflow-x-auto rounded-lg border border-slate-200 bg-white">
      {/* Cell padding set once here, not on each of the page's cells. The actions column
          sticks to the right edge: on a phone the table scrolls sideways under it, and a row's
          buttons stay where a thumb can reach them without scrolling. */}
      <table className="w-full text-left text-sm [&_td]:px-4 [&_td]:py-3 [&_td:last-child]:sticky [&_td:last-child]:right-0 [&_td:last-child]:bg-white max-sm:[&_td:last-child]:shadow-[-6px_0_6px_-6px_rgba(15,23,42,0.3)]">
        <thead className="border-b border-slate-200 bg-slate-50 text-xs uppercase tracking-wide text-slate-500 [&_th:last-child]:sticky [&_th:last-child]:right-0 [&_th:last-child]:bg-slate-50">
          <tr>
            {columns.map((column) => (
              <th key={column} scope="col" className="px-4 py-2">
                {column}
              </th>
            ))}
            <th scope="col" className="px-4 py-2">
              <span className="sr-only">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </div>
  );
}

/** A member's name (marked when it is the viewer, a link to their page when given) over their email. */
export function PersonCell({ name, email, isSelf, href }: { name: string; email: string; isSelf: boolean; href?: string }) {
  return (
    <td>
      <span className="block font-medium text-slate-900">
        {href ? (
          <Link href={href} className="hover:underline">
            {name}
          </Link>
        ) : (
          name
        )}{" "}
        {isSelf ? <span className="text-xs font-normal text-slate-500">(you)</span> : null}
      </span>
      <span className="block text-slate-500">{email}</span>
    </td>
  );
}
