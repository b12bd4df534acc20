import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readLines } from '../../../../src-main/audit/files';
import { tempRoot } from './helpers';

/** What readLines hands out for a file of `content`, stopping after `stopAfter` lines if given. */
async function linesOf(content: string, stopAfter = Infinity): Promise<{ lines: string[]; torn: string | undefined; completed: boolean }> {
  const path = join(await tempRoot(), 'audit-2025-03-04.jsonl');
  await writeFile(path, content);
  const lines: string[] = [];
  let torn: string | undefined;
  const completed = readLines(path, {
    line(bytes, start, end, lineNo) {
      lines.push(`${lineNo}:${bytes.toString('utf8', start, end)}`);
      return lines.length < stopAfter;
    },
    torn(bytes, start, end, lineNo) {
      torn = `${lineNo}:${bytes.toString('utf8', start, end)}`;
    },
  });
  return { lines, torn, completed };
}

describe('readLines', () => {
  it('hands out each complete line without its newline, then the torn rest', async () => {
    await expect(linesOf('')).resolves.toEqual({ lines: [], torn: undefined, completed: true });
    await expect(linesOf('a\n\nü €\n')).resolves.toEqual({ lines: ['1:a', '2:', '3:ü €'], torn: undefined, completed: true });
    await expect(linesOf('a\nb\n{"se')).resolves.toEqual({ lines: ['1:a', '2:b'], torn: '3:{"se', completed: true });
    await expect(linesOf('no newline')).resolves.toEqual({ lines: [], torn: '1:no newline', completed: true });
  });

  it('stops when the visitor says so, without the torn rest', async () => {
    await expect(linesOf('a\nb\nc\nd', 2)).resolves.toEqual({ lines: ['1:a', '2:b'], torn: undefined, completed: false });
  });
});
