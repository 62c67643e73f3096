import { describe, expect, it } from 'vitest';
import { parseProblem } from './parse-problem.js';

describe('parseProblem', () => {
  it('reads an addition with or without spaces', () => {
    expect(parseProblem('48195+73928')).toEqual({ problem: { op: 'add', a: 48195, b: 73928 } });
    expect(parseProblem(' 347 + 85 ')).toEqual({ problem: { op: 'add', a: 347, b: 85 } });
    expect(parseProblem('0+0')).toEqual({ problem: { op: 'add', a: 0, b: 0 } });
  });

  it('refuses what the testbed model was not trained on, naming the operand', () => {
    expect(parseProblem('123456+1')).toEqual({ error: '123456: at most 5 digits per operand (the testbed model\'s range)' });
    expect(parseProblem('012+3')).toEqual({ error: '012: no leading zeros' });
    expect(parseProblem('12-3')).toEqual({ error: '"12-3" is not an addition like 48195+73928' });
    expect(parseProblem('')).toHaveProperty('error');
  });
});
