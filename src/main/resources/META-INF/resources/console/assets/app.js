// The console: what is live, is it healthy, what happened last; and, for operators, the actions.
import { api, token } from './api.js';
import { el, status, duration, age, time, num, short, idWithCopy } from './format.js';
import { problemNode } from './problem.js';
import { runDetail } from './run.js';
import { openRebuild, openRollback, openValidate, openPrune, openCancel } from './actions.js';

const $ = (id) => document.getElementById(id);
const PAGE = 15;
const state = { runsPage: 0, auditPage: 0, projection: null, selected: null, selectedRun: null, timer: null,
  details: new Map(), who: null, diff: null };

function showError(e) {
  const box = $('error');
  if (!e) { box.hidden = true; box.replaceChildren(); return; }
  if (e.status === 401) {
    token.clear();
    state.who = null;
    clearTimeout(state.timer);
    showTokenForm('The service did not accept the token (' + (e.body.detail || 'unauthorized') + '). Paste another one.');
    return;
  }
  box.replaceChildren(problemNode(e));
  box.hidden = false;
}

function showTokenForm(message) {
  $('token-band').hidden = false;
  $('overview').hidden = true;
  $('audit-band').hidden = true;
  $('role').hidden = true;
  $('signout').hidden = true;
  $('principal').textContent = message || '';
  $('token-input').value = '';
  $('token-input').focus();
}

/** A run's full record; finished runs never change, so they are asked for once. */
async function detail(id, kindHint) {
  if (state.details.has(id)) return state.details.get(id);
  let run = await api('GET', '/runs/' + id);
  if (run.kind === 'rebuild') run = { ...run, ...(await api('GET', '/rebuilds/' + id)) };
  if (!run.running) state.details.set(id, run);
  return run;
}

function parityWord(receipt) {
  const p = receipt && receipt.parity;
  if (!p) return 'unknown';
  if (!p.passed) return 'failed';
  return p.totals && p.totals.warnings > 0 ? 'warn' : 'passed';
}

function generationCard(label, id, g, run, extra, freshness) {
  if (!g) {
    return el('div', { class: 'gen', id }, el('h3', {}, label), el('div', { class: 'muted' }, extra || '(none)'));
  }
  const receipt = run && run.receipt;
  const versions = receipt && receipt.parity ? receipt.parity.datasetVersions || [] : [];
  return el('div', { class: 'gen', id, 'data-generation': g.number },
    el('h3', {}, label),
    el('div', {}, el('span', { class: 'big' }, 'gen ' + g.number), ' ', status(parityWord(receipt), 'parity of this generation')),
    el('dl', {},
      el('dt', {}, 'Rows'), el('dd', { class: 'rows' }, num(g.rowCount)),
      el('dt', {}, 'Versions'), el('dd', { class: 'versions', title: versions.map((v) => v.datasetVersionId).join('\n') },
        versions.length ? `${versions.length}: ${versions.slice(0, 3).map((v) => v.datasetVersionId).join(', ')}${versions.length > 3 ? ', …' : ''}` : '–'),
      el('dt', {}, 'Migration'), el('dd', {}, g.migrationVersion || '–'),
      el('dt', {}, 'Catalog'), el('dd', {}, el('code', { title: g.catalogDigest || '' }, (g.catalogDigest || '–').slice(0, 19))),
      g.swappedInAt ? [el('dt', {}, 'Swapped'), el('dd', { title: g.swappedInAt }, age(g.swappedInAt) + ' · ' + time(g.swappedInAt))] : null,
      freshness ? [el('dt', {}, 'Freshness'), el('dd', { id: 'freshness', title: freshness.nextTickAt ? 'next scheduled rebuild ' + freshness.nextTickAt : '' },
        status(freshness.state, 'against the rebuild schedule'), ' ', el('span', { class: 'muted' }, freshness.summary))] : null,
      g.runId ? [el('dt', {}, 'By run'), el('dd', {}, el('a', { href: '/console/runs/' + g.runId }, short(g.runId)),
        run ? ` (${run.trigger} ${run.triggeredBy})` : '')] : null));
}

/** The run that kept the shadow the service reports (GET /projection's keptShadow), with its receipt. */
async function keptShadow(p) {
  if (!p.keptShadow) return null;
  const d = p.keptShadow.runId ? await detail(p.keptShadow.runId).catch(() => null) : null;
  return { schema: p.keptShadow.schema, run: d };
}

/** The kept shadow a diff was asked for: a new one (another run kept it) asks again. */
const diffKey = (p) => p.keptShadow ? p.keptShadow.schema + '@' + (p.keptShadow.runId || '') : null;

/** GET /projection/diff live -> shadow: what the shadow would change, per dataset version (kfm-projection diff). */
async function compareShadow(key) {
  state.diff = { key, loading: true };
  $('shadow-diff').replaceChildren(diffNode(key));
  try {
    state.diff = { key, data: await api('GET', '/projection/diff?from=live&to=shadow&limit=5') };
  } catch (e) {
    state.diff = { key, error: e };
  }
  const box = $('shadow-diff');
  if (box) box.replaceChildren(diffNode(key));
}

function diffNode(key) {
  const d = state.diff;
  if (!d || d.key !== key) return el('span');
  if (d.loading) return el('p', { class: 'muted' }, 'comparing…');
  if (d.error) return problemNode(d.error);
  const ids = (label, n, list) => n ? `${label} ${num(n)}${list.length ? ': ' + list.join(', ') + (n > list.length ? ', …' : '') : ''}` : null;
  return el('table', { id: 'shadow-diff-table' },
    el('caption', {}, `live → shadow: ${num(d.data.added)} added, ${num(d.data.removed)} removed, ${num(d.data.changed)} changed`),
    el('thead', {}, el('tr', {}, el('th', { scope: 'col' }, 'Dataset version'), el('th', { scope: 'col' }, 'Rows'),
      el('th', { scope: 'col' }, 'Differences'))),
    el('tbody', {}, d.data.versions.map((v) => el('tr', { 'data-version': v.datasetVersionId },
      el('td', {}, el('code', {}, v.datasetVersionId)), el('td', {}, `${num(v.fromRows)} → ${num(v.toRows)}`),
      el('td', {}, [ids('added', v.added, v.addedIds), ids('removed', v.removed, v.removedIds),
        ids('changed', v.changed, v.changedIds)].filter(Boolean).join('; ') || 'unchanged')))));
}

async function renderProjection() {
  const p = await api('GET', '/projection');
  state.projection = p;
  $('projection-name').textContent = '· ' + p.projection;
  const [liveRun, prevRun, shadow] = await Promise.all([
    p.live && p.live.runId ? detail(p.live.runId).catch(() => null) : null,
    p.previous && p.previous.runId ? detail(p.previous.runId).catch(() => null) : null,
    keptShadow(p).catch(() => null)]);
  const cards = [];
  if (!p.live) {
    cards.push(el('div', { class: 'gen', id: 'live' }, el('h3', {}, 'Live'), el('div', { class: 'big' }, 'No generation yet'),
      el('p', {}, state.who.operator ? 'Start the first rebuild with Rebuild… below, or run ' : 'An operator makes the first one: ',
        el('code', {}, 'bin/kfm-projection rebuild'))));
  } else {
    cards.push(generationCard('Live', 'live', p.live, liveRun, null, p.freshness));
  }
  cards.push(generationCard('Previous', 'previous', p.previous, prevRun));
  if (shadow) {
    const run = shadow.run;
    const why = !run ? 'left by a process that died mid-run'
      : run.outcome === 'FAILED' ? 'kept after a failed run'
      : run.outcome === 'CANCELLED' ? 'kept after a cancel' : 'kept (no swap asked)';
    cards.push(el('div', { class: 'gen', id: 'shadow', 'data-schema': shadow.schema },
      el('h3', {}, 'Kept shadow'), el('div', {}, el('code', {}, shadow.schema), ' ', run ? status(parityWord(run.receipt)) : null),
      el('dl', {}, el('dt', {}, 'Why'), el('dd', {}, why),
        run && run.error ? [el('dt', {}, 'Rule'), el('dd', {}, el('code', { class: 'chip' }, run.error.rule))] : null,
        run ? [el('dt', {}, 'By run'), el('dd', {}, el('a', { href: '/console/runs/' + run.id }, short(run.id)), ' ', time(run.finishedAt))] : null),
      el('button', { type: 'button', id: 'shadow-diff-go', onclick: () => compareShadow(diffKey(p)) }, 'Compare with live'),
      el('div', { id: 'shadow-diff', 'aria-live': 'polite' }, diffNode(diffKey(p)))));
  } else {
    cards.push(el('div', { class: 'gen', id: 'shadow' }, el('h3', {}, 'Kept shadow'), el('div', { class: 'muted' }, '(none)')));
  }
  $('generations').replaceChildren(...cards);
  const acts = $('projection-actions');
  if (state.who.operator) {
    acts.replaceChildren(
      el('button', { type: 'button', id: 'act-validate', onclick: () => openValidate(p, shadow, afterAction) }, 'Validate…'),
      p.previous ? el('button', { type: 'button', id: 'act-rollback', onclick: () => openRollback(p, afterAction) }, 'Rollback…') : null,
      el('button', { type: 'button', id: 'act-prune', onclick: () => openPrune(p, afterAction) }, 'Prune…'));
  } else {
    acts.replaceChildren();
  }
  $('can-act').textContent = state.who.operator ? ''
    : 'Read-only: this token has the viewer role. Rebuild, cancel, rollback, validate and prune need the operator role.';
}

async function renderRuns() {
  const kind = $('filter-kind').value;
  const outcome = $('filter-outcome').value;
  const q = new URLSearchParams({ page: state.runsPage, size: PAGE });
  if (kind) q.set('kind', kind);
  if (outcome) q.set('outcome', outcome);
  const page = await api('GET', '/runs?' + q);
  const rows = page.items.map((r) => {
    const took = r.finishedAt ? Date.parse(r.finishedAt) - Date.parse(r.startedAt) : null;
    const open = () => select(r.id, true);
    return el('tr', { 'data-run-id': r.id, 'data-outcome': r.outcome || 'RUNNING', class: r.id === state.selected ? 'selected' : null,
      onclick: open },
      el('td', { 'data-label': 'Status' }, status(r.outcome || 'RUNNING', r.state)),
      el('td', { 'data-label': 'Kind' }, r.kind),
      el('td', { 'data-label': 'Started', title: r.startedAt }, time(r.startedAt)),
      el('td', { class: 'num', 'data-label': 'Took', title: took === null ? 'running' : took + ' ms' }, took === null ? 'running' : duration(took)),
      el('td', { 'data-label': 'Trigger' }, `${r.trigger} ${r.triggeredBy}`),
      el('td', { 'data-label': 'Result' }, r.error ? el('code', { class: 'chip' }, r.error.rule || r.error.code)
        : r.generation ? 'gen ' + r.generation : ''),
      el('td', {}, el('a', { href: '/console/runs/' + r.id, 'aria-label': 'Open run ' + short(r.id),
        onclick: (ev) => { ev.preventDefault(); ev.stopPropagation(); open(); } }, short(r.id))));
  });
  $('runs').replaceChildren(rows.length ? el('table', { class: 'cards', id: 'runs-table' },
    el('thead', {}, el('tr', {}, ['Status', 'Kind', 'Started', 'Took', 'Trigger', 'Result', 'Run']
      .map((h) => el('th', { class: h === 'Took' ? 'num' : null }, h)))),
    el('tbody', {}, rows)) : el('p', { class: 'muted' }, 'No runs match.'));
  const pages = Math.max(1, Math.ceil(page.total / PAGE));
  $('runs-page').textContent = `page ${state.runsPage + 1} of ${pages} · ${page.total} runs`;
  $('runs-prev').disabled = state.runsPage === 0;
  $('runs-next').disabled = state.runsPage + 1 >= pages;
  $('runs-actions').replaceChildren(state.who.operator
    ? el('button', { type: 'button', id: 'act-rebuild', class: 'primary', onclick: () => openRebuild(state.projection, afterAction) }, 'Rebuild…')
    : []);
  return page.items.some((r) => r.running);
}

async function renderRun() {
  if (!state.selected) { $('run-band').hidden = true; return false; }
  const wasRunning = state.selectedRun && state.selectedRun.id === state.selected && state.selectedRun.running;
  const run = await detail(state.selected);
  state.selectedRun = run;
  $('run-band').hidden = false;
  $('run-title').textContent = `Run ${short(run.id)} · ${run.kind}`;
  $('run-detail').replaceChildren(runDetail(run));
  $('run-actions').replaceChildren(state.who.operator && run.running && run.kind === 'rebuild'
    ? el('button', { type: 'button', id: 'act-cancel', class: 'danger', onclick: () => openCancel(run, state.projection, afterAction) }, 'Cancel run…') : []);
  if (wasRunning && !run.running) $('announce').textContent = `Run ${short(run.id)} ended ${run.outcome}`;
  return run.running;
}

async function renderAudit() {
  const page = await api('GET', `/audit?page=${state.auditPage}&size=${PAGE}`);
  const rows = page.items.map((a) => el('tr', { 'data-action': a.action, 'data-outcome': a.outcome },
    el('td', { 'data-label': 'When', title: a.at }, time(a.at)),
    el('td', { 'data-label': 'Who' }, a.principal),
    el('td', { 'data-label': 'Action' }, el('code', {}, a.action)),
    el('td', { 'data-label': 'Outcome' }, status(a.outcome.split(':')[0] === 'succeeded' || a.outcome === 'accepted' ? 'ok'
      : a.outcome.startsWith('failed') ? 'failed' : 'REFUSED', a.outcome), ' ', a.outcome),
    el('td', { 'data-label': 'Run' }, a.runId ? el('a', { href: '/console/runs/' + a.runId }, short(a.runId)) : '–',
      a.holderRunId ? [' held by ', el('a', { href: '/console/runs/' + a.holderRunId }, short(a.holderRunId))] : null),
    el('td', { 'data-label': 'Arguments' }, a.arguments && Object.keys(a.arguments).length ? el('code', {}, JSON.stringify(a.arguments)) : '')));
  $('audit').replaceChildren(rows.length ? el('div', { class: 'scroll' }, el('table', { class: 'cards', id: 'audit-table' },
    el('thead', {}, el('tr', {}, ['When', 'Who', 'Action', 'Outcome', 'Run', 'Arguments'].map((h) => el('th', {}, h)))),
    el('tbody', {}, rows))) : el('p', { class: 'muted' }, 'Nothing audited yet: no action has been taken through the API.'));
  const pages = Math.max(1, Math.ceil(page.total / PAGE));
  $('audit-page').textContent = `page ${state.auditPage + 1} of ${pages} · ${page.total} entries`;
  $('audit-prev').disabled = state.auditPage === 0;
  $('audit-next').disabled = state.auditPage + 1 >= pages;
}

function schedule(busy) {
  clearTimeout(state.timer);
  // while the selected run loads, poll twice a second so its progress is seen moving
  const loading = state.selectedRun && state.selectedRun.running;
  state.timer = setTimeout(refresh, loading ? 500 : busy ? 1000 : 10000);
}

async function refresh() {
  try {
    if (location.pathname === '/console/audit') {
      await renderAudit();
      showError(null);
      schedule(false);
      return;
    }
    const [, runsBusy, runBusy] = await Promise.all([renderProjection(), renderRuns(), renderRun()]);
    showError(null);
    schedule(runsBusy || runBusy || (state.projection && state.projection.rebuildRunning));
  } catch (e) {
    showError(e);
    if (state.who) schedule(false);
  }
}

function select(id, push) {
  state.selected = id;
  if (push) history.pushState({}, '', '/console/runs/' + id);
  document.querySelectorAll('#runs-table tbody tr').forEach((tr) => tr.classList.toggle('selected', tr.dataset.runId === id));
  refresh().then(() => { const b = $('run-band'); if (push && b) b.scrollIntoView({ block: 'nearest' }); });
}

function afterAction(answer) {
  state.details.clear();
  if (answer && answer.runId) select(answer.runId, true); else refresh();
}

function route() {
  const path = location.pathname;
  const audit = path === '/console/audit';
  $('overview').hidden = audit;
  $('audit-band').hidden = !audit;
  $('nav-overview').toggleAttribute('aria-current', !audit);
  $('nav-audit').toggleAttribute('aria-current', audit);
  if (!audit) $('nav-overview').setAttribute('aria-current', 'page'); else $('nav-audit').setAttribute('aria-current', 'page');
  const m = path.match(/^\/console\/runs\/([0-9a-fA-F-]{36})$/);
  state.selected = m ? m[1].toLowerCase() : null;
  if (!m) state.selectedRun = null;
  refresh();
}

/** Asks the service who the token (pasted, or injected by an auth proxy) names; without one, asks for it. */
async function start() {
  try {
    const me = await api('GET', '/me');
    if (me.roles.length === 0) {
      const had = token.get();
      token.clear();
      showTokenForm(had || me.principal ? `The token of ${me.principal || 'this caller'} has neither the viewer nor the operator role. Paste another one.` : '');
      return;
    }
    state.who = { name: me.principal, operator: me.roles.includes('operator'), viewer: true };
  } catch (e) {
    showError(e);
    return;
  }
  $('token-band').hidden = true;
  $('role').hidden = false;
  $('role').textContent = state.who.operator ? 'operator' : 'viewer';
  $('principal').textContent = state.who.name;
  $('signout').hidden = !token.get();
  route();
}

// Internal links navigate without a reload.
document.addEventListener('click', (ev) => {
  const a = ev.target.closest && ev.target.closest('a[href^="/console"]');
  if (!a || ev.defaultPrevented || ev.button !== 0 || ev.metaKey || ev.ctrlKey || ev.shiftKey) return;
  ev.preventDefault();
  history.pushState({}, '', a.getAttribute('href'));
  if (state.who) route();
});
window.addEventListener('popstate', () => state.who && route());
$('token-form').addEventListener('submit', (ev) => {
  ev.preventDefault();
  const t = $('token-input').value.trim();
  $('token-input').value = '';
  if (!t) return;
  token.set(t);
  start();
});
$('signout').addEventListener('click', () => { token.clear(); state.who = null; clearTimeout(state.timer); showTokenForm(''); });
$('filter-kind').addEventListener('change', () => { state.runsPage = 0; refresh(); });
$('filter-outcome').addEventListener('change', () => { state.runsPage = 0; refresh(); });
$('runs-prev').addEventListener('click', () => { state.runsPage--; refresh(); });
$('runs-next').addEventListener('click', () => { state.runsPage++; refresh(); });
$('audit-prev').addEventListener('click', () => { state.auditPage--; refresh(); });
$('audit-next').addEventListener('click', () => { state.auditPage++; refresh(); });
if (location.pathname === '/') history.replaceState({}, '', '/console');
start();
