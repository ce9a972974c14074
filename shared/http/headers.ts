import type { APIGatewayProxyEventV2 } from 'aws-lambda';

/** A request header by its lower-case name, however the client or the gateway spelt it. */
export const headerOf = (event: Pick<APIGatewayProxyEventV2, 'headers'>, name: string): string | undefined =>
  Object.entries(event.headers ?? {}).find(([key]) => key.toLowerCase() === name)?.[1];
