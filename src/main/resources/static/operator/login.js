// Shows why the sign-in form is back: a wrong password, a sign-out, or an ended session.
document.addEventListener('DOMContentLoaded', () => {
  'use strict';
  const params = new URLSearchParams(location.search);
  const notice = document.getElementById('login-notice');
  const key = params.has('error') ? 'login.error' : params.has('logout') ? 'login.logout' : params.has('expired') ? 'login.expired' : null;
  if (!key) return;
  const show = () => { notice.textContent = I18n.t(key); };
  notice.hidden = false;
  notice.classList.toggle('error', key === 'login.error');
  show();
  I18n.onChange(show);
});
