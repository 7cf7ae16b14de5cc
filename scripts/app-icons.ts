/**
 * Draws the APP's icons (the PWA manifest's 192 and 512 px, a 512 px maskable one and the
 * 180 px Apple touch icon) from SVG with Chromium, into client/public/app/icons/. Run once
 * after changing the artwork (`npx tsx scripts/app-icons.ts`); the PNGs are committed.
 */
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { chromium } from 'playwright-core';

const out = resolve(import.meta.dirname, '../client/public/app/icons');
const INDIGO = '#4f46e5';
const NIGHT = '#1e1b4b';
/** The Gatehouse mark's house, drawn in a 32-unit box (see client/ui/icons.tsx, LogoMark). */
const HOUSE = 'M8 25V13l8-6 8 6v12h-5v-7h-6v7z';

/** The rounded mark on a transparent ground: the "any" purpose icon. */
const anyIcon = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32">
  <rect width="32" height="32" rx="7" fill="${INDIGO}"/>
  <path d="${HOUSE}" fill="#fff"/>
</svg>`;

/**
 * Maskable: the ground fills the square (launchers cut their own shape) and the house stays
 * inside the safe zone, the centred circle of 40 % radius. The house spans 16 × 18 units around
 * the centre; at 0.8 scale it is 12.8 × 14.4 of 32 (40 % × 45 %), so its farthest corner lies
 * 0.30 of the size from the centre, inside 0.40.
 */
const maskableIcon = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32">
  <rect width="32" height="32" fill="${INDIGO}"/>
  <g transform="translate(16 16) scale(0.8) translate(-16 -16)">
    <path d="${HOUSE}" fill="#fff"/>
  </g>
</svg>`;

/** Apple draws no transparency: a full square on the night colour of the APP bar. */
const appleIcon = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32">
  <rect width="32" height="32" fill="${NIGHT}"/>
  <rect x="5" y="5" width="22" height="22" rx="5" fill="${INDIGO}"/>
  <g transform="translate(16 16) scale(0.62) translate(-16 -16)">
    <path d="${HOUSE}" fill="#fff"/>
  </g>
</svg>`;

const ICONS = [
  { file: 'icon-192.png', svg: anyIcon, size: 192 },
  { file: 'icon-512.png', svg: anyIcon, size: 512 },
  { file: 'maskable-512.png', svg: maskableIcon, size: 512 },
  { file: 'apple-touch-icon.png', svg: appleIcon, size: 180 },
];

async function main() {
  mkdirSync(out, { recursive: true });
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu'],
  });
  try {
    for (const icon of ICONS) {
      const page = await browser.newPage({ viewport: { width: icon.size, height: icon.size } });
      const sized = icon.svg.replace('<svg ', `<svg width="${icon.size}" height="${icon.size}" `);
      await page.setContent(
        `<html><body style="margin:0;background:transparent">${sized}</body></html>`,
      );
      await page.screenshot({ path: join(out, icon.file), omitBackground: true });
      await page.close();
      console.log(`wrote ${icon.file} (${icon.size}×${icon.size})`);
    }
  } finally {
    await browser.close();
  }
}

await main();
