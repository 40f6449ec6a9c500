// The conversation archive's filter as a Prisma `where`: every channel of a product in one list, newest first.
import type { Prisma } from '../generated/prisma/client.js';
import type { Channel, ConversationStatus } from '../generated/prisma/enums.js';

export interface ConversationFilter {
  statuses?: ConversationStatus[] | null;
  productIds?: string[] | null;
  channels?: Channel[] | null;
  assigneeUserIds?: string[] | null;
  /** Conversations whose assignee is a member of one of these teams. */
  teamIds?: string[] | null;
  topicIds?: string[] | null;
  /** Started at or after. */
  from?: Date | null;
  /** Started before. */
  to?: Date | null;
  /** Part of the customer's name, e-mail, phone, WhatsApp number, Facebook or Instagram id. */
  search?: string | null;
}

const some = <T>(list: T[] | null | undefined): list is T[] => !!list && list.length > 0;

export function conversationWhere(workspaceId: string, filter: ConversationFilter = {}): Prisma.ConversationWhereInput {
  const search = filter.search?.trim();
  const contains = (value: string) => ({ contains: value, mode: 'insensitive' as const });
  return {
    workspaceId,
    ...(some(filter.statuses) ? { status: { in: filter.statuses } } : {}),
    ...(some(filter.productIds) ? { productId: { in: filter.productIds } } : {}),
    ...(some(filter.channels) ? { channel: { in: filter.channels } } : {}),
    ...(some(filter.topicIds) ? { topicId: { in: filter.topicIds } } : {}),
    ...(some(filter.assigneeUserIds) || some(filter.teamIds)
      ? {
          AND: [
            ...(some(filter.assigneeUserIds) ? [{ assigneeUserId: { in: filter.assigneeUserIds } }] : []),
            ...(some(filter.teamIds) ? [{ assigneeUser: { teams: { some: { teamId: { in: filter.teamIds } } } } }] : []),
          ],
        }
      : {}),
    ...(filter.from || filter.to
      ? { createdAt: { ...(filter.from ? { gte: filter.from } : {}), ...(filter.to ? { lt: filter.to } : {}) } }
      : {}),
    ...(search
      ? {
          customer: {
            OR: [
              { name: contains(search) },
              { email: contains(search) },
              { phone: contains(search) },
              { whatsappNumber: contains(search) },
              { facebookId: contains(search) },
              { instagramId: contains(search) },
            ],
          },
        }
      : {}),
  };
}
