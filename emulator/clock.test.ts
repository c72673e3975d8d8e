import { installClock, SiteClock } from './clock';

describe('the site clock', () => {
  const RealDate = Date;
  afterEach(() => {
    globalThis.Date = RealDate;
  });

  test('starts at real time and only moves forward', () => {
    const clock = new SiteClock();
    expect(Math.abs(clock.now() - RealDate.now())).toBeLessThan(1_000);
    clock.advanceBy(3_600_000);
    const later = clock.now();
    clock.advanceTo(later - 86_400_000);
    expect(clock.now()).toBeGreaterThanOrEqual(later);
  });

  test('refuses a negative or fractional offset', () => {
    expect(() => new SiteClock(-1)).toThrow(/non-negative/);
    expect(() => new SiteClock(0.5)).toThrow(/non-negative/);
  });

  test('once installed, Date.now, new Date() and Date() read the site clock while other dates stay as they were', () => {
    const clock = new SiteClock();
    installClock(clock);
    clock.advanceBy(2 * 86_400_000);
    expect(Date.now() - RealDate.now()).toBeGreaterThanOrEqual(2 * 86_400_000 - 1_000);
    expect(new Date().getTime() - RealDate.now()).toBeGreaterThanOrEqual(2 * 86_400_000 - 1_000);
    expect(new RealDate(String(Date())).getTime() - RealDate.now()).toBeGreaterThanOrEqual(2 * 86_400_000 - 2_000);
    expect(new Date(0).toISOString()).toBe('1970-01-01T00:00:00.000Z');
    expect(Date.parse('2025-01-02T00:00:00Z')).toBe(1_735_776_000_000);
    expect(new RealDate() instanceof Date).toBe(true);
    expect(new Date() instanceof RealDate).toBe(true);
    class Stamp extends Date {}
    expect(new Stamp(5).getTime()).toBe(5);
  });
});
