// The string form of `operations`: pyparsing's `OneOrMore(nestedExpr()).parseString(s).asList()[0]`.
// Atoms are runs of anything but parentheses and blanks, so "a," is one atom; a quoted string is an atom that
// keeps its quotes; only the first expression counts and whatever follows it is ignored. Positions in
// pyparsing's messages count code points of the text with tabs expanded, as parseString expands them.

import { badRequest } from '../errors';
import { pythonStrRepr } from './python-text';

export type SExpression = (string | SExpression)[];

const WHITE = new Set([' ', '\n', '\t', '\r']);
const DOUBLE_QUOTED = /^"(?:[^"\n\r\\]|""|\\(?:[^x]|x[0-9a-fA-F]+))*"/s;
const SINGLE_QUOTED = /^'(?:[^'\n\r\\]|''|\\(?:[^x]|x[0-9a-fA-F]+))*'/s;
// pyparsing's word for "found '…'" in its messages: up to 16 of its alphanumerics, else one character.
const FOUND_WORD =
  /^[0-9A-Za-z\u00aa\u00b2\u00b3\u00b5\u00b9\u00ba\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f\u0370-\u0374\u0376\u0377\u037a-\u037d\u037f\u0386\u0388-\u038a\u038c\u038e-\u03a1\u03a3-\u03e1\u03f0-\u03f5\u03f7-\u0481\u048a-\u052f\u1c80-\u1c88\u1d26-\u1d2b\u1d5e\u1d60\u1d66-\u1d6a\u1d78\u1f00-\u1f15\u1f18-\u1f1d\u1f20-\u1f45\u1f48-\u1f4d\u1f50-\u1f57\u1f59\u1f5b\u1f5d\u1f5f-\u1f7d\u1f80-\u1fb4\u1fb6-\u1fbc\u1fbe\u1fc2-\u1fc4\u1fc6-\u1fcc\u1fd0-\u1fd3\u1fd6-\u1fdb\u1fe0-\u1fec\u1ff2-\u1ff4\u1ff6-\u1ffc\ua640-\ua66e\ua67f-\ua69d\uab65]{1,16}/u;

/** Python's str.expandtabs(8): columns restart after \n and \r. */
function expandTabs(chars: readonly string[]): string[] {
  const out: string[] = [];
  let column = 0;
  for (const char of chars) {
    if (char === '\t') {
      const spaces = 8 - (column % 8);
      for (let i = 0; i < spaces; i++) out.push(' ');
      column += spaces;
    } else {
      out.push(char);
      column = char === '\n' || char === '\r' ? 0 : column + 1;
    }
  }
  return out;
}

class ParseFailure extends Error {
  constructor(
    readonly expected: string,
    readonly loc: number,
  ) {
    super(`Expected ${expected} at ${loc}`);
  }
}

class Parser {
  private readonly text: string;

  constructor(private readonly chars: readonly string[]) {
    this.text = chars.join('');
  }

  private skipWhite(loc: number): number {
    while (loc < this.chars.length && WHITE.has(this.chars[loc]!)) loc++;
    return loc;
  }

  /** The quoted string starting at `loc`, if one does. */
  private quoted(loc: number): string | null {
    const first = this.chars[loc];
    if (first !== '"' && first !== "'") return null;
    const rest = this.chars.slice(loc).join('');
    return (first === '"' ? DOUBLE_QUOTED : SINGLE_QUOTED).exec(rest)?.[0] ?? null;
  }

  /** One parenthesised group at `loc` (blanks first): the list and where it ends, or where it failed. */
  group(start: number): { value: SExpression; end: number } {
    let loc = this.skipWhite(start);
    if (this.chars[loc] !== '(') throw new ParseFailure("'('", loc);
    loc++;
    const items: SExpression = [];
    for (;;) {
      const at = this.skipWhite(loc);
      const char = this.chars[at];
      if (char === undefined) throw new ParseFailure("')'", at);
      if (char === ')') return { value: items, end: at + 1 };
      const quoted = this.quoted(at);
      if (quoted !== null) {
        items.push(quoted);
        loc = at + [...quoted].length;
        continue;
      }
      if (char === '(') {
        try {
          const inner = this.group(at);
          items.push(inner.value);
          loc = inner.end;
          continue;
        } catch (error) {
          // ZeroOrMore stops before the group it could not finish; the closer is then expected there.
          if (error instanceof ParseFailure) throw new ParseFailure("')'", at);
          throw error;
        }
      }
      let end = at;
      while (end < this.chars.length) {
        const c = this.chars[end]!;
        if (c === '(' || c === ')' || WHITE.has(c) || (end > at && this.quoted(end) !== null)) break;
        end++;
      }
      items.push(this.chars.slice(at, end).join(''));
      loc = end;
    }
  }

  message(failure: ParseFailure): string {
    const { loc } = failure;
    let found = '';
    if (this.text.length > 0) {
      if (loc >= this.chars.length) found = ', found end of text';
      else {
        const rest = this.chars.slice(loc).join('');
        const word = FOUND_WORD.exec(rest)?.[0] ?? this.chars[loc]!;
        found = `, found ${pythonStrRepr(word)}`.replaceAll('\\\\', '\\');
      }
    }
    const before = this.chars.slice(0, loc);
    const line = before.filter((c) => c === '\n').length + 1;
    const lastNewline = before.lastIndexOf('\n');
    const column = loc > 0 && loc < this.chars.length && this.chars[loc - 1] === '\n' ? 1 : loc - lastNewline;
    return `Expected ${failure.expected}${found}  (at char ${loc}), (line:${line}, col:${column})`;
  }
}

/** The first S-expression of `text`, or Gnocchi's 400 "Invalid operations". */
export function parseOperationsString(text: string): SExpression {
  const parser = new Parser(expandTabs([...text]));
  try {
    return parser.group(0).value;
  } catch (error) {
    if (!(error instanceof ParseFailure)) throw error;
    throw badRequest({
      cause: 'Invalid operations',
      reason: 'Fail to parse the operations string',
      detail: parser.message(error),
    });
  }
}
