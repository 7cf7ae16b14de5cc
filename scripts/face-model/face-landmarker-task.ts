import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { storedZip } from './stored-zip.ts';
import {
  BuiltinOperator,
  BuiltinOptions,
  describeModel,
  TensorType,
  TfliteEditor,
} from './tflite-edit.ts';
import { imageInputMetadata } from './tflite-metadata.ts';

/**
 * Builds MediaPipe Tasks' `face_landmarker.task` from npm packages, since none ships it:
 *
 * - `face_detector.tflite`: BlazeFace short range from `@mediapipe/face_detection`, plus the
 *   TFLite metadata Tasks needs (RGB input 128×128, normalised to [−1, 1]).
 * - `face_landmarks_detector.tflite` and `geometry_pipeline_metadata_landmarks.binarypb`: cut
 *   from `@mediapipe/face_mesh`'s packed assets (offsets from its loader script). The mesh
 *   model gets metadata (192×192, [0, 1], as the legacy graph fed it) and one more operator:
 *   Tasks decodes the landmark tensor as 478 points (468 mesh + 10 iris, from the newer model),
 *   and with 1404 values it would silently read 478 points of 2 values. A CONCATENATION
 *   appends 10 points at the crop's centre (30 values) so the tensor holds 478×3; centre
 *   points, not zeros, so the landmarks' bounding box — from which VIDEO mode tracks the face
 *   into the next frame — stays the face's. Those 10 "iris" points are meaningless: use only
 *   indices below 468.
 *
 * The result is a zip without compression (Tasks reads the models in place).
 */

const require = createRequire(import.meta.url);

function packageDir(name: string): string {
  return dirname(require.resolve(`${name}/package.json`));
}

/** The files packed into a MediaPipe solution's `.data`, as its loader script lists them. */
function packedAssets(dir: string, prefix: string): Map<string, Uint8Array> {
  const loader = readFileSync(join(dir, `${prefix}_packed_assets_loader.js`), 'utf8');
  const data = readFileSync(join(dir, `${prefix}_packed_assets.data`));
  const files = new Map<string, Uint8Array>();
  const entry = /"filename":\s*"([^"]+)",\s*"start":\s*(\d+),\s*"end":\s*(\d+)/g;
  for (const m of loader.matchAll(entry)) {
    const [, name, start, end] = m;
    files.set(
      (name as string).split('/').pop() as string,
      new Uint8Array(data.subarray(Number(start), Number(end))),
    );
  }
  return files;
}

function required(files: Map<string, Uint8Array>, name: string): Uint8Array {
  const file = files.get(name);
  if (!file) throw new Error(`${name} is not in the face_mesh package's assets`);
  return file;
}

export function faceDetectorModel(): Uint8Array {
  const model = new Uint8Array(
    readFileSync(
      join(packageDir('@mediapipe/face_detection'), 'face_detection_short_range.tflite'),
    ),
  );
  const { inputs, outputs } = describeModel(model);
  const shape = inputs[0]?.shape;
  if (shape?.join() !== '1,128,128,3') throw new Error(`unexpected detector input ${shape}`);
  const edit = new TfliteEditor(model);
  edit.addMetadata(
    'TFLITE_METADATA',
    imageInputMetadata({
      name: 'BlazeFace (short range)',
      description:
        'Face detector from @mediapipe/face_detection, metadata added for MediaPipe Tasks.',
      width: 128,
      height: 128,
      mean: 127.5,
      std: 127.5,
      outputs: outputs.map((o) => o.name ?? 'output'),
    }),
  );
  return edit.finish();
}

const MESH_POINTS = 468;
const TASKS_POINTS = 478;
const MESH_INPUT = 192;

export function faceLandmarksModel(mesh: Uint8Array): Uint8Array {
  const { inputs, outputs } = describeModel(mesh);
  const [landmarks, presence] = outputs;
  if (
    inputs[0]?.shape.join() !== `1,${MESH_INPUT},${MESH_INPUT},3` ||
    landmarks?.shape.join() !== `1,1,1,${MESH_POINTS * 3}` ||
    presence?.shape.join() !== '1,1,1,1'
  ) {
    throw new Error('face_landmark.tflite is not the 468-point mesh model this expects');
  }
  const edit = new TfliteEditor(mesh);
  const extra = TASKS_POINTS - MESH_POINTS;
  const centre = new Float32Array(extra * 3);
  for (let i = 0; i < extra; i++) centre.set([MESH_INPUT / 2, MESH_INPUT / 2, 0], i * 3);
  const filler = edit.addTensor({
    name: 'gatehouse/filler_points',
    shape: [1, 1, 1, extra * 3],
    type: TensorType.FLOAT32,
    buffer: edit.addBuffer(new Uint8Array(centre.buffer)),
  });
  const padded = edit.addTensor({
    name: 'gatehouse/landmarks_478',
    shape: [1, 1, 1, TASKS_POINTS * 3],
    type: TensorType.FLOAT32,
  });
  edit.addOperator({
    builtin: BuiltinOperator.CONCATENATION,
    inputs: [landmarks.index, filler],
    outputs: [padded],
    options: {
      type: BuiltinOptions.ConcatenationOptions,
      build: (b) => {
        b.startObject(2);
        b.addFieldInt32(0, 3, 0); // axis: the last one
        return b.endObject();
      },
    },
  });
  edit.setOutputs([padded, presence.index]);
  edit.addMetadata(
    'TFLITE_METADATA',
    imageInputMetadata({
      name: 'Face mesh (468 points, padded to 478)',
      description: 'face_landmark.tflite from @mediapipe/face_mesh, for MediaPipe Tasks.',
      width: MESH_INPUT,
      height: MESH_INPUT,
      mean: 0,
      std: 255,
      outputs: ['landmarks', 'presence'],
    }),
  );
  return edit.finish();
}

/** The `.task` bundle FaceLandmarker loads (`baseOptions.modelAssetPath`). */
export function buildFaceLandmarkerTask(): Uint8Array {
  const assets = packedAssets(packageDir('@mediapipe/face_mesh'), 'face_mesh_solution');
  return storedZip([
    { name: 'face_detector.tflite', data: faceDetectorModel() },
    {
      name: 'face_landmarks_detector.tflite',
      data: faceLandmarksModel(required(assets, 'face_landmark.tflite')),
    },
    {
      name: 'geometry_pipeline_metadata_landmarks.binarypb',
      data: required(assets, 'geometry_pipeline_metadata_landmarks.binarypb'),
    },
  ]);
}
