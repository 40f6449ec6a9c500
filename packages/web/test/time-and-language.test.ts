// Dates, countdowns and dictionaries without a browser: what agents read must be right in both languages.
import { describe, expect, it } from 'vitest';
import { en } from '../src/lib/i18n/en.js';
import { tr } from '../src/lib/i18n/tr.js';
import { formatDateTime, formatDuration, formatRelativeDay } from '../src/lib/time.js';

const keys = (value: unknown, prefix = ''): string[] =>
  typeof value === 'object' && value !== null
    ? Object.entries(value).flatMap(([key, inner]) => keys(inner, prefix ? `${prefix}.${key}` : key))
    : [prefix];

describe('countdowns and dates', () => {
  it('counts down in minutes and seconds under an hour, in units beyond', () => {
    expect(formatDuration(245, 'en')).toBe('4:05');
    expect(formatDuration(-61, 'en')).toBe('1:01');
    expect(formatDuration(2 * 3600 + 15 * 60, 'en')).toBe('2 hr 15 min');
    expect(formatDuration(3 * 86_400 + 4 * 3600, 'en')).toBe('3 days 4 hr');
    expect(formatDuration(2 * 3600 + 15 * 60, 'tr')).toBe('2 sa. 15 dk.');
  });

  it('shows instants in the workspace time zone, written in the agent’s locale', () => {
    // 21:30 UTC is already the next day in Istanbul (UTC+3).
    expect(formatDateTime('2026-03-01T21:30:00Z', 'Europe/Istanbul', 'en-GB')).toBe('2 Mar 2026, 00:30');
    expect(formatDateTime('2026-03-01T21:30:00Z', 'Europe/Istanbul', 'tr')).toBe('2 Mar 2026 00:30');
    expect(formatRelativeDay('2026-03-01T21:30:00Z', 'Europe/Istanbul', 'en-GB', new Date('2026-03-02T05:00:00Z'))).toBe('00:30');
  });
});

describe('dictionaries', () => {
  it('has every English string in Turkish, and nothing else', () => {
    expect(keys(tr).sort()).toEqual(keys(en).sort());
    const untranslated = keys(en).filter((key) => {
      const english = key.split('.').reduce<any>((node, part) => node[part], en);
      const turkish = key.split('.').reduce<any>((node, part) => node[part], tr);
      return english === turkish && !/^(app\.name|history\.empty|cockpit\.none|ticket\.heading|ticket\.historyChange|widget\.agent|reports\.chartLabel|reports\.chartLabel|tickets\.sla|ticket\.sla|tickets\.columns\.number|enums\.channel\.(APP_STORE|GOOGLE_PLAY|HUAWEI_APPGALLERY|WHATSAPP|INSTAGRAM|FACEBOOK|TWITTER)|history\.actor\.system|chats\.system|chatCustomer\.(whatsapp|facebook|instagram|group)|ticketFields\.noValue)/.test(key);
    });
    expect(untranslated).toEqual([]);
  });
});
