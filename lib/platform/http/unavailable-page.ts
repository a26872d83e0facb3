/** Seconds a client is asked to wait before trying again while the database is away. */
export const RETRY_AFTER_SECONDS = 5;

export const UNAVAILABLE_API_MESSAGE = "Tessera cannot reach its database right now; retry in a few seconds";

/** What the API says while the database cannot be reached (Infisical's error shape). */
export const UNAVAILABLE_JSON = JSON.stringify({ statusCode: 503, message: UNAVAILABLE_API_MESSAGE, error: "Service Unavailable" });

/**
 * The page a person sees while the database cannot be reached: served by the front door
 * itself (no database, no scripts, no assets), and by the load balancer when no instance
 * answers at all. It reloads itself, so the tab recovers when Tessera does.
 */
export const UNAVAILABLE_PAGE = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="refresh" content="${RETRY_AFTER_SECONDS * 2}">
<title>Tessera is unavailable</title>
<style>
body{margin:0;font-family:system-ui,-apple-system,"Segoe UI",sans-serif;color:#0f172a;background:#f8fafc}
main{max-width:32rem;margin:20vh auto 0;padding:0 1rem;text-align:center}
h1{font-size:1.5rem;font-weight:600;margin:0 0 .75rem}
p{color:#475569;line-height:1.5;margin:0 0 1rem}
a{display:inline-block;padding:.5rem 1rem;border-radius:.375rem;background:#0f172a;color:#fff;text-decoration:none}
a:focus-visible{outline:3px solid #2563eb;outline-offset:2px}
</style>
</head>
<body>
<main>
<h1>Tessera is briefly unavailable</h1>
<p>It cannot reach its database right now. Nothing you did was lost: this page tries again by itself every few seconds.</p>
<p><a href="">Try again now</a></p>
</main>
</body>
</html>
`;

/** The page's own Content-Security-Policy: no scripts, inline style only. */
export const UNAVAILABLE_PAGE_CSP = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
