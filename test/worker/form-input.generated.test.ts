import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_FORM_BYTES } from '../../worker/lib/validate';
import { ROUTES, routeKey } from '../../worker/routes/registry';
import { asFile, faceImage } from './face-fixtures';
import { api, bearer, createUser, ORIGIN } from './fixtures';
import { twoTrees } from './org-fixtures';
import { snapshotSubtree } from './snapshot';

/** Routes that take a multipart form (photos, camera frames). */
const withForms = ROUTES.filter((spec) => spec.form !== undefined).map((spec) => [routeKey(spec)]);

/** A field value: text (odd text included), a file, or several of either. */
const fieldValue = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.constantFrom('\ud800', 'true', 'N'.repeat(32), ''),
  fc.constant('file' as const),
);

async function world() {
  const t = await twoTrees();
  const target = await createUser({ company: t.east1 });
  return { t, target };
}

function urlOf(key: string, userId: string): { method: string; url: string } {
  const [method = 'POST', path = ''] = key.split(' ');
  return { method, url: path.replace('/api/v1', '').replace(':id', userId) };
}

describe('multipart input never gets a 500 nor writes anything it should not', () => {
  it.each(withForms)('%s refuses arbitrary forms with a 4xx and the envelope', async (key) => {
    const { t, target } = await world();
    const { method, url } = urlOf(key, target.id);
    const before = await snapshotSubtree(t.acme.path);
    await fc.assert(
      fc.asyncProperty(
        fc.dictionary(
          fc.constantFrom('image', 'frame', 'nonce', 'password', 'x', 'keepPhoto'),
          fieldValue,
          {
            maxKeys: 4,
          },
        ),
        async (fields) => {
          const form = new FormData();
          for (const [name, value] of Object.entries(fields)) {
            if (value === 'file') form.append(name, new File([new Uint8Array([1, 2, 3])], 'x.jpg'));
            else form.append(name, value);
          }
          const res = await api(url, {
            method,
            headers: { ...bearer(t.token), origin: ORIGIN },
            body: form,
          });
          expect(res.status, `${key} ${JSON.stringify(fields)}`).toBeGreaterThanOrEqual(400);
          expect(res.status, `${key} ${JSON.stringify(fields)}`).toBeLessThan(500);
          const envelope = (await res.json()) as { error: { code: string; requestId: string } };
          expect(envelope.error.code).toMatch(/^[A-Z_]+$/);
        },
      ),
      { numRuns: 8 },
    );
    expect(await snapshotSubtree(t.acme.path)).toEqual(before);
  });

  it.each(withForms)(
    '%s answers 415 to JSON, 413 past the size limit, 4xx to a lone surrogate',
    async (key) => {
      const { t, target } = await world();
      const { method, url } = urlOf(key, target.id);
      const headers = { ...bearer(t.token), origin: ORIGIN };
      const json = await api(url, {
        method,
        headers: { ...headers, 'content-type': 'application/json' },
        body: JSON.stringify({ image: 'x', match: true }),
      });
      expect(json.status).toBe(415);
      const big = new FormData();
      big.append('image', new File([new Uint8Array(MAX_FORM_BYTES + 1)], 'big.jpg'));
      const tooLarge = await api(url, { method, headers, body: big });
      expect(tooLarge.status).toBe(413);
      // A chunked body declares no length: it is cut off at the limit, not read whole.
      let sent = 0;
      const chunk = new Uint8Array(1024 * 1024);
      const endless = new ReadableStream<Uint8Array>({
        pull(controller) {
          sent += chunk.byteLength;
          if (sent > 4 * MAX_FORM_BYTES) controller.close();
          else controller.enqueue(chunk);
        },
      });
      const chunked = await api(url, {
        method,
        headers: { ...headers, 'content-type': 'multipart/form-data; boundary=x' },
        body: endless,
      });
      expect(chunked.status).toBe(413);
      expect(sent).toBeLessThan(2 * MAX_FORM_BYTES);
      const odd = new FormData();
      odd.append('image', asFile(faceImage('aStraight')));
      odd.append('password', 'a\ud800b');
      odd.append('nonce', 'a\ud800b');
      // Multipart text travels as UTF-8: a lone surrogate arrives as U+FFFD, still refused.
      const surrogate = await api(url, { method, headers, body: odd });
      expect(surrogate.status).toBeGreaterThanOrEqual(400);
      expect(surrogate.status).toBeLessThan(500);
    },
  );
});
