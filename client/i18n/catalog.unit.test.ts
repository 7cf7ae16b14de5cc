import { describe, expect, it } from 'vitest';
import { en } from './en';
import { pickLocale } from './locale';
import { zhCN } from './zh-CN';

type Tree = { [key: string]: unknown };

/** Every leaf of a catalog as "path → kind", with its {{ placeholders }} for strings. */
function leaves(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') {
      const holes = [...value.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1]).sort();
      out.set(path, `string(${holes.join(',')})`);
    } else if (typeof value === 'function') {
      out.set(path, `function/${value.length}`);
    } else if (value && typeof value === 'object') {
      for (const [p, kind] of leaves(value as Tree, path)) out.set(p, kind);
    } else {
      out.set(path, typeof value);
    }
  }
  return out;
}

/** Keys one catalog has and the other lacks. */
function keyDiff(reference: Map<string, string>, other: Map<string, string>) {
  return {
    missing: [...reference.keys()].filter((k) => !other.has(k)),
    extra: [...other.keys()].filter((k) => !reference.has(k)),
  };
}

const english = leaves(en);
const chinese = leaves(zhCN as unknown as Tree);

describe('message catalog', () => {
  it('has every English key in Chinese, and no key English lacks', () => {
    expect(keyDiff(english, chinese)).toEqual({ missing: [], extra: [] });
  });

  it('gives each key the same shape and placeholders in both languages', () => {
    const differing = [...english].filter(([k, kind]) => chinese.get(k) !== kind);
    expect(differing.map(([k, kind]) => `${k}: ${kind} vs ${chinese.get(k)}`)).toEqual([]);
  });

  it('leaves no entry empty', () => {
    const empty = [...leaves(en), ...leaves(zhCN as unknown as Tree)].filter(
      ([, kind]) => kind === 'undefined',
    );
    expect(empty).toEqual([]);
    const blank = (tree: Tree): string[] =>
      Object.entries(tree).flatMap(([k, v]) =>
        typeof v === 'string'
          ? v.trim()
            ? []
            : [k]
          : v && typeof v === 'object'
            ? blank(v as Tree)
            : [],
      );
    expect([...blank(en), ...blank(zhCN as unknown as Tree)]).toEqual([]);
  });

  it('finds a missing key (the check itself can fail)', () => {
    const { never: _dropped, ...rest } = zhCN.common;
    const broken = leaves({ ...zhCN, common: rest } as unknown as Tree);
    expect(keyDiff(english, broken).missing).toEqual(['common.never']);
  });
});

describe('pickLocale', () => {
  it('prefers the saved choice, then the first browser language we speak', () => {
    expect(pickLocale('zh-CN', ['en-US'])).toBe('zh-CN');
    expect(pickLocale(null, ['zh-TW', 'en'])).toBe('zh-CN');
    expect(pickLocale(null, ['fr-FR', 'en-GB'])).toBe('en');
    expect(pickLocale('xx', ['de'])).toBe('en');
  });
});
