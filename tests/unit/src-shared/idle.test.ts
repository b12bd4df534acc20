import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { KioskInfo } from '../../../src-shared/contract';
import { citizenWarnAfterSeconds, createIdleMachine, operatorIdleOf, type IdleState } from '../../../src-shared/idle';

/** The machine on the real global timers, which vitest's fake timers replace. */
function setup(warnAfterSeconds = 60, countdownSeconds = 30) {
  const changes: IdleState[] = [];
  const onExpire = vi.fn();
  const machine = createIdleMachine({
    warnAfterMs: warnAfterSeconds * 1000,
    countdownMs: countdownSeconds * 1000,
    onChange: (s) => changes.push({ ...s }),
    onExpire,
  });
  return { machine, changes, onExpire };
}

const seconds = (n: number) => vi.advanceTimersByTime(n * 1000);

describe('idle state machine', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('a kiosk nobody touched never warns nor wipes: an empty first screen is not idle', () => {
    const { machine, onExpire, changes } = setup();
    seconds(3600);
    expect(machine.state).toEqual({ phase: 'dormant', secondsLeft: 0 });
    expect(onExpire).not.toHaveBeenCalled();
    expect(changes).toEqual([]);
  });

  it('after the first touch, warns once warnAfter has passed with no activity, not a second earlier', () => {
    const { machine } = setup(60, 30);
    machine.activity();
    expect(machine.state.phase).toBe('active');
    seconds(59);
    expect(machine.state.phase).toBe('active');
    seconds(1);
    expect(machine.state).toEqual({ phase: 'warning', secondsLeft: 30 });
  });

  it('arm starts timing a dormant machine without anyone touching it (the officer after a citizen\'s wipe)', () => {
    const { machine, onExpire } = setup(60, 30);
    machine.arm();
    seconds(60);
    expect(machine.state).toEqual({ phase: 'warning', secondsLeft: 30 });
    machine.arm(); // a warning is answered, never re-armed away
    seconds(30);
    expect(onExpire).toHaveBeenCalledOnce();
  });

  it('a longer allowance (the code screen) re-times the running period; a shorter one counts the time already idle', () => {
    const { machine } = setup(60, 30);
    machine.activity();
    seconds(30);
    machine.setWarnAfter(360_000);
    seconds(300);
    expect(machine.state.phase).toBe('active');
    seconds(30);
    expect(machine.state.phase).toBe('warning');
    machine.extend();
    seconds(50);
    machine.setWarnAfter(60_000);
    seconds(9);
    expect(machine.state.phase).toBe('active');
    seconds(1);
    expect(machine.state.phase).toBe('warning');
  });

  it('on the code screen the warning waits for the code to expire plus a minute, unless the config says longer', () => {
    expect(citizenWarnAfterSeconds({ warnAfterSeconds: 60, countdownSeconds: 30 }, false)).toBe(60);
    expect(citizenWarnAfterSeconds({ warnAfterSeconds: 60, countdownSeconds: 30 }, true)).toBe(360);
    expect(citizenWarnAfterSeconds({ warnAfterSeconds: 900, countdownSeconds: 30 }, true)).toBe(900);
  });

  it('activity restarts the idle period', () => {
    const { machine } = setup(60, 30);
    machine.activity();
    seconds(50);
    machine.activity();
    seconds(50);
    expect(machine.state.phase).toBe('active');
    seconds(10);
    expect(machine.state.phase).toBe('warning');
  });

  it('counts down second by second, then expires exactly once at the end of the countdown', () => {
    const { machine, changes, onExpire } = setup(60, 30);
    machine.activity();
    seconds(60);
    seconds(29);
    expect(machine.state).toEqual({ phase: 'warning', secondsLeft: 1 });
    expect(onExpire).not.toHaveBeenCalled();
    seconds(1);
    expect(machine.state).toEqual({ phase: 'expired', secondsLeft: 0 });
    expect(onExpire).toHaveBeenCalledTimes(1);
    const countdown = changes.filter((c) => c.phase === 'warning').map((c) => c.secondsLeft);
    expect(countdown).toEqual(Array.from({ length: 30 }, (_, i) => 30 - i));
    seconds(600);
    expect(onExpire).toHaveBeenCalledTimes(1);
  });

  it('extend during the warning gives a full new idle period', () => {
    const { machine, onExpire } = setup(60, 30);
    machine.activity();
    seconds(60 + 25);
    machine.extend();
    expect(machine.state).toEqual({ phase: 'active', secondsLeft: 0 });
    seconds(59);
    expect(machine.state.phase).toBe('active');
    seconds(1 + 30);
    expect(onExpire).toHaveBeenCalledTimes(1);
  });

  it('ordinary activity does not dismiss the warning: it must be answered', () => {
    const { machine, onExpire } = setup(60, 30);
    machine.activity();
    seconds(60);
    for (let i = 0; i < 30; i++) {
      machine.activity();
      seconds(1);
    }
    expect(onExpire).toHaveBeenCalledTimes(1);
  });

  it('extend outside the warning changes nothing', () => {
    const { machine } = setup(60, 30);
    machine.extend();
    expect(machine.state.phase).toBe('dormant');
    machine.activity();
    seconds(30);
    machine.extend();
    seconds(30);
    expect(machine.state.phase).toBe('warning');
  });

  it('reset after a wipe goes back to dormant with no timer left running', () => {
    const { machine, onExpire } = setup(60, 30);
    machine.activity();
    seconds(70);
    machine.reset();
    expect(machine.state).toEqual({ phase: 'dormant', secondsLeft: 0 });
    seconds(3600);
    expect(onExpire).not.toHaveBeenCalled();
    expect(vi.getTimerCount()).toBe(0);
  });

  it('after an expiry and a reset, the next person gets the whole cycle again', () => {
    const { machine, onExpire } = setup(60, 30);
    machine.activity();
    seconds(90);
    machine.reset();
    machine.activity();
    seconds(89);
    expect(onExpire).toHaveBeenCalledTimes(1);
    seconds(1);
    expect(onExpire).toHaveBeenCalledTimes(2);
  });

  it('dispose stops everything for good', () => {
    const { machine, onExpire } = setup(60, 30);
    machine.activity();
    machine.dispose();
    machine.activity();
    seconds(3600);
    expect(onExpire).not.toHaveBeenCalled();
    expect(vi.getTimerCount()).toBe(0);
  });

  it('a countdown that is not a whole number of seconds still ends on time', () => {
    const onExpire = vi.fn();
    const machine = createIdleMachine({ warnAfterMs: 1000, countdownMs: 2500, onExpire });
    machine.activity();
    vi.advanceTimersByTime(1000);
    expect(machine.state.secondsLeft).toBe(3);
    vi.advanceTimersByTime(2499);
    expect(onExpire).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(onExpire).toHaveBeenCalledTimes(1);
  });

  it('refuses idle times that are not positive', () => {
    expect(() => createIdleMachine({ warnAfterMs: 0, countdownMs: 1000, onExpire: () => {} })).toThrow(RangeError);
    expect(() => createIdleMachine({ warnAfterMs: 1000, countdownMs: Number.NaN, onExpire: () => {} })).toThrow(RangeError);
  });
});

describe("the officer's idle times in the kiosk info", () => {
  const info: KioskInfo = {
    kioskId: 'K1',
    mode: 'assisted',
    training: false,
    defaultLanguage: 'id',
    timeZone: 'Asia/Jakarta',
    idle: { warnAfterSeconds: 180, countdownSeconds: 30 },
  };

  it('are read when main sent whole seconds, and ignored otherwise', () => {
    const times = { warnAfterSeconds: 900, countdownSeconds: 30 };
    expect(operatorIdleOf({ ...info, operatorIdle: times } as KioskInfo)).toEqual(times);
    expect(operatorIdleOf(info)).toBeUndefined();
    expect(operatorIdleOf({ ...info, operatorIdle: { warnAfterSeconds: '900', countdownSeconds: 30 } } as unknown as KioskInfo)).toBeUndefined();
  });
});
