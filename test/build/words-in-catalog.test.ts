import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

/**
 * Every word the console and the APP show goes through the message catalog. This walks the
 * client's JSX and lists text and person-facing attributes written in place: a sentence typed
 * into a component is a sentence the Chinese screen would show in English.
 */
const ROOT = join(import.meta.dirname, '../../client');
/** Attributes a person reads or hears. */
const WORDED_ATTRIBUTES = new Set([
  'aria-label',
  'placeholder',
  'title',
  'alt',
  'label',
  'aria-description',
]);
/** Calls whose first argument a person reads: toasts, page titles. */
const WORDED_CALLS = new Set(['toast', 'toast.error', 'toast.success', 'usePageTitle']);
/** Text that is not words: symbols, numbers, a brand name. */
const NOT_WORDS = /^[\s\d\p{P}\p{S}×·•…→←↑↓]*$|^Gatehouse$/u;

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return /\.tsx?$/.test(path) && !/\.test\.tsx?$|\.d\.ts$/.test(path) && !path.includes('/i18n/')
      ? [path]
      : [];
  });
}

/** "file:line: text" for each word written in place in one source file. */
export function wordsInPlace(fileName: string, text: string): string[] {
  const file = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);
  const found: string[] = [];
  const report = (node: ts.Node, words: string) => {
    const { line } = file.getLineAndCharacterOfPosition(node.getStart(file));
    found.push(`${fileName}:${line + 1}: ${words.trim().slice(0, 60)}`);
  };
  const visit = (node: ts.Node) => {
    if (ts.isJsxText(node) && !NOT_WORDS.test(node.text.trim()) && node.text.trim()) {
      report(node, node.text);
    }
    if (ts.isJsxAttribute(node) && WORDED_ATTRIBUTES.has(node.name.getText(file))) {
      const init = node.initializer;
      const literal =
        init && ts.isStringLiteral(init)
          ? init.text
          : init &&
              ts.isJsxExpression(init) &&
              init.expression &&
              ts.isStringLiteralLike(init.expression)
            ? init.expression.text
            : undefined;
      if (literal !== undefined && !NOT_WORDS.test(literal)) report(node, literal);
    }
    if (
      ts.isCallExpression(node) &&
      WORDED_CALLS.has(node.expression.getText(file)) &&
      node.arguments[0] &&
      ts.isStringLiteralLike(node.arguments[0]) &&
      !NOT_WORDS.test(node.arguments[0].text)
    ) {
      report(node, node.arguments[0].text);
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return found;
}

describe('words on screen', () => {
  it('finds a word written in place (the check can fail)', () => {
    expect(
      wordsInPlace('x.tsx', 'const a = <p title="Hi">Save now <b>{t("x")}</b> ·</p>;'),
    ).toEqual(['x.tsx:1: Hi', 'x.tsx:1: Save now']);
  });

  it('come from the message catalog in every client component', () => {
    const found = sources(ROOT).flatMap((path) =>
      wordsInPlace(relative(ROOT, path), readFileSync(path, 'utf8')),
    );
    expect(found).toEqual([]);
  });
});
