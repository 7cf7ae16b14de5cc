import type { FaceVerifier } from '../../../verifier/index';

interface Env {
  FACE_VERIFIER: Service<FaceVerifier>;
}

/** POST /verify, multipart: the `enrolled` image and the `probe` image → the verifier's verdict. */
export default {
  async fetch(request: Request, env: Env): Promise<Response> {
    const form = await request.formData();
    // workers-types type a form entry as a string; a file field is a File (a Blob) at run time.
    const enrolled = form.get('enrolled') as unknown as Blob | string | null;
    const probe = form.get('probe') as unknown as Blob | string | null;
    if (!enrolled || !probe || typeof enrolled === 'string' || typeof probe === 'string')
      return new Response('need enrolled and probe', { status: 400 });
    const e = await env.FACE_VERIFIER.embed(await enrolled.arrayBuffer());
    if (!e.embedding) return Response.json({ enrolled: e.quality.reasons }, { status: 422 });
    const result = await env.FACE_VERIFIER.verify(await probe.arrayBuffer(), e.embedding);
    return Response.json(result);
  },
} satisfies ExportedHandler<Env>;
