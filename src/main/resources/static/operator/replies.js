// Saved replies in the composer: type "/" to search replies/ and insert one, rendered for this customer, for editing.
(function () {
  'use strict';
  I18n.extend({
    en: { 'replies.none': 'No saved reply matches "{q}".', 'replies.hint': '↑ ↓ to choose, Enter to insert, Esc to close' },
    ru: { 'replies.none': 'Нет заготовки «{q}».', 'replies.hint': '↑ ↓ — выбрать, Enter — вставить, Esc — закрыть' }
  });
  const $ = id => document.getElementById(id);
  let replies = [];
  let ticketNumber = null;
  let matches = [];
  let active = 0;

  function picker() {
    let box = $('reply-picker');
    if (!box) {
      box = window.Console.el('div', 'reply-picker');
      box.id = 'reply-picker';
      box.setAttribute('role', 'listbox');
      box.hidden = true;
      $('reply-form').prepend(box);
    }
    return box;
  }

  /** The "/query" being typed, when the whole composer is one. */
  function query() {
    const value = $('reply').value;
    return /^\/[^\s/]*$/.test(value) ? value.slice(1).toLowerCase() : null;
  }

  function close() {
    picker().hidden = true;
    matches = [];
  }

  function show() {
    const q = query();
    if (q === null || $('reply').disabled) return close();
    matches = replies.filter(r => r.shortcut.startsWith(q) || r.title.toLowerCase().includes(q)).slice(0, 8);
    active = Math.min(active, Math.max(0, matches.length - 1));
    const { el } = window.Console;
    const box = picker();
    box.replaceChildren(...(matches.length ? matches.map((reply, i) => {
      const option = el('button', 'reply-option' + (i === active ? ' active' : ''));
      option.type = 'button';
      option.dataset.shortcut = reply.shortcut;
      option.setAttribute('role', 'option');
      option.setAttribute('aria-selected', String(i === active));
      option.append(el('span', 'shortcut', '/' + reply.shortcut), el('span', 'title', reply.title), el('span', 'preview', reply.text));
      option.addEventListener('mousedown', event => { event.preventDefault(); insert(reply); });
      return option;
    }) : [el('div', 'muted', I18n.t('replies.none', { q }))]), el('div', 'picker-hint', I18n.t('replies.hint')));
    box.hidden = false;
  }

  function insert(reply) {
    const text = $('reply');
    text.value = reply.text;
    close();
    text.focus();
    text.setSelectionRange(text.value.length, text.value.length);
  }

  window.ReplyPicker = {
    /** The open ticket changed: its replies, rendered for its customer. */
    async ticket(number) {
      if (number === ticketNumber) return;
      ticketNumber = number;
      replies = [];
      close();
      replies = await window.Console.api('GET', '/replies?ticket=' + number).catch(() => []);
    },
    /** A key in the composer; true when the picker used it (then the composer must not send). */
    onKey(event) {
      if (picker().hidden) return false;
      if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
        active = (active + (event.key === 'ArrowDown' ? 1 : matches.length - 1)) % Math.max(1, matches.length);
        show();
      } else if ((event.key === 'Enter' || event.key === 'Tab') && matches.length) {
        insert(matches[active]);
      } else if (event.key === 'Escape' || event.key === 'Enter') {
        close();
        if (event.key === 'Enter') return false; // nothing matched: an ordinary Enter
      } else {
        return false;
      }
      event.preventDefault();
      return true;
    }
  };

  document.addEventListener('DOMContentLoaded', () => {
    $('reply').addEventListener('input', () => { active = 0; show(); });
    $('reply').addEventListener('blur', () => setTimeout(close, 150));
  });
})();
