/**
 * The plumbing shared by every route: read the clock once, apply the
 * idempotency rule to state-changing requests, run the rule synchronously
 * (so that concurrent requests cannot interleave between a check and its
 * count), persist, then answer.
 *
 * Nothing is confirmed before it is durable: the change and its stored
 * answer go to disk in one write, the answer is sent only after that write,
 * and a replay of a stored answer waits until the answer is on disk too.
 * When the write fails the store undoes the change (store.ts) and the
 * client gets 503 BACKEND_UNAVAILABLE with Retry-After: its retry with the
 * same key finds no stored answer and performs the change, once.
 */
import type { FastifyReply, FastifyRequest, RouteGenericInterface } from 'fastify';
import type { StubContext } from './context';
import { lookup, remember, type KeyedRequest } from './idempotency';
import { onBehalfOf } from './outbox';
import { problem, PROBLEM_CONTENT_TYPE, type Reply } from './problem';
import { StateNotDurableError } from './store';
import type { StubState } from './state';

export type Rule<R extends RouteGenericInterface> = (state: StubState, request: FastifyRequest<R>, now: number) => Reply;

/** How long a client should wait before retrying after a failed save. */
const SAVE_RETRY_AFTER_SECONDS = 1;

/** The answer when a change could not be saved (and was undone): safe to retry with the same key. */
export function notSaved(): Reply {
  return problem('BACKEND_UNAVAILABLE', 503, { retryAfterSeconds: SAVE_RETRY_AFTER_SECONDS });
}

export function sendReply(reply: FastifyReply, out: Reply): FastifyReply {
  reply.code(out.status).header('cache-control', 'no-store');
  if (out.status >= 400) {
    reply.header('content-type', PROBLEM_CONTENT_TYPE);
    const retry = (out.body as { retryAfterSeconds?: unknown }).retryAfterSeconds;
    if (typeof retry === 'number') reply.header('retry-after', String(retry));
  }
  return reply.send(out.body);
}

function headerOf(request: FastifyRequest, name: string): string {
  const value = request.headers[name];
  return typeof value === 'string' ? value : '';
}

/** The recovery token (`X-Recovery-Token`) of a request, or ''. */
export function recoveryTokenOf(request: FastifyRequest): string {
  return headerOf(request, 'x-recovery-token');
}

/** The sign-in session token (`X-Session-Token`) of a request, or ''. */
export function sessionTokenOf(request: FastifyRequest): string {
  return headerOf(request, 'x-session-token');
}

/** The officer token (`X-Operator-Token`) of a request, or ''. */
export function operatorTokenOf(request: FastifyRequest): string {
  return headerOf(request, 'x-operator-token');
}

export function kioskIdOf(request: FastifyRequest): string {
  return headerOf(request, 'x-kiosk-id');
}

/** A state-changing route: Idempotency-Key required (the schema checks it is there). */
export function writeRoute<R extends RouteGenericInterface>(ctx: StubContext, rule: Rule<R>) {
  return async (request: FastifyRequest<R>, reply: FastifyReply): Promise<FastifyReply> => {
    const now = ctx.clock.now();
    const state = ctx.store.state;
    const keyed: KeyedRequest = {
      kioskId: kioskIdOf(request),
      key: headerOf(request, 'idempotency-key'),
      method: request.method,
      url: request.url,
      body: request.body,
      recoveryToken: recoveryTokenOf(request),
    };
    const found = lookup(state, keyed, now);
    if (found.kind !== 'new') {
      // The stored answer may still be on its way to disk: never repeat it before it is there.
      if (!(await ctx.store.settled())) return sendReply(reply, notSaved());
      if (found.kind === 'conflict') return sendReply(reply, problem('VALIDATION_FAILED', 409, { field: 'Idempotency-Key' }));
      return sendReply(reply.header('idempotent-replayed', 'true'), found.reply);
    }
    // What the rule delivers to the training outbox is this kiosk's (outbox.ts).
    const out = onBehalfOf(keyed.kioskId, () => rule(state, request, now));
    remember(state, keyed, out, now);
    try {
      await ctx.store.persist();
    } catch (err) {
      if (err instanceof StateNotDurableError) return sendReply(reply, notSaved());
      throw err;
    }
    return sendReply(reply, out);
  };
}

/** A read: no idempotency, no write. */
export function readRoute<R extends RouteGenericInterface>(ctx: StubContext, rule: Rule<R>) {
  return async (request: FastifyRequest<R>, reply: FastifyReply): Promise<FastifyReply> =>
    sendReply(reply, rule(ctx.store.state, request, ctx.clock.now()));
}
