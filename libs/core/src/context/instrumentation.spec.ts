import { currentInstrumentation, registerInstrumentation, type Instrumentation, type InstrumentedSpan } from './instrumentation.js';

/** An instrumentation that names itself in the spans it starts. */
function named(name: string): Instrumentation & { readonly name: string } {
  const span = (): InstrumentedSpan => ({ run: (fn) => fn(), end: () => undefined });
  return { name, startServer: span, startProducer: () => ({ ...span(), carrier: undefined }), startConsumer: span };
}

describe('the instrumentation registry', () => {
  it('is empty until something registers, and empty again once it unregisters', () => {
    expect(currentInstrumentation()).toBeUndefined();
    const one = named('one');
    const unregister = registerInstrumentation(one);
    expect(currentInstrumentation()).toBe(one);
    unregister();
    expect(currentInstrumentation()).toBeUndefined();
  });

  it('stacks registrations: the last one still registered is used, whatever order they leave in', () => {
    const [a, b, c] = [named('a'), named('b'), named('c')];
    const offA = registerInstrumentation(a);
    const offB = registerInstrumentation(b);
    const offC = registerInstrumentation(c);
    offB();
    expect(currentInstrumentation()).toBe(c);
    offC();
    expect(currentInstrumentation()).toBe(a);
    offA();
    expect(currentInstrumentation()).toBeUndefined();
  });

  it('unregistering twice removes only the one registration (the same object registered twice stays once)', () => {
    const a = named('a');
    const first = registerInstrumentation(a);
    const second = registerInstrumentation(a);
    second();
    second();
    expect(currentInstrumentation()).toBe(a);
    first();
    expect(currentInstrumentation()).toBeUndefined();
  });

  it('lives on globalThis under Symbol.for, so every copy of @aiwire/core in the process reads the same one', () => {
    const a = named('a');
    const off = registerInstrumentation(a);
    const shared = (globalThis as Record<symbol, { current?: Instrumentation }>)[Symbol.for('aiwire.instrumentation')];
    expect(shared?.current).toBe(a);
    off();
    expect(shared?.current).toBeUndefined();
  });
});
