/**
 * What a shell prints on stdout, as one JSON line, once the kiosk is
 * serving: harnesses (Playwright fixtures, the bench) read this line instead
 * of scraping human-readable text. Never contains a secret other than the
 * browser shell's per-launch URL, which its operator must open anyway.
 */
export interface ReadyInfo {
  shell: 'browser' | 'electron';
  /** The URL the kiosk's page is opened at (browser: with the per-launch token). */
  appUrl: string;
  /** The embedded stub's URL in training mode, else null. */
  stubUrl: string | null;
  dataDir: string;
  mode: 'assisted' | 'self-service';
  training: boolean;
}

const READY_EVENT = 'pulih.ready';

export function formatReadyLine(info: ReadyInfo): string {
  return JSON.stringify({ event: READY_EVENT, ...info });
}

/** The ready info if `line` is a shell's ready line, else undefined (any other output). */
export function parseReadyLine(line: string): ReadyInfo | undefined {
  if (!line.startsWith('{')) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(line);
  } catch {
    return undefined;
  }
  if (typeof parsed !== 'object' || parsed === null || (parsed as { event?: unknown }).event !== READY_EVENT) return undefined;
  const { event: _event, ...info } = parsed as ReadyInfo & { event: string };
  return info;
}
