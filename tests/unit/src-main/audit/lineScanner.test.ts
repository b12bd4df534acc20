import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { scanFiles } from '../../../../src-main/audit/lineScanner';
import { tempRoot } from './helpers';

interface Seen {
  lines: string[];
  offsets: number[];
  tail: string | undefined;
}

/** Text of `length` bytes without newlines, varied by `seed`. */
const filler = (length: number, seed: number): string => String.fromCharCode(97 + (seed % 26)).repeat(length);

describe('scanFiles', () => {
  it('hands out every line and torn tail of several files exactly, across chunk boundaries and long lines', async () => {
    const lineLength = fc.oneof(
      { weight: 8, arbitrary: fc.integer({ min: 0, max: 600 }) },
      { weight: 1, arbitrary: fc.integer({ min: 60_000, max: 200_000 }) }, // longer than the carry room
    );
    const fileSpec = fc.record({
      lines: fc.array(lineLength, { maxLength: 40 }),
      tail: fc.option(fc.integer({ min: 1, max: 70_000 }), { nil: undefined }),
      padding: fc.integer({ min: 0, max: 2_500_000 }), // one big line, so files span several 1 MiB chunks
    });
    await fc.assert(
      fc.asyncProperty(fc.array(fileSpec, { minLength: 1, maxLength: 3 }), async (specs) => {
        const root = await tempRoot();
        const expected = specs.map((spec, fileIndex) => {
          const lines = [filler(spec.padding, fileIndex), ...spec.lines.map((length, index) => filler(length, index))];
          const tail = spec.tail === undefined ? undefined : filler(spec.tail, 7);
          return { lines, tail, text: lines.map((line) => `${line}\n`).join('') + (tail ?? '') };
        });
        const paths = await Promise.all(
          expected.map(async (file, index) => {
            const path = join(root, `f${index}`);
            await writeFile(path, file.text);
            return path;
          }),
        );
        const seen: Seen[] = expected.map(() => ({ lines: [], offsets: [], tail: undefined }));
        const completed = await scanFiles(paths, (index) => ({
          line(buf, start, end, lineNo, offset) {
            const into = seen[index] as Seen;
            expect(lineNo).toBe(into.lines.length + 1);
            into.lines.push(buf.toString('latin1', start, end));
            into.offsets.push(offset);
            return true;
          },
          tail(buf, start, end) {
            (seen[index] as Seen).tail = buf.toString('latin1', start, end);
          },
        }));
        expect(completed).toBe(true);
        expected.forEach((file, index) => {
          const got = seen[index] as Seen;
          expect(got.lines.length).toBe(file.lines.length);
          expect(got.lines.every((line, n) => line === file.lines[n])).toBe(true);
          let offset = 0;
          got.offsets.forEach((at, n) => {
            expect(at).toBe(offset);
            offset += (file.lines[n] as string).length + 1;
          });
          expect(got.tail).toBe(file.tail);
        });
      }),
      { numRuns: 12 },
    );
  }, 60_000);

  it('stops reading when a visitor says so', async () => {
    const root = await tempRoot();
    const paths = [join(root, 'a'), join(root, 'b')];
    await writeFile(paths[0] as string, 'one\ntwo\nthree\n');
    await writeFile(paths[1] as string, 'four\n');
    const lines: string[] = [];
    const completed = await scanFiles(paths, () => ({
      line(buf, start, end) {
        lines.push(buf.toString('utf8', start, end));
        return lines.length < 2;
      },
      tail() {},
    }));
    expect(completed).toBe(false);
    expect(lines).toEqual(['one', 'two']);
  });
});
