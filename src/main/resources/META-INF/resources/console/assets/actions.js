// Operator actions, each behind a dialog that says what will happen and what stays.
import { api } from './api.js';
import { el, short } from './format.js';
import { confirmAction, check } from './dialog.js';

const gen = (g) => g ? 'generation ' + g.number : 'no generation';

export function openRebuild(p, done) {
  const live = p && p.live;
  const next = live ? ' (the next generation)' : '';
  const shrink = el('div', { class: 'field' }, el('label', { for: 'opt-allowShrink' }, 'Allow shrink to'),
    el('input', { type: 'number', id: 'opt-allowShrink', name: 'allowShrink', min: '0', max: '1', step: '0.05',
      placeholder: 'guard default', 'aria-describedby': 'shrink-hint' }),
    el('span', { id: 'shrink-hint', class: 'muted' }, 'fraction of live rows (0..1)'));
  confirmAction({
    title: 'Rebuild the projection',
    body: [
      el('p', {}, `Reads the catalog and loads a new shadow generation${next}, checks parity, and if it passes `
        + `makes it live. ${live ? gen(live) + ' becomes previous' + (p.previous ? '; ' + gen(p.previous) + ' is dropped' : '') + '.' : ''}`),
      el('p', { class: 'muted' }, 'A catalog that has not changed since live is skipped unless forced. Unchanged dataset versions are carried from live without reading their files, unless full. A failed parity check keeps the shadow and leaves live untouched.'),
      el('div', { class: 'field' }, el('label', { for: 'opt-catalog' }, 'Catalog'),
        el('input', { type: 'text', id: 'opt-catalog', name: 'catalog', placeholder: 'the configured catalog',
          spellcheck: 'false', 'aria-describedby': 'catalog-hint', size: '34' })),
      el('p', { id: 'catalog-hint', class: 'muted' }, 'Optional: a catalog URI or path under the allowed prefixes.'),
      check('force', 'Force', 'rebuild even when the catalog is unchanged (reads every file)'),
      check('full', 'Full', 'read every dataset version from its files; carry nothing from live'),
      check('noSwap', 'No swap', 'build and check the shadow, keep it, leave live as it is'),
      shrink],
    go: 'Start rebuild',
    action: async (form) => {
      const body = {};
      if (form.catalog.value.trim() !== '') body.catalog = form.catalog.value.trim();
      if (form.force.checked) body.force = true;
      if (form.full.checked) body.full = true;
      if (form.noSwap.checked) body.noSwap = true;
      if (form.allowShrink.value !== '') body.allowShrink = Number(form.allowShrink.value);
      const run = await api('POST', '/rebuilds', body);
      return { runId: run.id };
    },
  }, done);
}

export function openCancel(run, p, done) {
  confirmAction({
    title: 'Cancel run ' + short(run.id),
    body: [el('p', {}, `The rebuild stops at its next batch and ends CANCELLED. Live (${gen(p && p.live)}) is untouched; `
      + 'the partly built shadow is kept for inspection.')],
    go: 'Cancel run', danger: true,
    action: async () => { await api('POST', `/rebuilds/${run.id}/cancel`); return { runId: run.id }; },
  }, done);
}

export function openRollback(p, done) {
  confirmAction({
    title: 'Roll back to ' + gen(p.previous),
    body: [el('p', { id: 'rollback-what' }, `${gen(p.previous)[0].toUpperCase() + gen(p.previous).slice(1)} becomes live again. `
      + `${gen(p.live)[0].toUpperCase() + gen(p.live).slice(1)} is kept as previous; nothing is dropped.`),
    el('p', { class: 'muted' }, 'Readers see the switch in one transaction. Rolling back again swaps them back.')],
    go: `Roll back to generation ${p.previous.number}`, danger: true,
    action: async () => ({ runId: (await api('POST', '/projection/rollback')).runId }),
  }, done);
}

export function openValidate(p, shadow, done) {
  const options = [['live', 'Live (' + gen(p.live) + ')'], ['previous', 'Previous (' + gen(p.previous) + ')'],
    ['shadow', 'Kept shadow' + (shadow ? '' : ' (none kept)')]];
  confirmAction({
    title: 'Validate a generation',
    body: [el('p', {}, 'Checks the generation against the catalog with the parity rules that need no load, '
      + 'and records a validate run. Nothing is changed.'),
    el('div', { class: 'field' }, el('label', { for: 'opt-generation' }, 'Generation'),
      el('select', { id: 'opt-generation', name: 'generation' }, options.map(([v, t]) => el('option', { value: v }, t)))),
    el('div', { class: 'field' }, el('label', { for: 'opt-vcatalog' }, 'Catalog'),
      el('input', { type: 'text', id: 'opt-vcatalog', name: 'catalog', placeholder: 'the configured catalog', spellcheck: 'false', size: '34' }))],
    go: 'Validate',
    action: async (form) => {
      try {
        const body = { generation: form.generation.value };
        if (form.catalog.value.trim() !== '') body.catalog = form.catalog.value.trim();
        return { runId: (await api('POST', '/projection/validate', body)).runId };
      } catch (e) {
        if (e.body && e.body.runId && e.status === 422) return { runId: e.body.runId };
        throw e;
      }
    },
  }, done);
}

export function openPrune(p, done) {
  confirmAction({
    title: 'Prune old generations',
    body: [el('p', {}, `Drops ${p.previous ? gen(p.previous) + ' (previous)' : 'the previous generation (there is none now)'} `
      + `and any retired generations. Live (${gen(p.live)}) stays. After this, rollback is not possible until the next swap.`)],
    go: 'Prune', danger: true,
    action: async () => ({ runId: (await api('POST', '/projection/prune')).runId }),
  }, done);
}
