import { eq } from 'drizzle-orm';
import { faceTemplates } from '../../../db/schema';
import type { Bindings } from '../../env';
import type { DrizzleDb } from '../db';
import { fromBase64Url, toBase64Url } from '../encoding';
import { FACE_MODEL } from './face-verifier';
import {
  bytesToEmbedding,
  embeddingToBytes,
  openFaceBytes,
  sealFaceBytes,
} from './template-crypto';

/** The enrolled template of an account (encrypted), for a batch with the request's other reads. */
export const faceTemplateQuery = (db: DrizzleDb, userId: string) =>
  db
    .select({ template: faceTemplates.template, model: faceTemplates.model })
    .from(faceTemplates)
    .where(eq(faceTemplates.userId, userId))
    .limit(1);

export type FaceTemplateRow = Awaited<ReturnType<typeof faceTemplateQuery>>[number];

/**
 * The embedding to compare with, or null: none enrolled, made by another model, or not
 * decryptable here (another key, or a row moved from another account).
 */
export async function openTemplate(
  env: Bindings,
  userId: string,
  row: FaceTemplateRow | undefined,
): Promise<number[] | null> {
  if (!row || row.model !== FACE_MODEL) return null;
  let sealed: Uint8Array;
  try {
    sealed = fromBase64Url(row.template);
  } catch {
    return null;
  }
  const plain = await openFaceBytes(env.PASSWORD_PEPPER, userId, 'template', sealed);
  return plain ? bytesToEmbedding(plain) : null;
}

/** The row of an enrolment, sealed: the template, and the photo only when one is given. */
export async function sealTemplate(
  env: Bindings,
  input: {
    userId: string;
    embedding: readonly number[];
    photo: { bytes: Uint8Array; type: string } | null;
    enrolledBy: string;
  },
) {
  const pepper = env.PASSWORD_PEPPER;
  return {
    template: toBase64Url(
      await sealFaceBytes(pepper, input.userId, 'template', embeddingToBytes(input.embedding)),
    ),
    model: FACE_MODEL,
    photo: input.photo
      ? toBase64Url(await sealFaceBytes(pepper, input.userId, 'photo', input.photo.bytes))
      : null,
    photoType: input.photo?.type ?? null,
    enrolledAt: new Date(),
    enrolledBy: input.enrolledBy,
  };
}

/** Stores (or replaces) an account's enrolment. */
export function upsertTemplate(
  db: DrizzleDb,
  userId: string,
  sealed: Awaited<ReturnType<typeof sealTemplate>>,
) {
  return db
    .insert(faceTemplates)
    .values({ userId, ...sealed })
    .onConflictDoUpdate({ target: faceTemplates.userId, set: sealed });
}
