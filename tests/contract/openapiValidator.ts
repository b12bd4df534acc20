/**
 * Checks responses against resources/openapi.yaml: the declared status, the
 * content type, the body's JSON Schema (ajv, draft 2020-12 as OpenAPI 3.1
 * uses) and, for problems, that the `code` is one the response declares in
 * `x-problem-codes`.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import Ajv2020, { type ValidateFunction } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { parse } from 'yaml';

export const OPENAPI_PATH = fileURLToPath(new URL('../../resources/openapi.yaml', import.meta.url));

type Json = Record<string, unknown>;

interface ResponseSpec {
  contentTypes: string[];
  schemaRef: string | null;
  problemCodes: string[] | null;
  headers: string[];
}

export interface OpenApiDocument {
  paths: Record<string, Record<string, Json>>;
  components: { schemas: Record<string, Json>; responses: Record<string, Json> };
}

export function loadOpenApi(path: string = OPENAPI_PATH): OpenApiDocument {
  return parse(readFileSync(path, 'utf8')) as OpenApiDocument;
}

export class OpenApiValidator {
  private readonly ajv: Ajv2020;
  private readonly operations = new Map<string, Json>();
  private readonly compiled = new Map<string, ValidateFunction>();

  constructor(readonly doc: OpenApiDocument = loadOpenApi()) {
    this.ajv = new Ajv2020({ strict: false, allErrors: true });
    addFormats(this.ajv);
    this.ajv.addSchema(doc as unknown as Json, 'openapi.json');
    for (const methods of Object.values(doc.paths)) {
      for (const op of Object.values(methods)) {
        if (typeof op.operationId === 'string') this.operations.set(op.operationId, op);
      }
    }
  }

  operationIds(): string[] {
    return [...this.operations.keys()];
  }

  private resolveResponse(response: Json): Json {
    const ref = response.$ref;
    if (typeof ref !== 'string') return response;
    const name = ref.replace('#/components/responses/', '');
    const target = this.doc.components.responses[name];
    if (!target) throw new Error(`openapi: unknown response ${ref}`);
    return target;
  }

  private responseSpec(operationId: string, status: number): ResponseSpec | null {
    const op = this.operations.get(operationId);
    if (!op) throw new Error(`openapi: unknown operation ${operationId}`);
    const responses = op.responses as Record<string, Json>;
    const declared = responses[String(status)] ?? responses[`${String(status)[0]}XX`] ?? responses.default;
    if (!declared) return null;
    const response = this.resolveResponse(declared);
    const content = (response.content ?? {}) as Record<string, { schema?: { $ref?: string } }>;
    const contentTypes = Object.keys(content);
    const schemaRef = contentTypes.length > 0 ? (content[contentTypes[0] ?? '']?.schema?.$ref ?? null) : null;
    const codes = response['x-problem-codes'];
    return {
      contentTypes,
      schemaRef,
      problemCodes: Array.isArray(codes) ? codes.map(String) : null,
      headers: Object.keys((response.headers ?? {}) as Json).map((h) => h.toLowerCase()),
    };
  }

  private validatorFor(schemaRef: string): ValidateFunction {
    let fn = this.compiled.get(schemaRef);
    if (!fn) {
      fn = this.ajv.compile({ $ref: `openapi.json${schemaRef}` });
      this.compiled.set(schemaRef, fn);
    }
    return fn;
  }

  /** Problems with a response, as short sentences; empty when it conforms. */
  check(operationId: string, status: number, contentType: string, body: unknown, headers: Headers): string[] {
    const spec = this.responseSpec(operationId, status);
    const where = `${operationId} ${status}`;
    if (!spec) return [`${where}: status not declared in openapi.yaml`];
    const out: string[] = [];
    const mediaType = contentType.split(';')[0]?.trim().toLowerCase() ?? '';
    if (spec.contentTypes.length > 0 && !spec.contentTypes.includes(mediaType)) {
      out.push(`${where}: content-type ${mediaType || '(none)'} is not ${spec.contentTypes.join(' or ')}`);
    }
    if (spec.schemaRef) {
      const validate = this.validatorFor(spec.schemaRef);
      if (!validate(body)) {
        const errors = (validate.errors ?? []).slice(0, 3).map((e) => `${e.instancePath || '/'} ${e.message ?? ''}`);
        out.push(`${where}: body does not match ${spec.schemaRef}: ${errors.join('; ')}`);
      }
    }
    if (spec.problemCodes) {
      const code = (body as { code?: unknown } | null)?.code;
      if (typeof code !== 'string' || !spec.problemCodes.includes(code)) {
        out.push(`${where}: problem code ${String(code)} is not one of ${spec.problemCodes.join(', ')}`);
      }
      const problemStatus = (body as { status?: unknown } | null)?.status;
      if (problemStatus !== undefined && problemStatus !== status) out.push(`${where}: problem status ${String(problemStatus)} differs`);
    }
    if (status === 429 && spec.headers.includes('retry-after') && !headers.has('retry-after')) {
      out.push(`${where}: Retry-After header missing`);
    }
    return out;
  }
}
