import type { NextRequest } from "next/server";
import NextAuth from "next-auth";
import { authOptions } from "@/lib/platform/auth/options";

type RouteContext = { params: Promise<{ nextauth: string[] }> };

// Options are built per request so that configuration is read at run time, not at build.
function handler(request: NextRequest, context: RouteContext) {
  return NextAuth(request, context, authOptions());
}

export { handler as GET, handler as POST };
