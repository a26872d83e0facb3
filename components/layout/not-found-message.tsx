import Link from "next/link";

/** What a 404 says, wherever it is shown: the same for "does not exist" and "not yours to see". */
export function NotFoundMessage({ home }: { home: { href: string; label: string } }) {
  return (
    <div className="flex min-h-[50vh] flex-col items-center justify-center gap-3 px-4 text-center">
      <p className="text-sm font-semibold text-brand-600">404</p>
      <h1 className="text-2xl font-semibold">Page not found</h1>
      <p className="max-w-md text-sm text-slate-600">
        It does not exist, or your account does not have access to it. If someone sent you this link, ask them to invite you.
      </p>
      <Link href={home.href} className="mt-2 text-sm font-medium text-brand-600 hover:underline">
        {home.label}
      </Link>
    </div>
  );
}
