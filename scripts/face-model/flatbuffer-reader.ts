/**
 * Just enough of a FlatBuffers reader to walk a TFLite model without its generated classes:
 * the schema's tables are addressed by field slot (the n-th field in the .fbs, a union taking
 * two slots: its type, then its value), which is how the edits in tflite-edit.ts name them.
 */
export class FlatReader {
  readonly view: DataView;

  constructor(readonly bytes: Uint8Array) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  u8(pos: number): number {
    return this.view.getUint8(pos);
  }

  i32(pos: number): number {
    return this.view.getInt32(pos, true);
  }

  u32(pos: number): number {
    return this.view.getUint32(pos, true);
  }

  /** The root table's position. */
  root(): number {
    return this.u32(0);
  }

  /** The file identifier (bytes 4..8), e.g. "TFL3". */
  identifier(): string {
    return new TextDecoder().decode(this.bytes.subarray(4, 8));
  }

  /** How many field slots the table's vtable lists. */
  slotCount(table: number): number {
    const vtable = table - this.i32(table);
    return (this.view.getUint16(vtable, true) - 4) / 2;
  }

  /** The absolute position of a field, or 0 when the field is absent (its default). */
  field(table: number, slot: number): number {
    if (slot >= this.slotCount(table)) return 0;
    const vtable = table - this.i32(table);
    const rel = this.view.getUint16(vtable + 4 + 2 * slot, true);
    return rel === 0 ? 0 : table + rel;
  }

  /** Where an offset field points (a table, vector or string), or 0 when absent. */
  ref(table: number, slot: number): number {
    const at = this.field(table, slot);
    return at === 0 ? 0 : at + this.u32(at);
  }

  scalarU32(table: number, slot: number, fallback = 0): number {
    const at = this.field(table, slot);
    return at === 0 ? fallback : this.u32(at);
  }

  scalarU8(table: number, slot: number, fallback = 0): number {
    const at = this.field(table, slot);
    return at === 0 ? fallback : this.u8(at);
  }

  /** A vector's length and the position of its first element. */
  vector(vectorPos: number): { length: number; start: number } {
    return { length: this.u32(vectorPos), start: vectorPos + 4 };
  }

  /** The tables a vector of tables points to. */
  tables(table: number, slot: number): number[] {
    const pos = this.ref(table, slot);
    if (pos === 0) return [];
    const { length, start } = this.vector(pos);
    return Array.from({ length }, (_, i) => start + 4 * i + this.u32(start + 4 * i));
  }

  ints(table: number, slot: number): number[] {
    const pos = this.ref(table, slot);
    if (pos === 0) return [];
    const { length, start } = this.vector(pos);
    return Array.from({ length }, (_, i) => this.i32(start + 4 * i));
  }

  string(table: number, slot: number): string | null {
    const pos = this.ref(table, slot);
    if (pos === 0) return null;
    const { length, start } = this.vector(pos);
    return new TextDecoder().decode(this.bytes.subarray(start, start + length));
  }
}
