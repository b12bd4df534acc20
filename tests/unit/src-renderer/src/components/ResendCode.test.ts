// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import ResendCode from '../../../../../src-renderer/src/components/ResendCode.vue';
import { buttonByText, mountKiosk, settle } from '../testKit';

describe('ResendCode', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(new Date('2026-01-15T08:00:00Z'));
  });
  afterEach(() => {
    vi.useRealTimers();
    document.body.innerHTML = '';
  });

  it('"Belum menerima kode? Kirim Ulang" is disabled with a visible countdown until the cooldown ends', async () => {
    const { wrapper } = await mountKiosk(ResendCode, { props: { availableAt: Date.now() + 60_000, resendsRemaining: 3 } });
    expect(wrapper.text()).toContain('Belum menerima kode?');
    const button = buttonByText(wrapper, 'Kirim Ulang');
    expect(button.disabled).toBe(true);
    expect(wrapper.text()).toContain('(Kirim ulang tersedia dalam 1:00)');
    // The countdown describes the button for screen readers.
    const countdown = document.getElementById(button.getAttribute('aria-describedby') ?? '');
    expect(countdown?.textContent).toContain('1:00');

    vi.advanceTimersByTime(1_000);
    await settle();
    expect(wrapper.text()).toContain('0:59');
    vi.advanceTimersByTime(58_000);
    await settle();
    expect(wrapper.text()).toContain('0:01');
    expect(button.disabled).toBe(true);

    vi.advanceTimersByTime(1_000);
    await settle();
    expect(button.disabled).toBe(false);
    expect(wrapper.text()).not.toContain('tersedia dalam');
    expect(button.hasAttribute('aria-describedby')).toBe(false);
    button.click();
    expect(wrapper.emitted('resend')).toHaveLength(1);
  });

  it('stays disabled while a request is pending', async () => {
    const { wrapper } = await mountKiosk(ResendCode, { props: { availableAt: Date.now() - 1, resendsRemaining: 1, pending: true } });
    expect(buttonByText(wrapper, 'Kirim Ulang').disabled).toBe(true);
    expect(buttonByText(wrapper, 'Kirim Ulang').getAttribute('aria-busy')).toBe('true');
  });

  it('says so when no resends are left', async () => {
    const { wrapper } = await mountKiosk(ResendCode, { props: { availableAt: Date.now(), resendsRemaining: 0 } });
    expect(wrapper.find('button').exists()).toBe(false);
    expect(wrapper.text()).toBe('Kode tidak dapat dikirim ulang lagi.');
  });

  it('speaks English', async () => {
    const { wrapper } = await mountKiosk(ResendCode, { props: { availableAt: Date.now() + 5_000, resendsRemaining: 2 }, locale: 'en' });
    expect(wrapper.text()).toContain('Did not get the code?');
    expect(wrapper.text()).toContain('Resend');
    expect(wrapper.text()).toContain('Resend available in 0:05');
  });
});
