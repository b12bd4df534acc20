/**
 * One logical backend call over HTTP, with the client's safety rules:
 * - every attempt has a hard timeout (an AbortSignal, so a server that
 *   trickles bytes cannot hold the kiosk either), and the whole call has a
 *   deadline, so a backend that is down yields BACKEND_UNAVAILABLE in bounded
 *   time, never a hang;
 * - only network errors and 5xx are retried, with exponential backoff and
 *   jitter, honouring Retry-After; a POST is retried only because it carries
 *   an Idempotency-Key, the same on every attempt; 4xx are never retried;
 * - every answer is checked against resources/openapi.yaml (contract/answers.ts):
 *   a success or a problem that does not fit its declared schema is
 *   BACKEND_ERROR, so unexpected values never travel through the core;
 * - nothing is logged and nothing is thrown.
 */
import type { AxiosInstance, AxiosResponse } from 'axios';
import { fail, ok, type Result } from '../../src-shared/errors';
import type { ContractAnswers } from './contract/answers';
import type { OperationId } from './contract/document';
import { parseRetryAfter, problemToError } from './problemMapping';

export interface RetryPolicy {
  /** Per attempt. */
  timeoutMs: number;
  /** Attempts after the first. */
  retries: number;
  /** First backoff; doubles each retry, up to maxBackoffMs. */
  backoffMs: number;
  maxBackoffMs: number;
  /** The longest Retry-After the client waits for; a longer one ends the call at once. */
  maxRetryAfterMs: number;
  /** Bound on the whole call, retries and waits included. */
  deadlineMs: number;
}

export interface CallSpec<T> {
  /** The contract's operation: its answers are checked against its declared responses. */
  operationId: OperationId;
  method: 'GET' | 'POST';
  path: string;
  headers: Record<string, string>;
  body?: unknown;
  /** The fields the kiosk uses, taken from an answer that fits the contract. */
  pick: (answer: never) => T;
}

type Attempt = { kind: 'response'; response: AxiosResponse<string> } | { kind: 'network' };

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

function parseJson(text: unknown): unknown {
  if (typeof text !== 'string' || text.length === 0) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

async function attempt<T>(http: AxiosInstance, spec: CallSpec<T>, timeoutMs: number): Promise<Attempt> {
  try {
    const response = await http.request<string>({
      method: spec.method,
      url: spec.path,
      headers: spec.headers,
      data: spec.body === undefined ? undefined : JSON.stringify(spec.body),
      signal: AbortSignal.timeout(Math.max(1, timeoutMs)),
    });
    return { kind: 'response', response };
  } catch {
    // Refused, reset, timed out, aborted: all the same to the kiosk.
    return { kind: 'network' };
  }
}

function backoff(policy: RetryPolicy, retry: number): number {
  const base = Math.min(policy.maxBackoffMs, policy.backoffMs * 2 ** retry);
  return base / 2 + Math.random() * (base / 2);
}

export async function callBackend<T>(
  http: AxiosInstance,
  policy: RetryPolicy,
  answers: ContractAnswers,
  spec: CallSpec<T>,
): Promise<Result<T>> {
  try {
    const deadline = Date.now() + policy.deadlineMs;
    let lastFailure: Result<T> = fail('BACKEND_UNAVAILABLE');
    for (let retry = 0; retry <= policy.retries; retry += 1) {
      const left = deadline - Date.now();
      if (left <= 0) break;
      const result = await attempt(http, spec, Math.min(policy.timeoutMs, left));
      let waitMs = backoff(policy, retry);
      if (result.kind === 'response') {
        const { status, data, headers } = result.response;
        const body = parseJson(data);
        if (status < 500) {
          if (!answers.fits(spec.operationId, status, body)) return fail('BACKEND_ERROR');
          if (status >= 200 && status < 300) return ok(spec.pick(body as never));
          return { ok: false, error: problemToError(body, headers['retry-after']) };
        }
        const retryAfter = parseRetryAfter(headers['retry-after']);
        lastFailure = fail([502, 503, 504].includes(status) ? 'BACKEND_UNAVAILABLE' : 'BACKEND_ERROR', {
          ...(retryAfter !== undefined ? { retryAfterSeconds: retryAfter } : {}),
        });
        if (retryAfter !== undefined) {
          if (retryAfter * 1000 > policy.maxRetryAfterMs) return lastFailure;
          waitMs = Math.max(waitMs, retryAfter * 1000);
        }
      } else {
        lastFailure = fail('BACKEND_UNAVAILABLE');
      }
      if (retry === policy.retries || Date.now() + waitMs >= deadline) break;
      await sleep(waitMs);
    }
    return lastFailure;
  } catch {
    return fail('BACKEND_ERROR');
  }
}
