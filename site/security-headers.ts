/**
 * The headers every response of the site carries: CloudFront's response headers policy
 * (infra/cloudformation/site.yml, checked against these by a test) and the local site server
 * send the same. The pages themselves have no inline script or style, so the policy allows
 * only the site's own files; the apps call the API on the same origin. The camera is allowed to
 * the site's own pages only: the receipt verification page (`/verify/`) reads QR codes with it.
 */
export const SITE_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "font-src 'self'",
  "manifest-src 'self'",
  "worker-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'content-security-policy': SITE_CSP,
  'strict-transport-security': 'max-age=63072000; includeSubDomains',
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  'permissions-policy': 'camera=(self), microphone=(), geolocation=(), payment=(), usb=()',
  'cross-origin-opener-policy': 'same-origin',
};

/**
 * The one path other sites may frame: an election's widget (`/results/<e>/widget/`), for news
 * sites to embed. Its answers carry the same headers but for framing: any ancestor, and no
 * X-Frame-Options (CloudFront's second response headers policy, on that path's cache behaviour).
 */
export const EMBEDDABLE_PATH = /^\/results\/[^/]+\/widget\//;
/** CloudFront's path pattern of the same. */
export const EMBEDDABLE_PATH_PATTERN = '/results/*/widget/*';

export const EMBED_CSP = SITE_CSP.replace("frame-ancestors 'none'", 'frame-ancestors *');

export const EMBED_HEADERS: Readonly<Record<string, string>> = Object.fromEntries(
  Object.entries({
    ...SECURITY_HEADERS,
    'content-security-policy': EMBED_CSP,
    // A widget reads no camera (the verify page's QR scan is the site's only use of it).
    'permissions-policy': 'camera=(), microphone=(), geolocation=(), payment=(), usb=()',
  }).filter(([name]) => name !== 'x-frame-options'),
);

/** The headers of an answer at this path. */
export const headersFor = (path: string) => (EMBEDDABLE_PATH.test(path) ? EMBED_HEADERS : SECURITY_HEADERS);
