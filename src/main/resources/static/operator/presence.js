// The operator's presence in the top bar: online (given tickets automatically), away, offline.
(function () {
  'use strict';
  I18n.extend({
    en: { 'presence.online': '● Online', 'presence.away': '◐ Away', 'presence.offline': '○ Offline', 'presence.label': 'My status' },
    ru: { 'presence.online': '● На месте', 'presence.away': '◐ Отошёл', 'presence.offline': '○ Не в сети', 'presence.label': 'Мой статус' }
  });
  const STATUSES = ['online', 'away', 'offline'];

  function options(select) {
    const chosen = select.value;
    select.replaceChildren(...STATUSES.map(status => {
      const option = window.Console.el('option', null, I18n.t('presence.' + status));
      option.value = status;
      return option;
    }));
    select.value = chosen;
  }

  document.addEventListener('DOMContentLoaded', async () => {
    const me = document.getElementById('me');
    if (!me) return;
    const select = window.Console.el('select', 'presence');
    select.id = 'presence';
    select.setAttribute('aria-label', 'presence');
    select.title = I18n.t('presence.label');
    options(select);
    me.before(select);
    I18n.onChange(() => options(select));
    try {
      const [self, all] = await Promise.all([window.Console.api('GET', '/me'), window.Console.api('GET', '/presence')]);
      const mine = all.find(p => p.login === self.login);
      select.value = mine ? mine.status : 'online';
      select.dataset.status = select.value;
    } catch (error) {
      return;
    }
    select.addEventListener('change', async () => {
      try {
        await window.Console.api('POST', '/presence', { status: select.value });
        select.dataset.status = select.value;
      } catch (error) {
        select.value = select.dataset.status;
      }
    });
  });
})();
