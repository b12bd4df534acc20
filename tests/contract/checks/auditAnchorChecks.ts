/**
 * Audit anchors (docs/architecture.md §6): the backend keeps each kiosk's
 * audit chain heads, reads them back to that kiosk only, and never lets one
 * move backwards.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import type { ConformanceCheck } from '../checkTypes';
import { newKey } from '../contractApi';
import { expectProblem, expectStatus } from './expectations';

interface AnchorShape {
  day: string;
  seq: number;
  hash: string;
  at: string;
  receivedAt: string;
}

const hash = (): string => randomBytes(32).toString('hex');
const anchor = (day: string, seq: number, h = hash()) => ({ day, seq, hash: h, at: `${day}T10:00:00.000Z` });
const anchorsOf = (body: unknown): AnchorShape[] => (body as { anchors: AnchorShape[] }).anchors;

export const auditAnchorChecks: ConformanceCheck[] = [
  {
    id: 'anchors.storedAndRead',
    rule: "a kiosk's anchors are stored, the highest per day, and read back to that kiosk only, by day range",
    needsControls: false,
    async run({ api, kiosk, newKiosk }) {
      const first = anchor('2025-03-04', 10);
      const stored = await api.auditAnchor(kiosk, first);
      expectStatus(stored, 201, 'store');
      assert.deepEqual({ ...(stored.body as AnchorShape), receivedAt: undefined }, { ...first, receivedAt: undefined });
      const higher = anchor('2025-03-04', 25);
      const next = anchor('2025-03-05', 40);
      expectStatus(await api.auditAnchor(kiosk, higher), 201, 'a higher seq the same day');
      expectStatus(await api.auditAnchor(kiosk, next), 201, 'the next day');

      const all = await api.auditAnchors(kiosk);
      expectStatus(all, 200, 'read');
      assert.deepEqual(
        anchorsOf(all.body).map(({ day, seq, hash: h }) => ({ day, seq, hash: h })),
        [higher, next].map(({ day, seq, hash: h }) => ({ day, seq, hash: h })),
        'one anchor per day, the highest, oldest day first',
      );
      const oneDay = await api.auditAnchors(kiosk, 'from=2025-03-05&to=2025-03-05');
      expectStatus(oneDay, 200, 'read a range');
      assert.deepEqual(anchorsOf(oneDay.body).map((a) => a.seq), [40]);
      const other = await api.auditAnchors(await newKiosk());
      expectStatus(other, 200, "another kiosk's read");
      assert.deepEqual(anchorsOf(other.body), [], "another kiosk sees none of this kiosk's anchors");
    },
  },
  {
    id: 'anchors.onlyForward',
    rule: 'an anchor behind one already stored (lower seq, same seq with another hash, a seq out of day order) is refused with 409 and changes nothing',
    needsControls: false,
    async run({ api, kiosk, newKiosk }) {
      const kept = anchor('2025-03-04', 50);
      expectStatus(await api.auditAnchor(kiosk, kept), 201, 'store');
      expectProblem(await api.auditAnchor(kiosk, anchor('2025-03-04', 49)), 409, 'AUDIT_ANCHOR_BEHIND', 'a lower seq, same day');
      expectProblem(await api.auditAnchor(kiosk, anchor('2025-03-04', 50)), 409, 'AUDIT_ANCHOR_BEHIND', 'the same seq, another hash');
      expectProblem(await api.auditAnchor(kiosk, anchor('2025-03-05', 30)), 409, 'AUDIT_ANCHOR_BEHIND', 'a later day, a lower seq');
      expectProblem(await api.auditAnchor(kiosk, anchor('2025-03-03', 70)), 409, 'AUDIT_ANCHOR_BEHIND', 'an earlier day, a higher seq');
      const same = await api.auditAnchor(kiosk, { ...kept, at: '2025-03-04T11:00:00.000Z' });
      expectStatus(same, 201, 'the same anchor again');
      assert.equal((same.body as AnchorShape).at, kept.at, 'the same anchor again changes nothing');
      const read = await api.auditAnchors(kiosk);
      expectStatus(read, 200, 'read');
      assert.deepEqual(
        anchorsOf(read.body).map(({ day, seq, hash: h, at }) => ({ day, seq, hash: h, at })),
        [kept],
        'only the first anchor is kept',
      );
      // another kiosk's anchors are its own business
      expectStatus(await api.auditAnchor(await newKiosk(), anchor('2025-03-04', 1)), 201, "another kiosk's lower seq");
    },
  },
  {
    id: 'anchors.idempotentReplay',
    rule: 'a repeated anchor with the same Idempotency-Key gets the stored answer; the key with another anchor is refused',
    needsControls: false,
    async run({ api, kiosk }) {
      const key = newKey();
      const sent = anchor('2025-03-04', 5);
      const first = await api.auditAnchor(kiosk, sent, key);
      expectStatus(first, 201, 'store');
      const again = await api.auditAnchor(kiosk, sent, key);
      expectStatus(again, 201, 'replay');
      assert.deepEqual(again.body, first.body, 'the stored answer');
      assert.equal(again.headers.get('idempotent-replayed'), 'true');
      const reused = expectProblem(await api.auditAnchor(kiosk, anchor('2025-03-04', 6), key), 409, 'VALIDATION_FAILED', 'the key, another anchor');
      assert.equal(reused.field, 'Idempotency-Key');
      const read = await api.auditAnchors(kiosk);
      assert.deepEqual(anchorsOf(read.body).map((a) => a.seq), [5], 'the refused request stored nothing');
      const keyless = await api.call('auditAnchor', {
        method: 'POST',
        path: '/v1/audit/anchors',
        body: anchor('2025-03-04', 7),
        headers: { 'x-kiosk-id': kiosk },
      });
      expectProblem(keyless, 400, 'VALIDATION_FAILED', 'without an Idempotency-Key');
    },
  },
  {
    id: 'anchors.badInputRefused',
    rule: 'a malformed anchor or range is refused with 400 and stores nothing',
    needsControls: false,
    async run({ api, kiosk }) {
      const good = anchor('2025-03-04', 9);
      const bad: [string, unknown][] = [
        ['no day', { seq: 9, hash: good.hash, at: good.at }],
        ['a day that is not a date', { ...good, day: '2025-02-31' }],
        ['a day in another form', { ...good, day: '04-03-2025' }],
        ['seq 0', { ...good, seq: 0 }],
        ['a negative seq', { ...good, seq: -1 }],
        ['a fractional seq', { ...good, seq: 1.5 }],
        ['a seq as text', { ...good, seq: '9' }],
        ['an upper-case hash', { ...good, hash: good.hash.toUpperCase() }],
        ['a short hash', { ...good, hash: good.hash.slice(2) }],
        ['no time', { day: good.day, seq: 9, hash: good.hash }],
        ['a time that is not one', { ...good, at: 'yesterday' }],
        ['an extra field', { ...good, kioskId: 'another' }],
        ['not an object', [good]],
      ];
      for (const [what, body] of bad) expectProblem(await api.auditAnchor(kiosk, body), 400, 'VALIDATION_FAILED', what);
      for (const query of ['from=yesterday', 'to=2025-13-01', 'kiosk=another', 'from=2025-03-04&from=2025-03-05']) {
        expectProblem(await api.auditAnchors(kiosk, query), 400, 'VALIDATION_FAILED', `read with ${query}`);
      }
      const read = await api.auditAnchors(kiosk);
      expectStatus(read, 200, 'read');
      assert.deepEqual(anchorsOf(read.body), [], 'nothing was stored');
    },
  },
];
