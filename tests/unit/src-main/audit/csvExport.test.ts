import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  AuditExportError,
  CSV_COLUMNS,
  csvText,
  exportCsv,
  recordsToCsv,
  type CsvValue,
} from '../../../../src-main/audit/csvExport';
import { GENESIS_HASH, type AuditRecord } from '../../../../src-main/audit/record';
import { appendSamples, auditFiles, fakeClock, fileLines, openTestLog, tempRoot, TEST_KEY, writeLines } from './helpers';

/** Splits RFC 4180 text into rows of cells (enough for the tests: handles quotes, doubled quotes, CRLF). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let index = 0; index < text.length; index += 1) {
    const char = text[index] as string;
    if (quoted) {
      if (char === '"' && text[index + 1] === '"') {
        cell += '"';
        index += 1;
      } else if (char === '"') quoted = false;
      else cell += char;
    } else if (char === '"') quoted = true;
    else if (char === ',') {
      row.push(cell);
      cell = '';
    } else if (char === '\r' && text[index + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      index += 1;
    } else cell += char;
  }
  return rows;
}

describe('CSV', () => {
  it('quotes per RFC 4180 and guards against formula injection', () => {
    const cell = (value: CsvValue): string => csvText([[value]]).slice(0, -2);
    expect(cell('plain')).toBe('plain');
    expect(cell('')).toBe('');
    expect(cell('a,b')).toBe('"a,b"');
    expect(cell('say "hi"')).toBe('"say ""hi"""');
    expect(cell('line\r\nbreak')).toBe('"line\r\nbreak"');
    expect(cell('lone\nLF')).toBe('"lone\nLF"');
    expect(cell('lone\rCR')).toBe('"lone\rCR"');
    expect(cell('=1+1')).toBe("'=1+1");
    expect(cell('+SUM(A1)')).toBe("'+SUM(A1)");
    expect(cell('-2+3')).toBe("'-2+3");
    expect(cell('@cmd')).toBe("'@cmd");
    expect(cell('\tx')).toBe("'\tx");
    expect(cell('\rx')).toBe('"\'\rx"');
    expect(cell('=HYPERLINK("x","y")')).toBe('"\'=HYPERLINK(""x"",""y"")"');
    expect(cell('a=b')).toBe('a=b');
    expect(cell('SITI RAHAYU — Ñ 😀')).toBe('SITI RAHAYU — Ñ 😀');
    expect(cell(-5)).toBe('-5');
    expect(cell(1.5)).toBe('1.5');
    expect(cell(undefined)).toBe('');
    expect(csvText([['a', 1, undefined, true, false]])).toBe('a,1,,true,false\r\n');
    expect(csvText([['h1', 'h2'], ['x', 'y']])).toBe('h1,h2\r\nx,y\r\n');
  });

  it('guards every text column of a record row and writes detail as canonical JSON', () => {
    const record: AuditRecord = {
      seq: 7,
      time: '2025-03-05T01:02:03.004Z',
      kioskId: '=KIOSK',
      operatorId: '@op',
      sessionId: '-s',
      event: '+event',
      outcome: 'failure',
      subject: '\t08*****2797',
      detail: { z: 'a,b', a: -1, m: true },
      prevHash: GENESIS_HASH,
      hash: 'f'.repeat(64),
    };
    const { operatorId: _operatorId, subject: _subject, detail: _detail, ...bare } = record;
    const csv = recordsToCsv([record, { ...bare, seq: 8 }]);
    const [header, first, second] = parseCsv(csv);
    expect(header).toEqual([...CSV_COLUMNS]);
    expect(first).toEqual([
      '7',
      '2025-03-05T01:02:03.004Z',
      "'=KIOSK",
      "'@op",
      "'-s",
      "'+event",
      'failure',
      "'\t08*****2797",
      '{"a":-1,"m":true,"z":"a,b"}',
      GENESIS_HASH,
      'f'.repeat(64),
    ]);
    expect([second?.[0], second?.[3], second?.[7], second?.[8]]).toEqual(['8', '', '', '']);
    expect(csv.split('\r\n')).toHaveLength(4);
    expect(recordsToCsv([])).toBe(`${CSV_COLUMNS.join(',')}\r\n`);
  });

  it('exports the records of the days in range, one row each, with injection guarded', async () => {
    const dir = join(await tempRoot(), 'audit');
    const clock = fakeClock('2025-03-04T23:59:58.000Z');
    const log = await openTestLog(dir, { now: clock.now });
    await appendSamples(log, 2, clock); // 2025-03-04: seq 1, 2
    await log.append({
      event: 'identity.failed',
      outcome: 'failure',
      operatorId: '+SUM(1,2)',
      sessionId: '-2+3',
      subject: '=HYPERLINK("http://evil.example","x")***',
      detail: { reason: '@cmd', errorCode: 'IDENTITY_MISMATCH' },
    }); // 2025-03-05: seq 3
    clock.set('2025-03-06T08:00:00.000Z');
    await appendSamples(log, 1, clock); // 2025-03-06: seq 4
    await log.close();
    expect(await auditFiles(dir)).toHaveLength(3);

    const csv = await exportCsv(dir, '2025-03-05', '2025-03-05');
    const rows = parseCsv(csv);
    expect(rows[0]).toEqual([...CSV_COLUMNS]);
    expect(rows).toHaveLength(2);
    const row = Object.fromEntries(CSV_COLUMNS.map((column, index) => [column, rows[1]?.[index]]));
    expect(row).toMatchObject({
      seq: '3',
      kioskId: 'KIOSK-TEST-01',
      operatorId: "'+SUM(1,2)",
      sessionId: "'-2+3",
      event: 'identity.failed',
      outcome: 'failure',
      subject: '\'=HYPERLINK("http://evil.example","x")***',
      detail: '{"errorCode":"IDENTITY_MISMATCH","reason":"@cmd"}',
    });
    expect(csv.endsWith('\r\n')).toBe(true);

    const all = parseCsv(await exportCsv(dir, '2025-03-01', '2025-03-31'));
    expect(all.slice(1).map((cells) => cells[0])).toEqual(['1', '2', '3', '4']);
    expect(parseCsv(await exportCsv(dir, '2025-03-04', '2025-03-05')).slice(1).map((cells) => cells[0])).toEqual(['1', '2', '3']);
  });

  it('refuses a bad range', async () => {
    const dir = await tempRoot();
    await expect(exportCsv(dir, '2025-03-05', '2025-03-04')).rejects.toBeInstanceOf(RangeError);
    await expect(exportCsv(dir, '2025-02-30', '2025-03-04')).rejects.toBeInstanceOf(RangeError);
    await expect(exportCsv(dir, '5 March', '2025-03-04')).rejects.toBeInstanceOf(RangeError);
  });

  it('stops at a tampered line instead of exporting it as genuine (keyed records: given the key)', async () => {
    const dir = join(await tempRoot(), 'audit');
    const clock = fakeClock('2025-03-04T10:00:00.000Z');
    const log = await openTestLog(dir, { now: clock.now });
    await appendSamples(log, 3, clock);
    await log.close();
    const file = join(dir, 'audit-2025-03-04.jsonl');
    const lines = await fileLines(file);
    lines[1] = (lines[1] as string).replace('otp.failed', 'otp.verified');
    await writeLines(file, lines);
    await expect(exportCsv(dir, '2025-03-04', '2025-03-04', TEST_KEY)).rejects.toThrow(AuditExportError);
    await expect(exportCsv(dir, '2025-03-04', '2025-03-04', TEST_KEY)).rejects.toThrow(/line 2/);
  });
});
