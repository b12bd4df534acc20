import { ValidationError } from 'yup';
import { isKioskMethod, type KioskApi, type KioskMethod } from '../../src-shared/contract';
import { REQUEST_SCHEMAS } from '../../src-shared/requestSchemas';
import { fail, type Result } from '../../src-shared/errors';

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
 * The one entry point from any shell into the core: validate the payload
 * against the contract's schema, call the service, map faults to INTERNAL.
 * Handlers get only payloads that passed validation.
 */
export function createRouter(handlers: Handlers, options: RouterOptions = {}): Router {
  return {
    async dispatch(caller, method, payload) {
      if (!isKioskMethod(method)) return fail('VALIDATION_FAILED', { field: 'method' });
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
        options.onFault?.(method, err);
        return fail('INTERNAL');
      }
    },
  };
}
