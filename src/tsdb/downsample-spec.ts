import type { Aggregator } from './aggregators';
import { findAggregator } from './aggregators';
import { badRequest } from './errors';
import type { Duration } from './time-parse';
import { parseDuration } from './time-parse';

// The `<n><unit>[c]-<fn>[-<fill>]` grammar of DownsamplingSpecification, with its exact error texts.

export type FillPolicy = 'none' | 'nan' | 'null' | 'zero';

export interface DownsampleSpec {
  readonly text: string;
  /** Absent for `0all`: one bucket over the whole query. */
  readonly interval?: Duration;
  readonly calendar: boolean;
  readonly fn: Aggregator;
  readonly fill: FillPolicy;
}

export function parseDownsample(text: string): DownsampleSpec {
  const parts = text.split('-');
  if (parts.length < 2) {
    throw badRequest(`Invalid downsampling specifier '${text}': must provide at least interval and function`);
  }
  if (parts.length > 3) {
    throw badRequest(
      `Invalid downsampling specifier '${text}': must consist of interval, function, and optional fill policy`,
    );
  }
  const [intervalText = '', fnName = '', fillText] = parts;
  let interval: Duration | undefined;
  let calendar = false;
  if (!intervalText.includes('all')) {
    calendar = intervalText.endsWith('c');
    interval = parseDuration(calendar ? intervalText.slice(0, -1) : intervalText);
  }
  if (fnName.toLowerCase() === 'none') throw badRequest('cannot use the NONE aggregator for downsampling');
  const fn = findAggregator(fnName);
  if (!fn) throw badRequest(`No such downsampling function: ${fnName}`);
  return { text, interval, calendar, fn, fill: fillText === undefined ? 'none' : parseFill(fillText) };
}

function parseFill(text: string): FillPolicy {
  const lower = text.toLowerCase();
  if (lower === 'none' || lower === 'nan' || lower === 'null' || lower === 'zero') return lower;
  if (lower === 'scalar') throw badRequest('Scalar fill policy is not supported for downsampling');
  throw badRequest(`Unrecognized fill policy: ${text}`);
}
