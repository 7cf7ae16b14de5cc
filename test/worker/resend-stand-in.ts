import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { RecordedRequest, StandInBehaviour } from './resend-stand-in-client';

/**
 * A local HTTP server standing in for Resend's API (`POST /emails`), for the mail tests. It
 * records every request, by API key, and answers as told for that key, so tests running in
 * parallel with their own keys do not disturb each other:
 * - `PUT /_stand-in/keys/<key>` with a {@link StandInBehaviour} sets the answer for that key;
 * - `GET /_stand-in/keys/<key>/requests` lists what was received with that key.
 */
export async function startResendStandIn() {
  const requests = new Map<string, RecordedRequest[]>();
  const behaviours = new Map<string, StandInBehaviour>();
  let sent = 0;

  const server = createServer(async (req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    const url = new URL(req.url ?? '/', 'http://stand-in');
    const reply = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };

    const control = /^\/_stand-in\/keys\/([^/]+)(\/requests)?$/.exec(url.pathname);
    if (control) {
      const key = decodeURIComponent(control[1] ?? '');
      if (req.method === 'PUT' && !control[2]) {
        behaviours.set(key, JSON.parse(raw) as StandInBehaviour);
        return reply(204, null);
      }
      if (req.method === 'GET' && control[2]) return reply(200, requests.get(key) ?? []);
      return reply(404, { error: 'unknown control request' });
    }

    const authorization = req.headers.authorization ?? null;
    const key = authorization?.replace(/^Bearer /, '') ?? '';
    const list = requests.get(key) ?? [];
    list.push({ method: req.method ?? '', path: url.pathname, authorization, body: parse(raw) });
    requests.set(key, list);
    const behaviour = behaviours.get(key);
    if (behaviour?.hang) return; // the client's deadline ends it
    if (behaviour) return reply(behaviour.status, behaviour.body ?? null);
    if (req.method === 'POST' && url.pathname === '/emails') {
      return reply(200, { id: `stand-in-${++sent}` });
    }
    return reply(404, { statusCode: 404, name: 'not_found', message: 'Route not found' });
  });

  await new Promise<void>((ready) => server.listen(0, '127.0.0.1', ready));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    stop: () =>
      new Promise<void>((done) => {
        server.closeAllConnections();
        server.close(() => done());
      }),
  };
}

function parse(raw: string): unknown {
  try {
    return JSON.parse(raw);
  } catch {
    return raw;
  }
}
