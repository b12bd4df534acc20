import { describe, expect, it, vi } from 'vitest';
import { fail, ok } from '../../../../src-shared/errors';
import { wipeKiosk, type WipeTargets } from '../../../../src-renderer/src/kioskWipe';
import { fakeKioskApi } from './testKit';

class MemoryStorage implements Storage {
  #items = new Map<string, string>();
  get length() {
    return this.#items.size;
  }
  clear() {
    this.#items.clear();
  }
  getItem(key: string) {
    return this.#items.get(key) ?? null;
  }
  key(i: number) {
    return [...this.#items.keys()][i] ?? null;
  }
  removeItem(key: string) {
    this.#items.delete(key);
  }
  setItem(key: string, value: string) {
    this.#items.set(key, value);
  }
}

function targets(api = fakeKioskApi()) {
  const order: string[] = [];
  const t: WipeTargets = {
    api,
    localStorage: new MemoryStorage(),
    sessionStorage: new MemoryStorage(),
    clipboard: { writeText: vi.fn(async () => void order.push('clipboard')) },
    reload: vi.fn(() => void order.push('reload')),
  };
  t.localStorage.setItem('draft.nik', '3171014101900001');
  t.sessionStorage.setItem('draft.email', 'siti.rahayu@example.com');
  t.sessionStorage.setItem('pulih.bridgeToken', 'launch-token');
  return { t, order };
}

describe('the full wipe', () => {
  it.each(['idle', 'cancel', 'finish', 'sign-out'] as const)('%s: main ends the session with that reason, storage and clipboard are cleared, the page reloads', async (reason) => {
    const { t, order } = targets();
    await wipeKiosk(reason, t);
    expect(t.api.endSession).toHaveBeenCalledWith({ reason });
    expect(t.api.operatorSignOut).not.toHaveBeenCalled();
    expect(t.localStorage.length).toBe(0);
    expect(t.sessionStorage.getItem('draft.email')).toBeNull();
    expect(t.clipboard?.writeText).toHaveBeenCalledWith('');
    expect(order).toEqual(['clipboard', 'reload']);
  });

  it("keeps only the browser shell's launch token, which the reload needs and which is no citizen data", async () => {
    const { t } = targets();
    await wipeKiosk('idle', t);
    expect(t.sessionStorage.length).toBe(1);
    expect(t.sessionStorage.getItem('pulih.bridgeToken')).toBe('launch-token');
  });

  it("the officer's idle ends the citizen session as idle, then signs the officer out", async () => {
    const { t } = targets();
    await wipeKiosk('operator-idle', t);
    expect(t.api.endSession).toHaveBeenCalledWith({ reason: 'idle' });
    expect(t.api.operatorSignOut).toHaveBeenCalledTimes(1);
    expect(t.reload).toHaveBeenCalledTimes(1);
  });

  it('the officer signing out does not need an endSession: signing out wipes the session in main', async () => {
    const { t } = targets();
    await wipeKiosk('operator-sign-out', t);
    expect(t.api.endSession).not.toHaveBeenCalled();
    expect(t.api.operatorSignOut).toHaveBeenCalledTimes(1);
  });

  it('the page is cleared and reloaded even when main refuses or the call throws', async () => {
    for (const endSession of [async () => fail<null>('OUT_OF_SERVICE'), async () => Promise.reject(new Error('bridge down'))]) {
      const { t } = targets(fakeKioskApi({ endSession }));
      await wipeKiosk('idle', t).catch(() => {});
      expect(t.localStorage.length).toBe(0);
      expect(t.reload).toHaveBeenCalledTimes(1);
    }
  });

  it('a clipboard the browser will not write does not stop the wipe', async () => {
    const { t } = targets(fakeKioskApi({ endSession: async () => ok(null) }));
    t.clipboard = { writeText: () => Promise.reject(new DOMException('not focused', 'NotAllowedError')) };
    await wipeKiosk('idle', t);
    expect(t.reload).toHaveBeenCalledTimes(1);
  });
});
