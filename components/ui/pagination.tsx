import Link from "next/link";

/** Previous / next links for a server-paged list; nothing when it fits on one page. */
export function Pagination({ page, pageCount, href, summary }: { page: number; pageCount: number; href: (page: number) => string; summary?: string }) {
  if (pageCount <= 1) return null;
  return (
    <nav aria-label="Pages" className="flex items-center justify-between text-sm">
      {page > 1 ? (
        <Link href={href(page - 1)} className="font-medium text-brand-600 hover:underline">
          ← Previous
        </Link>
      ) : (
        <span />
      )}
      <span className="text-slate-600">
        Page {page} of {pageCount}
        {summary ? ` · ${summary}` : ""}
      </span>
      {page < pageCount ? (
        <Link href={href(page + 1)} className="font-medium text-brand-600 hover:underline">
          Next →
        </Link>
      ) : (
        <span />
      )}
    </nav>
  );
}
