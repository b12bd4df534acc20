import { join, normalize, sep } from 'node:path';
import { APP_HOST } from './windowOptions';

/** The out-of-service page (resources/out-of-service.html): static, no script, bilingual. */
export const OUT_OF_SERVICE_PATH = '/out-of-service.html';

export type AppFile = { file: string } | { status: 403 | 404 };

/**
 * Which file answers an app:// request: a few fixed pages from outside the
 * renderer build (`extraFiles`, e.g. the out-of-service page), otherwise a
 * file under `rendererDir`. Nothing outside those can be reached: other
 * hosts are 404, `..` escapes are 403. Pure, so it is tested without Electron.
 */
export function resolveAppFile(requestUrl: string, rendererDir: string, extraFiles: Readonly<Record<string, string>> = {}): AppFile {
  let url: URL;
  try {
    url = new URL(requestUrl);
  } catch {
    return { status: 404 };
  }
  if (url.host !== APP_HOST) return { status: 404 };
  let pathname: string;
  try {
    pathname = decodeURIComponent(url.pathname === '/' ? '/index.html' : url.pathname);
  } catch {
    return { status: 404 };
  }
  const extra = Object.hasOwn(extraFiles, pathname) ? extraFiles[pathname] : undefined;
  if (extra) return { file: extra };
  const root = normalize(rendererDir + sep);
  const file = normalize(join(root, pathname));
  if (!file.startsWith(root)) return { status: 403 };
  return { file };
}
