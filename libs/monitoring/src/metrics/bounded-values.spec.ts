import { BoundedValues, OTHER } from './bounded-values.js';

describe('BoundedValues', () => {
  it('passes the first values of each scope and reports later new ones as (other)', () => {
    const bounded = new BoundedValues(2);
    expect(['a', 'b', 'c', 'a', 'b', 'd'].map((v) => bounded.value('s1', v))).toEqual(['a', 'b', OTHER, 'a', 'b', OTHER]);
    expect(bounded.value('s2', 'c')).toBe('c');
  });
});
