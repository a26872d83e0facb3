/** @type {import('next').NextConfig} */
const benchRoutes = process.env.TESSERA_BENCH_ROUTES === "1";

const nextConfig = {
  poweredByHeader: false,
  // The front door (lib/http/body-limit.ts) refuses anything larger before Next reads it:
  // keep the two equal.
  experimental: { serverActions: { bodySizeLimit: "1mb" } },
  // `npm run bench` builds, into its own folder, with the baseline routes (app/bench/**,
  // files named page.bench.tsx); every other build leaves them out.
  distDir: benchRoutes ? ".next-bench" : ".next",
  pageExtensions: ["tsx", "ts", "jsx", "js", ...(benchRoutes ? ["bench.tsx", "bench.ts"] : [])],
  // Native and server-only packages stay out of the bundle.
  serverExternalPackages: ["@node-rs/argon2", "pg", "@prisma/adapter-pg"],
  async headers() {
    // The per-request CSP with its nonce is set in proxy.ts; these apply to every response.
    return [
      {
        source: "/:path*",
        headers: [
          { key: "X-Content-Type-Options", value: "nosniff" },
          { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
          { key: "X-Frame-Options", value: "DENY" },
          { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=(), payment=()" },
        ],
      },
    ];
  },
};

export default nextConfig;
