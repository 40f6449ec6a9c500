// The cockpit's pure parts on their own: the day in a time zone (DST too), the name search pattern, row shaping and
// the coalescing of bursts of changes.
import { describe, expect, it } from 'vitest';
import { createCoalescer } from '../src/cockpit/coalesce.js';
import { cockpitDay, cockpitRows } from '../src/cockpit/metrics.js';
import { foldName, namePattern } from '../src/search/turkish-fold.js';

describe('cockpitDay', () => {
  it('is midnight to midnight in the workspace zone', () => {
    expect(cockpitDay(new Date('2026-11-29T21:10:00Z'), 'Europe/Istanbul')).toEqual({
      from: new Date('2026-11-29T21:00:00Z'),
      to: new Date('2026-11-30T21:00:00Z'),
    });
    expect(cockpitDay(new Date('2026-11-29T20:50:00Z'), 'Europe/Istanbul').from).toEqual(new Date('2026-11-28T21:00:00Z'));
  });

  it('is 23 hours long on the day clocks go forward, and falls back to UTC for an unknown zone', () => {
    const day = cockpitDay(new Date('2026-03-29T12:00:00Z'), 'Europe/Berlin');
    expect((day.to.getTime() - day.from.getTime()) / 3_600_000).toBe(23);
    expect(cockpitDay(new Date('2026-11-30T12:00:00Z'), 'Mars/Olympus')).toEqual({
      from: new Date('2026-11-30T00:00:00Z'),
      to: new Date('2026-12-01T00:00:00Z'),
    });
  });
});

describe('namePattern', () => {
  it('folds case and the Turkish i forms, and escapes LIKE wildcards', () => {
    expect(namePattern('Ö')).toBe('%ö%');
    expect(namePattern('İP')).toBe('%ip%');
    expect(namePattern('ış')).toBe('%iş%');
    expect(namePattern('50%_a\\b')).toBe('%50\\%\\_a\\\\b%');
    expect(namePattern('  ')).toBeNull();
    expect(namePattern(null)).toBeNull();
    expect(foldName('İpek IŞIK')).toBe('ipek işik');
  });
});

describe('cockpitRows', () => {
  it('sorts by name in the workspace language, rounds averages and measures time in status', () => {
    const base = { status: 'ONLINE' as const, activeConversations: 0, resolvedToday: 0, reactivatedToday: 0, transferredToday: 0, avgResolutionSeconds: null };
    const rows = cockpitRows(
      [
        { ...base, userId: 'b', name: 'Zeynep', statusChangedAt: new Date('2026-11-30T09:00:00Z'), avgFirstResponseSeconds: 180.4 },
        { ...base, userId: 'a', name: 'Özge', statusChangedAt: new Date('2026-11-30T09:59:00Z'), avgFirstResponseSeconds: null },
        { ...base, userId: 'c', name: 'Okan', statusChangedAt: new Date('2026-11-30T11:00:00Z'), avgFirstResponseSeconds: 90.5 },
      ],
      new Date('2026-11-30T10:00:00Z'),
      'tr',
    );
    expect(rows.map((row) => [row.name, row.timeInStatusSeconds, row.averageFirstResponseSeconds])).toEqual([
      ['Okan', 0, 91],
      ['Özge', 60, null],
      ['Zeynep', 3600, 180],
    ]);
  });
});

describe('createCoalescer', () => {
  const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

  it('runs at once after quiet, then at most once per interval, and always after the last poke', async () => {
    const runs: number[] = [];
    const started = Date.now();
    const coalescer = createCoalescer(100, async () => {
      runs.push(Date.now() - started);
    });
    coalescer.poke();
    await sleep(10);
    expect(runs).toHaveLength(1);
    for (let i = 0; i < 20; i++) {
      coalescer.poke();
      await sleep(10);
    }
    await sleep(150);
    coalescer.stop();
    // ~210 ms of pokes every 10 ms: the first at once, then one per 100 ms, and a trailing one.
    expect(runs.length).toBeGreaterThanOrEqual(3);
    expect(runs.length).toBeLessThanOrEqual(5);
    for (let i = 1; i < runs.length; i++) expect(runs[i] - runs[i - 1]).toBeGreaterThanOrEqual(95);
    expect(runs[runs.length - 1]).toBeGreaterThanOrEqual(200);
  });

  it('never runs twice at once, and a poke during a run gets a run after it', async () => {
    let running = 0;
    let overlapped = false;
    let runs = 0;
    const coalescer = createCoalescer(20, async () => {
      running++;
      if (running > 1) overlapped = true;
      runs++;
      await sleep(60);
      running--;
    });
    coalescer.poke();
    await sleep(5);
    coalescer.poke();
    await sleep(200);
    coalescer.stop();
    expect(overlapped).toBe(false);
    expect(runs).toBe(2);
  });
});
