/**
 * Mounts a stub route as resources/openapi.yaml declares it: the method and
 * path of its operation, and Fastify validation of the body, the headers, the
 * path and the query parameters with the contract's own schemas (read from the file,
 * not copied), so bad input is answered 400 before any rule runs. A change
 * to a request in the YAML reaches the stub with no edit here.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest, FastifySchema } from 'fastify';
import {
  contractOperation,
  securityHeader,
  type OperationId,
  type PathParamsOf,
  type RequestBodyOf,
} from '../contract/document';
import type { operations } from '../contract/openapi';

type Json = Record<string, unknown>;

/** The query parameters of an operation (none: `unknown`, as Fastify has it). */
type QueryOf<O extends OperationId> = operations[O]['parameters'] extends { query?: infer Q } ? ([Q] extends [never] ? unknown : NonNullable<Q>) : unknown;

/** What a route's handler is given: the operation's body, path and query parameters as the contract types them. */
export interface ContractRequest<O extends OperationId> {
  Body: RequestBodyOf<O>;
  Params: PathParamsOf<O>;
  Querystring: QueryOf<O>;
}

function objectOf(entries: { name: string; required: boolean; schema: Json }[], extra: Json = {}): Json {
  return {
    type: 'object',
    ...extra,
    required: entries.filter((e) => e.required).map((e) => e.name),
    properties: Object.fromEntries(entries.map((e) => [e.name, e.schema])),
  };
}

/** Fastify's schema of one operation: headers (names lower-cased, as Node gives them), params, query, body. */
export function requestSchemaOf(id: OperationId): FastifySchema {
  const op = contractOperation(id);
  const headers = op.parameters.filter((p) => p.in === 'header').map((p) => ({ ...p, name: p.name.toLowerCase() }));
  // Each security scheme's token in its header (the kiosk key was already checked, kioskAuth.ts).
  for (const scheme of op.security) {
    const { header, prefix, pattern } = securityHeader(scheme);
    headers.push({ name: header, in: 'header', required: true, schema: { type: 'string', pattern: `^${prefix}${pattern.replace(/^\^/, '')}` } });
  }
  const params = op.parameters.filter((p) => p.in === 'path');
  const query = op.parameters.filter((p) => p.in === 'query');
  return {
    headers: objectOf(headers),
    ...(params.length > 0 ? { params: objectOf(params, { additionalProperties: false }) } : {}),
    ...(query.length > 0 ? { querystring: objectOf(query, { additionalProperties: false }) } : {}),
    ...(op.requestBody ? { body: op.requestBody } : {}),
  };
}

/** The contract operation a request was routed to (set by `contractRoute`); undefined for the test controls and 404s. */
export function routeIdOf(request: FastifyRequest): OperationId | undefined {
  return request.routeOptions.config.routeId;
}

/** Registers `handler` for the contract's operation `id`. */
export function contractRoute<O extends OperationId>(
  app: FastifyInstance,
  id: O,
  handler: (request: FastifyRequest<ContractRequest<O>>, reply: FastifyReply) => Promise<FastifyReply>,
): void {
  const op = contractOperation(id);
  app.route<ContractRequest<O>>({
    method: op.method,
    url: op.path.replace(/\{([A-Za-z0-9_]+)\}/g, ':$1'),
    schema: requestSchemaOf(id),
    config: { routeId: id },
    handler,
  });
}
