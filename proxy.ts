import { NextResponse, type NextRequest } from "next/server";
import { PAGE_PATH_HEADER } from "@/lib/platform/http/page-path";

/** Pages a signed-out visitor may open. */
const PUBLIC_PATHS = ["/login", "/signup", "/invite/", "/join/", "/verify-email/", "/forgot-password", "/reset-password/", "/sso"];
const SESSION_COOKIES = ["next-auth.session-token", "__Secure-next-auth.session-token"];

/**
 * Three jobs, none of them authorization (every page and action checks access itself):
 * send visitors without a session cookie to sign-in, remembering where they were going;
 * set a per-request nonce Content-Security-Policy, whose nonce Next.js reads from the
 * request header and puts on its own scripts; and tell the page its path (PAGE_PATH_HEADER).
 */
export function proxy(request: NextRequest) {
  const { pathname, search } = request.nextUrl;
  const signedOut = !SESSION_COOKIES.some((name) => request.cookies.has(name));
  const isPublic = PUBLIC_PATHS.some((path) => pathname === path || pathname.startsWith(path));
  if (signedOut && !isPublic && pathname !== "/") {
    const login = new URL("/login", request.url);
    login.searchParams.set("callbackUrl", `${pathname}${search}`);
    return NextResponse.redirect(login);
  }

  const nonce = btoa(crypto.randomUUID());
  const csp = contentSecurityPolicy(nonce);
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("x-nonce", nonce);
  requestHeaders.set("Content-Security-Policy", csp);
  requestHeaders.set(PAGE_PATH_HEADER, pathname);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set("Content-Security-Policy", csp);
  return response;
}

function contentSecurityPolicy(nonce: string): string {
  const dev = process.env.NODE_ENV === "development";
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ""}`,
    // Radix positions popovers with inline styles; styles cannot run code.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    `connect-src 'self'${dev ? " ws:" : ""}`,
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

export const config = {
  matcher: [
    // Pages only: not static files, images or the API.
    { source: "/((?!api|_next/static|_next/image|favicon.ico).*)" },
  ],
};
