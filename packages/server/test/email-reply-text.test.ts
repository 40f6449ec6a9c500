// The pure parts of inbound e-mail on their own: which e-mails a machine sent, what of a reply is the customer's own
// text, and which ids it answers. (End to end through the endpoint: customer-writes-by-email.test.ts.)
import { describe, expect, it } from 'vitest';
import { automatedReason, parseInboundEmail, threadRefsOf, withoutQuotedReply } from '../src/channels/email-inbound.js';
import { replyThreading, ticketNumberInSubject } from '../src/mail/threading.js';

const headers = (values: Record<string, unknown>) => new Map(Object.entries(values));

describe('who wrote it', () => {
  it.each([
    [{ 'auto-submitted': 'auto-generated' }, null, 'auto-reply'],
    [{ 'auto-submitted': 'Auto-Replied; owner-email="x@y"' }, null, 'auto-reply'],
    [{ 'x-autoreply': '' }, null, 'auto-reply'],
    [{ precedence: 'junk' }, null, 'bulk'],
    [{ 'content-type': { value: 'multipart/report', params: { 'report-type': 'disposition-notification' } } }, null, 'bounce'],
    [{}, 'Mailer-Daemon@mx.example', 'bounce'],
  ])('%j from %s is a machine (%s)', (values, from, kind) => {
    expect(automatedReason(headers(values), from)?.kind).toBe(kind);
  });

  it.each([
    [{ 'auto-submitted': 'no' }],
    [{ 'auto-submitted': 'No' }],
    [{ 'x-autoreply': 'no' }],
    [{ precedence: 'first-class' }],
    [{ 'content-type': { value: 'multipart/mixed', params: { boundary: 'b' } } }],
  ])('%j is a person', (values) => {
    expect(automatedReason(headers(values), 'deniz@example.com')).toBeNull();
  });

  it('an empty Return-Path is the null sender of a bounce', () => {
    expect(automatedReason(headers({}), 'x@y.example', [{ key: 'return-path', line: 'Return-Path: <>' }])?.kind).toBe('bounce');
  });
});

describe("the customer's own text of a reply", () => {
  it('drops the quoted e-mail under the answer, with its two-line attribution', () => {
    const text = 'Thanks, that worked.\n\nOn Mon, 30 Nov 2026 at 10:00, Acme Support\n<support@acme.example> wrote:\n\n> Try restarting.\n> \n';
    expect(withoutQuotedReply(text)).toBe('Thanks, that worked.');
  });

  it('keeps answers written between quoted lines, and never leaves nothing', () => {
    const inline = '> Which order?\n1001\n> Which colour?\nBlue';
    expect(withoutQuotedReply(inline)).toBe(inline);
    expect(withoutQuotedReply('> only a quote\n')).toBe('> only a quote\n');
  });

  it('understands a Turkish attribution line', () => {
    expect(withoutQuotedReply('Teşekkürler.\n\n30 Kas 2026 Pzt, Acme <support@acme.example> şunu yazdı:\n> Merhaba')).toBe('Teşekkürler.');
  });
});

describe('what a reply answers', () => {
  it('lists In-Reply-To first, then References from the last, each once', async () => {
    const raw = [
      'From: a@b.example',
      'Message-ID: c3@b.example',
      'In-Reply-To: <reply-11111111-2222-4333-8444-555555555555@deskgraph>',
      'References: <ticket-aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee@deskgraph> <c1@b.example>',
      ' <reply-11111111-2222-4333-8444-555555555555@deskgraph>',
      '',
      'hi',
    ].join('\r\n');
    const parsed = await parseInboundEmail(Buffer.from(raw));
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    // A Message-ID without angle brackets is still the Message-ID.
    expect(parsed.email.messageId).toBe('<c3@b.example>');
    expect(threadRefsOf(parsed.email).refs).toEqual([
      { kind: 'reply', outboundEmailId: '11111111-2222-4333-8444-555555555555' },
      { kind: 'other', messageId: '<c1@b.example>' },
      { kind: 'thread', ticketId: 'aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee' },
    ]);
  });

  it('finds the ticket token in a subject', () => {
    expect(ticketNumberInSubject('AW: Re: [#1042] Where is my parcel?')).toBe(1042);
    expect(ticketNumberInSubject('Order #1042')).toBeNull();
  });

  it("a reply answers the customer's last e-mail and refers to the thread first", () => {
    const ticketId = 'aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee';
    expect(replyThreading(ticketId, [])).toEqual({ inReplyTo: `<ticket-${ticketId}@deskgraph>`, references: [`<ticket-${ticketId}@deskgraph>`] });
    expect(replyThreading(ticketId, ['<a@x>', '<b@x>'])).toEqual({ inReplyTo: '<b@x>', references: [`<ticket-${ticketId}@deskgraph>`, '<a@x>', '<b@x>'] });
  });
});
