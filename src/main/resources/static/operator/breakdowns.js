// The dashboard's tickets and ratings by close reason and by tag (report.closeReasons, report.tags).
(function () {
  'use strict';
  I18n.extend({
    en: { 'dash.byReason': 'Tickets by close reason', 'dash.byTag': 'Tickets by tag', 'dash.label': 'Reason or tag',
      'dash.ticketsCol': 'Tickets', 'dash.csatCol': 'Rating', 'dash.none': 'None in this period.' },
    ru: { 'dash.byReason': 'Обращения по причине закрытия', 'dash.byTag': 'Обращения по тегам', 'dash.label': 'Причина или тег',
      'dash.ticketsCol': 'Обращений', 'dash.csatCol': 'Оценка', 'dash.none': 'За этот период нет.' }
  });
  const t = key => I18n.t(key);

  function table(id, title, rows) {
    const { el } = window.Console;
    const card = el('div', 'card');
    card.id = id;
    card.append(el('h2', null, t(title)));
    if (!rows.length) {
      card.append(el('p', 'empty', t('dash.none')));
      return card;
    }
    const body = el('tbody');
    rows.forEach(row => {
      const tr = el('tr');
      const rating = row.csatAverage == null ? '—' : row.csatAverage.toFixed(2) + ' ★ (' + row.ratings + ')';
      tr.append(el('td', 'question', row.name), el('td', 'count', String(row.tickets)), el('td', null, rating));
      body.append(tr);
    });
    const head = el('tr');
    head.append(el('th', null, t('dash.label')), el('th', null, t('dash.ticketsCol')), el('th', null, t('dash.csatCol')));
    const tableEl = el('table', 'unanswered');
    tableEl.append(el('thead'), body);
    tableEl.firstChild.append(head);
    card.append(tableEl);
    return card;
  }

  window.Breakdowns = {
    render(report) {
      const box = document.getElementById('breakdowns');
      if (!box) return;
      box.replaceChildren(table('by-reason', 'dash.byReason', report.closeReasons || []), table('by-tag', 'dash.byTag', report.tags || []));
    }
  };
})();
