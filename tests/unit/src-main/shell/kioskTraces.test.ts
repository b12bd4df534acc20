import { describe, expect, it, vi } from 'vitest';
import { clearKioskTraces, type TraceHolders } from '../../../../src-main/shell/kioskTraces';

function holders(platform: NodeJS.Platform) {
  const cleared: string[] = [];
  const h: TraceHolders = {
    session: {
      clearStorageData: vi.fn(async () => void cleared.push('storage')),
      clearCache: vi.fn(async () => void cleared.push('cache')),
    },
    clipboard: { clear: vi.fn((type?: string) => void cleared.push(`clipboard:${type ?? 'clipboard'}`)) },
    platform,
  };
  return { h, cleared };
}

describe('clearing what a citizen left outside main', () => {
  it('clears storage, cache and the clipboard', async () => {
    const { h, cleared } = holders('win32');
    await clearKioskTraces(h);
    expect(cleared.sort()).toEqual(['cache', 'clipboard:clipboard', 'storage']);
  });

  it('on Linux also the primary selection (the last text selected)', async () => {
    const { h, cleared } = holders('linux');
    await clearKioskTraces(h);
    expect(cleared).toContain('clipboard:selection');
  });

  it('waits for the partition to be cleared before it resolves', async () => {
    let release: () => void = () => {};
    const { h } = holders('linux');
    h.session.clearStorageData = () => new Promise<void>((r) => (release = r));
    let done = false;
    const pending = clearKioskTraces(h).then(() => (done = true));
    await Promise.resolve();
    expect(done).toBe(false);
    release();
    await pending;
    expect(done).toBe(true);
  });
});
