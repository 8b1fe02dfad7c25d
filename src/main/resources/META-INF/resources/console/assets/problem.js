// Problems from the API (RFC 9457): title and detail, the rule as a code chip, a link to the run.
import { el, short } from './format.js';

export function problemNode(e) {
  const b = (e && e.body) || {};
  const run = b.runId ? el('a', { href: '/console/runs/' + b.runId, 'data-run-link': b.runId }, 'run ' + short(b.runId)) : null;
  return el('div', { class: 'problem', 'data-rule': b.rule || '' },
    el('strong', {}, b.title || 'Request failed'), e.status ? ` (${e.status})` : '',
    b.rule ? [' ', el('code', { class: 'chip' }, b.rule)] : null,
    el('div', {}, b.detail || e.message || ''), run ? el('div', {}, 'See ', run) : null);
}
