import { describe, expect, it } from 'vitest';
import { OpenTsdbError } from './opentsdb/endpoint';
import { OvhApiError, OvhNetworkError } from './ovh/errors';
import { publicReasonOf, UNEXPECTED_REASON } from './public-reason';

const PATH = '/dedicatedCloud/pcc-192-0-2-1/datacenter/886/vm';

describe('publicReasonOf', () => {
  it("gives OVH's status, class and query id, never the path or OVH's raw answer", async () => {
    const proxyPage = new Response('<html>gateway 10.2.3.4 down</html>', {
      status: 502,
      headers: { 'x-ovh-queryid': 'EU.ext-1.abc' },
    });
    const error = await OvhApiError.fromResponse(proxyPage, PATH);
    expect(error.message).toContain(PATH);
    expect(error.message).toContain('10.2.3.4');
    expect(publicReasonOf(error)).toBe('OVH answered 502 (query id EU.ext-1.abc)');

    const classed = await OvhApiError.fromResponse(
      Response.json({ class: 'Client::Forbidden', message: 'pcc-192-0-2-1 is not yours' }, { status: 403 }),
      PATH,
    );
    expect(publicReasonOf(classed)).toBe('OVH answered 403 Client::Forbidden');
  });

  it('tells a timeout from a refused connection, without the address', () => {
    const refused = new OvhNetworkError(
      PATH,
      new TypeError('fetch failed', { cause: new Error('connect ECONNREFUSED 10.0.0.7:443') }),
    );
    expect(publicReasonOf(refused)).toBe('OVH cannot be reached');
    const timedOut = new OvhNetworkError(PATH, new DOMException('The operation timed out.', 'TimeoutError'));
    expect(publicReasonOf(timedOut)).toBe('OVH did not answer in time');
  });

  it("names neither the time-series store's host nor its answer", () => {
    const label = 'https://tsdb.internal.example:4242';
    expect(publicReasonOf(new OpenTsdbError(0, label, 'unreachable: connect ECONNREFUSED'))).toBe(
      'the time-series store cannot be reached',
    );
    const refused = new OpenTsdbError(
      500,
      label,
      'answered 500: java.lang.NullPointerException at net.opentsdb',
    );
    expect(refused.message).toContain(label);
    expect(publicReasonOf(refused)).toBe('the time-series store answered 500');
  });

  it('says nothing of an error it does not know', () => {
    expect(publicReasonOf(new Error('ENOENT: /var/lib/vscope/vscope.db'))).toBe(UNEXPECTED_REASON);
    expect(publicReasonOf('a string')).toBe(UNEXPECTED_REASON);
  });
});
