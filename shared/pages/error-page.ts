/**
 * The site's "not found" answer, in Italian and English, for a path the bucket has no object at.
 *
 * In AWS, the distribution's default behaviour reads the bucket through an origin group: when
 * the bucket answers an error (403 for a missing object, as CloudFront may not list the bucket;
 * 404; 5xx), CloudFront asks the group's second origin, the HTTP API, whose `$default` route
 * (functions/route-not-found) answers this page, or JSON for a `.json` path. The local site
 * server does the same. Not CloudFront's custom error responses: those apply to every origin of
 * a distribution, so they would also replace the API's own JSON errors under /v1/.
 *
 * Pure (no files read), so the function bundles it; the site build publishes the same page at
 * /404.html and its stylesheet under /assets/, named by the hash of its content. The site's CSP
 * allows no inline style or script: the page has none.
 */

import { createHash } from 'node:crypto';
import { pageStart } from './html.js';

export const ERROR_PAGE_CSS = `:root{color-scheme:light;--ink:#1a1a1a;--muted:#595959;--accent:#0b5394}
*{box-sizing:border-box}
body{margin:0;font:1rem/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--ink);background:#fff}
main{max-width:36rem;margin:0 auto;padding:3rem 1rem}
h1{font-size:1.5rem;margin:0 0 .5rem}
p{margin:.5rem 0}
.en{color:var(--muted);border-top:1px solid #ddd;margin-top:1.5rem;padding-top:1rem}
a{color:var(--accent)}
:focus-visible{outline:3px solid var(--accent);outline-offset:2px}
`;

/** Where the build publishes the stylesheet: immutable, as every asset named by its hash. */
export const ERROR_PAGE_STYLE_PATH = `/assets/error-page.${createHash('sha256').update(ERROR_PAGE_CSS).digest('hex').slice(0, 12)}.css`;

/** The published copy of the page (the answer itself comes from the API's `$default` route). */
export const NOT_FOUND_PAGE_KEY = '404.html';

/** How long a browser or CloudFront may keep a "not found": a file published since shows within seconds. */
export const NOT_FOUND_CACHE_CONTROL = 'public, max-age=10';

export function notFoundPage(): string {
  return `${pageStart('it')}
<meta name="referrer" content="no-referrer">
<meta name="robots" content="noindex">
<title>Pagina non trovata · Page not found</title>
<link rel="stylesheet" href="${ERROR_PAGE_STYLE_PATH}">
</head>
<body>
<main>
<h1>Pagina non trovata</h1>
<p>A questo indirizzo non c'è nessuna pagina. Se i risultati non sono ancora pubblicati, riprovate tra qualche minuto.</p>
<p><a href="/">Vai alla pagina iniziale</a></p>
<div class="en" lang="en">
<h2>Page not found</h2>
<p>There is no page at this address. If the results are not published yet, try again in a few minutes.</p>
<p><a href="/">Go to the home page</a></p>
</div>
</main>
</body>
</html>
`;
}

/** The answer for a `.json` path: the API's error shape, for scripts that fetch published files. */
export function notFoundJson(path: string): string {
  return JSON.stringify({
    error: {
      code: 'FILE_NOT_FOUND',
      message: `nothing is published at ${path.slice(0, 200)}`,
      details: [],
    },
  });
}
