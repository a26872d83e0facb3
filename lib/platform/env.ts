import "server-only";
import { z } from "zod";

// The only module that reads process.env. Parsed on first use (not at import) so that
// `next build` can load server modules without a database or secrets.
const envSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  DATABASE_URL: z
    .string({ error: "DATABASE_URL is required (npm start sets it for the embedded PostgreSQL)" })
    .regex(/^postgres(ql)?:\/\//, "DATABASE_URL must be a postgresql:// URL"),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(100).default(10),
  NEXTAUTH_SECRET: z
    .string({ error: "NEXTAUTH_SECRET is required (npm start generates one when it is not set)" })
    .min(32, "NEXTAUTH_SECRET must be at least 32 characters"),
  NEXTAUTH_URL: z.url().optional(),
  /** smtp://user:password@host:587 (or smtps://); without it, invitation links are shown and logged. */
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, "SMTP_URL must start with smtp:// or smtps://")
    .optional(),
  MAIL_FROM: z.string().default("Tessera <no-reply@tessera.local>"),
  /** The port ACME http-01 challenges are fetched on (RFC 8555: 80); another only for tests. */
  ACME_HTTP01_PORT: z.coerce.number().int().min(1).max(65535).default(80),
  /** host:port of the DNS server dns-01 challenges are looked up with; absent: the system's. */
  ACME_DNS_RESOLVER: z
    .string()
    .regex(/^[^:\s]+:\d{1,5}$/, "ACME_DNS_RESOLVER must be host:port, like 127.0.0.1:53")
    .optional(),
  /**
   * 32 bytes, base64 or hex: seals each project's data key, which seals its secret values.
   * `npm start` generates one beside the embedded database when it is not set.
   */
  ROOT_ENCRYPTION_KEY: z.string().optional(),
  /**
   * Sessions end after this long without a request, and in any case this many hours after
   * sign-in (OWASP ASVS level 2: 30 minutes idle, 12 hours absolute).
   */
  SESSION_IDLE_MINUTES: z.coerce
    .number()
    .int()
    .min(1)
    .max(7 * 24 * 60)
    .default(30),
  SESSION_MAX_HOURS: z.coerce
    .number()
    .int()
    .min(1)
    .max(90 * 24)
    .default(12),
  /** A JSON file of plan overrides (lib/platform/billing/plans.ts); the built-in plans without it. */
  TESSERA_PLANS: z.string().min(1).optional(),
  /**
   * How often each instance looks for temporary roles that ended and CRLs due for signing.
   * Several instances may sweep at once: each item is claimed once (SKIP LOCKED).
   */
  SWEEP_INTERVAL_SECONDS: z.coerce.number().int().min(1).max(3600).default(60),
  /** How often PAM ends due grants and samples their sessions; grants end within this long of their time. */
  PAM_SWEEP_INTERVAL_SECONDS: z.coerce.number().int().min(1).max(3600).default(5),
  /** Multiplies every rate limit, for deployments where many people share one address. */
  RATE_LIMIT_SCALE: z.coerce.number().min(1).max(10_000).default(1),
});

export type Env = z.infer<typeof envSchema>;

let parsed: Env | undefined;

export function env(): Env {
  if (parsed) return parsed;
  const result = envSchema.safeParse(process.env);
  if (!result.success) {
    const problems = result.error.issues.map((issue) => `  - ${issue.path.join(".")}: ${issue.message}`);
    throw new Error(`Invalid configuration:\n${problems.join("\n")}`);
  }
  parsed = result.data;
  return parsed;
}
