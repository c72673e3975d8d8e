import { remainingMs, sleep, withDeadline, withTimeout } from './timeout';

const timedOut = (): Error => new Error('timed out');
const never = (): Promise<never> => new Promise(() => undefined);

describe('the invocation deadline', () => {
  it('has no limit outside an invocation', () => {
    expect(remainingMs()).toBe(Number.POSITIVE_INFINITY);
  });

  it('cuts an attempt short at the deadline even when the attempt may take longer', async () => {
    await expect(withDeadline(20, () => withTimeout(never, 60_000, timedOut))).rejects.toThrow('timed out');
  });

  it('does not start an attempt once the deadline has passed', async () => {
    const attempt = jest.fn(never);
    await expect(withDeadline(0, () => withTimeout(attempt, 60_000, timedOut))).rejects.toThrow('timed out');
    expect(attempt).not.toHaveBeenCalled();
  });

  it('ends a wait between attempts at the deadline, leaving no time for another attempt', async () => {
    await withDeadline(20, async () => {
      await sleep(60_000);
      expect(remainingMs()).toBeLessThanOrEqual(2);
    });
  });

  it('lets a nested budget shorten the deadline but never extend it', async () => {
    await withDeadline(50, () =>
      withDeadline(60_000, () => {
        expect(remainingMs()).toBeLessThanOrEqual(50);
        return Promise.resolve();
      }),
    );
  });
});
