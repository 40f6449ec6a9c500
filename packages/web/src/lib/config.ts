// Where the API is. Read at run time ($env/dynamic/public), so one build serves every deployment: unset means the
// same origin (`/graphql`), which the dev server proxies and nginx routes in production; the browser tests point it
// at a server on a random port.
import { env } from '$env/dynamic/public';

export function graphqlHttpUrl(): string {
  return new URL(env.PUBLIC_GRAPHQL_URL || '/graphql', window.location.href).toString();
}

export function graphqlWsUrl(): string {
  const url = new URL(graphqlHttpUrl());
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  return url.toString();
}
