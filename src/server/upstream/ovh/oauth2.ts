import { z } from 'zod';

// OAuth2 client credentials for OVH service accounts: one token at a time, refreshed shortly before it
// expires, and never fetched twice concurrently.

const TokenResponseSchema = z.object({
  access_token: z.string().min(1),
  expires_in: z.number().positive(),
  token_type: z.string().optional(),
});

export interface OAuth2Options {
  tokenUrl: string;
  clientId: string;
  clientSecret: string;
  fetch?: typeof fetch;
  now?: () => number;
}

/** Refresh this long before expiry, so a request never leaves with a token about to lapse. */
const REFRESH_MARGIN_MS = 10_000;

export class OAuth2Token {
  private token: { value: string; expiresAt: number } | undefined;
  private pending: Promise<string> | undefined;

  constructor(private readonly options: OAuth2Options) {}

  async get(): Promise<string> {
    const now = (this.options.now ?? Date.now)();
    if (this.token && this.token.expiresAt - REFRESH_MARGIN_MS > now) return this.token.value;
    this.pending ??= this.fetchToken().finally(() => (this.pending = undefined));
    return this.pending;
  }

  /** Forget the token, after the API rejected it. */
  invalidate(): void {
    this.token = undefined;
  }

  private async fetchToken(): Promise<string> {
    const doFetch = this.options.fetch ?? fetch;
    const response = await doFetch(this.options.tokenUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'client_credentials',
        client_id: this.options.clientId,
        client_secret: this.options.clientSecret,
        scope: 'all',
      }),
      signal: AbortSignal.timeout(15_000),
    });
    if (!response.ok) {
      throw new Error(`OAuth2 token request to ${this.options.tokenUrl} failed with ${response.status}`);
    }
    const body = TokenResponseSchema.parse(await response.json());
    const now = (this.options.now ?? Date.now)();
    this.token = { value: body.access_token, expiresAt: now + body.expires_in * 1000 };
    return body.access_token;
  }
}
