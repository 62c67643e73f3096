/**
 * A value built on first use and memoized, behaving as the built value (a transparent proxy).
 *
 * Core's zod schemas are module-level constants, and a module-level `z.object(...)` call is a side
 * effect a bundler must keep: one schema in a chunk pulls all of zod into every bundle that imports
 * anything else from that chunk (`ReasonkitError` cost 469 KB in a browser bundle). Wrapped as
 * `export const S = /* @__PURE__ *\/ lazySchema(() => z.object(...))`, the constant is a pure call
 * with a function argument: bundlers drop it when unused, and zod is reached only from code that
 * validates. Used, it is the schema: `S.parse`, `S.shape`, `z.array(S)`, `instanceof z.ZodObject`.
 *
 * Methods are bound to the built value, so zod's internals never see the proxy as `this`.
 */
export function lazySchema<T extends object>(build: () => T): T {
  let value: T | undefined;
  const real = (): T => (value ??= build());
  const bound = new Map<unknown, unknown>();
  return new Proxy({} as T, {
    get(_, key) {
      const target = real();
      const v: unknown = Reflect.get(target, key, target);
      if (typeof v !== 'function' || key === 'constructor') return v;
      let b = bound.get(v);
      if (b === undefined) bound.set(v, (b = (v as (...args: unknown[]) => unknown).bind(target)));
      return b;
    },
    set: (_, key, v) => Reflect.set(real(), key, v),
    has: (_, key) => Reflect.has(real(), key),
    ownKeys: () => Reflect.ownKeys(real()),
    // The proxy's own target stays empty and extensible, so every property may be reported as configurable.
    getOwnPropertyDescriptor(_, key) {
      const d = Reflect.getOwnPropertyDescriptor(real(), key);
      return d && { ...d, configurable: true };
    },
    defineProperty: (_, key, d) => Reflect.defineProperty(real(), key, d),
    deleteProperty: (_, key) => Reflect.deleteProperty(real(), key),
    getPrototypeOf: () => Reflect.getPrototypeOf(real()),
  });
}
