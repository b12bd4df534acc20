/**
 * Connections cannot be held for ever (a client that sends half a request
 * is cut off after the request timeout), and every error answer, including
 * those Fastify and Node give before any route runs, is problem+json with a
 * stable code.
 */
import { connect } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { startStub, type RunningStub } from '../../../../../src-main/backend/stub/server';
import { testKioskKey, testKiosks } from '../testKiosks';

let stub: RunningStub | undefined;
afterEach(async () => {
  await stub?.close();
  stub = undefined;
});

interface RawAnswer {
  closed: boolean;
  text: string;
}

/** Sends `data` as is on a fresh TCP connection; reports what came back and whether the server closed it. */
function rawExchange(url: string, data: string, waitMs: number): Promise<RawAnswer> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = connect(Number(port), hostname);
    let text = '';
    const timer = setTimeout(() => {
      socket.destroy();
      resolve({ closed: false, text });
    }, waitMs);
    socket.on('data', (chunk: Buffer) => (text += chunk.toString('latin1')));
    socket.on('error', () => undefined);
    socket.on('close', () => {
      clearTimeout(timer);
      resolve({ closed: true, text });
    });
    socket.on('connect', () => {
      if (data) socket.write(data);
    });
  });
}

function parse(text: string): { status: number; headers: Record<string, string>; body: unknown } {
  const [head = '', body = ''] = text.split('\r\n\r\n');
  const [statusLine = '', ...lines] = head.split('\r\n');
  const headers = Object.fromEntries(lines.map((l) => [l.slice(0, l.indexOf(':')).toLowerCase(), l.slice(l.indexOf(':') + 1).trim()]));
  let parsed: unknown = body;
  try {
    parsed = JSON.parse(body);
  } catch {
    // left as text
  }
  return { status: Number(statusLine.split(' ')[1]), headers, body: parsed };
}

/** Kiosk K's id and key as raw header lines. */
const KIOSK_K = `X-Kiosk-Id: K\r\nAuthorization: Bearer ${testKioskKey('K')}\r\n`;

const SHORT = { headersMs: 150, requestMs: 300, checkIntervalMs: 25 };

describe('stalled connections', () => {
  it.each([
    ['half a body', `POST /v1/auth/sign-in HTTP/1.1\r\nHost: stub\r\n${KIOSK_K}Content-Type: application/json\r\nContent-Length: 200\r\n\r\n{"identifier":`],
    ['half the headers', 'POST /v1/auth/sign-in HTTP/1.1\r\nHost: stub\r\nContent-Type: appl'],
    ['nothing at all', ''],
  ])('%s: closed by the stub after the request timeout, with a 408 problem when a request began', async (name, data) => {
    stub = await startStub({ timeouts: SHORT, kiosks: testKiosks('K') });
    const answer = await rawExchange(stub.url, data, 5_000);
    expect(answer.closed).toBe(true);
    if (answer.text !== '') {
      const res = parse(answer.text);
      expect(res.status).toBe(408);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.body).toMatchObject({ code: 'VALIDATION_FAILED', status: 408 });
    } else {
      expect(name).toBe('nothing at all');
    }
  });

  it('an idle keep-alive connection is closed after the keep-alive timeout', async () => {
    stub = await startStub({ timeouts: { ...SHORT, keepAliveMs: 100 } });
    const answer = await rawExchange(stub.url, 'GET /v1/nothing HTTP/1.1\r\nHost: stub\r\n\r\n', 5_000);
    expect(answer.closed).toBe(true);
    expect(parse(answer.text).status).toBe(404);
  });

  it('the defaults are bounded', async () => {
    const { DEFAULT_TIMEOUTS } = await import('../../../../../src-main/backend/stub/server');
    for (const value of Object.values(DEFAULT_TIMEOUTS)) {
      expect(value).toBeGreaterThan(0);
      expect(value).toBeLessThanOrEqual(180_000);
    }
    expect(DEFAULT_TIMEOUTS.requestMs).toBe(15_000);
  });
});

const JSON_HEADERS = `Content-Type: application/json\r\n${KIOSK_K}Idempotency-Key: raw-key-0001\r\n`;

describe('every error is problem+json', () => {
  it.each([
    ['a malformed URL', 'GET /% HTTP/1.1\r\nHost: stub\r\nConnection: close\r\n\r\n', 400],
    ['a malformed escape in a path', 'GET /v1/recoveries/%zz/password HTTP/1.1\r\nHost: stub\r\nConnection: close\r\n\r\n', 400],
    ['an unknown route', 'GET /v2/nothing HTTP/1.1\r\nHost: stub\r\nConnection: close\r\n\r\n', 404],
    ['a method the route does not have', 'DELETE /v1/auth/sign-in HTTP/1.1\r\nHost: stub\r\nConnection: close\r\n\r\n', 404],
    ['an unknown method', 'PROPFIND /v1/auth/sign-in HTTP/1.1\r\nHost: stub\r\nConnection: close\r\n\r\n', 404],
    [
      'an oversized body',
      `POST /v1/auth/sign-in HTTP/1.1\r\nHost: stub\r\nConnection: close\r\n${JSON_HEADERS}Content-Length: 20000\r\n\r\n${'x'.repeat(20_000)}`,
      413,
    ],
    [
      'a body that is not JSON',
      `POST /v1/auth/sign-in HTTP/1.1\r\nHost: stub\r\nConnection: close\r\nContent-Type: text/plain\r\n${KIOSK_K}Idempotency-Key: raw-key-0001\r\nContent-Length: 2\r\n\r\n{}`,
      415,
    ],
    ['malformed JSON', `POST /v1/auth/sign-in HTTP/1.1\r\nHost: stub\r\nConnection: close\r\n${JSON_HEADERS}Content-Length: 4\r\n\r\n{"a"`, 400],
    ['a path parameter over the length limit', `POST /v1/recoveries/${'a'.repeat(200)}/password HTTP/1.1\r\nHost: stub\r\nConnection: close\r\n${JSON_HEADERS}Content-Length: 2\r\n\r\n{}`, 414],
    ['bytes that are not HTTP', 'GARBAGE\r\n\r\n', 400],
    ['headers over the size limit', `GET /v1/auth/session HTTP/1.1\r\nHost: stub\r\nX-Big: ${'b'.repeat(20_000)}\r\n\r\n`, 431],
  ])('%s', async (_name, request, status) => {
    stub = await startStub({ kiosks: testKiosks('K') });
    const answer = await rawExchange(stub.url, request, 5_000);
    const res = parse(answer.text);
    expect(res.status).toBe(status);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body).toMatchObject({ type: 'urn:pulih:problem:VALIDATION_FAILED', code: 'VALIDATION_FAILED', status });
  });
});
