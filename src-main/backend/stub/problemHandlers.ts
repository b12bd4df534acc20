/**
 * Turns every failure fastify itself detects (schema violations, malformed
 * JSON, wrong content type, oversized body, unknown route) into a 4xx
 * problem+json with a stable code, and any unexpected fault into a bare 500:
 * no stack, no echo of the input.
 */
import type { FastifyError, FastifyInstance } from 'fastify';
import { sendReply } from './handler';
import { problem } from './problem';

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

export function registerProblemHandlers(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError, _request, reply) => {
    if (err.validation) {
      const field = fieldOf(err);
      return sendReply(reply, problem('VALIDATION_FAILED', 400, field ? { field } : {}));
    }
    const status = err.statusCode ?? 500;
    if (status >= 400 && status < 500) return sendReply(reply, problem('VALIDATION_FAILED', status));
    return sendReply(reply, problem('BACKEND_ERROR', 500));
  });
  app.setNotFoundHandler((_request, reply) => sendReply(reply, problem('VALIDATION_FAILED', 404)));
}
