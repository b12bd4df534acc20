import { KIOSK_METHODS, type KioskApi, type KioskMethod } from '../src-shared/contract';
import type { Result } from '../src-shared/errors';

/** Sends one call to main: Electron IPC or the browser shell's HTTP bridge. */
export type Invoke = (method: KioskMethod, payload: unknown) => Promise<unknown>;

/**
 * The renderer's whole view of main, the same in both shells: a frozen object
 * of intent-level methods. A transport failure comes back as a typed error,
 * never as a thrown exception.
 */
export function createKioskApi(invoke: Invoke): KioskApi {
  const api: Partial<Record<KioskMethod, (payload?: unknown) => Promise<Result<unknown>>>> = {};
  for (const method of KIOSK_METHODS) {
    api[method] = async (payload?: unknown) => {
      try {
        const result = (await invoke(method, payload)) as Result<unknown> | undefined;
        if (result && typeof result === 'object' && typeof result.ok === 'boolean') return result;
        return { ok: false, error: { code: 'INTERNAL' } };
      } catch {
        return { ok: false, error: { code: 'INTERNAL' } };
      }
    };
  }
  return Object.freeze(api) as unknown as KioskApi;
}
