// The operator console: the live queue, the operator's conversations, one open conversation at a time.
(function () {
  'use strict';
  const { api, el } = window.Console;
  const t = (key, params) => I18n.t(key, params);

  const state = {
    me: null,
    queue: [],
    mine: [],
    colleagues: [],
    unread: new Map(),   // ticket number -> new customer messages since last looked at
    current: null,       // the open ticket (full view)
    filter: localStorage.getItem('console.queue') || '',
    known: null          // numbers of waiting tickets already seen, to announce new ones
  };

  const $ = id => document.getElementById(id);

  // ---------- lists ----------

  function waitedSeconds(ticket) {
    if (ticket.sla === 'met' || ticket.status !== 'waiting') return ticket.waitedSeconds;
    return Math.max(0, (Date.now() - new Date(ticket.openedAt).getTime()) / 1000);
  }

  function waitedText(ticket) {
    return t(ticket.sla === 'met' ? 'ticket.answeredIn' : 'ticket.waited', { t: I18n.duration(waitedSeconds(ticket)) });
  }

  function badge(className, text) {
    return el('span', 'badge ' + className, text);
  }

  function ticketItem(ticket, mine) {
    const item = el('li', 'ticket-item');
    item.dataset.ticket = ticket.number;
    if (state.current && state.current.number === ticket.number) item.classList.add('selected');
    const button = el('button', 'ticket-button');
    button.type = 'button';
    const top = el('div', 'row');
    top.append(el('span', 'name', ticket.customerName || t('ticket.anonymous')), el('span', 'number', '#' + ticket.number));
    const unread = state.unread.get(ticket.number) || 0;
    if (mine && unread > 0) top.append(badge('unread', t('ticket.unread', { n: unread })));
    const meta = el('div', 'row meta');
    meta.append(badge('channel channel-' + ticket.channel, ticket.channel));
    if (ticket.intent) meta.append(el('span', 'intent', ticket.intent));
    meta.append(el('span', 'queue-name', ticket.queue));
    const bottom = el('div', 'row meta');
    const waited = el('span', 'waited', waitedText(ticket));
    waited.dataset.openedAt = ticket.openedAt;
    bottom.append(waited, badge('sla sla-' + ticket.sla, t('sla.' + ticket.sla)));
    if (ticket.priority > 0) bottom.append(badge('priority', t('ticket.priority', { p: ticket.priority })));
    button.append(top, meta, bottom);
    button.addEventListener('click', () => open(ticket.number));
    item.append(button);
    return item;
  }

  let listsShown = '';
  function renderLists() {
    // Rebuild only on a real change: an operator's click must not land on an element that was just replaced.
    const steady = tickets => tickets.map(ticket => Object.assign({}, ticket, { waitedSeconds: ticket.sla === 'met' ? ticket.waitedSeconds : 0 }));
    const shown = JSON.stringify([steady(state.queue), steady(state.mine), [...state.unread], state.current && state.current.number, I18n.language]);
    if (shown === listsShown) return;
    listsShown = shown;
    const queue = $('queue');
    queue.replaceChildren(...state.queue.map(ticket => ticketItem(ticket, false)));
    $('queue-count').textContent = state.queue.length;
    $('queue-empty').hidden = state.queue.length > 0;
    const mine = $('mine');
    mine.replaceChildren(...state.mine.map(ticket => ticketItem(ticket, true)));
    $('mine-count').textContent = state.mine.length;
    $('mine-empty').hidden = state.mine.length > 0;
  }

  async function refreshLists() {
    const query = state.filter ? '?queue=' + encodeURIComponent(state.filter) : '';
    const [queue, mine] = await Promise.all([api('GET', '/queue' + query), api('GET', '/tickets?scope=mine')]);
    const fresh = queue.filter(ticket => state.known && !state.known.has(ticket.number));
    state.known = new Set(queue.map(ticket => ticket.number));
    state.queue = queue;
    state.mine = mine;
    renderLists();
    if (fresh.length > 0) toast(t('toast.new', { n: fresh.map(ticket => ticket.number).join(', #') }));
  }

  let refreshTimer = null;
  function refreshSoon() {
    clearTimeout(refreshTimer);
    refreshTimer = setTimeout(() => refreshLists().catch(showError), 150);
  }

  // ---------- the open conversation ----------

  function percent(confidence) {
    return Math.round(confidence * 100) + '%';
  }

  function renderTranscript(ticket) {
    const box = $('transcript');
    const nearBottom = box.scrollHeight - box.scrollTop - box.clientHeight < 80;
    const entries = ticket.transcript || [];
    box.replaceChildren(...entries.map(entry => {
      const message = el('div', 'message from-' + entry.author);
      const head = el('div', 'message-head');
      const who = entry.author === 'operator' ? (entry.authorName || t('author.operator'))
        : entry.author === 'customer' ? (ticket.customerName || t('author.customer')) : t('author.bot');
      head.append(el('span', 'who', who), el('time', 'at', I18n.time(entry.at)));
      const text = el('div', 'text', entry.text);
      message.append(head, text);
      const files = window.ConsoleAttachments && ConsoleAttachments.render(entry);
      if (files) message.append(files);
      if (entry.author === 'customer' && entry.intent) {
        const understood = el('div', 'understood');
        understood.append(el('span', 'intent', entry.intent), el('span', 'confidence', percent(entry.confidence)));
        if (entry.decision) understood.append(el('span', 'decision decision-' + entry.decision, t('decision.' + entry.decision)));
        message.append(understood);
      }
      return message;
    }));
    if (nearBottom || box.dataset.ticket !== String(ticket.number)) box.scrollTop = box.scrollHeight;
    box.dataset.ticket = ticket.number;
  }

  function fact(list, label, value) {
    if (value == null || value === '') return;
    list.append(el('dt', null, label), el('dd', null, String(value)));
  }

  function renderDetails(ticket) {
    const facts = $('customer');
    facts.replaceChildren();
    fact(facts, t('details.name'), ticket.customerName || t('ticket.anonymous'));
    fact(facts, t('details.channel'), ticket.channel);
    fact(facts, t('details.language'), ticket.language);
    fact(facts, t('details.queue'), ticket.queue);
    fact(facts, t('details.intent'), ticket.intent);
    fact(facts, t('details.reason'), ticket.reason);
    fact(facts, t('details.opened'), I18n.dateTime(ticket.openedAt));
    fact(facts, t('details.conversation'), ticket.conversation);
    if (window.TicketContext) TicketContext.render(facts, ticket); // ticket-context.js: what store actions learnt
    $('history').replaceChildren(...(ticket.history || []).map(step => {
      const item = el('li');
      item.append(el('time', 'at', I18n.time(step.at)), el('span', 'action', step.action));
      if (step.by) item.append(el('span', 'by', step.by));
      if (step.detail && step.detail !== step.by) item.append(el('span', 'detail', step.detail));
      return item;
    }));
    const earlier = ticket.earlier || [];
    $('earlier').replaceChildren(...(earlier.length ? earlier.map(past => {
      const item = el('li');
      item.append(el('span', 'number', '#' + past.number), el('span', null, I18n.dateTime(past.openedAt)),
        badge('channel channel-' + past.channel, past.channel), el('span', 'muted', t('status.' + past.status)));
      if (past.closeReason && past.closeReason !== past.status) item.append(el('span', 'earlier-reason', closeReasonLabel(past.closeReason)));
      if (past.csat) item.append(badge('csat', '★ ' + past.csat));
      return item;
    }) : [el('li', 'muted', t('details.none'))]));
  }

  /** A close reason as notes.js names it ("Duplicate"), or the reason itself when it has no label. */
  function closeReasonLabel(reason) {
    const label = t('close.' + reason);
    return label === 'close.' + reason ? reason : label;
  }

  function transferOptions(ticket) {
    const select = $('transfer');
    const head = el('option', null, t('ticket.transfer'));
    head.value = '';
    const queues = el('optgroup');
    queues.label = t('ticket.transfer.queues');
    (state.me ? state.me.queues : []).filter(q => q !== ticket.queue).forEach(queue => {
      const option = el('option', null, queue);
      option.value = 'queue:' + queue;
      queues.append(option);
    });
    const people = el('optgroup');
    people.label = t('ticket.transfer.operators');
    state.colleagues.filter(c => !state.me || c.login !== state.me.login).forEach(colleague => {
      const option = el('option', null, colleague.name + ' (' + colleague.holding + '/' + colleague.capacity + ')');
      option.value = 'operator:' + colleague.login;
      people.append(option);
    });
    select.replaceChildren(head, queues, people);
  }

  let conversationShown = '';
  function renderConversation() {
    const ticket = state.current;
    $('placeholder').hidden = !!ticket;
    $('conversation').hidden = !ticket;
    document.body.classList.toggle('show-conversation', !!ticket);
    if (!ticket) return;
    $('conv-title').textContent = (ticket.customerName || t('ticket.anonymous')) + ' · #' + ticket.number;
    const sub = [ticket.channel, ticket.queue, t('status.' + ticket.status)];
    if (ticket.operatorName) sub.push(ticket.operatorName);
    $('conv-sub').textContent = sub.join(' · ');
    const mine = state.me && ticket.operator === state.me.login && ticket.status === 'assigned';
    const open = ticket.status === 'waiting' || ticket.status === 'assigned';
    $('take').hidden = !(ticket.status === 'waiting');
    $('release').hidden = !mine;
    $('close').hidden = !mine;
    $('transfer').hidden = !open;
    $('reply').disabled = !mine;
    $('send').disabled = !mine;
    $('reply-hint').textContent = mine ? t('reply.hint') : open ? t('ticket.notYours') : t('ticket.closedOrGone');
    // Rebuild the panes only on a real change: a live event for the open ticket must not replace the message
    // being read or the option being picked (the waited time is not shown here and changes every second).
    const shown = JSON.stringify([Object.assign({}, ticket, { waitedSeconds: 0 }), state.colleagues, I18n.language]);
    if (shown !== conversationShown) {
      conversationShown = shown;
      transferOptions(ticket);
      renderTranscript(ticket);
      renderDetails(ticket);
    }
    if (window.OperatorTools) window.OperatorTools.render(ticket, mine);
    renderLists();
  }

  function renderSuggestions(suggestions) {
    const box = $('suggestions');
    if (!suggestions.length) {
      box.replaceChildren(el('span', 'muted', t('reply.none')));
      return;
    }
    box.replaceChildren(...suggestions.map(suggestion => {
      const chip = el('button', 'suggestion');
      chip.type = 'button';
      chip.title = suggestion.text;
      chip.append(el('span', 'title', suggestion.title), el('span', 'confidence', percent(suggestion.confidence)));
      chip.addEventListener('click', () => {
        const reply = $('reply');
        if (reply.disabled) return;
        reply.value = reply.value.trim() ? reply.value.replace(/\s+$/, '') + '\n' + suggestion.text : suggestion.text;
        reply.focus();
        reply.setSelectionRange(reply.value.length, reply.value.length);
      });
      return chip;
    }));
  }

  async function open(number) {
    const ticket = await api('GET', '/tickets/' + number);
    const switched = !state.current || state.current.number !== number;
    state.current = ticket;
    state.unread.delete(number);
    if (switched) $('reply').value = '';
    renderConversation();
    if (switched) renderSuggestions(await api('GET', '/tickets/' + number + '/suggestions').catch(() => []));
  }

  async function reloadCurrent() {
    if (!state.current) return;
    try {
      state.current = await api('GET', '/tickets/' + state.current.number);
      renderConversation();
    } catch (error) {
      showError(error);
    }
  }

  async function act(action, body, message) {
    const number = state.current.number;
    try {
      await api('POST', '/tickets/' + number + '/' + action, body);
      toast(t(message, { n: number }));
      await refreshLists();
      await reloadCurrent();
    } catch (error) {
      showError(error);
    }
  }

  let sending = false;
  async function send() {
    const reply = $('reply');
    const text = reply.value.trim();
    if (!text || sending || !state.current) return;
    sending = true;
    $('send').disabled = true;
    try {
      const key = (crypto.randomUUID ? crypto.randomUUID() : String(Date.now()) + Math.random().toString(16).slice(2));
      if (window.OperatorTools && window.OperatorTools.noteMode()) await window.OperatorTools.sendNote(state.current.number, text);
      else await api('POST', '/tickets/' + state.current.number + '/messages', { text }, { 'Idempotency-Key': key });
      reply.value = '';
      await reloadCurrent();
    } catch (error) {
      showError(error);
    } finally {
      sending = false;
      $('send').disabled = false;
    }
  }

  // ---------- live events ----------

  function connect() {
    const events = new EventSource('/api/operator/events');
    const live = $('live');
    const setLive = on => { live.dataset.state = on ? 'on' : 'off'; $('live-text').textContent = t(on ? 'live.on' : 'live.off'); };
    setLive(false);
    events.addEventListener('hello', () => { setLive(true); refreshSoon(); });
    events.addEventListener('ticket', message => {
      const event = JSON.parse(message.data);
      const number = event.ticket.number;
      if (event.type === 'message' && event.detail && event.detail.author === 'customer'
          && !(state.current && state.current.number === number && document.hasFocus())) {
        state.unread.set(number, (state.unread.get(number) || 0) + 1);
      }
      refreshSoon();
      if (state.current && state.current.number === number) reloadCurrent();
    });
    events.onerror = () => {
      setLive(false);
      // The stream ends on its own after a while and EventSource reconnects; a closed stream means the session is gone.
      if (events.readyState === EventSource.CLOSED) {
        api('GET', '/me').then(() => setTimeout(connect, 2000)).catch(() => {});
      }
    };
  }

  // ---------- small things ----------

  let toastTimer = null;
  function toast(text, error) {
    const box = $('toast');
    box.textContent = text;
    box.classList.toggle('error', !!error);
    box.hidden = false;
    clearTimeout(toastTimer);
    toastTimer = setTimeout(() => { box.hidden = true; }, 4000);
  }

  function showError(error) {
    if (error && error.message === 'signed out') return;
    toast(t('toast.error', { m: error && error.message ? error.message : String(error) }), true);
  }

  function tick() {
    document.querySelectorAll('.waited[data-opened-at]').forEach(node => {
      const number = Number(node.closest('[data-ticket]').dataset.ticket);
      const ticket = state.queue.concat(state.mine).find(x => x.number === number);
      if (ticket) node.textContent = waitedText(ticket);
    });
  }

  async function start() {
    state.me = await api('GET', '/me');
    $('me').textContent = state.me.name;
    const filter = $('queue-filter');
    state.me.queues.forEach(queue => {
      const option = el('option', null, queue);
      option.value = queue;
      filter.append(option);
    });
    filter.value = state.me.queues.includes(state.filter) ? state.filter : '';
    state.filter = filter.value;
    filter.addEventListener('change', () => {
      state.filter = filter.value;
      localStorage.setItem('console.queue', state.filter);
      state.known = null;
      refreshLists().catch(showError);
    });
    state.colleagues = await api('GET', '/operators').catch(() => []);
    await refreshLists();
    connect();
    setInterval(tick, 1000);

    $('take').addEventListener('click', () => act('claim', undefined, 'toast.taken'));
    $('close').addEventListener('click', () => act('close', window.OperatorTools ? window.OperatorTools.closeBody() : undefined, 'toast.closed'));
    $('release').addEventListener('click', () => act('release', undefined, 'toast.released'));
    $('transfer').addEventListener('change', event => {
      const [kind, target] = event.target.value.split(/:(.*)/s);
      if (!target) return;
      act('transfer', kind === 'queue' ? { queue: target } : { operator: target }, 'toast.transferred');
    });
    $('reply-form').addEventListener('submit', event => { event.preventDefault(); send(); });
    $('reply').addEventListener('keydown', event => {
      if (window.OperatorTools && window.OperatorTools.onKey(event)) return;
      if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
        event.preventDefault();
        send();
      }
    });
    $('back').addEventListener('click', () => {
      state.current = null;
      renderConversation();
      renderLists();
    });
    window.addEventListener('focus', () => {
      if (state.current && state.unread.has(state.current.number)) {
        state.unread.delete(state.current.number);
        renderLists();
      }
    });
    I18n.onChange(() => { renderLists(); if (state.current) renderConversation(); });
  }

  window.ConsoleApp = { reload: reloadCurrent, toast, showError };
  document.addEventListener('DOMContentLoaded', () => { start().catch(showError); });
})();
