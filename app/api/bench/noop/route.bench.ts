/** The API benchmark's floor: a route handler that does nothing but answer JSON (bench builds only). */
export function GET(): Response {
  return Response.json({ ok: true });
}
