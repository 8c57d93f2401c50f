import { describe, expect, it } from 'vitest';
import { ovhSignature, signaturesMatch } from './signature';

describe('ovhSignature', () => {
  it("reproduces OVH's worked example from the first-steps guide", () => {
    expect(
      ovhSignature({
        applicationSecret: 'EXEgWIz07P0HYwtQDs7cNIqCiQaWSuHF',
        consumerKey: 'MtSwSrPpNjqfVSmJhLbPyr2i45lSwPU1',
        method: 'GET',
        url: 'https://eu.api.ovh.com/1.0/domains/',
        body: '',
        timestamp: 1366560945,
      }),
    ).toBe('$1$d3705e8afb27a0d2970a322b96550abfc67bb798');
  });

  it('changes with every signed part', () => {
    const base = {
      applicationSecret: 'as',
      consumerKey: 'ck',
      method: 'GET',
      url: 'https://x/1.0/a',
      body: '',
      timestamp: 1,
    };
    const reference = ovhSignature(base);
    for (const change of [
      { applicationSecret: 'as2' },
      { consumerKey: 'ck2' },
      { method: 'POST' },
      { url: 'https://x/1.0/a?b=1' },
      { body: '{}' },
      { timestamp: 2 },
    ]) {
      expect(ovhSignature({ ...base, ...change })).not.toBe(reference);
    }
  });

  it('compares signatures of any length without throwing', () => {
    expect(signaturesMatch('$1$abc', '$1$abc')).toBe(true);
    expect(signaturesMatch('$1$abc', '$1$abd')).toBe(false);
    expect(signaturesMatch('$1$abc', '')).toBe(false);
  });
});
