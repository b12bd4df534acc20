/**
 * Turns every failure fastify or Node detects (schema violations, malformed
 * JSON, wrong content type, oversized body, unknown route or method, a
 * malformed URL, bytes that are not HTTP, headers too large, a request that
 * stalls) into a 4xx problem+json with a stable code, a save that failed into
 * 503 BACKEND_UNAVAILABLE, and any unexpected fault into a bare 500: no
 * stack, no echo of the input.
 */
import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { notSaved, sendReply } from './handler';
import { problem, problemBody, PROBLEM_CONTENT_TYPE, type Reply } from './problem';
import { StateNotDurableError } from './store';

const FIELD_NAME = /^[A-Za-z][A-Za-z0-9-]{0,39}$/;

function fieldOf(err: FastifyError): string | undefined {
  const first = err.validation?.[0];
  if (!first) return undefined;
  const params = first.params as { missingProperty?: unknown; additionalProperty?: unknown };
  const candidate =
    typeof params.missingProperty === 'string'
      ? params.missingProperty
      : typeof params.additionalProperty === 'string'
        ? params.additionalProperty
        : first.instancePath.split('/')[1];
  return candidate !== undefined && FIELD_NAME.test(candidate) ? candidate : undefined;
}

function problemOf(err: FastifyError): Reply {
  if (err instanceof StateNotDurableError) return notSaved();
  if (err.validation) {
    const field = fieldOf(err);
    return problem('VALIDATION_FAILED', 400, field ? { field } : {});
  }
  const status = err.statusCode ?? 500;
  if (status >= 400 && status < 500) return problem('VALIDATION_FAILED', status);
  return problem('BACKEND_ERROR', 500);
}

export function registerProblemHandlers(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError, _request, reply) => sendReply(reply, problemOf(err)));
  app.setNotFoundHandler((_request, reply) => sendReply(reply, problem('VALIDATION_FAILED', 404)));
}

/** Fastify's `frameworkErrors`: what fails before routing (a malformed URL such as `/%`, a path parameter too long). */
export function answerFrameworkError(err: FastifyError, _request: FastifyRequest, reply: FastifyReply): void {
  void sendReply(reply, problemOf(err));
}

/** Status of a connection-level failure Node reports (fastify's `clientErrorHandler`). */
function clientErrorStatus(code: string | undefined): number {
  switch (code) {
    case 'ERR_HTTP_REQUEST_TIMEOUT':
      return 408;
    case 'HPE_HEADER_OVERFLOW':
      return 431;
    default:
      return 400;
  }
}

/**
 * Fastify's `clientErrorHandler`: bytes that are not HTTP, headers too large,
 * a request not received within the timeouts. No request object exists yet,
 * so the answer is written on the socket, which is then closed.
 */
export function answerClientError(err: Error & { code?: string }, socket: Socket): void {
  if (err.code === 'ECONNRESET' || socket.destroyed) return;
  const status = clientErrorStatus(err.code);
  const body = JSON.stringify(problemBody('VALIDATION_FAILED', status));
  if (!socket.writable) {
    socket.destroy();
    return;
  }
  socket.end(
    `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? ''}\r\n` +
      `content-type: ${PROBLEM_CONTENT_TYPE}; charset=utf-8\r\n` +
      `content-length: ${Buffer.byteLength(body)}\r\n` +
      'cache-control: no-store\r\nconnection: close\r\n\r\n' +
      body,
    () => socket.destroy(),
  );
}
