// One side of the differential test: a Gnocchi-speaking HTTP server (the real one or ours on loopback), driven
// the way a client drives it: basic auth with a user name, JSON in, JSON out.

export interface Answer {
  readonly status: number;
  /** The parsed body (bare NaN/Infinity tokens turned into the strings our engine writes), or the raw text
   *  when it is not JSON (a 500 page). */
  readonly body: unknown;
}

export interface Target {
  readonly name: string;
  readonly baseUrl: string;
  request(method: 'GET' | 'POST' | 'PATCH' | 'DELETE', path: string, body?: unknown): Promise<Answer>;
}

/** Gnocchi writes NaN and ±Infinity as bare tokens (ujson), which JSON.parse refuses; our engine writes them as
 *  strings by default. Rewriting the tokens outside string literals lets both sides be compared as JSON. */
export function parseGnocchiJson(text: string): unknown {
  let out = '';
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i] ?? '';
    if (inString) {
      out += c;
      if (c === '\\') {
        out += text[i + 1] ?? '';
        i++;
      } else if (c === '"') inString = false;
      continue;
    }
    if (c === '"') {
      inString = true;
      out += c;
      continue;
    }
    const token = ['-Infinity', 'Infinity', 'NaN'].find((t) => text.startsWith(t, i));
    if (token !== undefined) {
      out += `"${token}"`;
      i += token.length - 1;
      continue;
    }
    out += c;
  }
  return JSON.parse(out) as unknown;
}

export function httpTarget(name: string, baseUrl: string, user = 'admin'): Target {
  const authorization = `Basic ${Buffer.from(`${user}:`).toString('base64')}`;
  return {
    name,
    baseUrl,
    async request(method, path, body) {
      const headers: Record<string, string> = { authorization, accept: 'application/json' };
      if (body !== undefined) headers['content-type'] = 'application/json';
      const response = await fetch(`${baseUrl}${path}`, {
        method,
        headers,
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        signal: AbortSignal.timeout(60_000),
      });
      const text = await response.text();
      let parsed: unknown = undefined;
      if (text !== '') {
        try {
          parsed = parseGnocchiJson(text);
        } catch {
          parsed = text;
        }
      }
      return { status: response.status, body: parsed };
    },
  };
}
