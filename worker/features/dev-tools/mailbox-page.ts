import { OUTBOX_KEEP, type OutboxMessage } from '../../lib/mail/dev-outbox';
import { escapeHtml as e } from '../../lib/mail/escape-html';
import { DEV_OUTBOX_PATH, MAILBOX_PAGE_PATH } from './dev-tools.contract';

/** The page shows this many of the kept mails; the JSON API answers all of them. */
export const MAILBOX_PAGE_LIMIT = 50;

/**
 * No script runs on the page or in the mails. Inline styles are the page's own and the mails'
 * (a `srcdoc` frame inherits this policy).
 */
export const MAILBOX_PAGE_CSP =
  "default-src 'none'; style-src 'unsafe-inline'; img-src data:; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

/** The development mailbox: the outbox's mails, newest first, optionally for one recipient. */
export function renderMailboxPage({ messages, to }: { messages: OutboxMessage[]; to: string }) {
  const shown = messages.slice(0, MAILBOX_PAGE_LIMIT);
  const count =
    messages.length > shown.length
      ? `Newest ${shown.length} of ${messages.length} mails`
      : `${messages.length} ${messages.length === 1 ? 'mail' : 'mails'}`;
  return `<!DOCTYPE html>
<html lang="en" data-gatehouse-mailbox>
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Dev mailbox · Gatehouse</title>
<style>${STYLE}</style>
</head>
<body>
<header class="top">
<div class="bar">
<h1>Gatehouse <span>dev mailbox</span></h1>
<form method="get" action="${MAILBOX_PAGE_PATH}" role="search">
<label for="to">Recipient</label>
<input id="to" name="to" type="search" value="${e(to)}" placeholder="user@example.com" autocomplete="off">
<button type="submit">Filter</button>
</form>
</div>
<p class="note">${e(count)}${to ? ` to <strong>${e(to)}</strong>` : ''}, newest first · <a href="${MAILBOX_PAGE_PATH}${to ? `?to=${e(encodeURIComponent(to))}` : ''}">Refresh</a>${to ? ` · <a href="${MAILBOX_PAGE_PATH}">All recipients</a>` : ''}</p>
</header>
<main>
${shown.length === 0 ? `<p class="empty">No mail${to ? ' to this recipient' : ''} yet.</p>` : shown.map(renderMessage).join('\n')}
</main>
<footer>Mails sent while <code>RESEND_API_KEY</code> is unset land here (the latest ${OUTBOX_KEEP} are kept). This page and <code>GET ${DEV_OUTBOX_PATH}</code> exist only in development builds.</footer>
</body>
</html>
`;
}

function renderMessage(m: OutboxMessage): string {
  return `<article>
<header>
<h2>${e(m.subject)}</h2>
<p><span class="item"><b>To</b> <a href="${MAILBOX_PAGE_PATH}?to=${e(encodeURIComponent(m.to))}">${e(m.to)}</a></span>
<span class="item"><b>Sent</b> <time datetime="${e(m.sentAt)}">${e(m.sentAt.replace('T', ' ').replace(/\.\d+Z$/, ' UTC'))}</time></span></p>
</header>
<div class="bodies">
<iframe sandbox="" srcdoc="${e(m.html)}" title="HTML of “${e(m.subject)}”"></iframe>
<details open>
<summary>Plain text</summary>
<pre>${e(m.text)}</pre>
</details>
</div>
</article>`;
}

const STYLE = `
*{box-sizing:border-box}
body{margin:0;font:15px/1.5 system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;color:#161a2d;background:#f6f7fb}
.top{background:#fff;border-bottom:1px solid #e3e6ef;padding:12px 16px}
.bar{display:flex;flex-wrap:wrap;gap:8px 24px;align-items:center;justify-content:space-between;max-width:1200px;margin:0 auto}
h1{font-size:18px;margin:0}h1 span{color:#5f6680;font-weight:500}
form{display:flex;gap:8px;align-items:center;flex:1 1 300px;justify-content:flex-end}
label{font-size:13px;color:#5f6680}
input{flex:1 1 auto;max-width:320px;min-width:0;font:inherit;padding:6px 10px;border:1px solid #c9cede;border-radius:8px}
button{font:inherit;padding:6px 14px;border:0;border-radius:8px;background:#4f46e5;color:#fff;cursor:pointer}
a{color:#4338ca}
.note{max-width:1200px;margin:8px auto 0;font-size:13px;color:#5f6680}
code{font-size:12px;background:#f1f3f9;padding:1px 4px;border-radius:4px}
main{max-width:1200px;margin:0 auto;padding:16px}
.empty{color:#5f6680;text-align:center;padding:48px 0}
article{background:#fff;border:1px solid #e3e6ef;border-radius:10px;margin:0 0 16px;overflow:hidden}
article>header{padding:12px 16px;border-bottom:1px solid #e3e6ef}
h2{font-size:16px;margin:0 0 4px;overflow-wrap:anywhere}
article>header p{margin:0;font-size:13px;color:#5f6680;display:flex;flex-wrap:wrap;gap:0 16px}
.item{overflow-wrap:anywhere}.item b{color:#161a2d;margin-right:4px}
.bodies{display:grid;grid-template-columns:minmax(0,1fr)}
iframe{display:block;width:100%;height:680px;border:0;background:#f3f4f6}
details{border-top:1px solid #e3e6ef;padding:8px 16px 12px}
summary{cursor:pointer;font-size:13px;color:#5f6680}
pre{margin:8px 0 0;font:13px/1.5 ui-monospace,Menlo,Consolas,monospace;white-space:pre-wrap;overflow-wrap:anywhere}
footer{max-width:1200px;margin:0 auto;padding:0 16px 32px;font-size:13px;color:#5f6680}
@media (min-width:1000px){
.top{position:sticky;top:0;z-index:1}
.bodies{grid-template-columns:minmax(0,600px) minmax(0,1fr)}
iframe{height:600px}
details{border-top:0;border-left:1px solid #e3e6ef;padding:12px 16px}
}
`;
