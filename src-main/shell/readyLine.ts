/**
 * What a shell prints on stdout, as one JSON line, once the kiosk is
 * serving: harnesses (Playwright fixtures, the bench) read this line instead
 * of scraping human-readable text. Never contains a secret: the browser
 * shell's URL carries a one-time launch code (browserBridge.ts), not its
 * bridge token.
 */
import { parseJsonObject } from '../../src-shared/json';

export interface ReadyInfo {
  shell: 'browser' | 'electron';
  /** The URL the kiosk's page is opened at (browser: a one-time launch URL, good for one page, briefly). */
  appUrl: string;
  /** The embedded stub's URL in training mode, else null. */
  stubUrl: string | null;
  dataDir: string;
  mode: 'assisted' | 'self-service';
  training: boolean;
}

/** One more one-time URL from the browser shell, printed for each line written to its stdin. */
export interface LaunchInfo {
  appUrl: string;
}

const READY_EVENT = 'pulih.ready';
const LAUNCH_EVENT = 'pulih.launch';

export function formatReadyLine(info: ReadyInfo): string {
  return JSON.stringify({ event: READY_EVENT, ...info });
}

export function formatLaunchLine(appUrl: string): string {
  return JSON.stringify({ event: LAUNCH_EVENT, appUrl } satisfies LaunchInfo & { event: string });
}

/** The fields of `line` without `event` if it is a JSON line of `event`, else undefined. */
function parseEventLine(line: string, event: string): Record<string, unknown> | undefined {
  if (!line.startsWith('{')) return undefined;
  const parsed = parseJsonObject(line);
  if (parsed === undefined || (parsed as { event?: unknown }).event !== event) return undefined;
  const { event: _event, ...info } = parsed as Record<string, unknown>;
  return info;
}

/** The ready info if `line` is a shell's ready line, else undefined (any other output). */
export function parseReadyLine(line: string): ReadyInfo | undefined {
  return parseEventLine(line, READY_EVENT) as ReadyInfo | undefined;
}

/** The new launch URL if `line` is the browser shell's launch line, else undefined (any other output). */
export function parseLaunchLine(line: string): LaunchInfo | undefined {
  const info = parseEventLine(line, LAUNCH_EVENT);
  return typeof info?.appUrl === 'string' ? { appUrl: info.appUrl } : undefined;
}
