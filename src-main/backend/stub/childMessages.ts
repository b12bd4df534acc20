import type { KioskProvision } from './kioskAuth';

/** What the shells start the embedded stub with, in its own process or in main's (all of it can be cloned into a message). */
export interface EmbeddedStubOptions {
  /** 0 picks a free port. */
  port: number;
  kiosks: KioskProvision[];
  checkHost: boolean;
  testControls: boolean;
  stateFile?: string;
}

/** Messages from the shell to the stub's process (childProcess.ts). */
export type StubParentMessage = { type: 'start'; options: EmbeddedStubOptions } | { type: 'close' };

/** Messages from the stub's process to the shell. */
export type StubChildMessage = { type: 'listening'; url: string } | { type: 'failed'; message: string } | { type: 'closed' };
