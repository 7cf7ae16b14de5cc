import { describe, expect, it } from 'vitest';
import { api } from '../test/worker/fixtures';

describe('the API frame', () => {
  it('puts a request id on every response, errors included, and in the envelope', async () => {
    const ok = await api('/health');
    expect(ok.status).toBe(200);
    expect(ok.headers.get('x-request-id')).toMatch(/.{8,}/);
    const missing = await api('/no/such/route');
    expect(missing.status).toBe(404);
    const body = (await missing.json()) as { error: { code: string; requestId: string } };
    expect(body.error.code).toBe('NOT_FOUND');
    expect(body.error.requestId).toBe(missing.headers.get('x-request-id'));
  });
});
