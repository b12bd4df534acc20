/**
 * Where `audit:verify --anchors` gets a kiosk's anchors: from the backend
 * (`GET /v1/audit/anchors` as that kiosk, the answer checked against
 * resources/openapi.yaml) or from a file holding such an answer (saved with
 * curl, or handed over by whoever runs the backend).
 */
import { readFile } from 'node:fs/promises';
import { contractAnswers } from '../backend/contract/answers';
import { pathOf } from '../backend/contract/document';
import type { AuditAnchor } from './anchors';

/** The anchors could not be had: the verification cannot say what must exist. */
export class AnchorSourceError extends Error {
  override readonly name = 'AnchorSourceError';
}

const FETCH_TIMEOUT_MS = 15_000;

/** Whether `source` names a backend (else a file). */
export const isAnchorUrl = (source: string): boolean => /^https?:\/\//i.test(source);

/**
 * The anchors of `source` (a backend's base URL or a file); a URL needs `kioskId` and that
 * kiosk's key: the backend answers only the kiosk itself.
 */
export async function readAnchors(source: string, kioskId: string | undefined, kioskKey?: string): Promise<AuditAnchor[]> {
  return isAnchorUrl(source) ? fetchAnchors(source, kioskId, kioskKey) : readAnchorFile(source);
}

async function fetchAnchors(baseUrl: string, kioskId: string | undefined, kioskKey: string | undefined): Promise<AuditAnchor[]> {
  if (kioskId === undefined) throw new AnchorSourceError('give --kiosk ID: the folder holds no record to read the kiosk id from');
  if (kioskKey === undefined) throw new AnchorSourceError("give --kiosk-key FILE (the kiosk's key file): the backend answers only the kiosk itself");
  const url = `${baseUrl.replace(/\/+$/, '')}${pathOf('auditAnchors')}`;
  let response: Response;
  let body: unknown;
  try {
    response = await fetch(url, {
      headers: { 'x-kiosk-id': kioskId, authorization: `Bearer ${kioskKey}`, accept: 'application/json, application/problem+json' },
      redirect: 'error',
      signal: AbortSignal.timeout(FETCH_TIMEOUT_MS),
    });
    const text = await response.text();
    body = text === '' ? undefined : (JSON.parse(text) as unknown);
  } catch (error) {
    throw new AnchorSourceError(`cannot read anchors from ${url}: ${error instanceof Error ? error.message : String(error)}`);
  }
  const problems = contractAnswers().check('auditAnchors', response.status, response.headers.get('content-type') ?? '', body, response.headers);
  if (problems.length > 0) throw new AnchorSourceError(`the backend's answer does not fit the contract: ${problems.join('; ')}`);
  if (response.status !== 200) throw new AnchorSourceError(`the backend answered ${response.status} ${JSON.stringify((body as { code?: unknown }).code)}`);
  return anchorsOf(body);
}

async function readAnchorFile(path: string): Promise<AuditAnchor[]> {
  let body: unknown;
  try {
    body = JSON.parse(await readFile(path, 'utf8')) as unknown;
  } catch (error) {
    throw new AnchorSourceError(`cannot read anchors from ${path}: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (Array.isArray(body)) body = { anchors: body };
  if (!contractAnswers().fits('auditAnchors', 200, body)) {
    throw new AnchorSourceError(`${path} is not a list of anchors as GET /v1/audit/anchors answers it`);
  }
  return anchorsOf(body);
}

function anchorsOf(body: unknown): AuditAnchor[] {
  return (body as { anchors: AuditAnchor[] }).anchors.map(({ day, seq, hash, at }) => ({ day, seq, hash, at }));
}
