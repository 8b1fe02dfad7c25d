// Confirmation dialogs: say what will happen, name the action on the primary button, trap focus
// (the native modal <dialog>), close on Escape, and answer with the resulting run.
import { el } from './format.js';
import { problemNode } from './problem.js';

const dialog = () => document.getElementById('confirm');

/**
 * @param opts {title, body: Node[], go: 'Roll back', danger, action: async (form) => ({runId, message})}
 * @param onDone called with the action's answer after the dialog closes
 */
export function confirmAction(opts, onDone) {
  const d = dialog();
  const go = document.getElementById('confirm-go');
  const result = document.getElementById('confirm-result');
  document.getElementById('confirm-title').textContent = opts.title;
  document.getElementById('confirm-body').replaceChildren(...opts.body);
  result.replaceChildren();
  go.textContent = opts.go;
  go.className = opts.danger ? 'danger' : 'primary';
  go.disabled = false;
  const form = document.getElementById('confirm-form');
  form.onsubmit = async (ev) => {
    ev.preventDefault();
    go.disabled = true;
    result.replaceChildren(el('p', { class: 'muted' }, 'Working…'));
    try {
      const answer = await opts.action(form);
      d.close('done');
      onDone(answer);
    } catch (e) {
      go.disabled = false;
      result.replaceChildren(problemNode(e));
    }
  };
  document.getElementById('confirm-cancel').onclick = () => d.close('cancel');
  d.showModal();
  const first = d.querySelector('input, select');
  (first || go).focus();
}

export function check(name, label, hint) {
  const id = 'opt-' + name;
  return el('div', { class: 'field' }, el('input', { type: 'checkbox', id, name }),
    el('label', { for: id }, label), hint ? el('span', { class: 'muted' }, ' — ' + hint) : null);
}
