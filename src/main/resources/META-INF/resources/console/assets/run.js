// The selected run: state, phase timeline, live progress, parity report, changes, webhooks, events, receipt.
import { el, status, duration, time, num, bytes, idWithCopy } from './format.js';
import { timeline, phasesFromEvents } from './timeline.js';

function progressNode(p) {
  if (!p) return null;
  if (p.step === 'carry') {
    return el('div', { id: 'run-progress', 'data-rows': p.rows ?? '' },
      el('progress', { max: 1, value: p.fraction || 0, 'aria-label': 'Carry progress' }),
      el('div', { class: 'muted' }, `Carry: ${num(p.carriedVersions)} of ${num(p.versionsToCarry)} unchanged `
        + `dataset versions copied from live · ${num(p.rows)} rows`));
  }
  const frac = typeof p.fraction === 'number' ? p.fraction : null;
  const parts = [];
  if (p.rows !== undefined) parts.push(num(p.rows) + ' rows');
  if (p.bytes !== undefined) parts.push(bytes(p.bytes) + (p.totalBytes ? ' of ' + bytes(p.totalBytes) : ''));
  if (p.rowsPerSecond) parts.push(num(Math.round(p.rowsPerSecond)) + ' rows/s');
  if (p.etaMs !== undefined && p.etaMs !== null) parts.push('ETA ' + duration(p.etaMs));
  return el('div', { id: 'run-progress', 'data-rows': p.rows ?? '' },
    frac !== null ? el('progress', { max: 1, value: frac, 'aria-label': 'Load progress' }) : null,
    el('div', { class: 'muted' }, 'Load: ' + (frac !== null ? Math.round(frac * 100) + ' % · ' : '') + parts.join(' · ')));
}

function parityNode(parity) {
  if (!parity) return null;
  const versions = parity.datasetVersions || [];
  const findings = parity.findings || [];
  const rows = versions.map((v) => {
    const mine = findings.filter((f) => f.datasetVersionId === v.datasetVersionId);
    const issues = (v.geometryIssues || []).slice(0, 5).map((g) => `id ${g.featureId}: ${g.problem}${g.reason ? ' (' + g.reason + ')' : ''}`);
    return el('tr', { 'data-version': v.datasetVersionId },
      el('td', { 'data-label': 'Version' }, el('code', {}, v.datasetVersionId)),
      el('td', { class: 'num', 'data-label': 'Declared' }, num(v.declaredCount)),
      el('td', { class: 'num', 'data-label': 'Rows' }, num(v.rows)),
      el('td', { 'data-label': 'Change' }, v.change || '–'),
      el('td', { 'data-label': 'Status' }, status(v.status)),
      el('td', { 'data-label': 'Findings' }, mine.length === 0 && issues.length === 0 ? '–'
        : el('ul', { class: 'findings' }, mine.map((f) => el('li', { 'data-rule': f.rule },
          status(f.severity), ' ', el('code', { class: 'chip' }, f.rule), ' ', f.message || '',
          f.expected !== undefined && f.expected !== null ? ` (expected ${f.expected}, actual ${f.actual})` : '')),
        issues.map((i) => el('li', {}, i)))));
  });
  const general = findings.filter((f) => !f.datasetVersionId).map((f) => el('li', { 'data-rule': f.rule },
    status(f.severity), ' ', el('code', { class: 'chip' }, f.rule), ' ', f.message || ''));
  const c = parity.changes;
  return el('div', { id: 'parity' },
    el('h3', {}, 'Parity ', status(parity.passed ? 'passed' : 'failed')),
    el('div', { class: 'scroll' }, el('table', { class: 'cards' },
      el('thead', {}, el('tr', {}, ['Dataset version', 'Declared', 'Rows', 'Change', 'Status', 'Findings']
        .map((h, i) => el('th', { class: i === 1 || i === 2 ? 'num' : null }, h)))),
      el('tbody', {}, rows))),
    general.length ? el('ul', { class: 'findings' }, general) : null,
    c ? el('p', { id: 'changes' }, 'Changes against live: ',
      `+${(c.added || []).length} added · ~${(c.changed || []).length} changed · −${(c.removed || []).length} removed · =${c.unchangedCount ?? 0} unchanged`) : null);
}

function webhooksNode(hooks) {
  if (!hooks || !hooks.length) return null;
  const ok = hooks.filter((h) => h.outcome === 'DELIVERED').length;
  return el('div', { id: 'webhooks' }, el('h3', {}, `Webhooks ${ok}/${hooks.length} delivered`),
    el('ul', {}, hooks.map((h) => el('li', {}, status(h.outcome), ' ', h.target, ` · ${h.attempts} attempt(s)`,
      h.status ? ` · HTTP ${h.status}` : '', h.error ? ' · ' + h.error : ''))));
}

function receiptNode(run) {
  if (!run.receipt) return null;
  const text = JSON.stringify(run.receipt, null, 2);
  const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
  return el('details', { id: 'receipt' }, el('summary', {}, 'Receipt ',
    el('a', { href: url, download: `receipt-${run.id}.json`, id: 'receipt-download' }, 'download JSON')),
  el('pre', { class: 'receipt', tabindex: '0' }, text));
}

/** @param run the run (GET /runs/{id}) merged with the rebuild view (GET /rebuilds/{id}) for rebuilds */
export function runDetail(run) {
  const r = run.receipt || {};
  const phases = (r.phases && r.phases.length) ? r.phases : phasesFromEvents(run.events, run.running);
  const p = run.progress;
  const note = p && run.running && run.phase === 'LOADING' ? [p.rowsPerSecond ? num(Math.round(p.rowsPerSecond)) + ' rows/s' : null,
    p.etaMs ? 'ETA ' + duration(p.etaMs) : null].filter(Boolean).join(' · ') : null;
  const took = run.finishedAt ? Date.parse(run.finishedAt) - Date.parse(run.startedAt) : Date.now() - Date.parse(run.startedAt);
  const data = r.data;
  return el('div', { 'data-run-id': run.id, 'data-state': run.state, 'data-outcome': run.outcome || '' },
    el('div', { class: 'kv' },
      el('span', { id: 'run-state' }, status(run.outcome || (run.running ? 'RUNNING' : run.state)),
        run.running && run.phase ? ' ' + run.phase : ''),
      el('span', {}, el('strong', {}, run.kind), ' ', idWithCopy(run.id)),
      el('span', { title: run.startedAt }, 'started ' + time(run.startedAt)),
      el('span', { title: took + ' ms' }, (run.running ? 'running for ' : 'took ') + duration(took)),
      el('span', {}, `${run.trigger || ''} ${run.triggeredBy || ''}`),
      run.generation ? el('span', {}, 'generation ' + run.generation) : null,
      data ? el('span', { id: 'run-data' }, `live ${data.live}${data.generation ? ' → ' + data.generation : ''}, shadow ${data.shadow}`) : null),
    run.error ? el('div', { class: 'problem', id: 'run-error', 'data-rule': run.error.rule || '' },
      el('strong', {}, run.error.code || 'error'), ' ', run.error.rule ? el('code', { class: 'chip' }, run.error.rule) : null,
      el('div', {}, run.error.message || '')) : null,
    r.summary ? el('p', {}, r.summary) : null,
    run.running ? progressNode(p) : null,
    phases.length ? timeline(phases, note) : null,
    parityNode(run.parity || r.parity),
    webhooksNode(run.webhooks),
    run.events ? el('details', { id: 'events', open: run.running || null }, el('summary', {}, `Events (${run.events.length})`),
      el('ol', { class: 'events' }, run.events.map((e) => el('li', {}, el('span', { class: 'muted', title: e.at }, time(e.at)), ' ',
        el('code', {}, e.state), ' ', e.message || '')))) : null,
    receiptNode(run));
}
