import { describe, expect, expectTypeOf, it } from 'vitest';
import { z } from 'zod';
import {
  MetricsTokenSchema,
  OvhErrorBodySchema,
  batchItemSchema,
  isBatchItemSuccess,
  type BatchItem,
} from './envelopes';
import { HostSchema, type Host } from './models';
import { hostExample } from './ovh-api-examples';

describe('batchItemSchema', () => {
  const HostBatchSchema = z.array(batchItemSchema(HostSchema));

  it('parses a batch response, with string or number keys', () => {
    const items = HostBatchSchema.parse([
      { key: '12', value: hostExample, error: null },
      { key: 9999, value: null, error: 'The requested object (hostId = 9999) does not exist' },
    ]);
    expect(items.map((item) => item.key)).toEqual(['12', 9999]);
    expect(items[0]?.value).toEqual(hostExample);
    expectTypeOf(items).toEqualTypeOf<BatchItem<Host>[]>();
  });

  it('fills a missing value or error with null', () => {
    expect(batchItemSchema(z.string()).parse({ key: 1, error: { message: 'gone' } })).toEqual({
      key: 1,
      value: null,
      error: { message: 'gone' },
    });
    expect(batchItemSchema(z.string()).parse({ key: 1, value: 'x' })).toEqual({
      key: 1,
      value: 'x',
      error: null,
    });
  });

  it('rejects a value of the wrong shape and a key of another type', () => {
    expect(HostBatchSchema.safeParse([{ key: '12', value: { hostId: 12 }, error: null }]).success).toBe(
      false,
    );
    expect(batchItemSchema(z.string()).safeParse({ key: null, value: 'x', error: null }).success).toBe(false);
  });

  it('counts an item as failed when its error is truthy, whatever its type, or it has no value', () => {
    const item = (value: string | null, error: unknown): BatchItem<string> => ({ key: '1', value, error });
    expect(isBatchItemSuccess(item('x', null))).toBe(true);
    expect(isBatchItemSuccess(item('x', ''))).toBe(true);
    expect(isBatchItemSuccess(item('x', false))).toBe(true);
    expect(isBatchItemSuccess(item('x', 'not found'))).toBe(false);
    expect(isBatchItemSuccess(item('x', { message: 'not found' }))).toBe(false);
    expect(isBatchItemSuccess(item(null, null))).toBe(false);
  });
});

describe('OvhErrorBodySchema', () => {
  it('parses both documented error bodies', () => {
    expect(
      OvhErrorBodySchema.parse({ class: 'Client::NotFound', message: 'The requested object does not exist' }),
    ).toEqual({ class: 'Client::NotFound', message: 'The requested object does not exist' });
    const signature = {
      errorCode: 'INVALID_SIGNATURE',
      httpCode: '400 Bad Request',
      message: 'Invalid signature',
    };
    expect(OvhErrorBodySchema.parse(signature)).toEqual(signature);
  });

  it('requires a message', () => {
    expect(OvhErrorBodySchema.safeParse({ class: 'Client::Forbidden' }).success).toBe(false);
  });
});

describe('MetricsTokenSchema', () => {
  it('parses the vScope API guide example', () => {
    const token = {
      warpEndpoint: 'https://warp10.gra1-ovh.metrics.ovh.net',
      token: 'XXXXXXXXXXXX_XXXXXXXXXXXZZZZZZZZZZZ_YYYYYYYYYYYYYY-XXXXXXXXX',
      opentsdbEndpoint: 'https://opentsdb.gra1-ovh.metrics.ovh.net',
    };
    expect(MetricsTokenSchema.parse(token)).toEqual(token);
  });

  it('rejects a token without its OpenTSDB endpoint', () => {
    expect(MetricsTokenSchema.safeParse({ token: 't', warpEndpoint: 'https://w' }).success).toBe(false);
  });
});
