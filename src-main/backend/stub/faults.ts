/**
 * Fault injection for tests and training rooms: latency, 5xx answers and
 * dropped connections, per route, switched on and off at run time through
 * the test controls. A fault acts `before` the route (nothing happens) or
 * `after` it (the change is made, the answer is lost: what idempotent retries
 * exist for).
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { routeIdOf } from './contractRoute';
import { problemBody, PROBLEM_CONTENT_TYPE } from './problem';
import type { OperationId } from '../contract/document';

export type FaultKind = 'latency' | 'error' | 'drop';
export type FaultPhase = 'before' | 'after';

export interface FaultSpec {
  route: OperationId | '*';
  kind: FaultKind;
  phase?: FaultPhase;
  /** latency: how long to wait. */
  latencyMs?: number;
  /** error: the 5xx status (503 by default). */
  status?: number;
  /** error: a Retry-After header, in seconds. */
  retryAfterSeconds?: number;
  /** How many requests it hits before it disappears (unlimited when absent). */
  times?: number;
}

export class FaultBook {
  private faults: FaultSpec[] = [];

  add(spec: FaultSpec): void {
    this.faults.push({ ...spec });
  }

  clear(): void {
    this.faults = [];
  }

  /** No fault is set: what nearly every request finds. */
  get empty(): boolean {
    return this.faults.length === 0;
  }

  list(): FaultSpec[] {
    return this.faults.map((f) => ({ ...f }));
  }

  /** The faults that hit this request, each use counted. */
  take(route: OperationId, phase: FaultPhase): FaultSpec[] {
    const hits = this.faults.filter((f) => (f.route === '*' || f.route === route) && (f.phase ?? 'before') === phase);
    for (const hit of hits) if (hit.times !== undefined) hit.times -= 1;
    this.faults = this.faults.filter((f) => f.times === undefined || f.times > 0);
    return hits;
  }
}

function sleep(ms: number, request: FastifyRequest): Promise<void> {
  return new Promise((resolve) => {
    const socket = request.raw.socket;
    const stop = (): void => {
      clearTimeout(timer);
      resolve();
    };
    const timer = setTimeout(() => {
      socket.off('close', stop);
      resolve();
    }, ms);
    // A client that gave up need not keep the stub waiting (and close() stays fast).
    socket.once('close', stop);
  });
}

function drop(request: FastifyRequest, reply: FastifyReply): void {
  reply.hijack();
  request.raw.socket.destroy();
}

function errorPayload(fault: FaultSpec, reply: FastifyReply): string {
  const status = fault.status ?? 503;
  reply.code(status).header('content-type', PROBLEM_CONTENT_TYPE);
  if (fault.retryAfterSeconds !== undefined) reply.header('retry-after', String(fault.retryAfterSeconds));
  return JSON.stringify(problemBody(status === 503 ? 'BACKEND_UNAVAILABLE' : 'BACKEND_ERROR', status));
}

async function before(book: FaultBook, request: FastifyRequest, reply: FastifyReply): Promise<unknown> {
  const route = routeIdOf(request);
  if (!route) return undefined;
  for (const fault of book.take(route, 'before')) {
    if (fault.kind === 'latency') await sleep(fault.latencyMs ?? 0, request);
    else if (fault.kind === 'drop') return drop(request, reply);
    else return reply.send(errorPayload(fault, reply));
  }
  return undefined;
}

async function after(book: FaultBook, request: FastifyRequest, reply: FastifyReply, payload: unknown): Promise<unknown> {
  const route = routeIdOf(request);
  if (!route) return payload;
  let out = payload;
  for (const fault of book.take(route, 'after')) {
    if (fault.kind === 'latency') await sleep(fault.latencyMs ?? 0, request);
    else if (fault.kind === 'drop') {
      request.raw.socket.destroy();
      return out;
    } else out = errorPayload(fault, reply);
  }
  return out;
}

/**
 * With no fault set the hooks go on at once (callback style: no promise and no
 * microtask per request and hook); with one, they return the promise of the async
 * work above, which fastify awaits as it awaits an async hook.
 */
export function registerFaultHooks(app: FastifyInstance, book: FaultBook): void {
  app.addHook('onRequest', (request, reply, done) => {
    if (book.empty) {
      done();
      return undefined;
    }
    return before(book, request, reply);
  });
  app.addHook('onSend', (request, reply, payload, done) => {
    if (book.empty) {
      done(null, payload);
      return undefined;
    }
    return after(book, request, reply, payload);
  });
}
