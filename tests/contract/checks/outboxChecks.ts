/** The training outbox: masked destinations, nothing else about the citizen, and only the kiosk's own messages. */
import assert from 'node:assert/strict';
import type { ConformanceCheck } from '../checkTypes';
import type { ContractApi } from '../contractApi';
import { maskedEmail, maskedPhone, newCitizen, strongPassword } from '../fixtures';
import { expectStatus, started } from './expectations';

interface Message {
  channel: string;
  toMasked: string;
  subject?: string;
  body: string;
}

async function outboxOf(api: ContractApi, kiosk: string, what: string): Promise<Message[]> {
  const res = await api.outbox(kiosk);
  expectStatus(res, 200, what);
  return (res.body as { messages: Message[] }).messages;
}

const codeIn = (m: Message): string | undefined => /Kode OTP: (\d{6})/.exec(m.body)?.[1];

export const outboxChecks: ConformanceCheck[] = [
  {
    id: 'outbox.masked',
    rule: 'the training outbox lists channel, masked destination, time, subject (e-mail) and body',
    needsControls: true,
    async run({ api, controls, kiosk }) {
      const c = newCitizen();
      await controls.createAccount(c);
      await api.startByPhone(kiosk, c.phone);
      await api.startByEmail(kiosk, c.email);
      const res = await api.outbox(kiosk);
      expectStatus(res, 200, 'outbox');
      const raw = JSON.stringify(res.body);
      assert.ok(!raw.includes(c.phone) && !raw.includes(`0${c.phone.slice(3)}`), 'no full phone number');
      assert.ok(!raw.includes(c.email), 'no full e-mail address');
      const messages = (res.body as { messages: { channel: string; subject?: string }[] }).messages;
      assert.ok(messages.length >= 2, 'the two codes are there');
      assert.ok(messages.filter((m) => m.channel === 'email').every((m) => typeof m.subject === 'string'), 'e-mails have a subject');
    },
  },
  {
    id: 'outbox.perKiosk',
    rule: "the training outbox shows a kiosk only what its own requests sent: kiosk B does not see kiosk A's codes, nor the notices of a recovery A completed",
    needsControls: true,
    async run({ api, controls, kiosk, newKiosk }) {
      const c = newCitizen();
      await controls.createAccount(c);
      const [a, b] = [kiosk, await newKiosk()];
      const toPhone = maskedPhone(c.phone);
      const toEmail = maskedEmail(c.email);
      const { rec, challenge } = started(await api.startByPhone(a, c.phone), 'start at kiosk A');
      const codesAtA = (await outboxOf(api, a, "A's outbox")).filter((m) => m.toMasked === toPhone).map(codeIn);
      assert.equal(codesAtA.length, 1, 'kiosk A sees the code it sent');
      const code = codesAtA[0];
      assert.ok(code, 'the message holds the code');
      const atB = await outboxOf(api, b, "B's outbox");
      assert.deepEqual(atB, [], 'kiosk B sees nothing: it sent nothing');
      // A completes the recovery: the "Bukan Anda?" notices to the old contacts are A's too.
      expectStatus(await api.verifyOtp(a, rec, challenge.challengeId, code), 200, 'the code, at A');
      expectStatus(await api.setPassword(a, rec, strongPassword()), 200, 'new password, at A');
      const notices = (await outboxOf(api, a, "A's outbox")).filter((m) => m.body.includes('Bukan Anda?'));
      assert.deepEqual(notices.map((m) => m.toMasked).sort(), [toPhone, toEmail].sort(), 'kiosk A sees the notices to the old contacts');
      assert.deepEqual(await outboxOf(api, b, "B's outbox"), [], 'kiosk B does not see them');
      // And the other way round: B's code is B's alone.
      started(await api.startByEmail(b, c.email), 'start at kiosk B');
      const codesAtB = (await outboxOf(api, b, "B's outbox")).filter((m) => m.toMasked === toEmail && codeIn(m) !== undefined);
      assert.equal(codesAtB.length, 1, 'kiosk B sees the code it sent');
      const emailCodesAtA = (await outboxOf(api, a, "A's outbox")).filter((m) => m.toMasked === toEmail && codeIn(m) !== undefined);
      assert.deepEqual(emailCodesAtA, [], "kiosk A does not see B's code");
    },
  },
];
