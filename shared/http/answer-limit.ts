import type middy from '@middy/core';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { AnswerTooLargeError } from '../errors.js';
import { errorResponse } from './error-response.js';
import { eventBytes, LAMBDA_EVENT_LIMIT_BYTES } from './request-body.js';

type Request = middy.Request<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2>;

/**
 * Lambda refuses a synchronous answer over 6 MB (API Gateway then answers 500): the answer is
 * replaced here by one in the contract's shape that says so, which the local stack (where
 * serverless-offline checks no size) then gives too. Sees the final answer, compressed or not.
 */
export function withinLambdaAnswerLimit(): middy.MiddlewareObj<
  APIGatewayProxyEventV2,
  APIGatewayProxyStructuredResultV2
> {
  const check = async (request: Request) => {
    if (request.response && eventBytes(request.response) > LAMBDA_EVENT_LIMIT_BYTES)
      request.response = errorResponse(
        new AnswerTooLargeError(
          `the answer is over Lambda's ${LAMBDA_EVENT_LIMIT_BYTES} bytes: ask for it compressed (Accept-Encoding: gzip)`,
        ),
      );
  };
  return { after: check, onError: check };
}
