// What the bot's store actions learnt before the hand-over (order number, status, verified), shown
// with the customer's details so the operator never asks again. Text is set with textContent only.
(function () {
  'use strict';
  const LABELS = {
    en: { order: 'Order', status: 'Order status', verified: 'Order verified', store: 'Store', cancel: 'Cancel',
      yes: 'yes', no: 'no — not proved to be theirs', unavailable: 'did not answer' },
    ru: { order: 'Заказ', status: 'Статус заказа', verified: 'Заказ подтверждён', store: 'Магазин', cancel: 'Отмена',
      yes: 'да', no: 'нет — не подтверждён', unavailable: 'не ответил' }
  };

  function words() {
    return LABELS[document.documentElement.lang] || LABELS.en;
  }

  /** Appends the ticket's context to the details list {@code facts} (a dl). */
  function render(facts, ticket) {
    const context = ticket && ticket.context;
    if (!context || typeof context !== 'object') return;
    const w = words();
    for (const [key, value] of Object.entries(context)) {
      if (value == null || value === '') continue;
      const dt = document.createElement('dt');
      dt.className = 'context';
      dt.textContent = w[key] || key;
      const dd = document.createElement('dd');
      dd.className = 'context context-' + key.replace(/[^a-z0-9_-]/gi, '');
      dd.textContent = (key === 'verified' || key === 'store') && w[value] ? w[value] : String(value);
      facts.append(dt, dd);
    }
  }

  window.TicketContext = { render };
})();
