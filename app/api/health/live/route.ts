export const dynamic = "force-dynamic";

/** Liveness: the process serves requests. It never touches the database, so an outage there does not get healthy instances restarted. */
export function GET() {
  return Response.json({ status: "live" }, { headers: { "Cache-Control": "no-store" } });
}
