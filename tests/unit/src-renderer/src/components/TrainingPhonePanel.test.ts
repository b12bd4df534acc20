// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { OutboxMessage } from '../../../../../src-shared/contract';
import { ok } from '../../../../../src-shared/errors';
import { otpSmsText } from '../../../../../src-shared/rules/otp';
import TrainingPhonePanel from '../../../../../src-renderer/src/components/TrainingPhonePanel.vue';
import { buttonByText, fakeKioskApi, mountKiosk, settle } from '../testKit';

/** 07:58 local time today, as the seed's phone shows "7:58 AM". */
function at(hours: number, minutes: number): string {
  const d = new Date();
  d.setHours(hours, minutes, 0, 0);
  return d.toISOString();
}

const SMS: OutboxMessage = { id: 'm1', channel: 'sms', toMasked: '08*****2797', sentAt: at(7, 58), body: otpSmsText('254241') };
const MAIL: OutboxMessage = {
  id: 'm2',
  channel: 'email',
  toMasked: 's***@example.com',
  sentAt: at(8, 3),
  subject: 'Akun Anda telah dipulihkan',
  body: 'Akun Anda telah dipulihkan melalui kios layanan. Bukan Anda? hubungi Pusat Bantuan Kemnaker 1500630.',
};

describe('TrainingPhonePanel', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval'] });
  });
  afterEach(() => {
    vi.useRealTimers();
    document.body.innerHTML = '';
  });

  it('shows the SMS exactly as seed screen 5: time, text, and "time • Telkomsel"', async () => {
    fakeKioskApi({ getTrainingOutbox: async () => ok([SMS]) });
    const { wrapper } = await mountKiosk(TrainingPhonePanel);
    const item = wrapper.get('li');
    expect(item.get('.message__time').text()).toBe('7:58 AM');
    expect(item.get('.message__bubble').text()).toBe(
      'Kode OTP: 254241. Hati-hati penipuan! Kode OTP ini hanya untuk kamu, jangan berikan ke siapapun. Pihak Kemnaker RI tidak pernah meminta kode ini.',
    );
    expect(item.get('.message__meta').text()).toBe('7:58 AM • Telkomsel');
    expect(item.text()).toContain('Ke 08*****2797');
  });

  it('shows e-mails with their subject, newest first, in a polite live region', async () => {
    fakeKioskApi({ getTrainingOutbox: async () => ok([SMS, MAIL]) });
    const { wrapper } = await mountKiosk(TrainingPhonePanel);
    const list = wrapper.get('ol');
    expect(list.attributes('aria-live')).toBe('polite');
    const items = wrapper.findAll('li');
    expect(items[0]?.text()).toContain('Email · Ke s***@example.com');
    expect(items[0]?.text()).toContain('Akun Anda telah dipulihkan');
    expect(items[0]?.text()).toContain('Bukan Anda?');
    expect(items[1]?.text()).toContain('Kode OTP: 254241');
    expect(wrapper.get('aside').attributes('aria-labelledby')).toBe(wrapper.get('h2').attributes('id'));
    expect(wrapper.get('h2').text()).toBe('Ponsel & Email Simulasi');
  });

  it('polls every two seconds while shown, and stops when hidden or gone', async () => {
    const api = fakeKioskApi({ getTrainingOutbox: async () => ok([]) });
    const { wrapper } = await mountKiosk(TrainingPhonePanel);
    expect(wrapper.text()).toContain('Belum ada pesan.');
    expect(api.getTrainingOutbox).toHaveBeenCalledTimes(1);

    api.getTrainingOutbox.mockResolvedValue(ok([SMS]));
    await vi.advanceTimersByTimeAsync(2_000);
    await settle();
    expect(api.getTrainingOutbox).toHaveBeenCalledTimes(2);
    expect(wrapper.text()).toContain('Kode OTP: 254241');
    await vi.advanceTimersByTimeAsync(2_000);
    expect(api.getTrainingOutbox).toHaveBeenCalledTimes(3);

    const toggle = buttonByText(wrapper, 'Sembunyikan');
    expect(toggle.getAttribute('aria-expanded')).toBe('true');
    toggle.click();
    await settle();
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
    await vi.advanceTimersByTimeAsync(10_000);
    expect(api.getTrainingOutbox).toHaveBeenCalledTimes(3);

    buttonByText(wrapper, 'Tampilkan ponsel simulasi').click();
    await settle();
    expect(api.getTrainingOutbox).toHaveBeenCalledTimes(4);

    wrapper.unmount();
    await vi.advanceTimersByTimeAsync(10_000);
    expect(api.getTrainingOutbox).toHaveBeenCalledTimes(4);
  });

  it('looks at once when a code was just sent', async () => {
    const api = fakeKioskApi({ getTrainingOutbox: async () => ok([]) });
    const { wizard } = await mountKiosk(TrainingPhonePanel);
    expect(api.getTrainingOutbox).toHaveBeenCalledTimes(1);
    wizard.challengeIssued({ channel: 'sms', destinationMasked: '08*****2797', expiresInSeconds: 300, resendAvailableInSeconds: 60, resendsRemaining: 3 });
    await settle();
    expect(api.getTrainingOutbox).toHaveBeenCalledTimes(2);
  });
});
