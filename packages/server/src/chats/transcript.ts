// The transcript of a conversation as plain text: what a ticket made from the conversation carries as its message.
import type { Tx } from '../events/write.js';
import type { Conversation } from '../generated/prisma/client.js';

interface TranscriptLine {
  createdAt: Date;
  kind: 'TEXT' | 'ATTACHMENT' | 'EVENT';
  authorKind: 'AGENT' | 'CUSTOMER' | 'SYSTEM';
  authorName: string | null;
  body: string;
  attachments: unknown;
}

/** Pure: one line per message, `[time UTC] who: text`, attachments listed by name and address. */
export function formatTranscript(lines: readonly TranscriptLine[], customerName: string): string {
  return lines
    .map((line) => {
      const at = line.createdAt.toISOString().slice(0, 16).replace('T', ' ');
      const who = line.authorKind === 'CUSTOMER' ? customerName : line.authorKind === 'AGENT' ? (line.authorName ?? 'Agent') : null;
      const files = Array.isArray(line.attachments)
        ? (line.attachments as { fileName?: string; url?: string }[]).map((file) => `\n    (attachment: ${file.fileName ?? 'file'} ${file.url ?? ''})`).join('')
        : '';
      return who ? `[${at} UTC] ${who}: ${line.body}${files}` : `[${at} UTC] — ${line.body}`;
    })
    .join('\n');
}

export async function conversationTranscript(tx: Tx, conversation: Conversation & { customer: { name: string } }) {
  const messages = await tx.conversationMessage.findMany({
    where: { conversationId: conversation.id },
    orderBy: [{ createdAt: 'asc' }, { sequence: 'asc' }],
    include: { authorUser: { select: { name: true } } },
  });
  const text = formatTranscript(
    messages.map((message) => ({ ...message, authorName: message.authorUser?.name ?? null })),
    conversation.customer.name,
  );
  return text || '(The conversation has no messages.)';
}
