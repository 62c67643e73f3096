import { ReasonkitError } from '../errors/reasonkit-error.js';
import { WireType } from './proto-writer.js';

/** One protobuf field as located in the bytes (no copy). */
export interface ProtoField {
  field: number;
  wireType: number;
  /** Offset of the field's tag. */
  tagStart: number;
  /** For VARINT: the value (exact below 2^53; 64-bit negatives read as large positives). */
  value: number;
  /** For LEN: payload `[start, end)`; for I32/I64: the fixed bytes; for VARINT: the varint bytes. */
  start: number;
  end: number;
}

const textDecoder = new TextDecoder();

function invalid(message: string, offset: number, context: string): ReasonkitError {
  return new ReasonkitError('ONNX_INVALID', `ONNX protobuf: ${message} at byte ${offset} (in ${context})`, {
    field: context,
    record: offset,
  });
}

/** Reads a varint at `pos`; returns its value (as a double) and the next offset. */
export function readVarint(bytes: Uint8Array, pos: number, limit: number, context: string): { value: number; next: number } {
  let value = 0;
  let scale = 1;
  for (let i = 0; i < 10; i++) {
    if (pos + i >= limit) throw invalid('truncated varint', pos, context);
    const b = bytes[pos + i]!;
    value += (b & 0x7f) * scale;
    scale *= 128;
    if (b < 0x80) return { value, next: pos + i + 1 };
  }
  throw invalid('varint longer than 10 bytes', pos, context);
}

/** Reads a varint at `pos` exactly, as a signed 64-bit bigint. */
export function readVarintBigInt(bytes: Uint8Array, pos: number, limit: number, context: string): { value: bigint; next: number } {
  let value = 0n;
  for (let i = 0; i < 10; i++) {
    if (pos + i >= limit) throw invalid('truncated varint', pos, context);
    const b = bytes[pos + i]!;
    value |= BigInt(b & 0x7f) << BigInt(7 * i);
    if (b < 0x80) return { value: BigInt.asIntN(64, value), next: pos + i + 1 };
  }
  throw invalid('varint longer than 10 bytes', pos, context);
}

/**
 * Walks the fields of the message in `bytes[start, end)`. `context` (e.g. `ModelProto.graph`)
 * names the message in `ONNX_INVALID` errors, which also give the byte offset.
 */
export function* iterateFields(bytes: Uint8Array, start: number, end: number, context: string): Generator<ProtoField> {
  let pos = start;
  while (pos < end) {
    const tagStart = pos;
    const tag = readVarint(bytes, pos, end, context);
    pos = tag.next;
    const field = Math.floor(tag.value / 8);
    const wireType = tag.value % 8;
    if (field === 0) throw invalid('field number 0', tagStart, context);
    switch (wireType) {
      case WireType.VARINT: {
        const v = readVarint(bytes, pos, end, `${context} field ${field}`);
        yield { field, wireType, tagStart, value: v.value, start: pos, end: v.next };
        pos = v.next;
        break;
      }
      case WireType.I64:
      case WireType.I32: {
        const size = wireType === WireType.I64 ? 8 : 4;
        if (pos + size > end) throw invalid(`truncated fixed${size * 8} field ${field}`, tagStart, context);
        yield { field, wireType, tagStart, value: 0, start: pos, end: pos + size };
        pos += size;
        break;
      }
      case WireType.LEN: {
        const len = readVarint(bytes, pos, end, `${context} field ${field}`);
        const payloadEnd = len.next + len.value;
        if (payloadEnd > end) {
          throw invalid(`field ${field} declares ${len.value} bytes but only ${end - len.next} remain`, tagStart, context);
        }
        yield { field, wireType, tagStart, value: len.value, start: len.next, end: payloadEnd };
        pos = payloadEnd;
        break;
      }
      default:
        throw invalid(`unsupported wire type ${wireType} for field ${field}`, tagStart, context);
    }
  }
}

/** Decodes a LEN field as UTF-8. */
export function fieldString(bytes: Uint8Array, f: ProtoField): string {
  return textDecoder.decode(bytes.subarray(f.start, f.end));
}

/** Asserts a field has the expected wire type. */
export function expectWireType(f: ProtoField, wireType: number, context: string): void {
  if (f.wireType !== wireType) {
    throw invalid(`field ${f.field} has wire type ${f.wireType}, expected ${wireType}`, f.tagStart, context);
  }
}
