import { Builder } from 'flatbuffers';
import { FlatReader } from './flatbuffer-reader.ts';

/**
 * Edits a TFLite model (tensorflow/lite/schema/schema.fbs) without re-serialising it.
 *
 * FlatBuffers offsets are unsigned and point forward, so new tables can refer to old ones only
 * when they lie *before* them. The editor therefore keeps the original model byte for byte at
 * the end of the new file (16-byte aligned, as the weight buffers need) and writes in front of
 * it only what changes: a new root Model and a new first SubGraph, whose vectors list the old
 * tables (tensors, operators, buffers …) by reference plus the new ones. Everything not named
 * here — weights, operator options, other subgraphs — is the original, untouched.
 */

/** Field slots (declaration order in schema.fbs; a union takes two: type, then value). */
const MODEL = {
  version: 0,
  operatorCodes: 1,
  subgraphs: 2,
  description: 3,
  buffers: 4,
  metadataBuffer: 5,
  metadata: 6,
  signatureDefs: 7,
} as const;
const SUBGRAPH = { tensors: 0, inputs: 1, outputs: 2, operators: 3, name: 4 } as const;
const TENSOR = { shape: 0, type: 1, buffer: 2, name: 3 } as const;
const OPERATOR = { opcodeIndex: 0, inputs: 1, outputs: 2, optionsType: 3, options: 4 } as const;
const OPERATOR_CODE = { deprecatedBuiltinCode: 0, version: 2, builtinCode: 3 } as const;
const BUFFER = { data: 0 } as const;
const METADATA = { name: 0, buffer: 1 } as const;

export const TensorType = { FLOAT32: 0, INT32: 2 } as const;
export const BuiltinOperator = { CONCATENATION: 2, PAD: 34 } as const;
/** BuiltinOptions union members (1-based; 0 is NONE). */
export const BuiltinOptions = { ConcatenationOptions: 10 } as const;

export interface TensorInfo {
  index: number;
  name: string | null;
  shape: number[];
  type: number;
  buffer: number;
}

/** Reads the parts of a model this project needs to know (subgraph 0's inputs and outputs). */
export function describeModel(model: Uint8Array): {
  inputs: TensorInfo[];
  outputs: TensorInfo[];
  operatorCodes: number[];
  metadataNames: string[];
} {
  const r = new FlatReader(model);
  if (r.identifier() !== 'TFL3') throw new Error('not a TFLite model');
  const root = r.root();
  const subgraph = r.tables(root, MODEL.subgraphs)[0];
  if (subgraph === undefined) throw new Error('model has no subgraph');
  const tensors = r.tables(subgraph, SUBGRAPH.tensors);
  const info = (index: number): TensorInfo => {
    const t = tensors[index];
    if (t === undefined) throw new Error(`no tensor ${index}`);
    return {
      index,
      name: r.string(t, TENSOR.name),
      shape: r.ints(t, TENSOR.shape),
      type: r.scalarU8(t, TENSOR.type),
      buffer: r.scalarU32(t, TENSOR.buffer),
    };
  };
  return {
    inputs: r.ints(subgraph, SUBGRAPH.inputs).map(info),
    outputs: r.ints(subgraph, SUBGRAPH.outputs).map(info),
    operatorCodes: r.tables(root, MODEL.operatorCodes).map((c) => {
      const code = r.field(c, OPERATOR_CODE.builtinCode);
      return code ? r.i32(code) : r.scalarU8(c, OPERATOR_CODE.deprecatedBuiltinCode);
    }),
    metadataNames: r.tables(root, MODEL.metadata).map((m) => r.string(m, METADATA.name) ?? ''),
  };
}

type Offset = number;

export class TfliteEditor {
  private readonly r: FlatReader;
  private readonly b: Builder;
  /** Builder offset of the old model's first byte (builder offsets count from the end). */
  private readonly base: number;
  private readonly root: number;
  private readonly subgraph: number;
  private readonly oldTensors: number[];
  private readonly oldOperators: number[];
  private readonly oldBuffers: number[];
  private readonly oldCodes: number[];
  private readonly newTensors: Offset[] = [];
  private readonly newOperators: Offset[] = [];
  private readonly newBuffers: Offset[] = [];
  private readonly newCodes: Offset[] = [];
  private readonly newCodeOps: number[] = [];
  private readonly newMetadata: Offset[] = [];
  private outputs: number[] | null = null;

  constructor(model: Uint8Array) {
    this.r = new FlatReader(model);
    if (this.r.identifier() !== 'TFL3') throw new Error('not a TFLite model');
    this.root = this.r.root();
    const subgraphs = this.r.tables(this.root, MODEL.subgraphs);
    if (subgraphs.length !== 1 || subgraphs[0] === undefined) {
      throw new Error(`expected one subgraph, found ${subgraphs.length}`);
    }
    this.subgraph = subgraphs[0];
    this.oldTensors = this.r.tables(this.subgraph, SUBGRAPH.tensors);
    this.oldOperators = this.r.tables(this.subgraph, SUBGRAPH.operators);
    this.oldBuffers = this.r.tables(this.root, MODEL.buffers);
    this.oldCodes = this.r.tables(this.root, MODEL.operatorCodes);
    // Fields this editor would silently drop if they were there.
    if (this.r.field(this.root, MODEL.signatureDefs))
      throw new Error('signature defs are not supported');
    if (this.r.slotCount(this.subgraph) > 5 && this.r.field(this.subgraph, 5)) {
      throw new Error('subgraph field 5 is not supported');
    }

    this.b = new Builder(model.length + 64 * 1024);
    // The old model goes first into the builder, so it ends up last in the file; its data
    // start is 16-byte aligned (Buffer.data is force_align 16).
    this.b.prep(16, model.length);
    const vector = this.b.createByteVector(model);
    this.base = vector - 4;
  }

  /** The builder offset of a table or vector at `pos` in the old model. */
  private old(pos: number): Offset {
    return this.base - pos;
  }

  get tensorCount(): number {
    return this.oldTensors.length + this.newTensors.length;
  }

  /** Adds a constant buffer; returns its index in Model.buffers. */
  addBuffer(data: Uint8Array): number {
    const b = this.b;
    b.prep(16, data.length);
    b.startVector(1, data.length, 16);
    for (let i = data.length - 1; i >= 0; i--) b.addInt8(data[i] ?? 0);
    const vec = b.endVector();
    b.startObject(3);
    b.addFieldOffset(BUFFER.data, vec, 0);
    this.newBuffers.push(b.endObject());
    return this.oldBuffers.length + this.newBuffers.length - 1;
  }

  /** Adds a tensor to subgraph 0; returns its index. */
  addTensor(t: { name: string; shape: number[]; type: number; buffer?: number }): number {
    const b = this.b;
    const name = b.createString(t.name);
    const shape = this.intVector(t.shape);
    b.startObject(4);
    b.addFieldOffset(TENSOR.shape, shape, 0);
    b.addFieldInt8(TENSOR.type, t.type, 0);
    b.addFieldInt32(TENSOR.buffer, t.buffer ?? 0, 0);
    b.addFieldOffset(TENSOR.name, name, 0);
    this.newTensors.push(b.endObject());
    return this.tensorCount - 1;
  }

  /** The index of a builtin operator's code, added when the model does not use it yet. */
  operatorCode(builtin: number): number {
    const existing = this.oldCodes.findIndex((c) => {
      const code = this.r.field(c, OPERATOR_CODE.builtinCode);
      const value = code ? this.r.i32(code) : 0;
      return (value || this.r.scalarU8(c, OPERATOR_CODE.deprecatedBuiltinCode)) === builtin;
    });
    if (existing >= 0) return existing;
    const added = this.newCodeOps.indexOf(builtin);
    if (added >= 0) return this.oldCodes.length + added;
    const b = this.b;
    b.startObject(4);
    // Codes below 127 are also written to the deprecated byte field, which older readers use.
    b.addFieldInt8(OPERATOR_CODE.deprecatedBuiltinCode, Math.min(builtin, 127), 0);
    b.addFieldInt32(OPERATOR_CODE.version, 1, 1);
    b.addFieldInt32(OPERATOR_CODE.builtinCode, builtin, 0);
    this.newCodes.push(b.endObject());
    this.newCodeOps.push(builtin);
    return this.oldCodes.length + this.newCodes.length - 1;
  }

  /** Appends an operator to subgraph 0 (it runs after every existing one). */
  addOperator(op: {
    builtin: number;
    inputs: number[];
    outputs: number[];
    options?: { type: number; build: (b: Builder) => Offset };
  }): void {
    const code = this.operatorCode(op.builtin);
    const b = this.b;
    const options = op.options ? op.options.build(b) : 0;
    const inputs = this.intVector(op.inputs);
    const outputs = this.intVector(op.outputs);
    b.startObject(5);
    b.addFieldInt32(OPERATOR.opcodeIndex, code, 0);
    b.addFieldOffset(OPERATOR.inputs, inputs, 0);
    b.addFieldOffset(OPERATOR.outputs, outputs, 0);
    if (op.options) {
      b.addFieldInt8(OPERATOR.optionsType, op.options.type, 0);
      b.addFieldOffset(OPERATOR.options, options, 0);
    }
    this.newOperators.push(b.endObject());
  }

  /** Replaces subgraph 0's output list. */
  setOutputs(outputs: number[]): void {
    this.outputs = outputs;
  }

  /** Adds a named metadata entry (e.g. TFLITE_METADATA) backed by a new buffer. */
  addMetadata(name: string, data: Uint8Array): void {
    const buffer = this.addBuffer(data);
    const b = this.b;
    const nameOffset = b.createString(name);
    b.startObject(2);
    b.addFieldOffset(METADATA.name, nameOffset, 0);
    b.addFieldInt32(METADATA.buffer, buffer, 0);
    this.newMetadata.push(b.endObject());
  }

  finish(): Uint8Array {
    const b = this.b;
    const r = this.r;
    const list = (olds: number[], news: Offset[]) => {
      b.startVector(4, olds.length + news.length, 4);
      for (let i = news.length - 1; i >= 0; i--) b.addOffset(news[i] as Offset);
      for (let i = olds.length - 1; i >= 0; i--) b.addOffset(this.old(olds[i] as number));
      return b.endVector();
    };
    const oldRef = (table: number, slot: number) => {
      const pos = r.ref(table, slot);
      return pos === 0 ? 0 : this.old(pos);
    };

    const tensors = list(this.oldTensors, this.newTensors);
    const operators = list(this.oldOperators, this.newOperators);
    const outputs = this.outputs ? this.intVector(this.outputs) : oldRef(this.subgraph, 2);
    b.startObject(5);
    b.addFieldOffset(SUBGRAPH.tensors, tensors, 0);
    b.addFieldOffset(SUBGRAPH.inputs, oldRef(this.subgraph, SUBGRAPH.inputs), 0);
    b.addFieldOffset(SUBGRAPH.outputs, outputs, 0);
    b.addFieldOffset(SUBGRAPH.operators, operators, 0);
    b.addFieldOffset(SUBGRAPH.name, oldRef(this.subgraph, SUBGRAPH.name), 0);
    const subgraph = b.endObject();

    const subgraphs = list([], [subgraph]);
    const codes = list(this.oldCodes, this.newCodes);
    const buffers = list(this.oldBuffers, this.newBuffers);
    const metadata = list(r.tables(this.root, MODEL.metadata), this.newMetadata);
    b.startObject(8);
    b.addFieldInt32(MODEL.version, r.scalarU32(this.root, MODEL.version), 0);
    b.addFieldOffset(MODEL.operatorCodes, codes, 0);
    b.addFieldOffset(MODEL.subgraphs, subgraphs, 0);
    b.addFieldOffset(MODEL.description, oldRef(this.root, MODEL.description), 0);
    b.addFieldOffset(MODEL.buffers, buffers, 0);
    // Indices into buffers, which only grew at the end: still right.
    b.addFieldOffset(MODEL.metadataBuffer, oldRef(this.root, MODEL.metadataBuffer), 0);
    if (this.newMetadata.length || r.field(this.root, MODEL.metadata)) {
      b.addFieldOffset(MODEL.metadata, metadata, 0);
    }
    b.finish(b.endObject(), 'TFL3');
    return b.asUint8Array().slice();
  }

  private intVector(values: number[]): Offset {
    this.b.startVector(4, values.length, 4);
    for (let i = values.length - 1; i >= 0; i--) this.b.addInt32(values[i] as number);
    return this.b.endVector();
  }
}
