import Link from "next/link";
import type { ReactNode } from "react";
import type { Actor } from "@/lib/platform/auth/actor";
import { UserMenu } from "./user-menu";

/** The bar on every signed-in page: home link, the page's switchers, the account menu. */
export function AppHeader({ actor, children }: { actor: Actor; children?: ReactNode }) {
  return (
    <header className="border-b border-slate-200 bg-white">
      <div className="mx-auto flex h-14 max-w-6xl items-center gap-2 px-4 sm:gap-3">
        <Link href="/" className="text-sm font-bold tracking-tight text-slate-900" aria-label="Tessera home">
          Tessera
        </Link>
        <span aria-hidden="true" className="text-slate-300">
          /
        </span>
        <nav aria-label="Organization" className="flex min-w-0 flex-1 items-center gap-1 sm:gap-2">
          {children}
        </nav>
        <UserMenu name={actor.name} email={actor.email} />
      </div>
    </header>
  );
}
