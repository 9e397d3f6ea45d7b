// The console's two languages. Text is always set with textContent, never parsed as HTML.
(function () {
  'use strict';
  const STRINGS = {
    en: {
      'brand.role': 'Operator console',
      'nav.queue': 'Conversations',
      'nav.dashboard': 'Dashboard',
      'nav.editor': 'Suggestions',
      'editor.title': 'What the bot could not answer',
      'editor.refresh': 'Refresh',
      'editor.intro': 'Questions customers asked that the bot escalated, asked to rephrase, or answered unhelpfully — grouped by similarity, most asked first. Add them to an intent, turn a group into a new intent (the operator\'s reply is the draft answer), or dismiss. Changes go into the files in intents/ and knowledge-base/ and the bot uses them at once.',
      'editor.none': 'Nothing to review: the bot answered everything lately.',
      'editor.questions': '{n} questions',
      'editor.kind.escalated': 'handed over',
      'editor.kind.clarified': 'asked "did you mean"',
      'editor.kind.not_understood': 'asked to rephrase',
      'editor.kind.unhelpful': 'not helpful',
      'editor.operatorReply': 'The operator answered:',
      'editor.into': 'Intent',
      'editor.pick': 'Choose an intent…',
      'editor.pickFirst': 'Choose the intent to add the phrases to.',
      'editor.accept': 'Add the ticked phrases',
      'editor.proposed': 'closest: {intent} ({p})',
      'editor.newProposed': 'no close intent: maybe a new one',
      'editor.create': 'Create a new intent from this group',
      'editor.name': 'name, e.g. wholesale_prices',
      'editor.titleField': 'button title',
      'editor.answer': 'the answer',
      'editor.createButton': 'Create the intent',
      'editor.dismiss': 'Dismiss',
      'editor.dismissed': 'Dismissed.',
      'editor.changed': 'Saved {n} phrases: {files}.',
      'editor.notReloaded': 'The content has errors, so the bot did not reload it: run validate.',
      'logout': 'Log out',
      'live.on': 'Live',
      'live.off': 'Reconnecting…',
      'login.title': 'Sign in to the operator console',
      'login.login': 'Login',
      'login.password': 'Password',
      'login.submit': 'Sign in',
      'login.error': 'Wrong login or password.',
      'login.logout': 'You have signed out.',
      'login.expired': 'Your session has ended. Please sign in again.',
      'queue.title': 'Waiting',
      'queue.all': 'All queues',
      'queue.empty': 'No one is waiting. Nice!',
      'mine.title': 'My conversations',
      'mine.empty': 'Take a ticket from the queue to start.',
      'placeholder.title': 'Pick a conversation',
      'placeholder.text': 'Customers waiting for a person appear on the left as they arrive.',
      'ticket.take': 'Take',
      'ticket.close': 'Close',
      'ticket.release': 'Return to bot',
      'ticket.transfer': 'Transfer…',
      'ticket.transfer.queues': 'To a queue',
      'ticket.transfer.operators': 'To an operator',
      'ticket.waited': 'waiting {t}',
      'ticket.answeredIn': 'answered in {t}',
      'ticket.priority': 'priority {p}',
      'ticket.unread': '{n} new',
      'ticket.anonymous': 'Customer',
      'ticket.notYours': 'Take the ticket to reply.',
      'ticket.closedOrGone': 'This ticket is closed.',
      'sla.ok': 'SLA ok',
      'sla.due_soon': 'SLA soon',
      'sla.overdue': 'Overdue',
      'sla.met': 'Answered',
      'status.waiting': 'waiting',
      'status.assigned': 'with operator',
      'status.resolved': 'resolved',
      'status.returned_to_bot': 'back with the bot',
      'status.cancelled': 'cancelled',
      'author.customer': 'Customer',
      'author.bot': 'Bot',
      'author.operator': 'Operator',
      'decision.answer': 'answered',
      'decision.clarify': 'asked to clarify',
      'decision.escalate': 'handed over',
      'details.customer': 'Customer',
      'details.history': 'Ticket history',
      'details.earlier': 'Earlier tickets',
      'details.none': 'None',
      'details.name': 'Name',
      'details.channel': 'Channel',
      'details.language': 'Language',
      'details.queue': 'Queue',
      'details.intent': 'Bot understood',
      'details.reason': 'Why handed over',
      'details.opened': 'Waiting since',
      'details.conversation': 'Conversation',
      'reply.placeholder': 'Write to the customer…',
      'reply.send': 'Send',
      'reply.hint': 'Enter sends · Shift+Enter for a new line',
      'reply.suggested': 'Suggested answers',
      'reply.none': 'No suggested answers for this conversation.',
      'toast.taken': 'Ticket #{n} is yours.',
      'toast.closed': 'Ticket #{n} closed. The customer is asked to rate the help.',
      'toast.released': 'Ticket #{n} returned to the bot.',
      'toast.transferred': 'Ticket #{n} transferred.',
      'toast.new': 'New customer waiting: #{n}',
      'toast.error': 'Could not do that: {m}',
      'dash.title': 'Support dashboard',
      'dash.period': 'Period',
      'dash.today': 'Today',
      'dash.7': '7 days',
      'dash.30': '30 days',
      'dash.from': 'From',
      'dash.to': 'To',
      'dash.apply': 'Show',
      'dash.conversations': 'Conversations',
      'dash.messages': '{n} messages',
      'dash.selfService': 'Self-service rate',
      'dash.escalation': 'Escalation rate',
      'dash.tickets': '{n} tickets',
      'dash.firstResponse': 'First response',
      'dash.handling': 'Handling time',
      'dash.medianP90': 'median · 90% within {p}',
      'dash.csat': 'Customer satisfaction',
      'dash.ratings': '{n} ratings',
      'dash.noData': 'no data',
      'dash.daily': 'Conversations per day',
      'dash.split': 'Who handled the conversations',
      'dash.bot': 'Bot alone',
      'dash.people': 'Handed to a person',
      'dash.csatChart': 'Ratings',
      'dash.intents': 'Volume per intent',
      'dash.answered': 'Answered by the bot',
      'dash.asked': 'Messages',
      'dash.escalations': 'Escalations',
      'dash.unanswered': 'Top questions the bot could not answer',
      'dash.question': 'Question',
      'dash.count': 'Times',
      'dash.closest': 'Closest intent',
      'dash.last': 'Last asked',
      'dash.unansweredNone': 'Nothing unanswered in this period.'
    },
    ru: {
      'brand.role': 'Консоль оператора',
      'nav.queue': 'Диалоги',
      'nav.dashboard': 'Аналитика',
      'nav.editor': 'Предложения',
      'editor.title': 'На что бот не ответил',
      'editor.refresh': 'Обновить',
      'editor.intro': 'Вопросы клиентов, которые бот передал людям, попросил переформулировать или на которые ответил неудачно, — сгруппированы по сходству, самые частые сверху. Добавьте их в тему, сделайте из группы новую тему (ответ оператора — черновик ответа) или отклоните. Изменения записываются в файлы intents/ и knowledge-base/, и бот сразу их использует.',
      'editor.none': 'Разбирать нечего: в последнее время бот ответил на всё.',
      'editor.questions': 'вопросов: {n}',
      'editor.kind.escalated': 'переданы людям',
      'editor.kind.clarified': 'переспросил',
      'editor.kind.not_understood': 'не понял',
      'editor.kind.unhelpful': 'не помог',
      'editor.operatorReply': 'Оператор ответил:',
      'editor.into': 'Тема',
      'editor.pick': 'Выберите тему…',
      'editor.pickFirst': 'Выберите тему, в которую добавить фразы.',
      'editor.accept': 'Добавить отмеченные фразы',
      'editor.proposed': 'ближе всего: {intent} ({p})',
      'editor.newProposed': 'близкой темы нет: возможно, нужна новая',
      'editor.create': 'Создать новую тему из этой группы',
      'editor.name': 'имя, например wholesale_prices',
      'editor.titleField': 'название кнопки',
      'editor.answer': 'ответ',
      'editor.createButton': 'Создать тему',
      'editor.dismiss': 'Отклонить',
      'editor.dismissed': 'Отклонено.',
      'editor.changed': 'Сохранено фраз: {n} ({files}).',
      'editor.notReloaded': 'В контенте ошибки, бот его не перезагрузил: запустите validate.',
      'logout': 'Выйти',
      'live.on': 'Онлайн',
      'live.off': 'Переподключение…',
      'login.title': 'Вход в консоль оператора',
      'login.login': 'Логин',
      'login.password': 'Пароль',
      'login.submit': 'Войти',
      'login.error': 'Неверный логин или пароль.',
      'login.logout': 'Вы вышли из консоли.',
      'login.expired': 'Сеанс завершён. Войдите снова.',
      'queue.title': 'Ждут ответа',
      'queue.all': 'Все очереди',
      'queue.empty': 'Никто не ждёт. Отлично!',
      'mine.title': 'Мои диалоги',
      'mine.empty': 'Возьмите обращение из очереди, чтобы начать.',
      'placeholder.title': 'Выберите диалог',
      'placeholder.text': 'Клиенты, которые ждут человека, появляются слева сразу, как приходят.',
      'ticket.take': 'Взять',
      'ticket.close': 'Закрыть',
      'ticket.release': 'Вернуть боту',
      'ticket.transfer': 'Передать…',
      'ticket.transfer.queues': 'В очередь',
      'ticket.transfer.operators': 'Оператору',
      'ticket.waited': 'ждёт {t}',
      'ticket.answeredIn': 'ответ за {t}',
      'ticket.priority': 'приоритет {p}',
      'ticket.unread': 'новых: {n}',
      'ticket.anonymous': 'Клиент',
      'ticket.notYours': 'Возьмите обращение, чтобы ответить.',
      'ticket.closedOrGone': 'Обращение закрыто.',
      'sla.ok': 'SLA в норме',
      'sla.due_soon': 'SLA скоро',
      'sla.overdue': 'Просрочено',
      'sla.met': 'Отвечено',
      'status.waiting': 'ждёт',
      'status.assigned': 'у оператора',
      'status.resolved': 'решено',
      'status.returned_to_bot': 'снова с ботом',
      'status.cancelled': 'отменено',
      'author.customer': 'Клиент',
      'author.bot': 'Бот',
      'author.operator': 'Оператор',
      'decision.answer': 'ответил',
      'decision.clarify': 'уточнил',
      'decision.escalate': 'передал',
      'details.customer': 'Клиент',
      'details.history': 'История обращения',
      'details.earlier': 'Прошлые обращения',
      'details.none': 'Нет',
      'details.name': 'Имя',
      'details.channel': 'Канал',
      'details.language': 'Язык',
      'details.queue': 'Очередь',
      'details.intent': 'Бот понял',
      'details.reason': 'Почему передан',
      'details.opened': 'Ждёт с',
      'details.conversation': 'Диалог',
      'reply.placeholder': 'Напишите клиенту…',
      'reply.send': 'Отправить',
      'reply.hint': 'Enter — отправить · Shift+Enter — новая строка',
      'reply.suggested': 'Готовые ответы',
      'reply.none': 'Для этого диалога готовых ответов нет.',
      'toast.taken': 'Обращение #{n} ваше.',
      'toast.closed': 'Обращение #{n} закрыто. Клиента попросят оценить помощь.',
      'toast.released': 'Обращение #{n} возвращено боту.',
      'toast.transferred': 'Обращение #{n} передано.',
      'toast.new': 'Новый клиент ждёт: #{n}',
      'toast.error': 'Не получилось: {m}',
      'dash.title': 'Аналитика поддержки',
      'dash.period': 'Период',
      'dash.today': 'Сегодня',
      'dash.7': '7 дней',
      'dash.30': '30 дней',
      'dash.from': 'С',
      'dash.to': 'По',
      'dash.apply': 'Показать',
      'dash.conversations': 'Диалоги',
      'dash.messages': 'сообщений: {n}',
      'dash.selfService': 'Решено ботом',
      'dash.escalation': 'Передано людям',
      'dash.tickets': 'обращений: {n}',
      'dash.firstResponse': 'Первый ответ',
      'dash.handling': 'Время решения',
      'dash.medianP90': 'медиана · 90% за {p}',
      'dash.csat': 'Оценка клиентов',
      'dash.ratings': 'оценок: {n}',
      'dash.noData': 'нет данных',
      'dash.daily': 'Диалоги по дням',
      'dash.split': 'Кто вёл диалоги',
      'dash.bot': 'Только бот',
      'dash.people': 'Переданы людям',
      'dash.csatChart': 'Оценки',
      'dash.intents': 'Вопросы по темам',
      'dash.answered': 'Ответил бот',
      'dash.asked': 'Сообщения',
      'dash.escalations': 'Передачи',
      'dash.unanswered': 'Частые вопросы без ответа бота',
      'dash.question': 'Вопрос',
      'dash.count': 'Раз',
      'dash.closest': 'Ближайшая тема',
      'dash.last': 'Последний раз',
      'dash.unansweredNone': 'За этот период всё отвечено.'
    }
  };

  function initialLanguage() {
    const saved = localStorage.getItem('console.lang');
    if (saved === 'ru' || saved === 'en') return saved;
    return (navigator.language || 'en').toLowerCase().startsWith('ru') ? 'ru' : 'en';
  }

  let language = initialLanguage();
  const listeners = [];

  function t(key, params) {
    let text = (STRINGS[language] && STRINGS[language][key]) || STRINGS.en[key] || key;
    if (params) {
      for (const [name, value] of Object.entries(params)) text = text.split('{' + name + '}').join(String(value));
    }
    return text;
  }

  function apply(root) {
    const scope = root || document;
    scope.querySelectorAll('[data-i18n]').forEach(el => { el.textContent = t(el.dataset.i18n); });
    scope.querySelectorAll('[data-i18n-placeholder]').forEach(el => { el.placeholder = t(el.dataset.i18nPlaceholder); });
    scope.querySelectorAll('[data-i18n-title]').forEach(el => { el.title = t(el.dataset.i18nTitle); });
    document.documentElement.lang = language;
  }

  function setLanguage(next) {
    language = next;
    localStorage.setItem('console.lang', next);
    apply();
    listeners.forEach(fn => fn(next));
  }

  /** "3 min", "1 h 05 min", "45 s" in the current language. */
  function duration(seconds) {
    if (seconds == null || isNaN(seconds)) return '—';
    const s = Math.max(0, Math.round(seconds));
    const ru = language === 'ru';
    if (s < 60) return s + (ru ? ' с' : ' s');
    const m = Math.floor(s / 60);
    if (m < 60) return m + (ru ? ' мин' : ' min');
    const h = Math.floor(m / 60);
    const rest = String(m % 60).padStart(2, '0');
    return h + (ru ? ' ч ' : ' h ') + rest + (ru ? ' мин' : ' min');
  }

  function time(iso) {
    return new Date(iso).toLocaleTimeString(language === 'ru' ? 'ru-RU' : 'en-GB', { hour: '2-digit', minute: '2-digit' });
  }

  function dateTime(iso) {
    return new Date(iso).toLocaleString(language === 'ru' ? 'ru-RU' : 'en-GB',
      { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' });
  }

  /** More strings, from a feature's own script: {@code {en: {...}, ru: {...}}}. */
  function extend(more) {
    for (const [lang, strings] of Object.entries(more)) Object.assign(STRINGS[lang] || (STRINGS[lang] = {}), strings);
  }

  window.I18n = {
    t, apply, setLanguage, duration, time, dateTime, extend,
    get language() { return language; },
    onChange(fn) { listeners.push(fn); }
  };

  document.addEventListener('DOMContentLoaded', () => {
    apply();
    const toggle = document.getElementById('lang');
    if (toggle) {
      const label = () => { toggle.textContent = language === 'ru' ? 'EN' : 'RU'; };
      label();
      toggle.addEventListener('click', () => { setLanguage(language === 'ru' ? 'en' : 'ru'); label(); });
    }
  });
})();
