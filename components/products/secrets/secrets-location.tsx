import Link from "next/link";
import type { EnvironmentRow } from "@/lib/products/secrets/places";

/** Environment tabs, then the folder path as a breadcrumb; every link keeps the other half. */
export function SecretsLocation({
  environments,
  current,
  path,
  href,
}: {
  environments: EnvironmentRow[];
  current: EnvironmentRow;
  path: string;
  href: (env: string, path: string) => string;
}) {
  const names = path === "/" ? [] : path.slice(1).split("/");
  return (
    <div className="flex flex-col gap-3">
      <nav aria-label="Environments">
        <ul className="flex flex-wrap gap-1 border-b border-slate-200">
          {environments.map((environment) => {
            const active = environment.id === current.id;
            return (
              <li key={environment.id}>
                <Link
                  href={href(environment.slug, path)}
                  aria-current={active ? "page" : undefined}
                  className={`-mb-px inline-block border-b-2 px-3 py-2 text-sm font-medium ${active ? "border-brand-600 text-brand-700" : "border-transparent text-slate-600 hover:text-slate-900"}`}>
                  {environment.name}
                </Link>
              </li>
            );
          })}
        </ul>
      </nav>
      <nav aria-label="Folder path">
        <ol className="flex flex-wrap items-center gap-1 font-mono text-sm text-slate-700">
          <li>
            <Link href={href(current.slug, "/")} className="text-brand-600 hover:underline" aria-current={names.length === 0 ? "page" : undefined}>
              /
            </Link>
          </li>
          {names.map((name, index) => {
            const target = `/${names.slice(0, index + 1).join("/")}`;
            const last = index === names.length - 1;
            return (
              <li key={target} className="flex items-center gap-1">
                {index > 0 ? <span aria-hidden="true">/</span> : null}
                <Link href={href(current.slug, target)} className="text-brand-600 hover:underline" aria-current={last ? "page" : undefined}>
                  {name}
                </Link>
              </li>
            );
          })}
        </ol>
      </nav>
    </div>
  );
}
