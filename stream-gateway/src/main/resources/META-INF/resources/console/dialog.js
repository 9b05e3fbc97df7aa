// The confirmation dialog of terminate and reload: a native modal <dialog> (the page behind is inert, Esc
// cancels), focus kept inside with Tab / Shift+Tab, focus returned to the button that opened it. The action runs
// inside the dialog so that its result — and the audit id — stays visible until the user closes it.

const dialog = document.getElementById('dialog');
const title = document.getElementById('d-title');
const text = document.getElementById('d-text');
const reason = document.getElementById('d-reason');
const reasonLabel = document.getElementById('d-reason-label');
const result = document.getElementById('d-result');
const confirm = document.getElementById('d-confirm');
const cancel = document.getElementById('d-cancel');
let current = null;

dialog.addEventListener('keydown', (e) => {
  if (e.key !== 'Tab') return;
  const focusable = [...dialog.querySelectorAll('button, input')].filter((el) => !el.disabled && !el.hidden && el.offsetParent !== null);
  if (!focusable.length) return;
  const first = focusable[0];
  const last = focusable[focusable.length - 1];
  if (e.shiftKey && document.activeElement === first) { last.focus(); e.preventDefault(); }
  else if (!e.shiftKey && document.activeElement === last) { first.focus(); e.preventDefault(); }
});
dialog.addEventListener('close', () => {
  const opener = current?.opener?.();
  current = null;
  opener?.focus();
});
dialog.addEventListener('cancel', (e) => { if (current?.busy) e.preventDefault(); });
cancel.addEventListener('click', () => { if (!current?.busy) dialog.close(); });
document.getElementById('d-form').addEventListener('submit', async (e) => {
  e.preventDefault();
  if (!current || current.busy || current.done) return;
  current.busy = true;
  confirm.disabled = true;
  cancel.disabled = true;
  result.className = 'd-result';
  result.textContent = 'Working…';
  try {
    result.textContent = await current.action(reason.value.trim() || null);
    result.classList.add('ok');
  } catch (error) {
    result.textContent = `Failed: ${error.message}${error.code ? ` (${error.code})` : ''}`;
    result.classList.add('err');
  } finally {
    current.busy = false;
    current.done = true;
    confirm.hidden = true;
    cancel.disabled = false;
    cancel.textContent = 'Close';
    cancel.focus();
  }
});

/**
 * Asks for confirmation, then runs `action(reason)` (a promise of the text to show).
 * @param opener a function answering the element to give focus back to (rows are rebuilt while the dialog is open)
 */
export function confirmAction({ heading, message, confirmLabel, action, opener }) {
  current = { action, opener, busy: false, done: false };
  title.textContent = heading;
  text.textContent = message;
  reason.value = '';
  reasonLabel.hidden = false;
  result.textContent = '';
  result.className = 'd-result';
  confirm.textContent = confirmLabel;
  confirm.hidden = false;
  confirm.disabled = false;
  cancel.disabled = false;
  cancel.textContent = 'Cancel';
  dialog.showModal();
  reason.focus();
}
