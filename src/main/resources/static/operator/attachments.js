// Files in the console: customers' pictures inline (open full size), audio that plays, other files as
// downloads; a paperclip and drag-and-drop to send a picture, PDF, audio or MP4 (up to 10 MB) to the customer.
// Every file comes from the bot's own server (/api/operator/attachments/…), which serves only raster images
// and audio inline and everything else as a download.
(function () {
  'use strict';
  const MAX_BYTES = 10 * 1024 * 1024;
  const ACCEPT = 'image/jpeg,image/png,image/gif,image/webp,application/pdf,audio/ogg,audio/mpeg,video/mp4';
  const STRINGS = {
    en: {
      attach: 'Attach a file', unavailable: 'The file is not available', tooBig: 'Files up to 10 MB can be sent',
      sent: 'File sent', drop: 'Drop the file to send it', location: 'Location', contact: 'Contact', sending: 'Sending {name}…'
    },
    ru: {
      attach: 'Прикрепить файл', unavailable: 'Файл недоступен', tooBig: 'Можно отправить файл до 10 МБ',
      sent: 'Файл отправлен', drop: 'Отпустите файл, чтобы отправить', location: 'Место', contact: 'Контакт', sending: 'Отправляю {name}…'
    }
  };
  const t = (key, params) => {
    const lang = window.I18n && I18n.language === 'ru' ? 'ru' : 'en';
    let text = STRINGS[lang][key] || STRINGS.en[key];
    Object.entries(params || {}).forEach(([k, v]) => { text = text.replace('{' + k + '}', v); });
    return text;
  };
  const el = (tag, className, text) => window.Console.el(tag, className, text);

  function size(bytes) {
    if (!bytes) return '';
    if (bytes < 1024) return bytes + ' B';
    if (bytes < 1024 * 1024) return Math.round(bytes / 1024) + ' KB';
    return (bytes / 1024 / 1024).toFixed(1) + ' MB';
  }

  /** Only paths of this server are ever put in src or href. */
  function safeUrl(url) {
    return typeof url === 'string' && url.startsWith('/api/operator/attachments/') ? url : null;
  }

  function fileLink(file, url) {
    const link = el('a', 'attachment-file',  (file.name || file.kind) + (file.size ? ' · ' + size(file.size) : ''));
    link.href = url;
    link.setAttribute('download', file.name || file.kind);
    link.rel = 'noopener';
    return link;
  }

  function one(file) {
    const url = safeUrl(file.url);
    if (!url) {
      const label = file.kind === 'contact' ? t('contact') : t('location');
      return el('div', 'attachment-place', (file.kind === 'contact' ? '👤 ' : '📍 ') + label + ': ' + (file.name || ''));
    }
    if (file.kind === 'photo' || file.kind === 'sticker' || (file.mime || '').match(/^image\/(jpeg|png|gif|webp)$/)) {
      const link = el('a', 'attachment-image');
      link.href = url;
      link.target = '_blank';
      link.rel = 'noopener';
      const image = el('img', 'thumb');
      image.src = url;
      image.alt = file.name || file.kind;
      image.loading = 'lazy';
      keepAtEnd(image);
      image.addEventListener('error', () => link.replaceWith(el('span', 'attachment-missing', '⚠ ' + t('unavailable') + ': ' + (file.name || file.kind))));
      link.append(image);
      return link;
    }
    if (file.kind === 'voice' || file.kind === 'audio') {
      const box = el('div', 'attachment-audio');
      const audio = el('audio');
      audio.controls = true;
      audio.preload = 'none';
      audio.src = url;
      box.append(audio, fileLink(file, url));
      return box;
    }
    return fileLink(file, url);
  }

  /** A paperclip drawn as SVG: emoji fonts are missing on many operators' machines. */
  function paperclip() {
    const ns = 'http://www.w3.org/2000/svg';
    const svg = document.createElementNS(ns, 'svg');
    svg.setAttribute('viewBox', '0 0 24 24');
    svg.setAttribute('width', '20');
    svg.setAttribute('height', '20');
    svg.setAttribute('aria-hidden', 'true');
    const path = document.createElementNS(ns, 'path');
    path.setAttribute('d', 'M21 11.5l-8.6 8.6a5.5 5.5 0 0 1-7.8-7.8l8.6-8.6a3.7 3.7 0 0 1 5.2 5.2l-8.6 8.6a1.8 1.8 0 0 1-2.6-2.6l7.9-7.9');
    path.setAttribute('fill', 'none');
    path.setAttribute('stroke', 'currentColor');
    path.setAttribute('stroke-width', '2');
    path.setAttribute('stroke-linecap', 'round');
    svg.append(path);
    return svg;
  }

  /** A picture that loads after the transcript was scrolled to its end keeps it at the end. */
  function keepAtEnd(image) {
    const box = document.getElementById('transcript');
    const wasAtEnd = box && box.scrollHeight - box.scrollTop - box.clientHeight < 80;
    image.addEventListener('load', () => {
      if (wasAtEnd || box.scrollHeight - box.scrollTop - box.clientHeight < image.height + 80) box.scrollTop = box.scrollHeight;
    });
  }

  /** The attachments of a transcript entry, or null when it has none. */
  function render(entry) {
    if (!entry.attachments || entry.attachments.length === 0) return null;
    const box = el('div', 'attachments');
    entry.attachments.forEach(file => box.append(one(file)));
    return box;
  }

  function cookie(name) {
    const found = document.cookie.split('; ').find(c => c.startsWith(name + '='));
    return found ? decodeURIComponent(found.substring(name.length + 1)) : null;
  }

  function toast(text, error) {
    const box = document.getElementById('toast');
    if (!box) return;
    box.textContent = text;
    box.classList.toggle('error', !!error);
    box.hidden = false;
    setTimeout(() => { box.hidden = true; }, 4000);
  }

  async function send(file) {
    const ticket = document.getElementById('transcript').dataset.ticket;
    if (!ticket || document.getElementById('send').disabled) return;
    if (file.size > MAX_BYTES) {
      toast(t('tooBig'), true);
      return;
    }
    const form = new FormData();
    form.append('file', file);
    const caption = document.getElementById('reply');
    form.append('caption', caption.value.trim());
    const headers = { 'Accept': 'application/json' };
    const token = cookie('XSRF-TOKEN');
    if (token) headers['X-XSRF-TOKEN'] = token;
    toast(t('sending', { name: file.name }));
    const response = await fetch('/api/operator/tickets/' + encodeURIComponent(ticket) + '/attachments',
      { method: 'POST', credentials: 'same-origin', headers, body: form });
    const text = await response.text();
    let data = null;
    try { data = text ? JSON.parse(text) : null; } catch (e) { data = null; }
    if (!response.ok) {
      toast((data && data.message) || response.statusText, true);
      return;
    }
    caption.value = '';
    toast(t('sent'));
  }

  document.addEventListener('DOMContentLoaded', () => {
    const form = document.getElementById('reply-form');
    if (!form) return;
    const input = el('input');
    input.type = 'file';
    input.accept = ACCEPT;
    input.hidden = true;
    input.id = 'attach-input';
    const clip = el('button', 'attach');
    clip.append(paperclip());
    clip.type = 'button';
    clip.id = 'attach';
    clip.title = t('attach');
    clip.setAttribute('aria-label', t('attach'));
    clip.addEventListener('click', () => input.click());
    input.addEventListener('change', () => {
      if (input.files.length > 0) send(input.files[0]).catch(e => toast(String(e), true));
      input.value = '';
    });
    form.prepend(clip, input);
    // The paperclip follows the send button: usable only while the operator holds the ticket.
    new MutationObserver(() => { clip.disabled = document.getElementById('send').disabled; })
      .observe(document.getElementById('send'), { attributes: true, attributeFilter: ['disabled'] });
    const thread = document.querySelector('.thread') || form;
    thread.addEventListener('dragover', event => {
      if (event.dataTransfer && Array.from(event.dataTransfer.types).includes('Files')) {
        event.preventDefault();
        thread.classList.add('dropping');
      }
    });
    thread.addEventListener('dragleave', () => thread.classList.remove('dropping'));
    thread.addEventListener('drop', event => {
      thread.classList.remove('dropping');
      if (!event.dataTransfer || event.dataTransfer.files.length === 0) return;
      event.preventDefault();
      send(event.dataTransfer.files[0]).catch(e => toast(String(e), true));
    });
  });

  window.ConsoleAttachments = { render };
})();
