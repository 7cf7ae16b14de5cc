import { closeSync, existsSync, openSync, readSync } from 'node:fs';

/** What a line must hold to count as an error in a server log (`[ERROR]` is wrangler's mark). */
const ERROR_LINE = /SQLITE_|Error|ERROR|Uncaught/;

export interface LogScan {
  file: string;
  lines: number;
  errorLines: number;
  /** A few distinct error lines (numbers and ids blanked out to group them), with counts. */
  samples: { line: string; count: number }[];
}

/**
 * Counts the lines of `file` that look like errors, so a flood (e.g. SQLITE_NOMEM inside a
 * Durable Object) is seen at the end of a bench instead of hiding behind good timings.
 */
export function scanLog(file: string, maxSamples = 3): LogScan {
  const groups = new Map<string, number>();
  let errorLines = 0;
  let lines = 0;
  // Line by line, in chunks: a flood can make the log far larger than a string may be.
  for (const raw of linesOf(file)) {
    lines++;
    // biome-ignore lint/suspicious/noControlCharactersInRegex: strips ANSI colour codes
    const line = raw.replace(/\x1b\[[0-9;]*m/g, '');
    if (!ERROR_LINE.test(line)) continue;
    errorLines++;
    const key = line.trim().replace(/\d+/g, 'N').slice(0, 160);
    groups.set(key, (groups.get(key) ?? 0) + 1);
  }
  const samples = [...groups]
    .sort((a, b) => b[1] - a[1])
    .slice(0, maxSamples)
    .map(([line, count]) => ({ line, count }));
  return { file, lines, errorLines, samples };
}

/** The lines of a file, read 1 MiB at a time. */
function* linesOf(file: string): Generator<string> {
  if (!existsSync(file)) return;
  const fd = openSync(file, 'r');
  const buffer = Buffer.alloc(1 << 20);
  let rest = '';
  try {
    for (;;) {
      const read = readSync(fd, buffer, 0, buffer.length, null);
      if (read === 0) break;
      const parts = (rest + buffer.toString('utf8', 0, read)).split('\n');
      rest = parts.pop() ?? '';
      yield* parts;
    }
    if (rest) yield rest;
  } finally {
    closeSync(fd);
  }
}

/** One paragraph for the end of a bench: where the log is and how many error-like lines. */
export function describeLog(label: string, scan: LogScan): string {
  const head = `${label} log: ${scan.file} (${scan.lines} lines, ${scan.errorLines} look like errors)`;
  return [head, ...scan.samples.map((s) => `  ${String(s.count).padStart(6)} × ${s.line}`)].join(
    '\n',
  );
}
