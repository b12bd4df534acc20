import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { protocol } from 'electron';
import { resolveAppFile } from './appFiles';
import { SECURITY_HEADERS } from './contentSecurity';
import { APP_SCHEME } from './windowOptions';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
};

/** Must run before `app.ready`: our scheme behaves like a secure standard origin. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ]);
}

/**
 * Serves the production renderer from `rendererDir` at app://kiosk/ (never
 * file://), plus the fixed `extraFiles` (the out-of-service page), with the
 * CSP on every response.
 */
export function handleAppProtocol(rendererDir: string, extraFiles: Readonly<Record<string, string>> = {}): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const resolved = resolveAppFile(request.url, rendererDir, extraFiles);
    if ('status' in resolved) return new Response(null, { status: resolved.status });
    try {
      const body = await readFile(resolved.file);
      return new Response(body, {
        headers: { 'Content-Type': TYPES[extname(resolved.file)] ?? 'application/octet-stream', ...SECURITY_HEADERS },
      });
    } catch {
      return new Response(null, { status: 404 });
    }
  });
}
