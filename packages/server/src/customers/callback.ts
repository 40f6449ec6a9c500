// Customer callback: a workspace-configured HTTPS endpoint that returns what the partner's own system knows of a
// customer. Admins configure it; agents see its answer while they work. Answers are cached per customer for the
// workspace's TTL in CustomerContextCache, which every server instance shares. The request itself (address checks,
// signing, deadline, size limit) is callback-http.ts.
import { encodeGlobalID } from '@pothos/plugin-relay';
import type { Context } from '../context.js';
import { principalOf } from '../context.js';
import { badInput, DeskgraphError, notFound } from '../errors.js';
import { writeTransaction } from '../events/write.js';
import type { Workspace } from '../generated/prisma/client.js';
import { log } from '../log.js';
import { checkCallbackUrl } from './callback-address.js';
import { type CallbackAnswer, CallbackAnswerSchema, CallbackFailure, type CallbackFailureReason, callCustomerCallback } from './callback-http.js';
import { newCallbackSecret } from './callback-signature.js';

export const MAX_CALLBACK_TTL_SECONDS = 86_400;
/** How long past its expiry a cached answer may still be shown (marked stale) while the partner fails. */
export const STALE_GRACE_MS = 24 * 3_600_000;

/** A partner failure, for the `customerContext` field: `extensions.code` UPSTREAM_UNAVAILABLE plus `reason`. */
export class UpstreamUnavailable extends DeskgraphError {
  constructor(failure: CallbackFailure) {
    super('UPSTREAM_UNAVAILABLE', failure.message);
    Object.assign(this.extensions, { reason: failure.reason satisfies CallbackFailureReason });
  }
}

type CallbackColumns = Pick<
  Workspace,
  'customerCallbackUrl' | 'customerCallbackSecret' | 'customerCallbackTtlSeconds' | 'customerCallbackAllowPrivate'
>;

/** What admins may read back of the configuration: never the secret, only whether there is one. */
export interface CustomerCallbackSettings {
  url: string | null;
  ttlSeconds: number;
  allowPrivateAddresses: boolean;
  secretSet: boolean;
}

export const callbackSettingsOf = (workspace: CallbackColumns): CustomerCallbackSettings => ({
  url: workspace.customerCallbackUrl,
  ttlSeconds: workspace.customerCallbackTtlSeconds,
  allowPrivateAddresses: workspace.customerCallbackAllowPrivate,
  secretSet: !!workspace.customerCallbackSecret,
});

/** Omitted fields stay as they are; `url: null` turns the callback off; `secret: null` generates a new secret. */
export interface ConfigureCustomerCallbackInput {
  url?: string | null;
  secret?: string | null;
  ttlSeconds?: number | null;
  allowPrivateAddresses?: boolean | null;
}

export async function configureCustomerCallback(ctx: Context, input: ConfigureCustomerCallbackInput) {
  const principal = principalOf(ctx);
  return writeTransaction(ctx.app, principal, async (tx, emit) => {
    const current = await tx.workspace.findUniqueOrThrow({ where: { id: principal.workspaceId } });
    const allowPrivate = input.allowPrivateAddresses ?? current.customerCallbackAllowPrivate;
    let url = input.url === undefined ? current.customerCallbackUrl : input.url;
    if (url !== null) {
      const checked = checkCallbackUrl(url, allowPrivate);
      // An unchanged URL can only become invalid by turning allowPrivateAddresses off.
      if ('problem' in checked) throw badInput(input.url != null ? 'input.url' : 'input.allowPrivateAddresses', checked.problem);
      url = checked.url;
    }
    let secret = current.customerCallbackSecret;
    let generatedSecret: string | null = null;
    if (typeof input.secret === 'string') secret = input.secret;
    else if (input.secret === null || (url !== null && !secret)) secret = generatedSecret = newCallbackSecret();

    const workspace = await tx.workspace.update({
      where: { id: principal.workspaceId },
      data: {
        customerCallbackUrl: url,
        customerCallbackSecret: secret,
        customerCallbackTtlSeconds: input.ttlSeconds ?? undefined,
        customerCallbackAllowPrivate: allowPrivate,
      },
    });
    // Answers of the old endpoint (or under the old TTL) must not outlive the change.
    await tx.customerContextCache.deleteMany({ where: { workspaceId: principal.workspaceId } });
    emit({
      type: 'workspace.customerCallbackConfigured',
      entityType: 'Workspace',
      entityId: workspace.id,
      // Agents receive workspace events: no URL (it may carry a partner's token) and never the secret.
      payload: {
        enabled: url !== null,
        ttlSeconds: workspace.customerCallbackTtlSeconds,
        allowPrivateAddresses: allowPrivate,
        secretChanged: secret !== current.customerCallbackSecret,
      },
    });
    return { settings: callbackSettingsOf(workspace), generatedSecret };
  });
}

export interface CustomerContextResult {
  fields: CallbackAnswer['fields'];
  fetchedAt: Date;
  expiresAt: Date | null;
  cached: boolean;
  stale: boolean;
  staleReason: string | null;
}

// Concurrent requests for the same customer on this instance share one partner call.
const inFlight = new Map<string, Promise<CallbackAnswer>>();

function callOnce(key: string, call: () => Promise<CallbackAnswer>) {
  let pending = inFlight.get(key);
  if (!pending) {
    pending = call().finally(() => inFlight.delete(key));
    inFlight.set(key, pending);
  }
  return pending;
}

/**
 * What the partner knows of a customer of the caller's workspace: from the cache while it is fresh, else from the
 * partner. Null when the workspace has no callback. A partner failure is an UPSTREAM_UNAVAILABLE error, unless an
 * expired answer (at most STALE_GRACE_MS past expiry) can be shown instead, marked stale.
 */
export async function customerContext(ctx: Context, customerId: string): Promise<CustomerContextResult | null> {
  const principal = principalOf(ctx);
  const { prisma } = ctx.app.db;
  const customer = await prisma.customer.findFirst({ where: { id: customerId, workspaceId: principal.workspaceId } });
  if (!customer) throw notFound('Customer', 'customerId');
  const workspace = await prisma.workspace.findUniqueOrThrow({ where: { id: principal.workspaceId } });
  const { customerCallbackUrl: url, customerCallbackSecret: secret, customerCallbackTtlSeconds: ttlSeconds } = workspace;
  if (!url || !secret) return null;

  const entry = ttlSeconds > 0 ? await prisma.customerContextCache.findUnique({ where: { customerId } }) : null;
  const parsed = entry && entry.workspaceId === principal.workspaceId ? CallbackAnswerSchema.safeParse(entry.payload) : null;
  const cached = entry && parsed?.success ? { ...entry, fields: parsed.data.fields } : null;
  const fromCache = (stale: string | null): CustomerContextResult => ({
    fields: cached!.fields,
    fetchedAt: cached!.fetchedAt,
    expiresAt: cached!.expiresAt,
    cached: true,
    stale: stale !== null,
    staleReason: stale,
  });
  if (cached && cached.expiresAt.getTime() > Date.now()) return fromCache(null);

  let answer: CallbackAnswer;
  try {
    answer = await callOnce(`${principal.workspaceId}:${customerId}:${url}`, () =>
      callCustomerCallback({ url, secret, allowPrivate: workspace.customerCallbackAllowPrivate }, {
        workspaceId: encodeGlobalID('Workspace', principal.workspaceId),
        customer: {
          id: encodeGlobalID('Customer', customer.id),
          name: customer.name,
          email: customer.email,
          phone: customer.phone,
          whatsappNumber: customer.whatsappNumber,
          facebookId: customer.facebookId,
          instagramId: customer.instagramId,
        },
      }),
    );
  } catch (error) {
    if (!(error instanceof CallbackFailure)) throw error;
    log.warn('customer callback failed', { workspaceId: principal.workspaceId, reason: error.reason, message: error.message });
    if (cached && Date.now() - cached.expiresAt.getTime() < STALE_GRACE_MS) return fromCache(error.message);
    throw new UpstreamUnavailable(error);
  }

  const fetchedAt = new Date();
  const expiresAt = ttlSeconds > 0 ? new Date(fetchedAt.getTime() + ttlSeconds * 1000) : null;
  if (expiresAt) {
    const row = { workspaceId: principal.workspaceId, payload: { fields: answer.fields }, fetchedAt, expiresAt };
    try {
      await prisma.customerContextCache.upsert({ where: { customerId }, create: { customerId, ...row }, update: row });
    } catch (error) {
      // The answer is still good; the next request asks the partner again.
      log.warn('customer context not cached', { workspaceId: principal.workspaceId, error: (error as Error)?.message });
    }
  }
  return { fields: answer.fields, fetchedAt, expiresAt, cached: false, stale: false, staleReason: null };
}
