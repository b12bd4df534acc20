/**
 * The slice of the file system the writer uses, so that tests can inject
 * faults (ENOSPC, EACCES, EIO) that running as root on a roomy disk would
 * never produce. `nodeAuditFs` is the real thing (node:fs/promises).
 */
import { mkdir, open, readdir } from 'node:fs/promises';

/** The FileHandle methods the writer needs (a subset of node's FileHandle). */
export interface AuditFileHandle {
  read(buffer: Uint8Array, offset: number, length: number, position: number): Promise<{ bytesRead: number }>;
  /** With `position` null: at the end of a file opened in append mode. */
  write(buffer: Uint8Array, offset: number, length: number, position: null): Promise<{ bytesWritten: number }>;
  datasync(): Promise<void>;
  sync(): Promise<void>;
  truncate(length: number): Promise<void>;
  stat(): Promise<{ size: number }>;
  close(): Promise<void>;
}

export interface AuditFs {
  open(path: string, flags: string | number, mode?: number): Promise<AuditFileHandle>;
  readdir(path: string): Promise<string[]>;
  mkdir(path: string, options: { recursive: true; mode: number }): Promise<unknown>;
}

export const nodeAuditFs: AuditFs = {
  open: (path, flags, mode) => open(path, flags, mode),
  readdir: (path) => readdir(path),
  mkdir: (path, options) => mkdir(path, options),
};
