/** The training outbox: masked destinations, nothing else about the citizen. */
import assert from 'node:assert/strict';
import type { ConformanceCheck } from '../checkTypes';
import { newCitizen } from '../fixtures';
import { expectStatus } from './expectations';

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
      assert.ok(messages.filter((m) => m.channel === 'email').every((m) => typeof m.subject === 'string'), 'e-mails have a subject');
    },
  },
];
