// GraphQL for the customer callback: admins configure the partner's endpoint, everyone in the workspace reads what
// it knows of a customer (`customerContext`).
import { z } from 'zod';
import { builder } from '../schema/builder.js';
import { idOf } from '../schema/ids.js';
import { storableText } from '../schema/inputs.js';
import { WorkspaceRef } from '../workspaces/schema.js';
import { MAX_CALLBACK_URL_LENGTH } from './callback-address.js';
import { CALLBACK_MAX_RESPONSE_BYTES, CALLBACK_TIMEOUT_MS } from './callback-http.js';
import { SIGNATURE_TOLERANCE_SECONDS } from './callback-signature.js';
import {
  callbackSettingsOf,
  configureCustomerCallback,
  customerContext,
  type CustomerCallbackSettings,
  type CustomerContextResult,
  MAX_CALLBACK_TTL_SECONDS,
} from './callback.js';

const PROTOCOL =
  `The server POSTs \`{ "workspaceId": ID, "customer": { "id": ID, "name", "email", "phone", "whatsappNumber", ` +
  `"facebookId", "instagramId" } }\` (ids are global ids) with \`content-type: application/json\`, ` +
  '`x-deskgraph-timestamp: <unix seconds>` and `x-deskgraph-signature: sha256=<hex>`, the HMAC-SHA256 of ' +
  '`<timestamp>.<raw body>` keyed with the secret. Verify it in constant time and refuse timestamps more than ' +
  `${SIGNATURE_TOLERANCE_SECONDS} seconds from your clock. Answer within ${CALLBACK_TIMEOUT_MS / 1000} seconds, ` +
  `with a 2xx status and at most ${CALLBACK_MAX_RESPONSE_BYTES / 1024} kB of JSON: ` +
  '`{ "fields": [{ "label": String, "value": String }] }` (other keys are ignored). Redirects are not followed.';

const CustomerCallbackSettingsRef = builder.objectRef<CustomerCallbackSettings>('CustomerCallbackSettings');
CustomerCallbackSettingsRef.implement({
  description: `Where the server asks a partner's system about customers. ${PROTOCOL}`,
  fields: (t) => ({
    url: t.exposeString('url', { nullable: true, description: 'The endpoint; null when the callback is off.' }),
    ttlSeconds: t.exposeInt('ttlSeconds', { description: 'How long an answer is cached per customer; 0 asks every time.' }),
    allowPrivateAddresses: t.exposeBoolean('allowPrivateAddresses', {
      description: 'Whether the endpoint may be on a private, loopback or link-local address (and use plain http).',
    }),
    secretSet: t.exposeBoolean('secretSet', {
      description: 'Whether requests are signed. The secret itself is never shown again after it was set or generated.',
    }),
  }),
});

builder.prismaObjectFields(WorkspaceRef, (t) => ({
  customerCallback: t.field({
    type: CustomerCallbackSettingsRef,
    nullable: true,
    authScopes: { admin: true },
    description: 'The customer callback settings (admins only).',
    select: {
      customerCallbackUrl: true,
      customerCallbackSecret: true,
      customerCallbackTtlSeconds: true,
      customerCallbackAllowPrivate: true,
    },
    resolve: (workspace) => callbackSettingsOf(workspace),
  }),
}));

const ConfigureCustomerCallbackInput = builder.inputType('ConfigureCustomerCallbackInput', {
  description: 'Omitted fields stay as they are.',
  fields: (t) => ({
    url: t.string({
      required: false,
      description:
        'The https:// endpoint; null turns the callback off. Plain http:// and private addresses need allowPrivateAddresses.',
      validate: z
        .string()
        .max(MAX_CALLBACK_URL_LENGTH, `At most ${MAX_CALLBACK_URL_LENGTH} characters.`)
        .refine(storableText, 'Must not contain NUL characters.'),
    }),
    secret: t.string({
      required: false,
      description:
        'The signing key (write-only). Omitted: the current one stays, or one is generated when none is set yet; ' +
        'null: a new one is generated. A generated secret is returned once, in the payload.',
      validate: z
        .string()
        .min(16, 'Use at least 16 characters.')
        .max(200, 'At most 200 characters.')
        .refine(storableText, 'Must not contain NUL characters.'),
    }),
    ttlSeconds: t.int({
      required: false,
      description: `How long an answer is cached per customer, 0 to ${MAX_CALLBACK_TTL_SECONDS}; 0 asks every time.`,
      validate: z
        .number()
        .int()
        .min(0, 'Must be 0 or more.')
        .max(MAX_CALLBACK_TTL_SECONDS, `At most ${MAX_CALLBACK_TTL_SECONDS} (one day).`),
    }),
    allowPrivateAddresses: t.boolean({
      required: false,
      description: 'Allow private, loopback and link-local addresses and plain http:// (local testing, on-premises partners).',
    }),
  }),
});

const ConfigureCustomerCallbackPayload = builder.objectRef<{ settings: CustomerCallbackSettings; generatedSecret: string | null }>(
  'ConfigureCustomerCallbackPayload',
);
ConfigureCustomerCallbackPayload.implement({
  fields: (t) => ({
    customerCallback: t.field({ type: CustomerCallbackSettingsRef, resolve: (payload) => payload.settings }),
    secret: t.exposeString('generatedSecret', {
      nullable: true,
      description: 'The secret the server just generated, shown only in this response; null when none was generated.',
    }),
  }),
});

builder.mutationField('configureCustomerCallback', (t) =>
  t.field({
    type: ConfigureCustomerCallbackPayload,
    authScopes: { admin: true },
    description: `Sets up (or turns off) the workspace's customer callback. ${PROTOCOL}`,
    args: { input: t.arg({ type: ConfigureCustomerCallbackInput }) },
    resolve: (_root, { input }, ctx) => configureCustomerCallback(ctx, input),
  }),
);

const CustomerContextFieldRef = builder.objectRef<{ label: string; value: string }>('CustomerContextField');
CustomerContextFieldRef.implement({
  fields: (t) => ({
    label: t.exposeString('label'),
    value: t.exposeString('value'),
  }),
});

const CustomerContextRef = builder.objectRef<CustomerContextResult>('CustomerContext');
CustomerContextRef.implement({
  description: "What the partner's own system knows of a customer, as label/value pairs to show next to the customer.",
  fields: (t) => ({
    fields: t.field({ type: [CustomerContextFieldRef], resolve: (context) => context.fields }),
    fetchedAt: t.expose('fetchedAt', { type: 'DateTime', description: 'When the partner gave this answer.' }),
    expiresAt: t.expose('expiresAt', {
      type: 'DateTime',
      nullable: true,
      description: 'Until when the answer is served from the cache; null when the workspace does not cache.',
    }),
    cached: t.exposeBoolean('cached', { description: 'True when this answer came from the cache, not from the partner just now.' }),
    stale: t.exposeBoolean('stale', {
      description: 'True when the partner failed just now and this is an expired earlier answer (see staleReason).',
    }),
    staleReason: t.exposeString('staleReason', { nullable: true, description: 'Why a fresh answer could not be had.' }),
  }),
});

builder.queryField('customerContext', (t) =>
  t.field({
    type: CustomerContextRef,
    nullable: true,
    description:
      "Asks the workspace's customer callback about a customer (or answers from its cache). Null when the workspace " +
      'has no customer callback. When the partner fails (no answer in time, an HTTP error, not the expected JSON, ' +
      'too large, unreachable, or an address the workspace may not reach) this field alone fails with ' +
      '`extensions.code` UPSTREAM_UNAVAILABLE and `extensions.reason` (TIMEOUT, HTTP_STATUS, BAD_RESPONSE, TOO_LARGE, ' +
      'DNS, PRIVATE_ADDRESS, UNREACHABLE, TLS) — unless a recently expired answer can be shown, marked `stale`.',
    args: { customerId: t.arg.id() },
    resolve: (_root, { customerId }, ctx) => customerContext(ctx, idOf(String(customerId), 'Customer', 'customerId')),
  }),
);
