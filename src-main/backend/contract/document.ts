/**
 * resources/openapi.yaml, read once: the only place a backend request, an
 * answer, a header or a problem code is defined (docs/backend.md). The stub
 * derives its routes and request validation from it (stubRoutes.ts), the
 * client and the conformance suite check answers against it (answers.ts),
 * and the TypeScript types are generated from it (openapi.d.ts).
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
// js-yaml: loading it and parsing the contract took about 30 ms here, `yaml` about 120-150 ms (of every start-up).
import { load } from 'js-yaml';
import type { ContactPath } from '../../../src-shared/contract';
import type { components, operations } from './openapi';

export type OperationId = keyof operations;
export type ProblemCode = components['schemas']['Problem']['code'];
/** A schema of the contract by name: `ContractSchema<'Challenge'>`. */
export type ContractSchema<N extends keyof components['schemas']> = components['schemas'][N];

type Json = Record<string, unknown>;

/** The operation that starts each contact path (src-shared/recoveryPaths.ts): its body is named after the contact. */
export const START_OPERATIONS = { phone: 'startByPhone', email: 'startByEmail' } as const satisfies Record<ContactPath, OperationId>;

export interface ContractDocument {
  /** Security every operation needs unless it says otherwise. */
  security?: Json[];
  paths: Record<string, Record<string, Json>>;
  components: {
    schemas: Record<string, Json>;
    responses: Record<string, Json>;
    parameters: Record<string, Json>;
    headers: Record<string, Json>;
    securitySchemes: Record<string, Json>;
  };
}

export interface ContractParameter {
  name: string;
  in: 'header' | 'path' | 'query' | 'cookie';
  required: boolean;
  schema: Json;
}

export interface ContractOperation {
  id: OperationId;
  method: 'GET' | 'POST';
  /** As the document writes it: /v1/recoveries/{recoveryId}/password. */
  path: string;
  parameters: ContractParameter[];
  /** Names of the security schemes the operation requires, all of them (its own `security`, else the document's). */
  security: string[];
  /** The JSON request body's schema, resolved; absent for reads. */
  requestBody?: Json;
  /** Declared responses by status key ('200', '4XX', 'default'), references resolved one level. */
  responses: Record<string, Json>;
}

const FILE_NAME = 'openapi.yaml';

/**
 * Where the contract file is: beside the packaged app (electron-builder's
 * extraResources, process.resourcesPath), else the repo's resources/ found
 * upwards from this module (source under tsx and vitest, out/main when built).
 */
export function contractFilePath(): string {
  const packaged = (process as { resourcesPath?: string }).resourcesPath;
  if (packaged && existsSync(join(packaged, FILE_NAME))) return join(packaged, FILE_NAME);
  let dir = import.meta.dirname;
  for (let up = 0; up < 6; up += 1) {
    const candidate = join(dir, 'resources', FILE_NAME);
    if (existsSync(candidate)) return candidate;
    dir = dirname(dir);
  }
  throw new Error(`The backend contract ${FILE_NAME} was not found above ${import.meta.dirname}`);
}

let loaded: ContractDocument | undefined;

/** The parsed contract (read from disk once per process). */
export function contractDocument(): ContractDocument {
  loaded ??= load(readFileSync(contractFilePath(), 'utf8')) as ContractDocument;
  return loaded;
}

/** Follows a local `#/components/...` reference (one level). */
export function resolveRef(doc: ContractDocument, node: Json): Json {
  const ref = node.$ref;
  if (typeof ref !== 'string') return node;
  const [, section, name] = /^#\/components\/([A-Za-z]+)\/([A-Za-z0-9_.-]+)$/.exec(ref) ?? [];
  const target = section && name ? (doc.components as unknown as Record<string, Record<string, Json>>)[section]?.[name] : undefined;
  if (!target) throw new Error(`openapi.yaml: unknown reference ${ref}`);
  return target;
}

/** A copy of `node` with every local `$ref` replaced by what it names (the contract has no cycles). */
export function inlineRefs(doc: ContractDocument, node: unknown, depth = 0): unknown {
  if (depth > 32) throw new Error('openapi.yaml: references nest too deep');
  if (Array.isArray(node)) return node.map((item) => inlineRefs(doc, item, depth + 1));
  if (typeof node !== 'object' || node === null) return node;
  const resolved = resolveRef(doc, node as Json);
  if (resolved !== node) return inlineRefs(doc, resolved, depth + 1);
  return Object.fromEntries(Object.entries(resolved).map(([key, value]) => [key, inlineRefs(doc, value, depth + 1)]));
}

let byId: Map<OperationId, ContractOperation> | undefined;

function readOperations(doc: ContractDocument): Map<OperationId, ContractOperation> {
  const out = new Map<OperationId, ContractOperation>();
  for (const [path, methods] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(methods)) {
      const id = op.operationId as OperationId;
      const parameters = ((op.parameters ?? []) as Json[]).map((p) => {
        const param = resolveRef(doc, p);
        return {
          name: String(param.name),
          in: param.in as ContractParameter['in'],
          required: param.required === true,
          schema: inlineRefs(doc, param.schema) as Json,
        };
      });
      const security = ((op.security ?? doc.security ?? []) as Json[]).flatMap((requirement) => Object.keys(requirement));
      const body = (op.requestBody as { content?: Record<string, { schema?: Json }> } | undefined)?.content?.['application/json']?.schema;
      const responses = Object.fromEntries(
        Object.entries((op.responses ?? {}) as Record<string, Json>).map(([status, response]) => [status, resolveRef(doc, response)]),
      );
      out.set(id, {
        id,
        method: method.toUpperCase() as ContractOperation['method'],
        path,
        parameters,
        security,
        ...(body ? { requestBody: inlineRefs(doc, body) as Json } : {}),
        responses,
      });
    }
  }
  return out;
}

/** Every operation of the contract, by operationId. */
export function contractOperations(): ReadonlyMap<OperationId, ContractOperation> {
  byId ??= readOperations(contractDocument());
  return byId;
}

export function contractOperation(id: OperationId): ContractOperation {
  const op = contractOperations().get(id);
  if (!op) throw new Error(`openapi.yaml has no operation ${id}`);
  return op;
}

/** The operation's path with its parameters filled in, each URI-encoded. */
export function pathOf(id: OperationId, params: Readonly<Record<string, string>> = {}): string {
  return contractOperation(id).path.replace(/\{([A-Za-z0-9_]+)\}/g, (_, name: string) => {
    const value = params[name];
    if (value === undefined) throw new Error(`${id}: path parameter ${name} missing`);
    return encodeURIComponent(value);
  });
}

/** Where a security scheme's token travels and what it looks like. */
export interface SecurityHeader {
  /** Lower-case, as Node gives header names. */
  header: string;
  /** `Bearer ` for an http bearer scheme, else empty. */
  prefix: string;
  /** The token's pattern (`x-token-pattern`), anchored. */
  pattern: string;
}

/** The header a security scheme of the contract uses: http bearer in Authorization, or an apiKey header. */
export function securityHeader(scheme: string): SecurityHeader {
  const declared = contractDocument().components.securitySchemes[scheme];
  const pattern = declared?.['x-token-pattern'];
  if (!declared || typeof pattern !== 'string') throw new Error(`openapi.yaml: security scheme ${scheme} has no x-token-pattern`);
  if (declared.type === 'http' && declared.scheme === 'bearer') return { header: 'authorization', prefix: 'Bearer ', pattern };
  if (declared.type === 'apiKey' && declared.in === 'header' && typeof declared.name === 'string') {
    return { header: declared.name.toLowerCase(), prefix: '', pattern };
  }
  throw new Error(`openapi.yaml: security scheme ${scheme} is neither an http bearer nor a header apiKey`);
}

type Responses<O extends OperationId> = operations[O]['responses'];
type JsonContent<R> = R extends { content: { 'application/json': infer B } } ? B : never;

/** The JSON body an operation takes (never for reads). */
export type RequestBodyOf<O extends OperationId> = operations[O] extends { requestBody: { content: { 'application/json': infer B } } }
  ? B
  : never;

/** The path parameters of an operation. */
export type PathParamsOf<O extends OperationId> = operations[O]['parameters'] extends { path: infer P } ? P : never;

/** The body of an operation's successful answer (its 200 or 201). */
export type AnswerOf<O extends OperationId> = JsonContent<Responses<O>[Extract<keyof Responses<O>, 200 | 201>]>;
