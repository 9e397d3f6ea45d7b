/*
 * Support Bot local web chat. Plain JS, no build step, no network besides POST /api/chat/session
 * (once: the server issues the session token, kept in localStorage), POST /api/chat and, while a
 * person is involved, GET /api/chat/updates every few seconds for what they write.
 *
 * Every text that comes from the server or from the customer is put into the page with
 * textContent (never innerHTML), so markup in a message is shown as text, not run.
 */
(function () {
  'use strict';

  var API = 'api/chat';
  var SESSION_KEY = 'supportbot.web.session';
  var NAME_KEY = 'supportbot.web.name';
  var LANG_KEY = 'supportbot.web.lang';
  var SESSION_PATTERN = /^[A-Za-z0-9_-]{8,64}$/;
  var SESSION_API = 'api/chat/session';
  var CYRILLIC = /[\u0400-\u04FF]/;
  var REQUEST_TIMEOUT_MS = 30000;
  var NOTICE_MS = 8000;
  var UPDATES_MS = 3000;

  var UI = {
    en: {
      title: 'Support',
      with_bot: 'Online · usually replies at once',
      waiting_for_operator: 'Waiting for an operator',
      with_operator: 'An operator is in the chat',
      closed: 'Conversation closed',
      nameLabel: 'Your name',
      namePlaceholder: 'optional',
      inputLabel: 'Message',
      inputPlaceholder: 'Type a message…',
      send: 'Send',
      bannerWaiting: 'An operator will take over this conversation',
      bannerWithOperator: 'An operator has joined the conversation',
      offline: 'No connection to the server. Your message is kept — please try again.',
      timeout: 'The server is taking too long to answer. Your message is kept — please try again.',
      serverError: 'The server could not handle the message (HTTP {status}). Please try again.',
      tooMany: 'Too many messages at once. Please wait {seconds} s and try again — your message is kept.',
      retry: 'Retry',
      close: 'Close'
    },
    ru: {
      title: 'Поддержка',
      with_bot: 'Онлайн · обычно отвечаем сразу',
      waiting_for_operator: 'Ждём оператора',
      with_operator: 'Оператор в чате',
      closed: 'Разговор завершён',
      nameLabel: 'Ваше имя',
      namePlaceholder: 'необязательно',
      inputLabel: 'Сообщение',
      inputPlaceholder: 'Напишите сообщение…',
      send: 'Отправить',
      bannerWaiting: 'Оператор подключится к разговору',
      bannerWithOperator: 'Оператор подключился к разговору',
      offline: 'Нет связи с сервером. Сообщение сохранено — попробуйте ещё раз.',
      timeout: 'Сервер долго не отвечает. Сообщение сохранено — попробуйте ещё раз.',
      serverError: 'Сервер не смог обработать сообщение (HTTP {status}). Попробуйте ещё раз.',
      tooMany: 'Слишком много сообщений подряд. Подождите {seconds} с и попробуйте снова — сообщение сохранено.',
      retry: 'Повторить',
      close: 'Закрыть'
    }
  };

  var el = {
    title: document.getElementById('chat-title'),
    subtitle: document.getElementById('chat-subtitle'),
    nameLabel: document.getElementById('name-label'),
    name: document.getElementById('name'),
    banner: document.getElementById('handoff-banner'),
    bannerText: document.getElementById('handoff-text'),
    messages: document.getElementById('messages'),
    notice: document.getElementById('notice'),
    noticeText: document.getElementById('notice-text'),
    noticeRetry: document.getElementById('notice-retry'),
    noticeClose: document.getElementById('notice-close'),
    composer: document.getElementById('composer'),
    inputLabel: document.getElementById('input-label'),
    input: document.getElementById('input'),
    send: document.getElementById('send')
  };

  var state = {
    session: loadSession(),
    lang: storageGet(LANG_KEY) === 'en' ? 'en'
        : storageGet(LANG_KEY) === 'ru' ? 'ru'
        : (navigator.language || '').toLowerCase().indexOf('ru') === 0 ? 'ru' : 'en',
    status: 'with_bot',
    busy: false,
    noticeTimer: 0,
    retry: null,
    cursor: null,    // where to ask /api/chat/updates from; moves only with what updates return
    seen: {},        // ids of notices already shown
    polling: 0
  };

  // ---- storage (localStorage may be unavailable, e.g. in some private modes) ----

  function storageGet(key) {
    try {
      return window.localStorage.getItem(key);
    } catch (e) {
      return null;
    }
  }

  function storageSet(key, value) {
    try {
      window.localStorage.setItem(key, value);
    } catch (e) {
      // Not fatal: the chat works for this page view.
    }
  }

  function loadSession() {
    var stored = storageGet(SESSION_KEY);
    return stored && SESSION_PATTERN.test(stored) ? stored : null;
  }

  /** The session token, asked of the server the first time (or after it said it does not know ours). */
  function session() {
    if (state.session) {
      return Promise.resolve(state.session);
    }
    return fetch(SESSION_API, { method: 'POST', headers: { 'Accept': 'application/json' } }).then(function (response) {
      if (response.status === 429) {
        throw new ChatError(tooMany(response));
      }
      return response.json().catch(function () {
        return null;
      }).then(function (json) {
        if (!response.ok || !json || typeof json.session !== 'string') {
          throw new ChatError(t('serverError').replace('{status}', String(response.status)));
        }
        state.session = json.session;
        storageSet(SESSION_KEY, json.session);
        return json.session;
      });
    });
  }

  /** The friendly "please wait" for a 429, with the server's Retry-After in seconds. */
  function tooMany(response) {
    var seconds = parseInt(response.headers.get('Retry-After'), 10);
    return t('tooMany').replace('{seconds}', String(isNaN(seconds) || seconds < 1 ? 10 : seconds));
  }

  // ---- language and status ----

  function t(key) {
    return UI[state.lang][key];
  }

  function applyLanguage() {
    document.documentElement.lang = state.lang;
    document.title = t('title');
    el.title.textContent = t('title');
    el.nameLabel.textContent = t('nameLabel');
    el.name.placeholder = t('namePlaceholder');
    el.inputLabel.textContent = t('inputLabel');
    el.input.placeholder = t('inputPlaceholder');
    el.send.setAttribute('aria-label', t('send'));
    el.send.title = t('send');
    el.noticeRetry.textContent = t('retry');
    el.noticeClose.setAttribute('aria-label', t('close'));
    applyStatus();
  }

  function applyStatus() {
    var status = UI.en.hasOwnProperty(state.status) ? state.status : 'with_bot';
    el.subtitle.textContent = t(status);
    el.subtitle.className = 'subtitle status-' + status.replace(/_/g, '-');
    if (status === 'waiting_for_operator' || status === 'with_operator') {
      el.bannerText.textContent = t(status === 'waiting_for_operator' ? 'bannerWaiting' : 'bannerWithOperator');
      el.banner.hidden = false;
    } else {
      el.banner.hidden = true;
      el.bannerText.textContent = '';
    }
  }

  // ---- messages ----

  function scrollToEnd() {
    el.messages.scrollTop = el.messages.scrollHeight;
  }

  function addMessage(who, text) {
    var bubble = document.createElement('div');
    bubble.className = 'msg ' + who;
    bubble.textContent = text;
    el.messages.appendChild(bubble);
    scrollToEnd();
    return bubble;
  }

  function removeQuickReplies() {
    var old = el.messages.querySelectorAll('.quick-replies');
    for (var i = 0; i < old.length; i++) {
      old[i].parentNode.removeChild(old[i]);
    }
  }

  function setQuickRepliesEnabled(enabled) {
    var buttons = el.messages.querySelectorAll('.quick-replies button');
    for (var i = 0; i < buttons.length; i++) {
      buttons[i].disabled = !enabled;
    }
  }

  function addQuickReplies(buttons) {
    var box = document.createElement('div');
    box.className = 'quick-replies';
    buttons.forEach(function (b) {
      if (!b || typeof b.label !== 'string' || typeof b.payload !== 'string') {
        return;
      }
      var button = document.createElement('button');
      button.type = 'button';
      button.textContent = b.label;
      button.addEventListener('click', function () {
        pressButton(b.label, b.payload);
      });
      box.appendChild(button);
    });
    if (box.childNodes.length > 0) {
      el.messages.appendChild(box);
      scrollToEnd();
    }
  }

  function showTyping() {
    var typing = document.createElement('div');
    typing.className = 'typing';
    typing.setAttribute('aria-hidden', 'true');
    for (var i = 0; i < 3; i++) {
      typing.appendChild(document.createElement('span'));
    }
    el.messages.appendChild(typing);
    scrollToEnd();
    return typing;
  }

  function render(response) {
    var replies = Array.isArray(response.replies) ? response.replies : [];
    var buttons = [];
    var lastBotText = null;
    removeQuickReplies();
    replies.forEach(function (reply) {
      if (!reply || typeof reply.text !== 'string') {
        return;
      }
      addMessage('bot', reply.text);
      lastBotText = reply.text;
      if (Array.isArray(reply.buttons) && reply.buttons.length > 0) {
        buttons = reply.buttons;
      }
    });
    if (buttons.length > 0) {
      addQuickReplies(buttons);
    }
    if (lastBotText !== null) {
      state.lang = CYRILLIC.test(lastBotText) ? 'ru' : 'en';
      storageSet(LANG_KEY, state.lang);
    }
    if (typeof response.status === 'string') {
      state.status = response.status;
    }
    if (state.cursor === null && typeof response.cursor === 'string') {
      state.cursor = response.cursor;
    }
    applyLanguage();
    schedulePolling();
  }

  // ---- what operators write later ----

  function handedOver() {
    return state.status === 'waiting_for_operator' || state.status === 'with_operator';
  }

  function schedulePolling() {
    if (handedOver() && !state.polling) {
      state.polling = window.setTimeout(poll, UPDATES_MS);
    }
  }

  function poll() {
    state.polling = 0;
    if (!state.session) {
      return;
    }
    var url = API + '/updates?session=' + encodeURIComponent(state.session)
        + (state.cursor ? '&since=' + encodeURIComponent(state.cursor) : '');
    fetch(url, { headers: { 'Accept': 'application/json' } }).then(function (response) {
      return response.ok ? response.json() : null;
    }).then(function (json) {
      if (!json || !Array.isArray(json.notices)) {
        return;
      }
      var buttons = [];
      var fresh = json.notices.filter(function (n) { return n && typeof n.id === 'string' && !state.seen[n.id]; });
      if (fresh.length > 0) {
        removeQuickReplies();
      }
      fresh.forEach(function (n) {
        state.seen[n.id] = true;
        if (typeof n.text === 'string' && (n.text || !n.file)) {
          addMessage(n.author === 'operator' ? 'bot operator' : 'bot', n.text);
        }
        if (n.file && window.ChatUpload) window.ChatUpload.showFile(n.file); // chat-upload.js
        if (Array.isArray(n.buttons) && n.buttons.length > 0) {
          buttons = n.buttons;
        }
      });
      if (buttons.length > 0) {
        addQuickReplies(buttons);
      }
      if (window.ChatTyping) window.ChatTyping.update(json, fresh); // chat-typing.js
      if (typeof json.cursor === 'string') {
        state.cursor = json.cursor;
      }
      if (typeof json.status === 'string') {
        state.status = json.status;
        applyLanguage();
      }
    }, function () {
      // Offline for a moment: the next poll catches up, nothing is lost on the server.
    }).then(schedulePolling);
  }

  // ---- notice ----

  function showNotice(text, retry) {
    window.clearTimeout(state.noticeTimer);
    el.noticeText.textContent = text;
    state.retry = retry || null;
    el.noticeRetry.hidden = !retry;
    el.notice.hidden = false;
    if (!retry) {
      state.noticeTimer = window.setTimeout(hideNotice, NOTICE_MS);
    }
  }

  function hideNotice() {
    window.clearTimeout(state.noticeTimer);
    el.notice.hidden = true;
    el.noticeText.textContent = '';
    state.retry = null;
  }

  // ---- talking to the server ----

  function ChatError(message) {
    this.message = message;
  }

  /** Sends a message; a session the server does not know (401) is replaced once and the message sent again. */
  function post(fields) {
    return session().then(function (token) {
      return postWith(token, fields);
    }).then(null, function (e) {
      if (!(e instanceof SessionUnknown)) {
        throw e;
      }
      state.session = null;
      return session().then(function (token) {
        return postWith(token, fields);
      });
    }).then(null, function (e) {
      throw e instanceof ChatError ? e : e instanceof SessionUnknown ? new ChatError(e.message) : new ChatError(t('offline'));
    });
  }

  function SessionUnknown(message) {
    this.message = message;
  }

  function postWith(token, fields) {
    var body = { session: token };
    // The browser's language lets the bot greet in it before the customer has written anything.
    var lang = (navigator.language || '').toLowerCase();
    body.language = lang.indexOf('ru') === 0 ? 'ru' : 'en';
    var name = el.name.value.trim();
    if (name) {
      body.name = name;
    }
    Object.keys(fields).forEach(function (k) {
      body[k] = fields[k];
    });
    var controller = window.AbortController ? new AbortController() : null;
    var timer = controller ? window.setTimeout(function () { controller.abort(); }, REQUEST_TIMEOUT_MS) : 0;
    return fetch(API, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'Accept': 'application/json' },
      body: JSON.stringify(body),
      signal: controller ? controller.signal : undefined
    }).then(function (response) {
      if (response.status === 429) {
        throw new ChatError(tooMany(response));
      }
      return response.json().catch(function () {
        return null;
      }).then(function (json) {
        if (response.ok && json && Array.isArray(json.replies)) {
          return json;
        }
        if (response.status === 401) {
          throw new SessionUnknown(json && json.error ? json.error : t('serverError').replace('{status}', '401'));
        }
        if (json && typeof json.error === 'string' && json.error) {
          throw new ChatError(json.error);
        }
        throw new ChatError(t('serverError').replace('{status}', String(response.status)));
      });
    }, function (e) {
      throw new ChatError(e && e.name === 'AbortError' ? t('timeout') : t('offline'));
    }).then(function (json) {
      window.clearTimeout(timer);
      return json;
    }, function (e) {
      window.clearTimeout(timer);
      throw e instanceof ChatError || e instanceof SessionUnknown ? e : new ChatError(t('offline'));
    });
  }

  /** Sends one request; only one is in flight at a time so replies stay in order. */
  function exchange(fields, onFailure) {
    state.busy = true;
    updateSendButton();
    setQuickRepliesEnabled(false);
    var typing = showTyping();
    return post(fields).then(function (response) {
      hideNotice();
      render(response);
      return true;
    }, function (e) {
      setQuickRepliesEnabled(true);
      onFailure(e.message);
      return false;
    }).then(function (ok) {
      if (typing.parentNode) {
        typing.parentNode.removeChild(typing);
      }
      state.busy = false;
      updateSendButton();
      return ok;
    });
  }

  function start() {
    exchange({ text: '/start' }, function (message) {
      showNotice(message, start);
    });
  }

  function sendText() {
    var text = el.input.value;
    if (state.busy || text.trim() === '') {
      return;
    }
    var bubble = addMessage('customer', text);
    bubble.classList.add('pending');
    el.input.value = '';
    autosize();
    exchange({ text: text }, function (message) {
      // Never lose what the customer typed: put it back in the box (before anything typed since).
      bubble.parentNode.removeChild(bubble);
      el.input.value = el.input.value ? text + '\n' + el.input.value : text;
      autosize();
      updateSendButton();
      showNotice(message);
    }).then(function (ok) {
      if (ok) {
        bubble.classList.remove('pending');
      }
      el.input.focus();
    });
  }

  function pressButton(label, payload) {
    if (state.busy) {
      return;
    }
    var bubble = addMessage('customer', label);
    bubble.classList.add('pending');
    exchange({ button: payload }, function (message) {
      bubble.parentNode.removeChild(bubble);
      showNotice(message);
    }).then(function (ok) {
      if (ok) {
        bubble.classList.remove('pending');
      }
    });
  }

  // ---- composer ----

  function autosize() {
    el.input.style.height = 'auto';
    el.input.style.height = Math.min(el.input.scrollHeight, 160) + 'px';
  }

  function updateSendButton() {
    el.send.disabled = state.busy || el.input.value.trim() === '';
  }

  el.composer.addEventListener('submit', function (e) {
    e.preventDefault();
    sendText();
  });

  el.input.addEventListener('keydown', function (e) {
    // Enter sends, Shift+Enter is a new line; keep Enter alone while an IME is composing.
    if (e.key === 'Enter' && !e.shiftKey && !e.isComposing && e.keyCode !== 229) {
      e.preventDefault();
      sendText();
    }
  });

  el.input.addEventListener('input', function () {
    autosize();
    updateSendButton();
  });

  el.name.value = storageGet(NAME_KEY) || '';
  el.name.addEventListener('input', function () {
    storageSet(NAME_KEY, el.name.value.trim());
  });

  el.noticeClose.addEventListener('click', hideNotice);
  el.noticeRetry.addEventListener('click', function () {
    var retry = state.retry;
    hideNotice();
    if (retry && !state.busy) {
      retry();
    }
  });

  // For chat-upload.js: the session, and how to show the bot's answer to an upload.
  window.SupportChat = { session: session, render: render, addMessage: addMessage, scrollToEnd: scrollToEnd, lang: function () { return state.lang; } };

  applyLanguage();
  updateSendButton();
  start();
  if (!window.matchMedia || window.matchMedia('(pointer: fine)').matches) {
    el.input.focus(); // not on touch screens, where it would pop the keyboard up over the greeting
  }
}());
