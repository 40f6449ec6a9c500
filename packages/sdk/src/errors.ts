// One error type for everything a call can fail with, so an integrator writes a single `catch` and branches on
// `code`: the server's own codes (`extensions.code`, with `extensions.field` naming the bad input) or one of the
// client-side codes below for failures that never produced a GraphQL response.

/** Codes the deskgraph server puts in `extensions.code`. Unknown codes still come through as strings. */
export type DeskgraphServerErrorCode =
  // deskgraph's own (`extensions.field` names the input for BAD_USER_INPUT, NOT_FOUND and CONFLICT):
  | 'BAD_USER_INPUT'
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'SERVICE_UNAVAILABLE'
  // from the GraphQL layer: a document the schema refuses, a malformed or oversized request, a masked internal error.
  | 'GRAPHQL_VALIDATION_FAILED'
  | 'BAD_REQUEST'
  | 'REQUEST_ENTITY_TOO_LARGE'
  | 'INTERNAL_SERVER_ERROR';

/** Codes the SDK sets itself when the server gave none. */
export type DeskgraphSdkErrorCode =
  /** The server could not be reached (DNS, refused connection, connection dropped mid-answer). */
  | 'NETWORK_ERROR'
  /** An HTTP answer that is not a GraphQL response, e.g. a proxy's 502 page. */
  | 'HTTP_ERROR'
  /** The WebSocket closed for good (graphql-ws gave up reconnecting). */
  | 'CONNECTION_CLOSED'
  /** A GraphQL error without `extensions.code`. */
  | 'UNKNOWN';

// `string & {}` keeps editor completion for the known codes while accepting codes added to the server later.
export type DeskgraphErrorCode = DeskgraphServerErrorCode | DeskgraphSdkErrorCode | (string & {});

export interface DeskgraphGraphQLError {
  message: string;
  path?: ReadonlyArray<string | number>;
  locations?: ReadonlyArray<{ line: number; column: number }>;
  extensions?: {
    code?: DeskgraphErrorCode;
    /** The input that was refused, as a path into the variables, e.g. `input.email`. */
    field?: string;
    [key: string]: unknown;
  };
}

export interface DeskgraphClientErrorOptions {
  errors?: readonly DeskgraphGraphQLError[];
  code?: DeskgraphErrorCode;
  status?: number;
  data?: unknown;
  closeCode?: number;
  cause?: unknown;
}

export class DeskgraphClientError extends Error {
  override readonly name = 'DeskgraphClientError';
  /** The GraphQL errors exactly as the server sent them; empty for transport failures. */
  readonly errors: readonly DeskgraphGraphQLError[];
  /** `extensions.code` of the first GraphQL error, or one of the SDK's own codes. */
  readonly code: DeskgraphErrorCode;
  /** `extensions.field` of the first GraphQL error that names one. */
  readonly field: string | undefined;
  /** HTTP status, for errors of `request`. */
  readonly status: number | undefined;
  /** Whatever partial data came with the errors. */
  readonly data: unknown;
  /** WebSocket close code, for errors of `subscribe` (4403: token refused, 4401: session revoked). */
  readonly closeCode: number | undefined;

  constructor(message: string, options: DeskgraphClientErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.errors = options.errors ?? [];
    this.code = options.code ?? this.errors[0]?.extensions?.code ?? 'UNKNOWN';
    this.field = this.errors.find((error) => error.extensions?.field)?.extensions?.field;
    this.status = options.status;
    this.data = options.data;
    this.closeCode = options.closeCode;
  }

  /** From the `errors` of a GraphQL response; the message is the server's, so logs read naturally. */
  static fromGraphQLErrors(errors: readonly DeskgraphGraphQLError[], options: Omit<DeskgraphClientErrorOptions, 'errors'> = {}) {
    const message = errors.map((error) => error.message).join('\n') || 'GraphQL error';
    return new DeskgraphClientError(message, { ...options, errors });
  }
}
