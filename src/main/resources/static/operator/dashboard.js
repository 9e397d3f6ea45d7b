// The support dashboard: figures of a period from /api/operator/analytics, drawn with Chart.js.
(function () {
  'use strict';
  const { api, el } = window.Console;
  const t = (key, params) => I18n.t(key, params);
  const $ = id => document.getElementById(id);
  const COLORS = { accent: '#4f46e5', accentSoft: 'rgba(79, 70, 229, .15)', warn: '#f59e0b', ok: '#10b981', grey: '#cbd2dd' };
  const charts = {};
  let report = null;

  function isoDate(date) {
    return new Date(date.getTime() - date.getTimezoneOffset() * 60000).toISOString().slice(0, 10);
  }

  function percent(value) {
    return value == null ? '—' : (value * 100).toFixed(1).replace(/\.0$/, '') + '%';
  }

  function chart(id, config) {
    if (charts[id]) charts[id].destroy();
    config.options = Object.assign({ responsive: true, maintainAspectRatio: false, animation: false,
      plugins: { legend: { position: 'bottom', labels: { boxWidth: 12 } } } }, config.options || {});
    charts[id] = new Chart($(id), config);
    $(id).setAttribute('aria-label', config.label || '');
  }

  function render() {
    const r = report;
    if (!r) return;
    $('kpi-conversations').textContent = r.conversations;
    $('kpi-messages').textContent = t('dash.messages', { n: r.messages });
    $('kpi-self').textContent = percent(r.selfServiceRate);
    $('kpi-self-sub').textContent = r.conversations ? (r.conversations - Math.round(r.conversations * (r.escalationRate || 0))) + ' / ' + r.conversations : t('dash.noData');
    $('kpi-escalation').textContent = percent(r.escalationRate);
    $('kpi-tickets').textContent = t('dash.tickets', { n: r.tickets });
    $('kpi-first').textContent = r.firstResponse.count ? I18n.duration(r.firstResponse.medianSeconds) : '—';
    $('kpi-first-sub').textContent = r.firstResponse.count ? t('dash.medianP90', { p: I18n.duration(r.firstResponse.p90Seconds) }) : t('dash.noData');
    $('kpi-handling').textContent = r.handling.count ? I18n.duration(r.handling.medianSeconds) : '—';
    $('kpi-handling-sub').textContent = r.handling.count ? t('dash.medianP90', { p: I18n.duration(r.handling.p90Seconds) }) : t('dash.noData');
    const ratings = r.csatDistribution.reduce((a, b) => a + b, 0);
    $('kpi-csat').textContent = r.csatAverage == null ? '—' : r.csatAverage.toFixed(2) + ' ★';
    $('kpi-csat-sub').textContent = ratings ? t('dash.ratings', { n: ratings }) : t('dash.noData');

    const days = r.days.map(d => new Date(d.date + 'T12:00:00').toLocaleDateString(I18n.language === 'ru' ? 'ru-RU' : 'en-GB', { day: 'numeric', month: 'short' }));
    chart('chart-daily', { type: 'line', label: t('dash.daily'), data: { labels: days, datasets: [
      { label: t('dash.conversations'), data: r.days.map(d => d.conversations), borderColor: COLORS.accent, backgroundColor: COLORS.accentSoft, fill: true, tension: .3 },
      { label: t('dash.escalations'), data: r.days.map(d => d.escalations), borderColor: COLORS.warn, backgroundColor: COLORS.warn, tension: .3 }
    ] }, options: { scales: { y: { beginAtZero: true, ticks: { precision: 0 } } } } });

    const escalated = Math.round(r.conversations * (r.escalationRate || 0));
    chart('chart-split', { type: 'doughnut', label: t('dash.split'), data: { labels: [t('dash.bot'), t('dash.people')], datasets: [
      { data: [r.conversations - escalated, escalated], backgroundColor: [COLORS.ok, COLORS.warn], borderWidth: 0 }
    ] }, options: { cutout: '62%' } });

    const intents = r.intents.slice(0, 12);
    chart('chart-intents', { type: 'bar', label: t('dash.intents'), data: { labels: intents.map(i => i.title), datasets: [
      { label: t('dash.asked'), data: intents.map(i => i.messages), backgroundColor: COLORS.accentSoft, borderColor: COLORS.accent, borderWidth: 1 },
      { label: t('dash.answered'), data: intents.map(i => i.answered), backgroundColor: COLORS.ok }
    ] }, options: { indexAxis: 'y', scales: { x: { beginAtZero: true, ticks: { precision: 0 } } } } });

    chart('chart-csat', { type: 'bar', label: t('dash.csatChart'), data: { labels: ['1 ★', '2 ★', '3 ★', '4 ★', '5 ★'], datasets: [
      { label: t('dash.csatChart'), data: r.csatDistribution, backgroundColor: ['#ef4444', '#f97316', '#eab308', '#84cc16', '#10b981'] }
    ] }, options: { plugins: { legend: { display: false } }, scales: { y: { beginAtZero: true, ticks: { precision: 0 } } } } });

    $('unanswered').replaceChildren(...r.unanswered.map(q => {
      const row = el('tr');
      row.append(el('td', 'question', q.text), el('td', 'count', String(q.count)), el('td', null, q.closestIntent || '—'),
        el('td', 'muted', I18n.dateTime(q.lastAt)));
      return row;
    }));
    $('unanswered-none').hidden = r.unanswered.length > 0;
    if (window.Breakdowns) window.Breakdowns.render(r);
    document.body.dataset.rendered = 'true';
  }

  async function load(from, to) {
    try {
      report = await api('GET', '/analytics?from=' + from + '&to=' + to);
      render();
    } catch (error) {
      const box = $('toast');
      box.textContent = t('toast.error', { m: error.message });
      box.classList.add('error');
      box.hidden = false;
    }
  }

  function preset(days) {
    const to = new Date();
    const from = new Date(to.getTime() - (days - 1) * 86400000);
    $('from').value = isoDate(from);
    $('to').value = isoDate(to);
    document.querySelectorAll('[data-days]').forEach(b => b.classList.toggle('active', Number(b.dataset.days) === days));
    load($('from').value, $('to').value);
  }

  document.addEventListener('DOMContentLoaded', async () => {
    api('GET', '/me').then(me => { $('me').textContent = me.name; }).catch(() => {});
    document.querySelectorAll('[data-days]').forEach(button => button.addEventListener('click', () => preset(Number(button.dataset.days))));
    $('apply').addEventListener('click', () => {
      document.querySelectorAll('[data-days]').forEach(b => b.classList.remove('active'));
      load($('from').value, $('to').value);
    });
    I18n.onChange(render);
    preset(7);
  });
})();
