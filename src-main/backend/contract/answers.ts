/**
 * Checks a backend's answers against resources/openapi.yaml: the status is
 * declared, the body fits the declared JSON Schema (Ajv, draft 2020-12 as
 * OpenAPI 3.1 uses, each schema compiled once on first use), a problem's
 * `code` is one its response lists in `x-problem-codes`, and a 429 carries
 * `Retry-After`. The kiosk's client uses `fits` on every answer; the
 * conformance suite uses `check` for its reports.
 */
// The file itself: ajv has no exports map, and Node's ES module loader does not guess extensions.
import Ajv2020, { type ValidateFunction } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { contractDocument, contractOperation, type ContractDocument, type OperationId } from './document';

type Json = Record<string, unknown>;

interface DeclaredResponse {
  contentTypes: string[];
  schemaRef: string | null;
  problemCodes: string[] | null;
  headers: string[];
}

export class ContractAnswers {
  private readonly ajv: Ajv2020;
  private readonly compiled = new Map<string, ValidateFunction>();

  constructor(doc: ContractDocument = contractDocument()) {
    // The document is not checked against JSON Schema's meta-schema here (50 ms of every start-up):
    // tests/unit/src-main/backend/contract/answers.test.ts does that once for every change.
    this.ajv = new Ajv2020({ strict: false, allErrors: false, validateSchema: false });
    addFormats(this.ajv, ['date-time', 'uri']);
    this.ajv.addSchema(doc as unknown as Json, 'openapi.json');
  }

  /** The response the contract declares for this status: exact, then `4XX`/`5XX`, then `default`. */
  private declared(operationId: OperationId, status: number): DeclaredResponse | null {
    const { responses } = contractOperation(operationId);
    const response = responses[String(status)] ?? responses[`${String(status)[0]}XX`] ?? responses.default;
    if (!response) return null;
    const content = (response.content ?? {}) as Record<string, { schema?: { $ref?: string } }>;
    const contentTypes = Object.keys(content);
    const codes = response['x-problem-codes'];
    return {
      contentTypes,
      schemaRef: content[contentTypes[0] ?? '']?.schema?.$ref ?? null,
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

  /** What is wrong with the body of an answer, as short sentences (the first few). */
  private bodyProblems(where: string, spec: DeclaredResponse, status: number, body: unknown, allErrors: boolean): string[] {
    const out: string[] = [];
    if (spec.schemaRef) {
      const validate = this.validatorFor(spec.schemaRef);
      if (!validate(body)) {
        if (!allErrors) return [`${where}: body does not match`];
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
    return out;
  }

  /** Whether the kiosk may use this answer: a declared status whose body fits the contract. */
  fits(operationId: OperationId, status: number, body: unknown): boolean {
    const spec = this.declared(operationId, status);
    return spec !== null && this.bodyProblems('', spec, status, body, false).length === 0;
  }

  /** Everything wrong with an answer, as short sentences; empty when it conforms. */
  check(operationId: OperationId, status: number, contentType: string, body: unknown, headers: Headers): string[] {
    const spec = this.declared(operationId, status);
    const where = `${operationId} ${status}`;
    if (!spec) return [`${where}: status not declared in openapi.yaml`];
    const out: string[] = [];
    const mediaType = contentType.split(';')[0]?.trim().toLowerCase() ?? '';
    if (spec.contentTypes.length > 0 && !spec.contentTypes.includes(mediaType)) {
      out.push(`${where}: content-type ${mediaType || '(none)'} is not ${spec.contentTypes.join(' or ')}`);
    }
    out.push(...this.bodyProblems(where, spec, status, body, true));
    if (status === 429 && spec.headers.includes('retry-after') && !headers.has('retry-after')) {
      out.push(`${where}: Retry-After header missing`);
    }
    return out;
  }
}

let shared: ContractAnswers | undefined;

/** The process's one checker (its compiled schemas are kept). */
export function contractAnswers(): ContractAnswers {
  shared ??= new ContractAnswers();
  return shared;
}
