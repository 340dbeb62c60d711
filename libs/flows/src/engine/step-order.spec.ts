import { positionConflict } from './step-order.js';

const steps = (entries: Record<string, number>) => new Map(Object.entries(entries).map(([id, seq]) => [id, { seq }]));

describe('positionConflict', () => {
  const order = ['fetch', 'pause', 'notify'];
  const recorded = steps({ fetch: 0, pause: 1, notify: 2 });

  it('accepts the recorded order, and positions not reached before', () => {
    expect(positionConflict(order, recorded, 'fetch', 0)).toBeUndefined();
    expect(positionConflict(order, recorded, 'notify', 2)).toBeUndefined();
    expect(positionConflict(order, recorded, 'extra', 3)).toBeUndefined();
  });

  it('names the recorded step when the code reaches another one at its position', () => {
    expect(positionConflict(order, recorded, 'enrich', 1)).toBe('pause');
  });

  it('names the recorded step when a recorded id is reached at another position', () => {
    expect(positionConflict(['a', 'b'], steps({ a: 0, b: 1 }), 'b', 2)).toBe('b');
    expect(positionConflict(['', 'b'], steps({ b: 1 }), 'b', 0)).toBe('b');
  });

  it('takes a placeholder (reached, not stored yet) as agreeing', () => {
    expect(positionConflict(['', 'b'], steps({ b: 1 }), 'a', 0)).toBeUndefined();
  });

  it('does not check onFailure steps (position -1)', () => {
    expect(positionConflict([], steps({ 'onFailure:x': -1 }), 'onFailure:x', 0)).toBeUndefined();
  });
});
