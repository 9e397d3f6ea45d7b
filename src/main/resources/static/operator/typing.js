// While the operator types a reply (not a note), the customer sees "typing…" on channels that can show it.
(function () {
  'use strict';
  const EVERY_MS = 4000; // the server passes at most one a chat every 5 s; this keeps requests few
  let lastSent = 0;
  let lastTicket = null;

  document.addEventListener('DOMContentLoaded', () => {
    const reply = document.getElementById('reply');
    reply.addEventListener('input', () => {
      const title = document.getElementById('conv-title').textContent;
      const match = /#(\d+)$/.exec(title);
      if (!match || reply.disabled || !reply.value.trim() || reply.value.startsWith('/')) return;
      if (window.OperatorTools && window.OperatorTools.noteMode()) return;
      const number = match[1];
      const now = Date.now();
      if (number === lastTicket && now - lastSent < EVERY_MS) return;
      lastSent = now;
      lastTicket = number;
      window.Console.api('POST', '/tickets/' + number + '/typing').catch(() => {});
    });
  });
})();
