import { USER_FILTER_OFFSET } from './aggregates-request';

// Where a search goes wrong, as a character index of the user's own text. Unbalanced parentheses are found
// before sending (the user's text is wrapped in parentheses, so a stray `)` would let it escape the datacenter's
// filter); anything else is Gnocchi's own verdict, whose `(at char N)` counts in the whole filter.

export interface FilterProblem {
  /** Gnocchi's (or our) explanation. */
  message: string;
  /** Index in the user's text, when known. */
  at?: number;
  kind: 'unbalanced' | 'invalid';
}

export function unbalancedAt(text: string): number | undefined {
  const open: number[] = [];
  let quote: string | undefined;
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i]!;
    if (quote) {
      if (c === '\\') i += 1;
      else if (c === quote) quote = undefined;
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '(') open.push(i);
    else if (c === ')' && open.pop() === undefined) return i;
  }
  return open.pop();
}

/** The problem Gnocchi's 400 `message` describes in `search`, or undefined when it is not about the filter. */
export function problemFromGnocchi(message: string, search: string): FilterProblem | undefined {
  if (!message.startsWith('Invalid filter') && !/ has no \S+ attribute$/.test(message)) return undefined;
  const at = /\(at char (\d+)\)/.exec(message);
  const index =
    at === null ? undefined : Math.min(Math.max(Number(at[1]) - USER_FILTER_OFFSET, 0), search.length);
  return { kind: 'invalid', message, at: index };
}
