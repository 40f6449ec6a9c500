// The control loop every background worker runs on (src/workers/serial-runner.ts): one pass at a time, callers during
// a pass coalesced into one more pass or queued behind it, a failing pass never wedging it, stop waiting for the pass.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { coalescingRunner, every, queuedRunner } from '../src/workers/serial-runner.js';

/** A promise the test resolves or rejects by hand, so a pass stays "in progress" for as long as the test wants. */
function gate<T = void>() {
  let open!: (value: T) => void;
  let fail!: (error: Error) => void;
  const promise = new Promise<T>((resolve, reject) => {
    open = resolve;
    fail = reject;
  });
  return { promise, open, fail };
}

/** Lets every pending continuation run (passes here only wait on gates, never on timers). */
const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('coalescing runner (event relay, e-mail and channel outboxes)', () => {
  it('turns any number of calls during a pass into exactly one more pass, and all of them resolve after it', async () => {
    const gates = [gate(), gate(), gate()];
    let passes = 0;
    const runner = coalescingRunner(() => gates[passes++]!.promise, () => undefined);

    const first = runner.trigger();
    await settle();
    expect(passes).toBe(1);
    const during = Array.from({ length: 5 }, () => runner.trigger());
    await settle();
    expect(passes).toBe(1); // still the first pass: nobody runs beside it

    let resolved = 0;
    for (const call of [first, ...during]) void call.then(() => (resolved += 1));
    gates[0]!.open();
    await settle();
    expect(passes).toBe(2); // the one extra pass for all five callers
    expect(resolved).toBe(0); // they resolve when the extra pass is done, not before

    gates[1]!.open();
    await Promise.all([first, ...during]);
    expect(passes).toBe(2);
    expect(resolved).toBe(6);

    // Idle again: the next call starts a fresh pass at once.
    const later = runner.trigger();
    expect(passes).toBe(3);
    gates[2]!.open();
    await later;
  });

  it('reports a failing pass, still runs the pass asked for after it, and keeps working', async () => {
    const errors: string[] = [];
    const gates = [gate(), gate(), gate()];
    let passes = 0;
    const runner = coalescingRunner(
      () => gates[passes++]!.promise,
      (error) => errors.push(error.message),
    );

    const first = runner.trigger();
    const second = runner.trigger();
    gates[0]!.fail(new Error('database away'));
    await settle();
    expect(errors).toEqual(['database away']);
    expect(passes).toBe(2);
    gates[1]!.open();
    await expect(Promise.all([first, second])).resolves.toBeDefined();

    // A pass that throws before its first await does not wedge it either.
    const sync = coalescingRunner(
      () => {
        throw new Error('at once');
      },
      (error) => errors.push(error.message),
    );
    await sync.trigger();
    await sync.trigger();
    expect(errors).toEqual(['database away', 'at once', 'at once']);

    const third = runner.trigger();
    expect(passes).toBe(3);
    gates[2]!.open();
    await third;
  });

  it('settled() waits for the pass in progress and the pass asked for after it', async () => {
    const gates = [gate(), gate()];
    let passes = 0;
    const runner = coalescingRunner(() => gates[passes++]!.promise, () => undefined);
    await runner.settled(); // idle: nothing to wait for

    void runner.trigger();
    void runner.trigger();
    let settled = false;
    void runner.settled().then(() => (settled = true));
    gates[0]!.open();
    await settle();
    expect(settled).toBe(false);
    gates[1]!.open();
    await settle();
    expect(settled).toBe(true);
    expect(passes).toBe(2);
  });
});

describe('queued runner (SLA scanner, webhook sweeper)', () => {
  it('runs a call made during a pass after it, with its own arguments and its own result, one at a time', async () => {
    const gates = new Map([
      ['a', gate<number>()],
      ['b', gate<number>()],
      ['c', gate<number>()],
    ]);
    const started: string[] = [];
    let inProgress = 0;
    let most = 0;
    const runner = queuedRunner(async (name: string) => {
      started.push(name);
      inProgress += 1;
      most = Math.max(most, inProgress);
      try {
        return await gates.get(name)!.promise;
      } finally {
        inProgress -= 1;
      }
    });

    const a = runner.run('a');
    const b = runner.run('b');
    const c = runner.run('c');
    await settle();
    expect(started).toEqual(['a']);
    expect(runner.busy).toBe(true);

    gates.get('a')!.open(1);
    expect(await a).toBe(1);
    await settle();
    expect(started).toEqual(['a', 'b']); // one waiter wakes and runs; the other waits for it in turn
    gates.get('b')!.open(2);
    gates.get('c')!.open(3);
    expect(await Promise.all([b, c])).toEqual([2, 3]);
    expect(started).toEqual(['a', 'b', 'c']);
    expect(most).toBe(1);
    expect(runner.busy).toBe(false);
  });

  it('hands a pass its error, and the waiters behind it still run', async () => {
    const first = gate<number>();
    let calls = 0;
    const runner = queuedRunner(async (fail: boolean) => {
      calls += 1;
      if (fail) return first.promise;
      return 7;
    });

    const failing = runner.run(true);
    const next = runner.run(false);
    first.fail(new Error('scan failed'));
    await expect(failing).rejects.toThrow('scan failed');
    expect(await next).toBe(7);
    expect(await runner.run(false)).toBe(7);
    expect(calls).toBe(3);
  });

  it('settled() waits for the pass in progress and never throws its error', async () => {
    const pass = gate<number>();
    const runner = queuedRunner(() => pass.promise);
    await runner.settled();

    const run = runner.run(undefined);
    run.catch(() => undefined);
    let settled = false;
    const stopped = runner.settled().then(() => (settled = true));
    await settle();
    expect(settled).toBe(false);
    pass.fail(new Error('database away'));
    await stopped;
    expect(settled).toBe(true);
    expect(runner.busy).toBe(false);
  });
});

describe('every', () => {
  afterEach(() => vi.useRealTimers());

  it('ticks every interval until stopped, without keeping the process alive', () => {
    vi.useFakeTimers();
    const unref = vi.spyOn(globalThis, 'setInterval');
    let ticks = 0;
    const timer = every(1000, () => (ticks += 1));
    expect((unref.mock.results[0]!.value as NodeJS.Timeout).hasRef()).toBe(false);
    vi.advanceTimersByTime(3500);
    expect(ticks).toBe(3);
    timer.stop();
    vi.advanceTimersByTime(5000);
    expect(ticks).toBe(3);
    unref.mockRestore();
  });
});
