// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { effectScope, nextTick, ref } from 'vue';
import { formatCountdown, useCountdown } from '../../../../../src-renderer/src/composables/useCountdown';

describe('formatCountdown', () => {
  it('shows minutes and two-digit seconds, as a phone does', () => {
    expect(formatCountdown(60)).toBe('1:00');
    expect(formatCountdown(59)).toBe('0:59');
    expect(formatCountdown(5)).toBe('0:05');
    expect(formatCountdown(0)).toBe('0:00');
    expect(formatCountdown(-3)).toBe('0:00');
    expect(formatCountdown(4.2)).toBe('0:05');
  });
});

describe('useCountdown', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(new Date('2026-01-15T08:00:00Z'));
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('counts whole seconds down to zero, then stops ticking', async () => {
    const scope = effectScope();
    const target = ref<number | undefined>(Date.now() + 3_000);
    const { secondsLeft } = scope.run(() => useCountdown(target))!;
    expect(secondsLeft.value).toBe(3);
    vi.advanceTimersByTime(1_000);
    expect(secondsLeft.value).toBe(2);
    vi.advanceTimersByTime(1_500);
    expect(secondsLeft.value).toBe(1);
    vi.advanceTimersByTime(600);
    expect(secondsLeft.value).toBe(0);
    expect(vi.getTimerCount()).toBe(0);
    scope.stop();
  });

  it('starts again when the target moves (a resend, a cooldown from the backend)', async () => {
    const scope = effectScope();
    const target = ref<number | undefined>(Date.now() + 1_000);
    const { secondsLeft } = scope.run(() => useCountdown(target))!;
    vi.advanceTimersByTime(1_000);
    expect(secondsLeft.value).toBe(0);
    target.value = Date.now() + 60_000;
    await nextTick();
    expect(secondsLeft.value).toBe(60);
    vi.advanceTimersByTime(30_000);
    expect(secondsLeft.value).toBe(30);
    scope.stop();
    expect(vi.getTimerCount()).toBe(0);
  });

  it('is zero without a target', () => {
    const scope = effectScope();
    const { secondsLeft } = scope.run(() => useCountdown(() => undefined))!;
    expect(secondsLeft.value).toBe(0);
    expect(vi.getTimerCount()).toBe(0);
    scope.stop();
  });
});
