/**
 * The plumbing shared by every route: read the clock once, apply the
 * idempotency rule to state-changing requests, run the rule synchronously
 * (so that concurrent requests cannot interleave between a check and its
 * count), persist, then answer.
 */
import type { FastifyReply, FastifyRequest, RouteGenericInterface } from 'fastify';
import type { StubContext } from './context';
import { lookup, remember, type KeyedRequest } from './idempotency';
import { prune } from './maintenance';
import { problem, PROBLEM_CONTENT_TYPE, type Reply } from './problem';
import type { StubState } from './state';

export type Rule<R extends RouteGenericInterface> = (state: StubState, request: FastifyRequest<R>, now: number) => Reply;

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

export function bearerOf(request: FastifyRequest): string {
  return headerOf(request, 'authorization').replace(/^Bearer /, '');
}

export function kioskIdOf(request: FastifyRequest): string {
  return headerOf(request, 'x-kiosk-id');
}

/** A state-changing route: Idempotency-Key required (the schema checks it is there). */
export function writeRoute<R extends RouteGenericInterface>(ctx: StubContext, rule: Rule<R>) {
  return async (request: FastifyRequest<R>, reply: FastifyReply): Promise<FastifyReply> => {
    const now = ctx.clock.now();
    const state = ctx.store.state;
    prune(state, now);
    const keyed: KeyedRequest = {
      kioskId: kioskIdOf(request),
      key: headerOf(request, 'idempotency-key'),
      method: request.method,
      url: request.url,
      body: request.body,
      authorization: headerOf(request, 'authorization'),
    };
    const found = lookup(state, keyed);
    if (found.kind === 'conflict') return sendReply(reply, problem('VALIDATION_FAILED', 409, { field: 'Idempotency-Key' }));
    if (found.kind === 'replay') return sendReply(reply.header('idempotent-replayed', 'true'), found.reply);
    const out = rule(state, request, now);
    remember(state, keyed, out, now);
    await ctx.store.persist();
    return sendReply(reply, out);
  };
}

/** A read: no idempotency, no write. */
export function readRoute<R extends RouteGenericInterface>(ctx: StubContext, rule: Rule<R>) {
  return async (request: FastifyRequest<R>, reply: FastifyReply): Promise<FastifyReply> =>
    sendReply(reply, rule(ctx.store.state, request, ctx.clock.now()));
}
