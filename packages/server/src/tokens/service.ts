// API tokens for integrators: scoped, stored hashed, the secret shown once at creation.
import { hashSecret, newSecret } from '../auth/secrets.js';
import type { AppServices, Context } from '../context.js';
import { principalOf } from '../context.js';
import { badInput, notFound } from '../errors.js';
import type { Actor, Clock } from '../events/write.js';
import { systemClock, transactionTime, writeTransaction } from '../events/write.js';
import type { ApiTokenScope } from '../generated/prisma/enums.js';

export interface CreateApiTokenInput {
  name: string;
  scopes: ApiTokenScope[];
  expiresAt?: Date | null;
}

/** Used by the API and by the demo seed (which has no signed-in principal yet). */
export async function issueApiToken(
  app: Pick<AppServices, 'db' | 'events'> & { clock?: Clock },
  actor: Actor & { workspaceId: string; userId: string | null },
  input: CreateApiTokenInput,
) {
  if (input.scopes.length === 0) throw badInput('input.scopes', 'Give the token at least one scope.');
  if (input.expiresAt && input.expiresAt.getTime() <= (app.clock ?? systemClock).now().getTime()) {
    throw badInput('input.expiresAt', 'The expiry must be in the future.');
  }
  const secret = newSecret('api');
  return writeTransaction(app, actor, async (tx, emit) => {
    const apiToken = await tx.apiToken.create({
      data: {
        workspaceId: actor.workspaceId,
        name: input.name,
        tokenHash: hashSecret(secret),
        prefix: secret.slice(0, 8),
        scopes: [...new Set(input.scopes)],
        expiresAt: input.expiresAt ?? null,
        createdById: actor.userId,
      },
    });
    emit({ type: 'apiToken.created', entityType: 'ApiToken', entityId: apiToken.id, payload: { scopes: apiToken.scopes } });
    return { apiToken, secret };
  });
}

export const createApiToken = (ctx: Context, input: CreateApiTokenInput) => issueApiToken(ctx.app, principalOf(ctx), input);

export async function revokeApiToken(ctx: Context, id: string) {
  const principal = principalOf(ctx);
  return writeTransaction(ctx.app, principal, async (tx, emit) => {
    const before = await tx.apiToken.findFirst({ where: { id, workspaceId: principal.workspaceId } });
    if (!before) throw notFound('ApiToken');
    const apiToken = before.revokedAt ? before : await tx.apiToken.update({ where: { id }, data: { revokedAt: transactionTime(tx) } });
    if (!before.revokedAt) emit({ type: 'apiToken.revoked', entityType: 'ApiToken', entityId: id });
    return apiToken;
  });
}
