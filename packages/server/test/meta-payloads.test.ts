// The pure reading of Meta payloads (src/channels/meta-parse.ts): timestamps in either unit, every documented message
// shape, and whatever else Meta may send named as unknown instead of thrown.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { epochToDate, parseMetaPayload } from '../src/channels/meta-parse.js';

const fixtureDir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures', 'meta');
const fixture = (name: string) => JSON.parse(readFileSync(path.join(fixtureDir, name), 'utf8'));
const received = new Date('2026-11-30T12:00:00Z');
const whatsapp = { source: 'WHATSAPP' as const, accountId: '106540352242922' };

describe('timestamps', () => {
  it('epoch seconds (WhatsApp, as strings) and milliseconds (Messenger) become the same instant', () => {
    const instant = '2025-11-30T10:00:00.000Z';
    expect(epochToDate('1764496800', 's', received).toISOString()).toBe(instant);
    expect(epochToDate(1764496800, 's', received).toISOString()).toBe(instant);
    expect(epochToDate(1764496800000, 'ms', received).toISOString()).toBe(instant);
    // A sender that mixes the units up is still read right.
    expect(epochToDate('1764496800000', 's', received).toISOString()).toBe(instant);
    expect(epochToDate(1764496800, 'ms', received).toISOString()).toBe(instant);
  });

  it('a missing or unusable timestamp falls back to when the delivery was received', () => {
    for (const value of [undefined, null, '', 'soon', -5, 0, {}, Number.NaN]) {
      expect(epochToDate(value, 's', received)).toEqual(received);
    }
  });
});

describe('WhatsApp payloads', () => {
  it('reads every documented message type of the fixtures', () => {
    const events = [
      ...parseMetaPayload(fixture('whatsapp-text.json'), whatsapp, received).events,
      ...parseMetaPayload(fixture('whatsapp-media.json'), whatsapp, received).events,
      ...parseMetaPayload(fixture('whatsapp-location-reaction.json'), whatsapp, received).events,
    ];
    expect(events.map((event) => (event.kind === 'message' ? [event.metadata.type, event.messageKind] : event.kind))).toEqual([
      ['text', 'TEXT'],
      ['image', 'ATTACHMENT'],
      ['audio', 'ATTACHMENT'],
      ['video', 'ATTACHMENT'],
      ['document', 'ATTACHMENT'],
      ['sticker', 'ATTACHMENT'],
      ['location', 'TEXT'],
      ['reaction', 'TEXT'],
      ['unsupported', 'TEXT'],
    ]);
    for (const event of events) {
      if (event.kind === 'message') expect(event.body.trim().length).toBeGreaterThan(0);
    }
  });

  it('statuses carry the provider error code of a failure', () => {
    const { events } = parseMetaPayload(fixture('whatsapp-statuses.json'), whatsapp, received);
    expect(events).toEqual([
      { kind: 'status', externalId: 'wamid.OUT.1', state: 'DELIVERED', at: new Date(1764497000_000), error: null },
      { kind: 'status', externalId: 'wamid.OUT.1', state: 'READ', at: new Date(1764497060_000), error: null },
      { kind: 'status', externalId: 'wamid.OUT.2', state: 'FAILED', at: new Date(1764497100_000), error: '131047: Re-engagement message' },
    ]);
  });

  it('another phone number’s changes are skipped; unknown fields, types and shapes are named, never thrown', () => {
    expect(parseMetaPayload(fixture('whatsapp-text.json'), { source: 'WHATSAPP', accountId: '999' }, received)).toMatchObject({
      events: [],
      skipped: ["phone number 106540352242922 is not this channel's"],
    });
    expect(parseMetaPayload(fixture('whatsapp-unknown.json'), whatsapp, received)).toMatchObject({
      events: [],
      unknown: ['message type order', 'field message_template_status_update'],
    });
    const odd = [
      null,
      'text',
      [],
      { object: 'page' },
      { object: 'whatsapp_business_account', entry: 'x' },
      { object: 'whatsapp_business_account', entry: [null, 1, { changes: [null, { field: 'messages', value: null }, { field: 'messages', value: { messages: [{}], statuses: [{ id: 'x', status: 'deleted' }] } }] }] },
    ];
    for (const payload of odd) expect(() => parseMetaPayload(payload, whatsapp, received)).not.toThrow();
    expect(parseMetaPayload(odd[5], whatsapp, received).unknown).toEqual(['message without id or sender (type none)', 'status "deleted"']);
  });
});

describe('Messenger and Instagram payloads', () => {
  it('reads messages, echoes, reactions, watermarks, story replies and unsends', () => {
    const messenger = parseMetaPayload(fixture('messenger.json'), { source: 'MESSENGER', accountId: '104892735621234' }, received);
    expect(messenger.unknown).toEqual([]);
    expect(messenger.events.map((event) => event.kind)).toEqual(['message', 'message', 'message', 'message', 'echo', 'status', 'watermark', 'watermark']);
    const instagram = parseMetaPayload(fixture('instagram-unsend.json'), { source: 'INSTAGRAM', accountId: '17841405822304914' }, received);
    expect(instagram.events).toEqual([
      { kind: 'deleted', externalId: 'ig_VIDEO_1', at: new Date(1764496950_000) },
      { kind: 'status', externalId: 'ig_OUT_1', state: 'READ', at: new Date(1764496951_000), error: null },
    ]);
  });

  it('unknown messaging events and attachment types are named', () => {
    const payload = {
      object: 'instagram',
      entry: [
        {
          id: '1',
          time: 1,
          changes: [{ field: 'comments' }],
          messaging: [
            { sender: { id: '2' }, recipient: { id: '1' }, timestamp: 1764496950000, optin: { ref: 'x' } },
            { sender: { id: '2' }, recipient: { id: '1' }, timestamp: 1764496950000, message: { mid: 'm1', attachments: [{ type: 'hologram', payload: {} }] } },
          ],
        },
      ],
    };
    expect(parseMetaPayload(payload, { source: 'INSTAGRAM', accountId: null }, received)).toMatchObject({
      events: [],
      unknown: ['entry field changes', 'messaging event optin', 'message m1: attachment type hologram'],
    });
  });
});
