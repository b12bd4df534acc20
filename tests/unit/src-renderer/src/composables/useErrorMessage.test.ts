// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { defineComponent, h } from 'vue';
import { ERROR_CODES, type KioskError } from '../../../../../src-shared/errors';
import { isTransportFailure, needsRestart, useErrorMessage } from '../../../../../src-renderer/src/composables/useErrorMessage';
import { mountKiosk, TRAINING_INFO } from '../testKit';

/** Runs `use` inside a mounted component (the composable needs i18n and Pinia) and returns what it gave. */
async function probe<T>(use: (api: ReturnType<typeof useErrorMessage>) => T, options: Parameters<typeof mountKiosk>[1]): Promise<T> {
  let out: T | undefined;
  const Probe = defineComponent({
    setup() {
      out = use(useErrorMessage());
      return () => h('div');
    },
  });
  await mountKiosk(Probe, options);
  return out as T;
}

function messagesFor(errors: KioskError[], locale: 'id' | 'en' = 'id'): Promise<string[]> {
  return probe(({ messageFor }) => errors.map(messageFor), { locale, info: null });
}

function nextStepsFor(errors: KioskError[], mode: 'assisted' | 'self-service'): Promise<(string | undefined)[]> {
  return probe(({ nextStepFor }) => errors.map(nextStepFor), { info: { ...TRAINING_INFO, mode } });
}

describe('useErrorMessage', () => {
  afterEach(() => {
    document.body.innerHTML = '';
  });

  it('has a sentence for every error code, in both languages, never the raw code', async () => {
    for (const locale of ['id', 'en'] as const) {
      const messages = await messagesFor(ERROR_CODES.map((code) => ({ code })), locale);
      messages.forEach((m, i) => {
        expect(m, ERROR_CODES[i]).not.toMatch(/errors\.|[A-Z]{3,}_[A-Z]/);
        expect(m.length).toBeGreaterThan(5);
      });
    }
  });

  it('identity failures give the tries left or the lock, and never name a field', async () => {
    const lockedUntil = new Date(Date.now() + 24 * 3600_000).toISOString();
    const messages = await messagesFor([
      { code: 'IDENTITY_MISMATCH', attemptsRemaining: 2 },
      { code: 'IDENTITY_MISMATCH', attemptsRemaining: 0, lockedUntil },
      { code: 'IDENTITY_LOCKED', attemptsRemaining: 0, lockedUntil },
    ]);
    expect(messages[0]).toBe('Data identitas tidak cocok. Sisa percobaan: 2.');
    expect(messages[1]).toMatch(/^Data identitas tidak cocok\. Verifikasi identitas untuk NIK ini dikunci hingga \d{1,2} \S+ \d{4} \d{2}\.\d{2}\.$/);
    expect(messages[2]).toMatch(/^Verifikasi identitas untuk NIK ini dikunci hingga /);
    for (const m of messages) expect(m).not.toMatch(/nama|ibu|salah/i);
  });

  it('OTP, resend and rate limits carry their numbers', async () => {
    expect(
      await messagesFor([
        { code: 'OTP_INVALID', attemptsRemaining: 1 },
        { code: 'RESEND_COOLDOWN', retryAfterSeconds: 42 },
        { code: 'KIOSK_RATE_LIMITED', retryAfterSeconds: 125 },
      ]),
    ).toEqual([
      'Kode OTP salah. Sisa percobaan: 1.',
      'Tunggu 42 detik sebelum meminta kode baru.',
      'Kios ini sedang membatasi verifikasi identitas. Coba lagi dalam 3 menit.',
    ]);
  });

  it('tells retryable failures from those that need a new start', () => {
    expect(isTransportFailure({ code: 'BACKEND_UNAVAILABLE' })).toBe(true);
    expect(isTransportFailure({ code: 'BACKEND_ERROR' })).toBe(true);
    expect(isTransportFailure({ code: 'OTP_INVALID' })).toBe(false);
    expect(isTransportFailure(undefined)).toBe(false);
    expect(needsRestart({ code: 'OTP_VOIDED' })).toBe(true);
    expect(needsRestart({ code: 'SESSION_INVALID' })).toBe(true);
    expect(needsRestart({ code: 'IDENTITY_MISMATCH' })).toBe(false);
  });

  it('a dead end says who helps next: the officer at an assisted kiosk, the Pusat Bantuan line at a self-service one', async () => {
    const deadEnds: KioskError[] = [
      { code: 'IDENTITY_LOCKED' },
      { code: 'IDENTITY_MISMATCH', attemptsRemaining: 0 },
      { code: 'BACKEND_UNAVAILABLE' },
      { code: 'BACKEND_ERROR' },
      { code: 'INTERNAL' },
      { code: 'KIOSK_RATE_LIMITED' },
    ];
    expect(await nextStepsFor(deadEnds, 'assisted')).toEqual(deadEnds.map(() => 'Untuk bantuan, tanyakan kepada petugas di loket.'));
    const line = 'Untuk bantuan, hubungi Pusat Bantuan Kemnaker di 1500 630 atau kunjungi bantuan.kemnaker.go.id.';
    expect(await nextStepsFor(deadEnds, 'self-service')).toEqual(deadEnds.map(() => line));
    // Already sends the citizen to an officer (or is the citizen's own to fix): nothing added at an assisted kiosk.
    expect(await nextStepsFor([{ code: 'CODE_RECOVERY_LOCKED' }, { code: 'OUT_OF_SERVICE' }], 'assisted')).toEqual([undefined, undefined]);
    expect(await nextStepsFor([{ code: 'CODE_RECOVERY_LOCKED' }, { code: 'OUT_OF_SERVICE' }], 'self-service')).toEqual([line, line]);
    expect(await nextStepsFor([{ code: 'IDENTITY_MISMATCH', attemptsRemaining: 2 }, { code: 'OTP_INVALID' }, { code: 'INVALID_CREDENTIALS' }], 'self-service')).toEqual([
      undefined,
      undefined,
      undefined,
    ]);
  });
});
