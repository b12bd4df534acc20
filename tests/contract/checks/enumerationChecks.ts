/**
 * docs/architecture.md §3 "enumeration": the phone and e-mail paths answer the same
 * way, status and shape, whether or not the account exists; the masked
 * destination is derived from what was submitted.
 */
import assert from 'node:assert/strict';
import type { ApiResponse } from '../contractApi';
import type { CheckContext, ConformanceCheck } from '../checkTypes';
import { maskedEmail, maskedPhone, newCitizen, randomEmail, randomPhone } from '../fixtures';
import { sameShape, shapeOf, started } from './expectations';

async function compare(
  ctx: CheckContext,
  start: (destination: string) => Promise<ApiResponse>,
  registered: string,
  unregistered: string,
  mask: (d: string) => string,
): Promise<void> {
  const a = await start(registered);
  const b = await start(unregistered);
  sameShape(a, b, 'start');
  const ra = started(a, 'registered');
  const rb = started(b, 'unregistered');
  assert.equal(ra.challenge.destinationMasked, mask(registered));
  assert.equal(rb.challenge.destinationMasked, mask(unregistered), 'masked from what was submitted');
  assert.equal(rb.challenge.resendsRemaining, ra.challenge.resendsRemaining);
  assert.equal(
    Date.parse(rb.challenge.expiresAt) - Date.parse(rb.challenge.resendAvailableAt),
    Date.parse(ra.challenge.expiresAt) - Date.parse(ra.challenge.resendAvailableAt),
    'same timings',
  );
  // A wrong code answers alike too.
  const wa = await ctx.api.verifyOtp(ctx.kiosk, ra.rec, ra.challenge.challengeId, '000000');
  const wb = await ctx.api.verifyOtp(ctx.kiosk, rb.rec, rb.challenge.challengeId, '000000');
  if (wa.status !== 200) {
    assert.equal(wb.status, wa.status, 'wrong code: status');
    assert.deepEqual(wb.body, wa.body, 'wrong code: body');
  }
  // So does a resend before the cooldown.
  const ea = await ctx.api.resendOtp(ctx.kiosk, ra.rec, ra.challenge.challengeId);
  const eb = await ctx.api.resendOtp(ctx.kiosk, rb.rec, rb.challenge.challengeId);
  assert.equal(eb.status, ea.status, 'early resend: status');
  assert.deepEqual(shapeOf(eb.body), shapeOf(ea.body), 'early resend: shape');
}

export const enumerationChecks: ConformanceCheck[] = [
  {
    id: 'enumeration.signIn',
    rule: 'sign-in answers an unknown identifier exactly like a known one, wrong password after wrong password',
    needsControls: true,
    async run(ctx) {
      const c = newCitizen();
      await ctx.controls.createAccount(c);
      const unknown = randomEmail();
      for (let i = 0; i < 5; i += 1) {
        const a = await ctx.api.signIn(ctx.kiosk, c.email, 'Salah#2024x');
        const b = await ctx.api.signIn(ctx.kiosk, unknown, 'Salah#2024x');
        assert.equal(b.status, a.status, `try ${i + 1}: status`);
        assert.deepEqual(shapeOf(b.body), shapeOf(a.body), `try ${i + 1}: shape`);
        const left = (r: ApiResponse) => (r.body as { attemptsRemaining?: unknown }).attemptsRemaining;
        assert.equal(left(b), left(a), `try ${i + 1}: attempts left`);
      }
    },
  },
  {
    id: 'enumeration.signInSharedAccount',
    rule: "sign-in's attempts left and locks do not tell that two identifiers share an account: an account's phone and e-mail count like two unknown identifiers",
    needsControls: true,
    async run(ctx) {
      const c = newCitizen();
      await ctx.controls.createAccount(c);
      // The phone (0) and the e-mail (1) in turn: the phone locks at its 5th wrong password, the e-mail at its own 5th.
      const pattern = [0, 1, 0, 0, 1, 0, 0, 1, 1, 0, 1, 1, 0, 1];
      const run = async (identifiers: [string, string]): Promise<string[]> => {
        const seen: string[] = [];
        for (const which of pattern) {
          const r = await ctx.api.signIn(ctx.kiosk, identifiers[which] ?? '', 'Salah#2024x');
          const body = r.body as { code?: unknown; attemptsRemaining?: unknown; lockedUntil?: unknown };
          seen.push(`${which}: ${r.status} ${String(body.code)} left=${String(body.attemptsRemaining)} lockedUntil=${typeof body.lockedUntil} shape=${JSON.stringify(shapeOf(body))}`);
        }
        return seen;
      };
      const registered = await run([c.phone, c.email]);
      const unknown = await run([randomPhone(), randomEmail()]);
      assert.deepEqual(unknown, registered, 'one account\'s phone and e-mail answer exactly like two unknown identifiers');
      assert.ok(registered[1]?.includes(' left=4 '), "the e-mail's first wrong password leaves 4: the phone's do not count for it");
    },
  },
  {
    id: 'enumeration.phonePath',
    rule: 'the phone path answers the same for a registered and an unregistered number',
    needsControls: true,
    async run(ctx) {
      const c = newCitizen();
      await ctx.controls.createAccount(c);
      // Submitted in the national form on purpose: masking must follow the input, not the record.
      const national = `0${c.phone.slice(3)}`;
      const other = randomPhone();
      await compare(ctx, (d) => ctx.api.startByPhone(ctx.kiosk, d), national, `0${other.slice(3)}`, (d) => maskedPhone(`+62${d.slice(1)}`));
      assert.equal((await ctx.controls.messagesTo(maskedPhone(other))).length, 0, 'nothing is sent to an unregistered number');
    },
  },
  {
    id: 'enumeration.emailPath',
    rule: 'the e-mail path answers the same for a registered and an unregistered address',
    needsControls: true,
    async run(ctx) {
      const c = newCitizen();
      await ctx.controls.createAccount(c);
      const other = randomEmail();
      await compare(ctx, (d) => ctx.api.startByEmail(ctx.kiosk, d), c.email, other, maskedEmail);
      assert.equal((await ctx.controls.messagesTo(maskedEmail(other))).length, 0, 'nothing is sent to an unregistered address');
    },
  },
];
