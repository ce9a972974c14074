import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { RouteNotFoundError } from '../../shared/errors.js';
import { errorResponse } from '../../shared/http/error-response.js';
import { withApiHeaders } from '../../shared/http/through-site.js';

/**
 * API Gateway's $default route: every method and path no other route takes. Nothing is read
 * from the request but its method and path, so it needs none of the API chain.
 */
export const handler = async (event: APIGatewayProxyEventV2) =>
  withApiHeaders(
    errorResponse(
      new RouteNotFoundError(
        `there is no ${event.requestContext.http.method} ${event.rawPath.slice(0, 200)}: see the routes in CONTRACT.md`,
      ),
    ),
  );
