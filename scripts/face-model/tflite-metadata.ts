import { Builder } from 'flatbuffers';

/**
 * The TFLite metadata (tensorflow_lite_support/metadata/metadata_schema.fbs, identifier
 * "M001") that MediaPipe Tasks reads to preprocess an image model's input. Tasks refuses a
 * float32 image input without NormalizationOptions ("requires specifying NormalizationOptions
 * metadata"), and the models from the legacy solutions packages ship none: this writes the
 * minimal metadata — RGB image input, its size, mean and std — the Tasks models carry.
 *
 * Slots are the field order in metadata_schema.fbs (a union takes two: type, then value).
 */
const CONTENT_PROPERTIES_IMAGE = 2;
const PROCESS_UNIT_NORMALIZATION = 1;
const COLOR_SPACE_RGB = 1;

export interface ImageInputMetadata {
  name: string;
  description: string;
  /** The input image's size in pixels. */
  width: number;
  height: number;
  /** (pixel − mean) / std gives the value the model expects, e.g. 127.5, 127.5 for [−1, 1]. */
  mean: number;
  std: number;
  /** One name per model output, in the subgraph's output order. */
  outputs: string[];
}

export function imageInputMetadata(m: ImageInputMetadata): Uint8Array {
  const b = new Builder(1024);
  const floats = (values: number[]) => {
    b.startVector(4, values.length, 4);
    for (let i = values.length - 1; i >= 0; i--) b.addFloat32(values[i] as number);
    return b.endVector();
  };
  const offsets = (values: number[]) => {
    b.startVector(4, values.length, 4);
    for (let i = values.length - 1; i >= 0; i--) b.addOffset(values[i] as number);
    return b.endVector();
  };

  // NormalizationOptions { mean:[float]; std:[float] }
  const mean = floats([m.mean]);
  const std = floats([m.std]);
  b.startObject(2);
  b.addFieldOffset(0, mean, 0);
  b.addFieldOffset(1, std, 0);
  const normalization = b.endObject();
  // ProcessUnit { options:ProcessUnitOptions }
  b.startObject(2);
  b.addFieldInt8(0, PROCESS_UNIT_NORMALIZATION, 0);
  b.addFieldOffset(1, normalization, 0);
  const processUnits = offsets([b.endObject()]);
  // ImageSize { width:uint; height:uint }
  b.startObject(2);
  b.addFieldInt32(0, m.width, 0);
  b.addFieldInt32(1, m.height, 0);
  const size = b.endObject();
  // ImageProperties { color_space; default_size }
  b.startObject(2);
  b.addFieldInt8(0, COLOR_SPACE_RGB, 0);
  b.addFieldOffset(1, size, 0);
  const image = b.endObject();
  // Content { content_properties:ContentProperties; range }
  b.startObject(3);
  b.addFieldInt8(0, CONTENT_PROPERTIES_IMAGE, 0);
  b.addFieldOffset(1, image, 0);
  const content = b.endObject();
  // TensorMetadata { name; description; dimension_names; content; process_units }
  const inputName = b.createString('image');
  b.startObject(5);
  b.addFieldOffset(0, inputName, 0);
  b.addFieldOffset(3, content, 0);
  b.addFieldOffset(4, processUnits, 0);
  const input = b.endObject();
  const outputs = m.outputs.map((name) => {
    const n = b.createString(name);
    b.startObject(1);
    b.addFieldOffset(0, n, 0);
    return b.endObject();
  });
  // SubGraphMetadata { name; description; input_tensor_metadata; output_tensor_metadata }
  const inputs = offsets([input]);
  const outputList = offsets(outputs);
  b.startObject(4);
  b.addFieldOffset(2, inputs, 0);
  b.addFieldOffset(3, outputList, 0);
  const subgraphs = offsets([b.endObject()]);
  // ModelMetadata { name; description; version; subgraph_metadata; …; min_parser_version }
  const name = b.createString(m.name);
  const description = b.createString(m.description);
  const minParser = b.createString('1.0.0');
  b.startObject(8);
  b.addFieldOffset(0, name, 0);
  b.addFieldOffset(1, description, 0);
  b.addFieldOffset(3, subgraphs, 0);
  b.addFieldOffset(7, minParser, 0);
  b.finish(b.endObject(), 'M001');
  return b.asUint8Array().slice();
}
