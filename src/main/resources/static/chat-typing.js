// "The operator is typing…" in the web chat: GET /api/chat/updates says operatorTyping while an
// operator types a reply in the console; the hint goes when their message arrives or after 6 s.
(function () {
  'use strict';
  var SHOWN_MS = 6000;
  var TEXT = { ru: 'Оператор печатает…', en: 'The operator is typing…' };
  var messages = document.getElementById('messages');
  var hint = null;
  var timer = 0;

  function hide() {
    window.clearTimeout(timer);
    timer = 0;
    if (hint && hint.parentNode) {
      hint.parentNode.removeChild(hint);
    }
  }

  function show() {
    var lang = window.SupportChat && window.SupportChat.lang() === 'en' ? 'en' : 'ru';
    if (!hint) {
      hint = document.createElement('div');
      hint.className = 'operator-typing';
      hint.setAttribute('role', 'status');
      var dots = document.createElement('span');
      dots.className = 'dots'; // not .typing: that is the bot's own "answering" bubble
      dots.setAttribute('aria-hidden', 'true');
      for (var i = 0; i < 3; i++) {
        dots.appendChild(document.createElement('span'));
      }
      hint.appendChild(dots);
      hint.appendChild(document.createElement('em'));
    }
    hint.lastChild.textContent = TEXT[lang];
    messages.appendChild(hint); // to the end, below what came meanwhile
    if (window.SupportChat) window.SupportChat.scrollToEnd();
    window.clearTimeout(timer);
    timer = window.setTimeout(hide, SHOWN_MS);
  }

  /** Called by chat.js with each updates answer and the notices it had not shown yet. */
  function update(json, fresh) {
    var replied = (fresh || []).some(function (n) { return n && n.author === 'operator'; });
    if (json && json.operatorTyping === true && !replied) {
      show();
    } else if (replied || (json && json.operatorTyping === false)) {
      hide();
    }
  }

  window.ChatTyping = { update: update };
}());
