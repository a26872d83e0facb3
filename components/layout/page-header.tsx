import Link from "next/link";
import type { ReactNode } from "react";

type Props = {
  /** The heading's id, which the page's section is labelled by. */
  id: string;
  title: ReactNode;
  /** One line or two under the title: what the page is for, or the facts of the thing shown. */
  description?: ReactNode;
  /** The list this page belongs to, shown above the title. */
  back?: { href: string; label: string };
  /** The page's buttons, at the right (below the title on a phone). */
  actions?: ReactNode;
};

/** Every console page starts the same way: back link, title, a line under it, its buttons. */
export function PageHeader({ id, title, description, back, actions }: Props) {
  return (
    <div className="flex flex-wrap items-start justify-between gap-4">
      <div className="min-w-0">
        {back ? (
          <Link href={back.href} className="text-sm text-slate-600 hover:text-slate-900">
            ← {back.label}
          </Link>
        ) : null}
        <h1 id={id} className={`text-2xl font-semibold break-words${back ? " mt-1" : ""}`}>
          {title}
        </h1>
        {description ? <p className="mt-1 max-w-2xl text-sm text-slate-600">{description}</p> : null}
      </div>
      {actions ? <div className="flex flex-wrap gap-2">{actions}</div> : null}
    </div>
  );
}
