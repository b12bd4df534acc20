import { createHmac, hkdfSync } from 'node:crypto';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { chainMacHex, deriveChainKey } from '../../../../src-main/audit/chainKey';
import { subjectKeyOf } from '../../../../src-main/audit/subjectKey';
import { verifyAuditDir } from '../../../../src-main/audit/verify';
import { appendSamples, fakeClock, openTestLog, tempRoot, TEST_KEY } from './helpers';

describe('the chain key', () => {
  it('is HKDF-SHA-256 of the audit key with an info string of its own: never the subject key itself', () => {
    const chainKey = deriveChainKey(TEST_KEY);
    expect(chainKey).toHaveLength(32);
    expect(chainKey.equals(TEST_KEY)).toBe(false);
    expect(chainKey).toEqual(Buffer.from(hkdfSync('sha256', TEST_KEY, Buffer.alloc(0), 'pulih audit chain hmac-sha256 v2', 32)));
    expect(deriveChainKey(Buffer.alloc(32, 8)).equals(chainKey)).toBe(false);
    expect(chainMacHex(chainKey, 'x')).toBe(createHmac('sha256', chainKey).update('x').digest('hex'));
    // subjects keep the key they always had, so they still correlate with older logs
    expect(subjectKeyOf(TEST_KEY, '3171014101900001')).toBe(`hmac:${createHmac('sha256', TEST_KEY).update('3171014101900001').digest('hex')}`);
  });

  it("refuses a keyed log checked with another kiosk's key, naming the first record", async () => {
    const dir = join(await tempRoot(), 'audit');
    const clock = fakeClock('2025-03-04T10:00:00.000Z');
    const log = await openTestLog(dir, { now: clock.now });
    await appendSamples(log, 3, clock);
    await log.close();
    await expect(verifyAuditDir(dir, { key: TEST_KEY })).resolves.toMatchObject({ ok: true, keyedRecords: 3, macsChecked: true });
    for (const strict of [false, true]) {
      await expect(verifyAuditDir(dir, { strict, key: Buffer.alloc(32, 8) })).resolves.toMatchObject({
        ok: false,
        reason: 'hash-mismatch',
        firstBadSeq: 1,
        message: expect.stringContaining("not this kiosk's key"),
      });
    }
  });
});
