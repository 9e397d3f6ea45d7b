// Files in the web chat: a paperclip for a picture or PDF (up to 10 MB) that goes to the bot and, if a
// person is involved, to the operator; operators' pictures shown in the chat, their other files as downloads.
// Files are fetched with the session in a header (never in a URL) and shown from blob: URLs.
(function () {
  'use strict';
  var MAX_BYTES = 10 * 1024 * 1024;
  var TEXT = {
    ru: { attach: 'Прикрепить фото или PDF', tooBig: 'Файл больше 10 МБ — пришлите поменьше или опишите словами.',
      failed: 'Не получилось отправить файл', sent: 'Файл: ', file: 'Файл' },
    en: { attach: 'Attach a photo or PDF', tooBig: 'The file is over 10 MB: send a smaller one or describe it in words.',
      failed: 'Could not send the file', sent: 'File: ', file: 'File' }
  };
  function t(key) {
    var lang = window.SupportChat && window.SupportChat.lang() === 'en' ? 'en' : 'ru';
    return TEXT[lang][key];
  }
  function chat() {
    return window.SupportChat;
  }
  var messages = document.getElementById('messages');

  function bubble(who) {
    var box = document.createElement('div');
    box.className = 'msg ' + who + ' file';
    messages.appendChild(box);
    return box;
  }

  /** An operator's file: fetched with the session header, a picture shown, anything else a download link. */
  function showFile(file) {
    if (!file || typeof file.url !== 'string' || file.url.indexOf('/api/chat/files/') !== 0) return;
    var box = bubble('bot operator');
    box.textContent = (file.name || t('file')) + '…';
    chat().session().then(function (token) {
      return fetch(file.url, { headers: { 'X-Chat-Session': token } });
    }).then(function (response) {
      if (!response.ok) throw new Error(String(response.status));
      return response.blob();
    }).then(function (blob) {
      var url = URL.createObjectURL(blob);
      box.textContent = '';
      if (/^image\/(jpeg|png|gif|webp)$/.test(blob.type)) {
        var image = document.createElement('img');
        image.src = url;
        image.alt = file.name || t('file');
        image.className = 'chat-image';
        image.addEventListener('load', function () { chat().scrollToEnd(); });
        box.appendChild(image);
      } else {
        var link = document.createElement('a');
        link.href = url;
        link.download = file.name || 'file';
        link.textContent = file.name || t('file');
        box.appendChild(link);
      }
    }).catch(function () {
      box.textContent = (file.name || t('file')) + ' — ' + t('failed');
    });
  }

  function upload(file) {
    if (!file) return;
    if (file.size > MAX_BYTES) {
      chat().addMessage('bot', t('tooBig'));
      return;
    }
    var mine = bubble('customer');
    mine.textContent = t('sent') + file.name;
    if (/^image\//.test(file.type)) {
      var image = document.createElement('img');
      image.src = URL.createObjectURL(file);
      image.alt = file.name;
      image.className = 'chat-image';
      mine.appendChild(image);
    }
    chat().scrollToEnd();
    chat().session().then(function (token) {
      var form = new FormData();
      form.append('session', token);
      form.append('file', file);
      var name = document.getElementById('name');
      if (name && name.value.trim()) form.append('name', name.value.trim());
      return fetch('/api/chat/files', { method: 'POST', headers: { 'Accept': 'application/json' }, body: form });
    }).then(function (response) {
      return response.json().catch(function () { return {}; }).then(function (json) {
        if (!response.ok) throw new Error(json && json.error ? json.error : String(response.status));
        chat().render(json);
      });
    }).catch(function (e) {
      chat().addMessage('bot', t('failed') + ': ' + e.message);
    });
  }

  var composer = document.getElementById('composer');
  if (!composer) return;
  var input = document.createElement('input');
  input.type = 'file';
  input.accept = 'image/jpeg,image/png,image/gif,image/webp,application/pdf';
  input.hidden = true;
  input.id = 'file-input';
  var clip = document.createElement('button');
  clip.type = 'button';
  clip.id = 'attach';
  clip.className = 'attach';
  clip.setAttribute('aria-label', t('attach'));
  clip.title = t('attach');
  var ns = 'http://www.w3.org/2000/svg';
  var svg = document.createElementNS(ns, 'svg');
  svg.setAttribute('viewBox', '0 0 24 24');
  svg.setAttribute('width', '22');
  svg.setAttribute('height', '22');
  svg.setAttribute('aria-hidden', 'true');
  var path = document.createElementNS(ns, 'path');
  path.setAttribute('d', 'M21 11.5l-8.6 8.6a5.5 5.5 0 0 1-7.8-7.8l8.6-8.6a3.7 3.7 0 0 1 5.2 5.2l-8.6 8.6a1.8 1.8 0 0 1-2.6-2.6l7.9-7.9');
  path.setAttribute('fill', 'none');
  path.setAttribute('stroke', 'currentColor');
  path.setAttribute('stroke-width', '2');
  svg.appendChild(path);
  clip.appendChild(svg);
  clip.addEventListener('click', function () { input.click(); });
  input.addEventListener('change', function () {
    if (input.files.length > 0) upload(input.files[0]);
    input.value = '';
  });
  composer.insertBefore(input, composer.firstChild);
  composer.insertBefore(clip, composer.firstChild);

  window.ChatUpload = { showFile: showFile, upload: upload };
}());
