/**
 * Streams the lines of a sequence of files in large chunks without decoding
 * them: the visitor sees each line as a byte range of a buffer. Two buffers
 * are reused in turn — the next chunk (of this file or the next one) is read
 * into one while the lines of the other are visited — so reading overlaps
 * with checking and nothing is allocated per chunk or per line. The
 * unfinished line at the end of a chunk is copied in front of the next chunk
 * (into reserved head room). Each file is read up to the size it had when
 * opened.
 */
import { open, type FileHandle } from 'node:fs/promises';

const CHUNK_SIZE = 1024 * 1024;
/** Head room before each chunk for the unfinished line of the previous one. */
const CARRY_ROOM = 64 * 1024;
/** Longest line accepted; records are a few hundred bytes. */
export const MAX_LINE_LENGTH = 16 * 1024 * 1024;
const NEWLINE = 0x0a;

export interface LineVisitor {
  /**
   * A complete line: `buf[start, end)` without its `\n`, starting at byte
   * `offset` of the file; `lineNo` counts from 1. Return false to stop.
   * The bytes are only valid during the call.
   */
  line(buf: Buffer, start: number, end: number, lineNo: number, offset: number): boolean;
  /** Bytes after the last `\n` (a torn line), if any; also used for a line over MAX_LINE_LENGTH. */
  tail(buf: Buffer, start: number, end: number, lineNo: number, offset: number): void;
}

interface OpenFile {
  handle: FileHandle;
  size: number;
}

interface ChunkRead {
  bytesRead: number;
}

const NOTHING_READ: Promise<ChunkRead> = Promise.resolve({ bytesRead: 0 });

/**
 * Visits the lines of `paths` in order, `visitorFor(index)` for each file.
 * Resolves false if a visitor stopped early (later files are not read).
 */
export async function scanFiles(paths: readonly string[], visitorFor: (index: number) => LineVisitor): Promise<boolean> {
  const buffers: readonly [Buffer, Buffer] = [
    Buffer.allocUnsafe(CARRY_ROOM + CHUNK_SIZE),
    Buffer.allocUnsafe(CARRY_ROOM + CHUNK_SIZE),
  ];
  const opened: Array<Promise<OpenFile>> = [];
  const openAt = (index: number): Promise<OpenFile> | undefined => {
    const path = paths[index];
    if (path === undefined) return undefined;
    opened[index] ??= openForScan(path);
    return opened[index];
  };
  const readChunk = (file: OpenFile, buffer: Buffer, position: number): Promise<ChunkRead> =>
    position >= file.size ? NOTHING_READ : file.handle.read(buffer, CARRY_ROOM, Math.min(CHUNK_SIZE, file.size - position), position);

  let reading: Promise<ChunkRead> | undefined;
  try {
    let current: 0 | 1 = 0;
    const first = openAt(0);
    if (first === undefined) return true;
    let file = await first;
    reading = readChunk(file, buffers[0], 0);
    for (let index = 0; ; ) {
      const visitor = visitorFor(index);
      const next = openAt(index + 1);
      let position = 0;
      /** The unfinished line: carry.buf[carry.start, carry.end). */
      let carry = { buf: buffers[1], start: 0, end: 0 };
      let lineNo = 0;
      for (;;) {
        const pending = reading;
        reading = undefined;
        const bytesRead = pending === undefined ? 0 : (await pending).bytesRead;
        if (bytesRead === 0) break;
        position += bytesRead;
        let buf: Buffer = buffers[current];
        let start = CARRY_ROOM;
        let end = CARRY_ROOM + bytesRead;
        const carried = carry.end - carry.start;
        if (carried > 0 && carried <= CARRY_ROOM) {
          carry.buf.copy(buf, CARRY_ROOM - carried, carry.start, carry.end);
          start = CARRY_ROOM - carried;
        } else if (carried > 0) {
          buf = Buffer.concat([carry.buf.subarray(carry.start, carry.end), buf.subarray(CARRY_ROOM, end)]);
          start = 0;
          end = buf.length;
        }
        const offsetOfStart = position - bytesRead - carried;
        const other: 0 | 1 = current === 0 ? 1 : 0;
        // The carry is copied: read the next chunk — of this file, or else the next file's first — into the other buffer.
        if (position < file.size) {
          reading = readChunk(file, buffers[other], position);
        } else if (next !== undefined) {
          reading = next.then((nextFile) => readChunk(nextFile, buffers[other], 0));
        }

        const chunkStart = start;
        for (let newline = buf.indexOf(NEWLINE, start); newline !== -1 && newline < end; newline = buf.indexOf(NEWLINE, start)) {
          lineNo += 1;
          if (!visitor.line(buf, start, newline, lineNo, offsetOfStart + (start - chunkStart))) return false;
          start = newline + 1;
        }
        carry = { buf, start, end };
        current = other;
        if (end - start > MAX_LINE_LENGTH) {
          visitor.tail(buf, start, end, lineNo + 1, offsetOfStart + (start - chunkStart));
          return false;
        }
        if (position >= file.size) break;
      }
      if (carry.end > carry.start) {
        visitor.tail(carry.buf, carry.start, carry.end, lineNo + 1, position - (carry.end - carry.start));
      }
      if (next === undefined) return true;
      index += 1;
      file = await next;
      reading ??= readChunk(file, buffers[current], 0);
    }
  } finally {
    await reading?.catch(() => undefined);
    await Promise.all(opened.map((pending) => pending.then((openFile) => openFile.handle.close()).catch(() => undefined)));
  }
}

/** Visits the lines of one file; resolves false if the visitor stopped early. */
export function scanLines(path: string, visitor: LineVisitor): Promise<boolean> {
  return scanFiles([path], () => visitor);
}

async function openForScan(path: string): Promise<OpenFile> {
  const handle = await open(path, 'r');
  try {
    const { size } = await handle.stat();
    return { handle, size };
  } catch (error) {
    await handle.close();
    throw error;
  }
}
