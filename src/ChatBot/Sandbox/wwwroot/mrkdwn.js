// Slack mrkdwn to DOM nodes. Everything is built with createElement/createTextNode, never innerHTML, so text from
// AWS or the asker cannot become markup however it is written. Supports what the bot sends: *bold*, _italic_,
// ~strike~, `code`, ```pre```, <url|text> links, <!date^…|fallback>, <@user>, <#channel>, :emoji:, line breaks.
(function (global) {
  'use strict';

  const EMOJI = {
    octagonal_sign: '\u{1F6D1}', computer: '\u{1F4BB}', money_with_wings: '\u{1F4B8}', alarm_clock: '\u{23F0}',
    grey_question: '\u{2754}', warning: '\u{26A0}\u{FE0F}', arrow_forward: '\u{25B6}\u{FE0F}', mag: '\u{1F50D}',
    hourglass: '\u{231B}', white_check_mark: '\u{2705}', x: '\u{274C}',
  };
  const NAMES = { U0WHOSTOPPED: 'whostopped', U0SANDBOX: 'you' };

  // Slack escapes exactly these three; decoding them once gives back what the sender meant.
  function decode(text) {
    return text.replace(/&(amp|lt|gt);/g, (_, name) => ({ amp: '&', lt: '<', gt: '>' })[name]);
  }

  function appendText(parent, text) {
    const lines = decode(text).replace(/:([a-z0-9_+-]+):/g, (all, name) => EMOJI[name] || all).split('\n');
    lines.forEach((line, i) => {
      if (i > 0) parent.appendChild(document.createElement('br'));
      if (line) parent.appendChild(document.createTextNode(line));
    });
  }

  function element(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  // Earliest match wins; code keeps its content literal, the others are parsed again inside (and may hold code
  // spans, whose markers do not count: *bold `a*b`* is bold).
  const styled = (m) => new RegExp(`(?<![\\w${m}])\\${m}(?!\\s)((?:\`[^\`\\n]*\`|[^${m}\\n])+?)\\${m}(?![\\w${m}])`);
  const STYLES = [
    { re: /```([\s\S]+?)```/, tag: 'pre', literal: true },
    { re: /`([^`\n]+)`/, tag: 'code', literal: true },
    { re: styled('*'), tag: 'b' },
    { re: styled('_'), tag: 'i' },
    { re: styled('~'), tag: 's' },
  ];

  function inline(parent, text) {
    let best = null;
    for (const style of STYLES) {
      const m = style.re.exec(text);
      if (m && (best === null || m.index < best.m.index)) best = { style, m };
    }
    if (best === null) {
      appendText(parent, text);
      return;
    }
    appendText(parent, text.slice(0, best.m.index));
    const node = element(best.style.tag);
    if (best.style.literal) node.textContent = decode(best.m[1]);
    else inline(node, best.m[1]);
    parent.appendChild(node);
    inline(parent, text.slice(best.m.index + best.m[0].length));
  }

  function pad(n) { return String(n).padStart(2, '0'); }

  function formatDate(format, date) {
    const today = new Date();
    const yesterday = new Date(today.getTime() - 86400000);
    const same = (a, b) => a.toDateString() === b.toDateString();
    const short = date.toLocaleDateString(undefined, { month: 'short', day: 'numeric', year: 'numeric' });
    const tokens = {
      date_num: `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`,
      date: date.toLocaleDateString(undefined, { month: 'long', day: 'numeric', year: 'numeric' }),
      date_short: short,
      date_long: date.toLocaleDateString(undefined, { weekday: 'long', month: 'long', day: 'numeric', year: 'numeric' }),
      date_pretty: same(date, today) ? 'today' : same(date, yesterday) ? 'yesterday' : date.toLocaleDateString(undefined, { month: 'long', day: 'numeric', year: 'numeric' }),
      date_short_pretty: same(date, today) ? 'today' : same(date, yesterday) ? 'yesterday' : short,
      time: `${pad(date.getHours())}:${pad(date.getMinutes())}`,
      time_secs: `${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`,
    };
    return format.replace(/\{(\w+)\}/g, (all, name) => (name in tokens ? tokens[name] : all));
  }

  function safeUrl(url) {
    return /^(https?:|mailto:)/i.test(url) ? url : null;
  }

  function link(url, label) {
    const a = element('a', 'link');
    a.href = url;
    a.target = '_blank';
    a.rel = 'noopener noreferrer';
    appendText(a, label);
    return a;
  }

  // The inside of one <…> token.
  function special(body) {
    const bar = body.indexOf('|');
    const target = bar < 0 ? body : body.slice(0, bar);
    const label = bar < 0 ? null : body.slice(bar + 1);
    if (target.startsWith('!date^')) {
      const [, seconds, format, href] = target.split('^');
      const date = new Date(Number(seconds) * 1000);
      if (!Number.isFinite(date.getTime()) || format === undefined) return document.createTextNode(decode(label || ''));
      const span = element('span', 'date', formatDate(decode(format), date));
      span.title = decode(label || '');
      span.dataset.unix = seconds;
      const url = href && safeUrl(decode(href));
      return url ? link(url, span.textContent) : span;
    }
    if (target.startsWith('@')) return element('span', 'mention', '@' + (label || NAMES[target.slice(1)] || target.slice(1)));
    if (target.startsWith('#')) return element('span', 'mention', '#' + (label || target.slice(1)));
    if (target.startsWith('!')) return element('span', 'mention', '@' + decode(label || target.slice(1).split('^')[0]));
    const url = safeUrl(decode(target));
    if (url) return link(url, label === null ? target : label);
    const text = document.createDocumentFragment();
    appendText(text, label === null ? target : label);
    return text;
  }

  function render(text) {
    const out = document.createDocumentFragment();
    const token = /<([^<>]*)>/g;
    let last = 0;
    let m;
    while ((m = token.exec(text)) !== null) {
      inline(out, text.slice(last, m.index));
      out.appendChild(special(m[1]));
      last = token.lastIndex;
    }
    inline(out, text.slice(last));
    return out;
  }

  // For tests and debugging: the HTML the browser built (serialised by the DOM, so already escaped).
  function toHtml(text) {
    const div = document.createElement('div');
    div.appendChild(render(text || ''));
    return div.innerHTML;
  }

  global.WhoStopped = Object.assign(global.WhoStopped || {}, { mrkdwn: { render, toHtml, appendText } });
})(window);
