/**
 * The head every static app page of the site shares (the officer app, the staff page, /verify/):
 * Italian first, the icon, no referrer, a CSP as strict as the site's own, the page's hashed
 * stylesheet and its deferred script. No inline script or style.
 */
import { pageStart } from '../shared/pages/html.js';

export const appHead = (title: string, script: string, style: string) => `${pageStart('it')}
<meta name="referrer" content="no-referrer">
<meta http-equiv="Content-Security-Policy" content="default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'">
<title>${title}</title>
<link rel="stylesheet" href="${style}">
<script src="${script}" defer></script>
</head>`;
