/**
 * A short, human name for a user agent string ("Chrome on Windows"), for the sessions list and
 * the code mail. Unrecognised agents keep their first product token ("curl/8.5.0"), which is
 * client-chosen text: callers escape it like any other value.
 */
export function describeUserAgent(ua: string | null | undefined): string {
  if (!ua?.trim()) return 'Unknown device';
  const browser = BROWSERS.find(([pattern]) => pattern.test(ua))?.[1] ?? firstToken(ua);
  const os = SYSTEMS.find(([pattern]) => pattern.test(ua))?.[1];
  return os ? `${browser} on ${os}` : browser;
}

// Order matters: Edge, Opera and Samsung Internet also say "Chrome", Chrome also says "Safari".
const BROWSERS: readonly [RegExp, string][] = [
  [/Edg(e|A|iOS)?\//, 'Edge'],
  [/OPR\/|Opera/, 'Opera'],
  [/SamsungBrowser\//, 'Samsung Internet'],
  [/Chrome\/|CriOS\//, 'Chrome'],
  [/Firefox\/|FxiOS\//, 'Firefox'],
  [/Safari\//, 'Safari'],
];

// iOS before macOS: iPad Safari may say "Macintosh", but iPhone and iPad agents say "like Mac OS X".
const SYSTEMS: readonly [RegExp, string][] = [
  [/Android/, 'Android'],
  [/iPhone|iPad|iPod/, 'iOS'],
  [/Windows/, 'Windows'],
  [/CrOS/, 'ChromeOS'],
  [/Mac OS X|Macintosh/, 'macOS'],
  [/Linux/, 'Linux'],
];

const firstToken = (ua: string) => ua.trim().split(/\s+/)[0]?.slice(0, 40) ?? 'Unknown device';
