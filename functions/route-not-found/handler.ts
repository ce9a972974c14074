import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { RouteNotFoundError } from '../../shared/errors.js';
import { errorResponse } from '../../shared/http/error-response.js';
import { withApiHeaders } from '../../shared/http/through-site.js';
import { NOT_FOUND_CACHE_CONTROL, notFoundJson, notFoundPage } from '../../shared/pages/error-page.js';

/** The API's own paths: anything else reached this route as the site's fallback origin. */
const isApiPath = (path: string) => path === '/v1' || path.startsWith('/v1/');

/**
 * The site's answer for a path the bucket has none at. The distribution's default behaviour
 * reads the bucket through an origin group whose second origin is this API (site.yml): when
 * the bucket answers an error, CloudFront sends the same GET or HEAD here, under the site's
 * path. A `.json` path answers the API's error shape; any other the "not found" page.
 */
function siteNotFound(path: string): APIGatewayProxyStructuredResultV2 {
  const json = /\.json$/i.test(path);
  return {
    statusCode: 404,
    headers: {
      'content-type': json ? 'application/json; charset=utf-8' : 'text/html; charset=utf-8',
      'cache-control': NOT_FOUND_CACHE_CONTROL,
      'x-content-type-options': 'nosniff',
    },
    body: json ? notFoundJson(path) : notFoundPage(),
  };
}

/**
 * API Gateway's $default route: every method and path no other route takes. Nothing is read
 * from the request but its method and path, so it needs none of the API chain.
 */
export const handler = async (event: APIGatewayProxyEventV2) => {
  const method = event.requestContext.http.method;
  if (!isApiPath(event.rawPath) && (method === 'GET' || method === 'HEAD'))
    return siteNotFound(event.rawPath);
  return withApiHeaders(
    errorResponse(
      new RouteNotFoundError(
        `there is no ${method} ${event.rawPath.slice(0, 200)}: see the routes in docs/interface.md`,
      ),
    ),
  );
};
