import Link from "next/link";
import { connection } from "next/server";

export default async function NotFound() {
  // Rendered per request so that its scripts carry this request's CSP nonce.
  await connection();
  return (
    <main className="flex min-h-[60vh] flex-col items-center justify-center gap-3 px-4 text-center">
      <p className="text-sm font-semibold text-brand-600">404</p>
      <h1 className="text-2xl font-semibold">Page not found</h1>
      <p className="max-w-md text-sm text-slate-600">
        It does not exist, or your account does not have access to it. If someone sent you this link, ask them to
        invite you.
      </p>
      <Link href="/" className="mt-2 text-sm font-medium text-brand-600 hover:underline">
        Go to my organizations
      </Link>
    </main>
  );
}
