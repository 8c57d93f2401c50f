import { randomBytes } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';

// OVH's OAuth2 client-credentials flow for service accounts (`POST /auth/oauth2/token`, scope `all`): the
// simulator issues bearer tokens that its OVH API accepts in place of a signature.

export interface OAuth2Client {
  clientId: string;
  clientSecret: string;
}

export const DEMO_OAUTH2_CLIENT: OAuth2Client = {
  clientId: 'demo-client',
  clientSecret: 'demo-client-secret',
};

const TOKEN_LIFETIME_S = 3600;

export class OAuth2Issuer {
  private readonly tokens = new Map<string, number>();

  constructor(
    private readonly client: OAuth2Client,
    private readonly now: () => number,
  ) {}

  issue(clientId: string, clientSecret: string): string | undefined {
    if (clientId !== this.client.clientId || clientSecret !== this.client.clientSecret) return undefined;
    const token = randomBytes(24).toString('base64url');
    this.tokens.set(token, this.now() + TOKEN_LIFETIME_S * 1000);
    return token;
  }

  isValid(token: string): boolean {
    const expiresAt = this.tokens.get(token);
    return expiresAt !== undefined && expiresAt > this.now();
  }

  revokeAll(): void {
    this.tokens.clear();
  }
}

export async function oauth2Api(app: FastifyInstance, options: { issuer: OAuth2Issuer }): Promise<void> {
  app.addContentTypeParser(
    'application/x-www-form-urlencoded',
    { parseAs: 'string' },
    async (_request: FastifyRequest, body: string) => Object.fromEntries(new URLSearchParams(String(body))),
  );
  app.post('/oauth2/token', (request, reply) => {
    const form = (request.body ?? {}) as Record<string, string | undefined>;
    if (form.grant_type !== 'client_credentials') {
      return reply.code(400).send({ error: 'unsupported_grant_type' });
    }
    const token = options.issuer.issue(form.client_id ?? '', form.client_secret ?? '');
    if (!token) return reply.code(401).send({ error: 'invalid_client' });
    return {
      access_token: token,
      token_type: 'Bearer',
      expires_in: TOKEN_LIFETIME_S,
      scope: form.scope ?? 'all',
    };
  });
}
