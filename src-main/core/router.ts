import { ValidationError } from 'yup';
import { isKioskMethod, type KioskApi, type KioskMethod } from '../../src-shared/contract';
import { REQUEST_SCHEMAS } from '../../src-shared/requestSchemas';
import { fail, type Result } from '../../src-shared/errors';
import { AuditUnavailableError } from './auditTrail';

/** Who is calling: one renderer window (Electron) or one browser-shell launch. */
export interface Caller {
  windowId: string;
}

/** The services behind the router: the KioskApi, with the caller first. */
export type Handlers = {
  [M in KioskMethod]: (caller: Caller, req: Parameters<KioskApi[M]>[0]) => ReturnType<KioskApi[M]>;
};

export interface Router {
  /** Never throws: unknown methods, bad payloads and faults all come back as typed errors. */
  dispatch(caller: Caller, method: unknown, payload: unknown): Promise<Result<unknown>>;
}

export interface RouterOptions {
  /** Told of unexpected faults (the error's name only is safe to log; never the payload). */
  onFault?: (method: KioskMethod, err: unknown) => void;
}

/**
 * Payloads are plain JSON data: primitives, arrays and plain objects, not too
 * deep. Boxed strings, Dates, Maps and other class instances (which Electron's
 * structured clone can carry) are refused before any schema sees them.
 */
function isPlainData(value: unknown, depth = 0): boolean {
  if (value === null || value === undefined) return true;
  const type = typeof value;
  if (type === 'string' || type === 'boolean') return true;
  if (type === 'number') return Number.isFinite(value);
  if (type !== 'object' || depth > 8) return false;
  if (Array.isArray(value)) return value.every((item) => isPlainData(item, depth + 1));
  const proto = Object.getPrototypeOf(value) as unknown;
  if (proto !== Object.prototype && proto !== null) return false;
  return Object.values(value as Record<string, unknown>).every((item) => isPlainData(item, depth + 1));
}

/**
 * The one entry point from any shell into the core: validate the payload
 * against the contract's schema, call the service, map faults: an audit log
 * that cannot be written to OUT_OF_SERVICE (the action did not happen: fail
 * closed), anything else to INTERNAL. Handlers get only payloads that passed
 * validation.
 */
export function createRouter(handlers: Handlers, options: RouterOptions = {}): Router {
  return {
    async dispatch(caller, method, payload) {
      if (!isKioskMethod(method)) return fail('VALIDATION_FAILED', { field: 'method' });
      if (!isPlainData(payload)) return fail('VALIDATION_FAILED');
      const schema = REQUEST_SCHEMAS[method];
      let valid: unknown;
      try {
        valid = await schema.validate(payload === undefined ? {} : payload, { strict: true, abortEarly: true });
      } catch (err) {
        if (err instanceof ValidationError) {
          return fail('VALIDATION_FAILED', err.path ? { field: err.path } : {});
        }
        return fail('VALIDATION_FAILED');
      }
      try {
        const handler = handlers[method] as (caller: Caller, req: unknown) => Promise<Result<unknown>>;
        return await handler(caller, valid);
      } catch (err) {
        if (err instanceof AuditUnavailableError) return fail('OUT_OF_SERVICE');
        options.onFault?.(method, err);
        return fail('INTERNAL');
      }
    },
  };
}
