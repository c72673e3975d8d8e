import { ServerTiming } from './server-timing';

describe("the site's Server-Timing header", () => {
  test('names each timed part in order, then the process CPU time, in milliseconds', async () => {
    const timing = new ServerTiming();
    await timing.time('context', () => Promise.resolve('issue'));
    const answer = await timing.time('app', () => Promise.resolve(42));
    expect(answer).toBe(42);
    expect(timing.header()).toMatch(/^context;dur=\d+\.\d, app;dur=\d+\.\d, cpu;dur=\d+\.\d$/);
  });

  test('times a part that fails too, and lets its error through', async () => {
    const timing = new ServerTiming();
    await expect(timing.time('app', () => Promise.reject(new Error('the resolver threw')))).rejects.toThrow('the resolver threw');
    expect(timing.header()).toMatch(/^app;dur=\d+\.\d, cpu;dur=\d+\.\d$/);
  });
});
