// Small formatting helpers: durations, ages, numbers, status glyphs, element building.

export function el(tag, attrs, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k === 'class') e.className = v;
    else if (k === 'text') e.textContent = v;
    else if (k.startsWith('on')) e.addEventListener(k.slice(2), v);
    else e.setAttribute(k, v === true ? '' : v);
  }
  for (const c of children.flat()) {
    if (c === null || c === undefined || c === false) continue;
    e.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return e;
}

export function duration(ms) {
  if (ms === null || ms === undefined || isNaN(ms)) return '–';
  if (ms < 1000) return Math.round(ms) + ' ms';
  const s = ms / 1000;
  if (s < 60) return (s < 10 ? s.toFixed(1) : Math.round(s)) + ' s';
  const m = s / 60;
  if (m < 60) return Math.floor(m) + ' min ' + Math.round(s % 60) + ' s';
  const h = m / 60;
  if (h < 48) return Math.floor(h) + ' h ' + Math.round(m % 60) + ' min';
  return Math.round(h / 24) + ' d';
}

export function age(iso) {
  if (!iso) return '–';
  const ms = Date.now() - Date.parse(iso);
  if (ms < 5000) return 'just now';
  return duration(ms).replace(/ \d+ (s|min)$/, '') + ' ago';
}

export function time(iso) {
  if (!iso) return '–';
  const d = new Date(iso);
  const sameDay = d.toDateString() === new Date().toDateString();
  return sameDay ? d.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit', second: '2-digit' })
    : d.toLocaleString([], { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' });
}

export const num = (n) => (n === null || n === undefined) ? '–' : Number(n).toLocaleString('en-US');

export function bytes(n) {
  if (n === null || n === undefined) return '–';
  const u = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let i = 0;
  while (n >= 1024 && i < u.length - 1) { n /= 1024; i++; }
  return (i === 0 ? n : n.toFixed(1)) + ' ' + u[i];
}

/** Status as shape, colour and word: never colour alone. */
const KINDS = {
  SUCCEEDED: ['●', 's-ok'], passed: ['●', 's-ok'], pass: ['●', 's-ok'], ok: ['●', 's-ok'], DELIVERED: ['●', 's-ok'],
  warn: ['▲', 's-warn'], warnings: ['▲', 's-warn'], CANCELLED: ['▲', 's-warn'], ABANDONED: ['▲', 's-warn'],
  FAILED: ['✕', 's-bad'], failed: ['✕', 's-bad'], fail: ['✕', 's-bad'], error: ['✕', 's-bad'],
  SKIPPED: ['○', 's-idle'], REFUSED: ['○', 's-idle'], none: ['○', 's-idle'], unknown: ['○', 's-idle'],
  RUNNING: ['◐', 's-run'], PENDING: ['◐', 's-run'],
  FRESH: ['●', 's-ok'], STALE: ['▲', 's-warn'], NEVER: ['○', 's-idle'], UNSCHEDULED: ['○', 's-idle'],
};

export function status(word, title) {
  const [glyph, cls] = KINDS[word] || (/^[A-Z]+$/.test(word || '') ? ['◐', 's-run'] : ['○', 's-idle']);
  return el('span', { class: 'status ' + cls, title: title || null, 'data-status': word },
    el('span', { 'aria-hidden': 'true' }, glyph), word || '–');
}

export const short = (id) => id ? String(id).slice(0, 8) : '–';

export function idWithCopy(id) {
  const b = el('button', { type: 'button', class: 'copy', 'aria-label': 'Copy run id ' + id, title: 'Copy ' + id,
    onclick: () => navigator.clipboard && navigator.clipboard.writeText(id).catch(() => {}) }, 'copy');
  return el('span', {}, el('code', { title: id }, short(id)), ' ', b);
}
