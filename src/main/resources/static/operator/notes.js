// Operators' private notes ("Note" toggle in the composer), tags and the close reason of the open ticket.
(function () {
  'use strict';
  I18n.extend({
    en: { 'notes.title': 'Notes (operators only)', 'notes.none': 'No notes yet.', 'notes.toggle': 'Note',
      'notes.toggleTitle': 'Write a private note for colleagues: the customer never sees it', 'notes.save': 'Save note',
      'notes.placeholder': 'A note for colleagues: the customer never sees it', 'notes.saved': 'Note saved on #{n}',
      'tags.title': 'Tags', 'tags.placeholder': 'add tags, e.g. delivery courier', 'tags.saved': 'Tags of #{n} saved',
      'close.reason': 'Close reason', 'close.resolved': 'Resolved', 'close.duplicate': 'Duplicate', 'close.spam': 'Spam (no rating)',
      'close.no_reply': 'Customer did not reply', 'details.closeReason': 'Closed as' },
    ru: { 'notes.title': 'Заметки (только для операторов)', 'notes.none': 'Заметок пока нет.', 'notes.toggle': 'Заметка',
      'notes.toggleTitle': 'Написать заметку для коллег: клиент её не увидит', 'notes.save': 'Сохранить заметку',
      'notes.placeholder': 'Заметка для коллег: клиент её не увидит', 'notes.saved': 'Заметка сохранена в #{n}',
      'tags.title': 'Теги', 'tags.placeholder': 'добавьте теги, напр. доставка курьер', 'tags.saved': 'Теги #{n} сохранены',
      'close.reason': 'Причина закрытия', 'close.resolved': 'Решено', 'close.duplicate': 'Дубликат', 'close.spam': 'Спам (без оценки)',
      'close.no_reply': 'Клиент не ответил', 'details.closeReason': 'Закрыто как' }
  });
  const t = (key, params) => I18n.t(key, params);
  const $ = id => document.getElementById(id);
  let noteMode = false;
  let reasons = [];
  let current = null;
  let shown = '';

  function reasonLabel(reason) {
    const label = t('close.' + reason);
    return label === 'close.' + reason ? reason : label;
  }

  function build() {
    const { el } = window.Console;
    const toggle = el('button', 'note-toggle', t('notes.toggle'));
    toggle.id = 'note-toggle';
    toggle.type = 'button';
    toggle.setAttribute('aria-pressed', 'false');
    toggle.addEventListener('click', () => setNoteMode(!noteMode));
    $('reply-form').insertBefore(toggle, $('send'));

    const reason = el('select', 'close-reason');
    reason.id = 'close-reason';
    reason.setAttribute('aria-label', 'close reason');
    $('close').before(reason);

    const details = document.querySelector('.details');
    const notesHead = el('h3', null, t('notes.title'));
    notesHead.dataset.i18n = 'notes.title';
    const notes = el('ul', 'notes');
    notes.id = 'notes';
    const tagsHead = el('h3', null, t('tags.title'));
    tagsHead.dataset.i18n = 'tags.title';
    const tags = el('div', 'tags');
    tags.id = 'tags';
    const tagInput = el('input', 'tag-input');
    tagInput.id = 'tag-input';
    tagInput.maxLength = 200;
    tagInput.dataset.i18nPlaceholder = 'tags.placeholder';
    tagInput.placeholder = t('tags.placeholder');
    tagInput.addEventListener('keydown', event => {
      if (event.key === 'Enter') { event.preventDefault(); saveTags(tagInput.value.split(/[\s,]+/).filter(Boolean)); }
    });
    details.prepend(notesHead, notes, tagsHead, tags, tagInput);
  }

  function setNoteMode(on) {
    noteMode = on;
    const toggle = $('note-toggle');
    toggle.setAttribute('aria-pressed', String(on));
    toggle.title = t('notes.toggleTitle');
    document.body.classList.toggle('note-mode', on);
    $('send').textContent = on ? t('notes.save') : t('reply.send');
    $('reply').placeholder = on ? t('notes.placeholder') : t('reply.placeholder');
    if (current) sync(current.ticket, current.mine);
    $('reply').focus();
  }

  async function saveTags(words) {
    if (!current) return;
    const number = current.ticket.number;
    try {
      const existing = current.ticket.tags || [];
      await window.Console.api('POST', '/tickets/' + number + '/tags', { tags: existing.concat(words) });
      $('tag-input').value = '';
      window.ConsoleApp.toast(t('tags.saved', { n: number }));
      await window.ConsoleApp.reload();
    } catch (error) {
      window.ConsoleApp.showError(error);
    }
  }

  async function removeTag(tag) {
    const number = current.ticket.number;
    try {
      await window.Console.api('POST', '/tickets/' + number + '/tags', { tags: (current.ticket.tags || []).filter(x => x !== tag) });
      await window.ConsoleApp.reload();
    } catch (error) {
      window.ConsoleApp.showError(error);
    }
  }

  /** Composer state that depends on the note mode: a note may be written on any ticket the operator sees. */
  function sync(ticket, mine) {
    $('reply').disabled = !(mine || noteMode);
    $('send').disabled = !(mine || noteMode);
    $('close-reason').hidden = $('close').hidden;
  }

  function renderDetails(ticket) {
    const { el } = window.Console;
    const notes = ticket.notes || [];
    $('notes').replaceChildren(...(notes.length ? notes.map(note => {
      const item = el('li', 'note');
      const head = el('div', 'note-head');
      head.append(el('span', 'who', note.byName), el('time', 'at', I18n.dateTime(note.at)));
      item.append(head, el('div', 'text', note.text));
      return item;
    }) : [el('li', 'muted', t('notes.none'))]));
    const tags = ticket.tags || [];
    $('tags').replaceChildren(...tags.map(tag => {
      const chip = el('button', 'badge tag', '#' + tag + ' ×');
      chip.type = 'button';
      chip.addEventListener('click', () => removeTag(tag));
      return chip;
    }));
    if (ticket.closeReason) $('tags').append(el('span', 'badge close-reason-badge', t('details.closeReason') + ': ' + reasonLabel(ticket.closeReason)));
    const select = $('close-reason');
    const chosen = select.value;
    select.replaceChildren(...reasons.map(reason => {
      const option = el('option', null, reasonLabel(reason));
      option.value = reason;
      return option;
    }));
    if (reasons.includes(chosen)) select.value = chosen;
  }

  window.OperatorTools = {
    /** The open conversation was drawn: {@code mine} when the operator holds it. */
    render(ticket, mine) {
      if (!current || current.ticket.number !== ticket.number) {
        if (noteMode) setNoteMode(false);
        window.ReplyPicker && window.ReplyPicker.ticket(ticket.number);
      }
      current = { ticket, mine };
      sync(ticket, mine);
      const key = JSON.stringify([ticket.number, ticket.notes, ticket.tags, ticket.closeReason, reasons, I18n.language]);
      if (key !== shown) {
        shown = key;
        renderDetails(ticket);
      }
    },
    noteMode() {
      return noteMode;
    },
    /** Saves the composer's text as a private note on the open ticket. */
    async sendNote(number, text) {
      await window.Console.api('POST', '/tickets/' + number + '/notes', { text });
      window.ConsoleApp.toast(t('notes.saved', { n: number }));
    },
    /** The body of a close: the reason picked. */
    closeBody() {
      const reason = $('close-reason').value;
      return reason ? { reason } : undefined;
    },
    onKey(event) {
      return !!(window.ReplyPicker && window.ReplyPicker.onKey(event));
    }
  };

  document.addEventListener('DOMContentLoaded', async () => {
    build();
    reasons = await window.Console.api('GET', '/close-reasons').catch(() => []);
    if (current) renderDetails(current.ticket);
  });
})();

// The same customer on other channels (linked by a proved phone or e-mail): shown above the earlier tickets, which include theirs.
(function () {
  'use strict';
  I18n.extend({
    en: { 'linked.title': 'Same customer elsewhere' },
    ru: { 'linked.title': 'Этот же клиент в других каналах' }
  });
  const render = window.OperatorTools.render;
  window.OperatorTools.render = function (ticket, mine) {
    render(ticket, mine);
    const { el } = window.Console;
    let box = document.getElementById('linked');
    if (!box) {
      const head = el('h3', null, I18n.t('linked.title'));
      head.id = 'linked-head';
      head.dataset.i18n = 'linked.title';
      box = el('ul', 'earlier');
      box.id = 'linked';
      document.getElementById('earlier').previousElementSibling.before(head, box);
    }
    const linked = ticket.linked || [];
    document.getElementById('linked-head').hidden = !linked.length;
    box.hidden = !linked.length;
    box.replaceChildren(...linked.map(conversation => {
      const item = el('li');
      item.append(el('span', 'badge channel channel-' + conversation.split(':')[0], conversation.split(':')[0]), el('span', 'muted', conversation));
      return item;
    }));
  };
})();
