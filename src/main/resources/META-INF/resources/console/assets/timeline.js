// The phase timeline: one row per phase, bars on one time axis, to scale, each labelled with its duration.
import { duration } from './format.js';

const NS = 'http://www.w3.org/2000/svg';

function svg(tag, attrs, text) {
  const e = document.createElementNS(NS, tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  if (text !== undefined) e.textContent = text;
  return e;
}

/**
 * @param phases [{phase, startedAt, durationMs, status}] where status is completed, skipped, failed,
 *   cancelled or running (a running phase's duration is "so far")
 * @param note text shown after the running phase's label (rows/s, ETA)
 */
export function timeline(phases, note) {
  const list = phases.filter((p) => p.startedAt);
  const t0 = Math.min(...list.map((p) => Date.parse(p.startedAt)));
  const end = Math.max(...list.map((p) => Date.parse(p.startedAt) + (p.durationMs || 0)));
  const span = Math.max(end - t0, 1);
  const W = 760, left = 96, right = 150, rowH = 20, top = 4;
  const plot = W - left - right;
  const H = top + list.length * rowH + 18;
  const root = svg('svg', { viewBox: `0 0 ${W} ${H}`, class: 'timeline', role: 'img', id: 'timeline',
    'aria-label': 'Phase timeline: ' + list.map((p) => `${p.phase} ${duration(p.durationMs)}`).join(', ') });
  list.forEach((p, i) => {
    const y = top + i * rowH;
    const x = left + (Date.parse(p.startedAt) - t0) / span * plot;
    const w = Math.max((p.durationMs || 0) / span * plot, 2);
    const g = svg('g', { 'data-phase': p.phase, 'data-status': p.status });
    g.append(svg('title', {}, `${p.phase}: ${p.durationMs} ms (${p.status})`));
    g.append(svg('text', { x: 0, y: y + 13 }, p.phase));
    g.append(svg('rect', { x: x.toFixed(1), y: y + 3, width: w.toFixed(1), height: rowH - 7, rx: 2,
      class: 'bar-' + (p.status || 'completed') }));
    const label = duration(p.durationMs) + (p.status === 'running' && note ? ' · ' + note : '')
      + (p.status !== 'completed' && p.status !== 'running' ? ' · ' + p.status : '');
    g.append(svg('text', { x: (x + w + 4).toFixed(1), y: y + 13 }, label));
    root.append(g);
  });
  const ay = top + list.length * rowH + 2;
  root.append(svg('line', { x1: left, y1: ay, x2: left + plot, y2: ay, class: 'axis' }));
  root.append(svg('text', { x: left, y: ay + 13 }, '0'));
  root.append(svg('text', { x: left + plot, y: ay + 13, 'text-anchor': 'end' }, duration(span)));
  return root;
}

/** Phases of a run still going, from its events: each phase lasts until the next event's time. */
export function phasesFromEvents(events, running) {
  const names = ['LOCKED', 'PREPARING', 'MIGRATING', 'LOADING', 'INDEXING', 'VALIDATING', 'SWAPPING'];
  // a phase may log more than one event: it starts at its first
  const ev = (events || []).filter((e, i, all) => names.includes(e.state)
    && !all.slice(0, i).some((x) => x.state === e.state));
  const all = events || [];
  return ev.map((e, i) => {
    const next = all.find((x) => all.indexOf(x) > all.indexOf(e) && x.state !== e.state);
    const last = i === ev.length - 1;
    const endAt = next ? Date.parse(next.at) : (running ? Date.now() : Date.parse(e.at));
    return { phase: e.state, startedAt: e.at, durationMs: Math.max(endAt - Date.parse(e.at), 0),
      status: last && running && !next ? 'running' : 'completed' };
  });
}
