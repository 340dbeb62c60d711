import { createHmac, createPublicKey, verify } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** What the test API saw of one request (credentials included: it is the server side). */
export interface SeenRequest {
  readonly path: string;
  readonly authorization?: string;
  readonly query: Record<string, string>;
}

/** A JWT the server checked. */
export interface VerifiedJwt {
  readonly header: Record<string, unknown>;
  readonly claims: Record<string, unknown>;
}

/**
 * A small API on loopback that checks credentials the way real servers do, with state to read back.
 * Like a careless real API, its 401 answers echo the credential it was sent; its OAuth token
 * endpoint (`…/oauth/token`) refuses every client and echoes the form and Authorization header
 * exactly as they arrived (percent-encoded, Base64).
 */
export interface AuthTestServer {
  readonly url: string;
  readonly seen: SeenRequest[];
  readonly verified: VerifiedJwt[];
  /** The API key / bearer token currently accepted. */
  accepted: string;
  /** Answer 401 to the next N JWT requests even when valid (a server that revoked the token). */
  refuseNextJwts: number;
  close(): Promise<void>;
}

const decode = (part: string): Record<string, unknown> => JSON.parse(Buffer.from(part, 'base64url').toString('utf8')) as Record<string, unknown>;

/** Verifies a compact JWS: HS256 with `hsSecret`, RS256 with `rsPublicKey`; then exp/iat. */
function verifyJwt(token: string, hsSecret: string, rsPublicKey: string): VerifiedJwt | undefined {
  const [h, c, s] = token.split('.');
  if (!h || !c || !s) return undefined;
  const header = decode(h);
  const input = Buffer.from(`${h}.${c}`);
  const signature = Buffer.from(s, 'base64url');
  const valid =
    header.alg === 'HS256'
      ? createHmac('sha256', hsSecret).update(input).digest().equals(signature)
      : header.alg === 'RS256' && verify('sha256', input, createPublicKey(rsPublicKey), signature);
  if (!valid) return undefined;
  const claims = decode(c);
  const now = Math.floor(Date.now() / 1000);
  if (typeof claims.exp !== 'number' || claims.exp <= now || typeof claims.iat !== 'number' || claims.iat > now + 5) return undefined;
  return { header, claims };
}

export async function startAuthServer(options: { accepted: string; hsSecret: string; rsPublicKey: string }): Promise<AuthTestServer> {
  const state = { accepted: options.accepted, refuseNextJwts: 0 };
  const seen: SeenRequest[] = [];
  const verified: VerifiedJwt[] = [];
  const server: Server = createServer((req: IncomingMessage, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const authorization = req.headers.authorization;
    seen.push({ path: url.pathname, query: Object.fromEntries(url.searchParams), ...(authorization && { authorization }) });
    const reply = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    if (url.pathname.endsWith('/oauth/token')) {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        const form = Buffer.concat(chunks).toString('utf8');
        reply(401, { error: 'invalid_client', error_description: `Client authentication failed for ${form} (authorization: ${authorization ?? 'none'})` });
      });
      return;
    }
    if (url.pathname.endsWith('/jwt')) {
      const jwt = verifyJwt(authorization?.replace(/^Bearer /, '') ?? '', options.hsSecret, options.rsPublicKey);
      if (!jwt) return reply(401, { error: 'invalid_token', error_description: `Token not accepted: ${authorization ?? '(none)'}` });
      if (state.refuseNextJwts > 0) {
        state.refuseNextJwts--;
        return reply(401, { error: 'token_revoked' });
      }
      verified.push(jwt);
      return reply(200, { sub: jwt.claims.sub });
    }
    const apiKey = req.headers['x-api-key'];
    const presented = url.searchParams.get('api_key') ?? (typeof apiKey === 'string' ? apiKey : undefined) ?? authorization?.replace(/^Bearer /, '');
    if (presented !== state.accepted) return reply(401, { error: { code: 'unauthorized', message: `Bad credentials: ${presented ?? '(none)'}` } });
    return reply(200, { orders: [{ id: 1 }] });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return Object.assign(state, {
    url: `http://127.0.0.1:${port}`,
    seen,
    verified,
    close: () => new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    }),
  });
}
