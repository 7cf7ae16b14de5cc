import { escapeHtml as e } from '../../../lib/mail/escape-html';
import type { CodeMailContent } from './code-mail-content';

// Mail clients ignore <style> blocks, external sheets and modern layout, so this is the
// time-tested subset: nested tables, inline styles, web-safe fonts, no images or links.
const FONT = "font-family:-apple-system,'Segoe UI',Roboto,Helvetica,Arial,sans-serif;";
const MONO = "font-family:'SFMono-Regular',Menlo,Consolas,'Courier New',monospace;";
const INK = '#111827';
const BRAND = '#4338ca';
const MUTED = '#4b5563';
const LINE = '#e5e7eb';
const PAGE = '#f3f4f6';

const text = (size: number, color: string, extra = '') =>
  `${FONT}font-size:${size}px;line-height:1.5;color:${color};${extra}`;

/** The HTML twin of the code mail; every value is escaped. */
export function renderCodeMailHtml(c: CodeMailContent): string {
  const rows = c.request
    .map(
      ([label, value]) => `<tr>
<td valign="top" style="${text(13, MUTED, 'padding:3px 16px 3px 0;white-space:nowrap;')}">${e(label)}</td>
<td valign="top" style="${text(13, INK, 'padding:3px 0;word-break:break-word;')}">${e(value)}</td>
</tr>`,
    )
    .join('\n');
  return `<!DOCTYPE html>
<html lang="${e(c.lang)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light">
<meta name="supported-color-schemes" content="light">
<title>${e(c.subject)}</title>
</head>
<body style="margin:0;padding:0;background-color:${PAGE};">
<div style="display:none;max-height:0;overflow:hidden;opacity:0;">${e(c.preview)}</div>
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="background-color:${PAGE};">
<tr><td align="center" style="padding:24px 12px;">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="max-width:520px;background-color:#ffffff;border:1px solid ${LINE};border-radius:8px;">
<tr><td style="${text(18, BRAND, `font-weight:700;padding:18px 28px;border-bottom:1px solid ${LINE};`)}">${e(c.product)}</td></tr>
<tr><td style="${text(16, INK, 'padding:28px 28px 12px;')}">${e(c.intro)}</td></tr>
<tr><td align="center" style="padding:8px 28px 16px;">
<table role="presentation" cellpadding="0" cellspacing="0" border="0"><tr>
<td style="${MONO}font-size:32px;line-height:1;font-weight:700;letter-spacing:8px;color:${INK};background-color:${PAGE};border-radius:6px;padding:16px 16px 16px 24px;">${e(c.code)}</td>
</tr></table>
</td></tr>
<tr><td style="${text(14, MUTED, 'padding:0 28px 24px;')}">${e(c.lifetime)}</td></tr>
<tr><td style="padding:0 28px 24px;">
<div style="${text(13, INK, 'font-weight:700;padding-bottom:4px;')}">${e(c.requestTitle)}</div>
<table role="presentation" cellpadding="0" cellspacing="0" border="0">
${rows}
</table>
</td></tr>
<tr><td style="${text(13, MUTED, `padding:16px 28px 24px;border-top:1px solid ${LINE};`)}"><strong style="color:${INK};">${e(c.notYouTitle)}</strong> ${e(c.notYou)}</td></tr>
</table>
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="max-width:520px;">
<tr><td style="${text(12, MUTED, 'padding:16px 28px;')}">${e(c.footer)}</td></tr>
</table>
</td></tr>
</table>
</body>
</html>
`;
}
