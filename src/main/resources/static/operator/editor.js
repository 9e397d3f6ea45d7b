// The editors' page: groups of questions the bot could not answer, each to add to an intent, turn into a new one, or dismiss.
(function () {
  'use strict';
  const { api, el } = window.Console;
  const t = (key, params) => I18n.t(key, params);
  const $ = id => document.getElementById(id);
  let intents = [];
  let suggestions = [];

  function toast(text, error) {
    const box = $('toast');
    box.textContent = text;
    box.classList.toggle('error', !!error);
    box.hidden = false;
    clearTimeout(toast.timer);
    toast.timer = setTimeout(() => { box.hidden = true; }, 6000);
  }

  function option(value, label, selected) {
    const node = el('option', null, label);
    node.value = value;
    node.selected = !!selected;
    return node;
  }

  function card(suggestion) {
    const box = el('article', 'card suggestion-card');
    box.dataset.suggestion = suggestion.id;
    const head = el('div', 'row');
    head.append(el('h2', null, t('editor.questions', { n: suggestion.volume })), el('span', 'badge', suggestion.language));
    Object.entries(suggestion.kinds || {}).forEach(([kind, count]) => head.append(el('span', 'badge kind-' + kind, t('editor.kind.' + kind) + ' ' + count)));
    head.append(el('span', 'muted last', t('dash.last') + ': ' + I18n.dateTime(suggestion.lastAsked)));
    box.append(head);

    const list = el('ul', 'examples');
    suggestion.examples.forEach(example => {
      const item = el('li');
      const label = el('label');
      const check = el('input');
      check.type = 'checkbox';
      check.checked = true;
      check.value = example.text;
      label.append(check, el('span', 'text', example.text), el('span', 'count', '× ' + example.count));
      item.append(label);
      list.append(item);
    });
    box.append(list);

    if (suggestion.operatorReply) {
      const reply = el('div', 'operator-reply');
      reply.append(el('div', 'muted', t('editor.operatorReply')), el('div', 'text', suggestion.operatorReply));
      box.append(reply);
    }

    const chosen = () => [...list.querySelectorAll('input:checked')].map(input => input.value);
    const actions = el('div', 'editor-actions');

    const into = el('select', 'into');
    into.setAttribute('aria-label', t('editor.into'));
    intents.forEach(intent => into.append(option(intent.name, intent.title + ' (' + intent.name + ')', intent.name === suggestion.proposedIntent)));
    if (!suggestion.proposedIntent) into.prepend(option('', t('editor.pick'), true));
    const accept = el('button', 'primary accept', t('editor.accept'));
    accept.type = 'button';
    accept.addEventListener('click', () => {
      if (!into.value) return toast(t('editor.pickFirst'), true);
      decide(suggestion, 'accept', { intent: into.value, phrases: chosen() });
    });
    const proposal = el('span', 'muted proposal', suggestion.proposedIntent
      ? t('editor.proposed', { intent: suggestion.proposedIntent, p: Math.round(suggestion.closeness * 100) + '%' }) : t('editor.newProposed'));

    const create = el('details', 'create');
    const summary = el('summary', null, t('editor.create'));
    const name = el('input', 'name');
    name.placeholder = t('editor.name');
    name.pattern = '[a-z][a-z0-9_]*';
    const title = el('input', 'title');
    title.placeholder = t('editor.titleField');
    const answer = el('textarea', 'answer');
    answer.rows = 4;
    answer.placeholder = t('editor.answer');
    answer.value = suggestion.operatorReply || '';
    const createButton = el('button', 'create-button', t('editor.createButton'));
    createButton.type = 'button';
    createButton.addEventListener('click', () => decide(suggestion, 'create', { name: name.value.trim(), title: title.value.trim() || null, answer: answer.value.trim() || null }));
    create.append(summary, name, title, answer, createButton);

    const dismiss = el('button', 'ghost dismiss', t('editor.dismiss'));
    dismiss.type = 'button';
    dismiss.addEventListener('click', () => decide(suggestion, 'dismiss'));

    actions.append(into, accept, proposal, dismiss);
    box.append(actions, create);
    return box;
  }

  async function decide(suggestion, action, body) {
    try {
      const change = await api('POST', '/suggestions/' + encodeURIComponent(suggestion.id) + '/' + action, body, {}, '/api/editor');
      const files = (change.files || []).join(', ');
      toast(action === 'dismiss' ? t('editor.dismissed') : t('editor.changed', { files: files || '—', n: (change.added || []).length })
        + (change.reloaded === false ? ' ' + t('editor.notReloaded') : ''));
      await load();
    } catch (error) {
      toast(t('toast.error', { m: error.message }), true);
    }
  }

  function render() {
    $('suggestions').replaceChildren(...suggestions.map(card));
    $('none').hidden = suggestions.length > 0;
    document.body.dataset.rendered = 'true';
  }

  async function load() {
    const [found, known] = await Promise.all([api('GET', '/suggestions', undefined, {}, '/api/editor'),
      api('GET', '/intents', undefined, {}, '/api/editor')]);
    suggestions = found.suggestions || [];
    intents = known || [];
    render();
  }

  document.addEventListener('DOMContentLoaded', () => {
    api('GET', '/me').then(me => { $('me').textContent = me.name; }).catch(() => {});
    $('refresh').addEventListener('click', () => load().catch(error => toast(t('toast.error', { m: error.message }), true)));
    I18n.onChange(render);
    load().catch(error => toast(t('toast.error', { m: error.message }), true));
  });
})();
