/**
 * The apps' one way to the API: on the site's own origin (`/v1/`), with a bearer token (none to sign in), never
 * cached, given up after a while on a half-open mobile connection. A failed connection is an
 * answer ("unreachable"), not an exception; an error body is read as JSON; a file (an export,
 * `content-disposition: attachment`) comes back whole with its name.
 */
export type ApiAnswer =
  | { status: number; body: unknown; file?: { blob: Blob; name: string } }
  | { status: 'unreachable' };

const TIMEOUT_MS = 20_000;

/** `timeoutMs`: how long to wait for this call (a bulk operation may take the API's whole 30 s). */
export async function callApi(
  token: string,
  path: string,
  init: RequestInit & { timeoutMs?: number } = {},
): Promise<ApiAnswer> {
  const { timeoutMs = TIMEOUT_MS, ...request } = init;
  const abort = new AbortController();
  const timer = setTimeout(() => abort.abort(), timeoutMs);
  try {
    const response = await fetch(`/v1${path}`, {
      ...request,
      headers: {
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        accept: 'application/json',
        ...request.headers,
      },
      cache: 'no-store',
      signal: abort.signal,
    });
    const attachment = /filename="([^"]+)"/.exec(response.headers.get('content-disposition') ?? '')?.[1];
    if (response.ok && attachment) {
      return { status: response.status, body: null, file: { blob: await response.blob(), name: attachment } };
    }
    const text = await response.text();
    let body: unknown = null;
    try {
      body = text ? JSON.parse(text) : null;
    } catch {
      body = null;
    }
    return { status: response.status, body };
  } catch {
    return { status: 'unreachable' };
  } finally {
    clearTimeout(timer);
  }
}
