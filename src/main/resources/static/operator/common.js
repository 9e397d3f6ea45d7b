// What every console page shares: calls to the operator API with the session's CSRF token, sign-out.
(function () {
  'use strict';
  function cookie(name) {
    const found = document.cookie.split('; ').find(c => c.startsWith(name + '='));
    return found ? decodeURIComponent(found.substring(name.length + 1)) : null;
  }

  let leaving = false;

  function signIn(reason) {
    if (leaving) return;
    leaving = true;
    location.href = '/operator/login' + (reason ? '?' + reason : '');
  }

  /** A call to the operator API (or, with {@code base}, another one: the editors' {@code /api/editor}). */
  async function api(method, path, body, headers, base) {
    const options = { method, credentials: 'same-origin', headers: Object.assign({ 'Accept': 'application/json' }, headers || {}) };
    if (method !== 'GET') {
      const token = cookie('XSRF-TOKEN');
      if (token) options.headers['X-XSRF-TOKEN'] = token;
    }
    if (body !== undefined) {
      options.headers['Content-Type'] = 'application/json';
      options.body = JSON.stringify(body);
    }
    const response = await fetch((base || '/api/operator') + path, options);
    if (response.status === 401) {
      signIn('expired');
      throw new Error('signed out');
    }
    const text = await response.text();
    const data = text ? JSON.parse(text) : null;
    if (!response.ok) {
      const error = new Error((data && data.message) || response.statusText);
      error.status = response.status;
      throw error;
    }
    return data;
  }

  /** A new element with a class and text (never HTML). */
  function el(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text != null) node.textContent = text;
    return node;
  }

  document.addEventListener('DOMContentLoaded', () => {
    const editorLink = document.getElementById('nav-editor');
    if (editorLink) {
      api('GET', '/me').then(me => { editorLink.hidden = !me.editor; }).catch(() => {});
    }
    const logout = document.getElementById('logout');
    if (logout) {
      logout.addEventListener('click', async () => {
        const token = cookie('XSRF-TOKEN');
        leaving = true; // calls still under way will find the session gone: that is no surprise now
        await fetch('/operator/logout', { method: 'POST', credentials: 'same-origin', headers: token ? { 'X-XSRF-TOKEN': token } : {} });
        location.href = '/operator/login?logout';
      });
    }
  });

  window.Console = { api, el, signIn };
})();
