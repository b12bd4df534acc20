import { readFile } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { protocol, session, type Session } from 'electron';
import { withKioskInfo } from '../../src-shared/pageInfo';
import { resolveAppFile } from './appFiles';
import { SECURITY_HEADERS } from './contentSecurity';
import { APP_SCHEME } from './windowOptions';

/**
 * In memory: no `persist:` prefix, so cookies, storage and cache vanish
 * with the process and can be cleared on every wipe
 * (https://www.electronjs.org/docs/latest/api/session#sessionfrompartitionpartition-options).
 */
export const KIOSK_PARTITION = 'kiosk-memory';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
};

/**
 * Before `app.ready`, and only once: app:// behaves like a secure standard
 * origin (https://www.electronjs.org/docs/latest/api/protocol#protocolregisterschemesasprivilegedcustomschemes).
 */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ]);
}

export interface KioskSessionOptions {
  /** The production renderer build, served at app://kiosk/. */
  rendererDir: string;
  /** Fixed pages from outside the build (the out-of-service page), by URL path. */
  extraFiles?: Readonly<Record<string, string>>;
  /**
   * The kiosk's info, asked each time the renderer's index.html is served,
   * which then carries it (src-shared/pageInfo.ts); undefined while there is
   * none yet, and the page is served as built.
   */
  kioskInfo?: () => Promise<object> | undefined;
}

/**
 * The one session every kiosk window uses, with every session-scoped hook
 * on it: the app:// protocol, permission and device handlers, downloads.
 *
 * Protocols, permission handlers and `will-download` belong to one session
 * (https://www.electronjs.org/docs/latest/api/protocol#using-protocol-with-a-custom-partition-or-session):
 * a hook on the default session does nothing for a window on another
 * partition. So windows get this Session object itself
 * (`webPreferences.session`, see kioskWindowOptions), never a partition
 * name of their own, and the hooks cannot end up elsewhere.
 */
export function openKioskSession(options: KioskSessionOptions): Session {
  const kioskSession = session.fromPartition(KIOSK_PARTITION);
  kioskSession.protocol.handle(APP_SCHEME, (request) => serveAppFile(request.url, options));
  kioskSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  kioskSession.setPermissionCheckHandler(() => false);
  kioskSession.setDevicePermissionHandler(() => false);
  kioskSession.on('will-download', (event) => event.preventDefault());
  return kioskSession;
}

/** The renderer build (and the fixed extra pages) with the CSP on every response, the kiosk's info in index.html; nothing else. */
async function serveAppFile(url: string, options: KioskSessionOptions): Promise<Response> {
  const resolved = resolveAppFile(url, options.rendererDir, options.extraFiles);
  if ('status' in resolved) return new Response(null, { status: resolved.status });
  try {
    const body = await readFile(resolved.file);
    const info = resolved.file === join(options.rendererDir, 'index.html') ? await options.kioskInfo?.() : undefined;
    return new Response(info ? withKioskInfo(body.toString('utf8'), info) : body, {
      headers: { 'Content-Type': TYPES[extname(resolved.file)] ?? 'application/octet-stream', ...SECURITY_HEADERS },
    });
  } catch {
    return new Response(null, { status: 404 });
  }
}
