import { describe, expect, it } from 'vitest';
import { ReportMetricsError } from '../errors/report-metrics-error.js';
import { parseCsv } from './parse-csv.js';
import { joinRefsAndCands, readSamples } from './read-samples.js';

const err = (f: () => unknown): ReportMetricsError => {
  try {
    f();
  } catch (e) {
    return e as ReportMetricsError;
  }
  throw new Error('expected an error');
};

describe('CSV', () => {
  it('parses quotes, doubled quotes, commas and newlines in fields, CRLF, and a BOM', () => {
    const text = '\uFEFFa,b\r\n"x, ""y""","line1\nline2"\r\n\r\nplain,2\n';
    expect(parseCsv(text)).toEqual([
      { line: 1, fields: ['a', 'b'] },
      { line: 2, fields: ['x, "y"', 'line1\nline2'] },
      { line: 5, fields: ['plain', '2'] },
    ]);
  });

  it("reads PriorRG's default columns; the BOM does not leak into the first header", () => {
    const s = readSamples('\uFEFFdicom_id,reference_report,generated_report\nd1,"Heart normal, lungs clear.","Heart normal."\n', { format: 'csv', file: 'r.csv' });
    expect(s).toEqual([{ id: 'd1', references: ['Heart normal, lungs clear.'], candidate: 'Heart normal.', line: 2 }]);
  });

  it('custom columns, repeated rows as several references, JSON-array cells', () => {
    const text = 'gen,key,ref\nA,k1,r1\nA,k1,r2\nB,k2,r3\n';
    const s = readSamples(text, { format: 'csv', columns: { id: 'key', references: 'ref', candidate: 'gen' } });
    expect(s.map((x) => [x.id, x.references, x.candidate])).toEqual([
      ['k1', ['r1', 'r2'], 'A'],
      ['k2', ['r3'], 'B'],
    ]);
    const j = readSamples('id,refs,cand\n1,"[""a"",""b""]",c\n', { format: 'csv', columns: { id: 'id', references: 'refs', candidate: 'cand' }, referenceCell: 'json-array' });
    expect(j[0]!.references).toEqual(['a', 'b']);
  });

  it('errors name file, line and field', () => {
    const missing = err(() => readSamples('dicom_id,generated_report\n1,x\n', { format: 'csv', file: 'in.csv' }));
    expect(missing.message).toMatch(/^in\.csv:1: field 'reference_report': missing column/);
    expect(missing.details).toMatchObject({ file: 'in.csv', record: 1, field: 'reference_report' });
    const empty = err(() => readSamples('dicom_id,reference_report,generated_report\nok,r,c\n  ,r,c\n', { format: 'csv', file: 'in.csv' }));
    expect(empty.message).toMatch(/^in\.csv:3: field 'dicom_id': empty id/);
    const dup = err(() => readSamples('dicom_id,reference_report,generated_report\n7,r,c\n7,r2,other\n', { format: 'csv', file: 'in.csv' }));
    expect(dup.message).toMatch(/^in\.csv:3: field 'generated_report': duplicate id "7" \(first on line 2\) with a different candidate text/);
    const zero = err(() => readSamples('i,r,c\n1,[],x\n', { format: 'csv', file: 'z.csv', columns: { id: 'i', references: 'r', candidate: 'c' }, referenceCell: 'json-array' }));
    expect(zero.message).toMatch(/^z\.csv:2: field 'r': sample "1" has zero references/);
    expect(err(() => parseCsv('a,b\n"open,1\n', 'q.csv')).message).toMatch(/^q\.csv:2: unterminated quoted field/);
  });
});

describe('JSONL', () => {
  it('accepts a string or an array of references and custom field names', () => {
    const text = '{"id":"a","references":["r1","r2"],"candidate":"c"}\n\n{"id":2,"references":"r3","candidate":"d"}\n';
    expect(readSamples(text, { format: 'jsonl' }).map((s) => [s.id, s.references, s.line])).toEqual([
      ['a', ['r1', 'r2'], 1],
      ['2', ['r3'], 3],
    ]);
    expect(readSamples('{"k":"a","gt":"r","gen":"c"}', { format: 'jsonl', columns: { id: 'k', references: 'gt', candidate: 'gen' } })[0]!.candidate).toBe('c');
  });

  it('errors name file, line and field', () => {
    expect(err(() => readSamples('{"id":"a","references":[],"candidate":"c"}', { format: 'jsonl', file: 'x.jsonl' })).message).toMatch(/^x\.jsonl:1: field 'references': sample "a" has zero references/);
    expect(err(() => readSamples('{"id":"a","candidate":"c"}', { format: 'jsonl', file: 'x.jsonl' })).message).toMatch(/^x\.jsonl:1: field 'references': missing field/);
    expect(err(() => readSamples('{"id":"","references":"r","candidate":"c"}', { format: 'jsonl', file: 'x.jsonl' })).message).toMatch(/^x\.jsonl:1: field 'id': empty id/);
    expect(err(() => readSamples('{"id":"a","references":"r","candidate":"c"}\n{bad', { format: 'jsonl', file: 'x.jsonl' })).message).toMatch(/^x\.jsonl:2: field '\(line\)': invalid JSON/);
    expect(err(() => readSamples('{"id":"a","references":"r","candidate":"c"}\n{"id":"a","references":"r","candidate":"d"}', { format: 'jsonl', file: 'x.jsonl' })).message).toMatch(
      /^x\.jsonl:2: field 'candidate': duplicate id "a"/,
    );
  });
});

describe('--refs / --cands join', () => {
  it('several reference lines per id; order of the candidates file', () => {
    const s = joinRefsAndCands('{"id":"b","text":"r1"}\n{"id":"a","text":"r2"}\n{"id":"b","text":"r3"}\n', '{"id":"a","text":"c1"}\n{"id":"b","text":"c2"}\n');
    expect(s.map((x) => [x.id, x.references, x.candidate])).toEqual([
      ['a', ['r2'], 'c1'],
      ['b', ['r1', 'r3'], 'c2'],
    ]);
  });
  it('a candidate without references, a duplicate candidate and an orphan reference are errors', () => {
    const files = { refs: 'refs.jsonl', cands: 'cands.jsonl' };
    expect(err(() => joinRefsAndCands('{"id":"a","text":"r"}', '{"id":"a","text":"c"}\n{"id":"z","text":"c"}', files)).message).toMatch(/^cands\.jsonl:2: field 'id': candidate id "z" has zero references/);
    expect(err(() => joinRefsAndCands('{"id":"a","text":"r"}', '{"id":"a","text":"c"}\n{"id":"a","text":"c"}', files)).message).toMatch(/^cands\.jsonl:2: field 'id': duplicate candidate id/);
    expect(err(() => joinRefsAndCands('{"id":"a","text":"r"}\n{"id":"q","text":"r"}', '{"id":"a","text":"c"}', files)).message).toMatch(/refs\.jsonl: field 'id': reference id "q" has no candidate/);
    expect(err(() => joinRefsAndCands('{"id":"a"}', '{"id":"a","text":"c"}', files)).message).toMatch(/^refs\.jsonl:1: field 'text'/);
  });
});
