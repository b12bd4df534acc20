import { describe, expect, it } from 'vitest';
import { createCrashPolicy } from '../../../../src-main/core/crashPolicy';

const MIN = 60_000;

describe('crash policy', () => {
  it('a single crash restarts the kiosk on a clean first screen', () => {
    const policy = createCrashPolicy();
    expect(policy.recordCrash(0)).toBe('restart');
    expect(policy.outOfService).toBe(false);
  });

  it('by default the third crash within 10 minutes puts the kiosk out of service', () => {
    const policy = createCrashPolicy();
    expect(policy.recordCrash(0)).toBe('restart');
    expect(policy.recordCrash(4 * MIN)).toBe('restart');
    expect(policy.recordCrash(9 * MIN)).toBe('out-of-service');
    expect(policy.outOfService).toBe(true);
  });

  it('crashes spread wider than the window keep restarting: an occasional crash is not a loop', () => {
    const policy = createCrashPolicy();
    for (let i = 0; i < 20; i++) expect(policy.recordCrash(i * 6 * MIN)).toBe('restart');
  });

  it('a crash exactly one window after the oldest no longer counts that one', () => {
    const policy = createCrashPolicy({ maxCrashes: 2, windowMs: 10 * MIN });
    expect(policy.recordCrash(0)).toBe('restart');
    expect(policy.recordCrash(10 * MIN)).toBe('restart');
    expect(policy.recordCrash(10 * MIN + 1)).toBe('out-of-service');
  });

  it('out of service is sticky: staff restart the app after looking at why', () => {
    const policy = createCrashPolicy({ maxCrashes: 2, windowMs: MIN });
    policy.recordCrash(0);
    policy.recordCrash(1);
    expect(policy.recordCrash(100 * MIN)).toBe('out-of-service');
    expect(policy.outOfService).toBe(true);
  });

  it('maxCrashes 1 means any crash puts it out of service', () => {
    expect(createCrashPolicy({ maxCrashes: 1, windowMs: MIN }).recordCrash(0)).toBe('out-of-service');
  });

  it('refuses a policy that could never or always trip', () => {
    expect(() => createCrashPolicy({ maxCrashes: 0, windowMs: MIN })).toThrow(RangeError);
    expect(() => createCrashPolicy({ maxCrashes: 2.5, windowMs: MIN })).toThrow(RangeError);
    expect(() => createCrashPolicy({ maxCrashes: 3, windowMs: 0 })).toThrow(RangeError);
  });
});
