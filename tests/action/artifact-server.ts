/**
 * A local stand-in for GitHub's artifact service (what `act --artifact-server-path` also
 * provides): the Twirp calls @actions/artifact makes (CreateArtifact, FinalizeArtifact) and
 * the blob storage its signed URL points at (Put Block, Put Block List). Enough for the real
 * library, in the bundled action, to upload over HTTP; it keeps what it receives.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Uploaded {
  name: string;
  /** The artifact's bytes (a zip), blocks joined in the committed order. */
  body: Buffer;
  finalized: boolean;
}

export interface ArtifactServer {
  /** ACTIONS_RUNTIME_TOKEN and ACTIONS_RESULTS_URL for the step. */
  env: NodeJS.ProcessEnv;
  artifacts: Map<string, Uploaded>;
  close(): Promise<void>;
}

const SERVICE = '/twirp/github.actions.results.api.v1.ArtifactService/';

function body(req: IncomingMessage): Promise<Buffer> {
  return new Promise((res, rej) => {
    const parts: Buffer[] = [];
    req.on('data', (d: Buffer) => parts.push(d));
    req.on('end', () => res(Buffer.concat(parts)));
    req.on('error', rej);
  });
}

/** An unsigned JWT whose scope names a workflow run and job, as the library reads it. */
function runtimeToken(): string {
  const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
  return `${b64({ alg: 'none', typ: 'JWT' })}.${b64({ scp: 'Actions.GenericRead Actions.Results:run-1:job-1' })}.`;
}

export async function startArtifactServer(): Promise<ArtifactServer> {
  const artifacts = new Map<string, Uploaded>();
  const blocks = new Map<string, Buffer>();
  let nextId = 1;
  const server: Server = createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? '/', 'http://localhost');
      const data = await body(req);
      const json = (status: number, o: object) => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(o));
      };
      if (req.method === 'POST' && url.pathname === `${SERVICE}CreateArtifact`) {
        const { name } = JSON.parse(data.toString()) as { name: string };
        if (artifacts.has(name))
          return json(409, { code: 'already_exists', msg: 'an artifact with this name already exists' });
        artifacts.set(name, { name, body: Buffer.alloc(0), finalized: false });
        const { port } = server.address() as AddressInfo;
        return json(200, {
          ok: true,
          signedUploadUrl: `http://127.0.0.1:${port}/account/artifacts/${encodeURIComponent(name)}?sig=test`,
        });
      }
      if (req.method === 'POST' && url.pathname === `${SERVICE}FinalizeArtifact`) {
        const { name } = JSON.parse(data.toString()) as { name: string };
        const a = artifacts.get(name);
        if (!a) return json(404, { code: 'not_found', msg: 'no such artifact' });
        a.finalized = true;
        return json(200, { ok: true, artifactId: String(nextId++) });
      }
      if (req.method === 'PUT' && url.pathname.startsWith('/account/artifacts/')) {
        const name = decodeURIComponent(url.pathname.slice('/account/artifacts/'.length));
        const comp = url.searchParams.get('comp');
        if (comp === 'block') blocks.set(`${name}/${url.searchParams.get('blockid')}`, data);
        else if (comp === 'blocklist') {
          const ids = [...data.toString().matchAll(/<(?:Latest|Uncommitted|Committed)>([^<]*)</g)].map((m) => m[1]);
          const a = artifacts.get(name);
          if (a) a.body = Buffer.concat(ids.map((id) => blocks.get(`${name}/${id}`) ?? Buffer.alloc(0)));
        } else {
          const a = artifacts.get(name);
          if (a) a.body = data;
        }
        res.writeHead(201, {
          etag: '"0x1"',
          'last-modified': new Date().toUTCString(),
          'x-ms-request-server-encrypted': 'false',
        });
        return res.end();
      }
      json(404, { code: 'bad_route', msg: `${req.method} ${url.pathname}` });
    })();
  });
  await new Promise<void>((res) => server.listen(0, '127.0.0.1', res));
  const { port } = server.address() as AddressInfo;
  return {
    env: { ACTIONS_RUNTIME_TOKEN: runtimeToken(), ACTIONS_RESULTS_URL: `http://127.0.0.1:${port}/` },
    artifacts,
    close: () => new Promise((res) => server.close(() => res())),
  };
}
