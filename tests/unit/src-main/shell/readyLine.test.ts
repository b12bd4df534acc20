import { describe, expect, it } from 'vitest';
import { formatLaunchLine, formatReadyLine, parseLaunchLine, parseReadyLine, type ReadyInfo } from '../../../../src-main/shell/readyLine';

const READY: ReadyInfo = {
  shell: 'browser',
  appUrl: 'http://127.0.0.1:4321/#launch=abc',
  stubUrl: 'http://127.0.0.1:5432',
  dataDir: '/tmp/data',
  mode: 'assisted',
  training: true,
};

describe('the ready line', () => {
  it('round-trips, and is not a launch line', () => {
    const line = formatReadyLine(READY);
    expect(parseReadyLine(line)).toEqual(READY);
    expect(parseLaunchLine(line)).toBeUndefined();
  });
});

describe('the launch line', () => {
  it('round-trips one more one-time URL, and is not a ready line', () => {
    const line = formatLaunchLine('http://127.0.0.1:4321/#launch=def');
    expect(JSON.parse(line)).toEqual({ event: 'pulih.launch', appUrl: 'http://127.0.0.1:4321/#launch=def' });
    expect(parseLaunchLine(line)).toEqual({ appUrl: 'http://127.0.0.1:4321/#launch=def' });
    expect(parseReadyLine(line)).toBeUndefined();
  });

  it('ignores any other output', () => {
    for (const line of ['', 'Open: http://127.0.0.1:4321/#launch=def', '{', '{"event":"pulih.launch"}', '{"event":"pulih.launch","appUrl":3}', 'null']) {
      expect(parseLaunchLine(line), line).toBeUndefined();
    }
  });
});
