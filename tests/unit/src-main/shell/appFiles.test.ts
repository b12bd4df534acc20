import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { OUT_OF_SERVICE_PATH, resolveAppFile } from '../../../../src-main/shell/appFiles';

const root = join('/opt', 'pulih', 'renderer');
const extra = { [OUT_OF_SERVICE_PATH]: '/opt/pulih/resources/out-of-service.html' };

describe('app:// file resolution', () => {
  it('serves the renderer build, index.html for /', () => {
    expect(resolveAppFile('app://kiosk/', root)).toEqual({ file: join(root, 'index.html') });
    expect(resolveAppFile('app://kiosk/assets/index-abc.js', root)).toEqual({ file: join(root, 'assets/index-abc.js') });
  });

  it('serves the out-of-service page from resources/, not from the build', () => {
    expect(resolveAppFile('app://kiosk/out-of-service.html', root, extra)).toEqual({ file: '/opt/pulih/resources/out-of-service.html' });
  });

  it.each(['app://kiosk/../secret.txt', 'app://kiosk/%2e%2e/%2e%2e/etc/passwd', 'app://kiosk/assets/..%2f..%2fkeys'])(
    'refuses to leave the renderer folder: %s',
    (url) => {
      const resolved = resolveAppFile(url, root, extra);
      if ('file' in resolved) expect(resolved.file.startsWith(root)).toBe(true);
      else expect(resolved.status).toBe(403);
    },
  );

  it('an encoded slash that would climb out after decoding is 403', () => {
    expect(resolveAppFile('app://kiosk/assets/..%2f..%2f..%2fkeys%2fsubject.key', root)).toEqual({ status: 403 });
  });

  it('answers 404 for another host, a malformed escape or a non-URL', () => {
    expect(resolveAppFile('app://evil/index.html', root)).toEqual({ status: 404 });
    expect(resolveAppFile('app://kiosk/%E0%A4%A', root)).toEqual({ status: 404 });
    expect(resolveAppFile('nonsense', root)).toEqual({ status: 404 });
  });

  it('an extra file cannot be reached through inherited object keys', () => {
    expect(resolveAppFile('app://kiosk/constructor', root, extra)).toEqual({ file: join(root, 'constructor') });
  });
});
