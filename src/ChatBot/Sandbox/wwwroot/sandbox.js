// The channel: polls the sandbox for new posts and draws them like Slack, with threads in a side pane.
(function (global) {
  'use strict';
  const { blockKit } = global.WhoStopped;
  const BOT = 'U0WHOSTOPPED';
  const ALARM = 'U0CLOUDWATCH';
  const posts = [];
  let seen = 0;
  let openThread = null;

  const $ = (id) => document.getElementById(id);

  function time(ts) {
    const d = new Date(Number(ts.split('.')[0]) * 1000);
    return d.toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' });
  }

  function message(post) {
    const bot = post.user === BOT;
    const app = post.user === ALARM;
    const node = document.createElement('div');
    node.className = 'message' + (post.ephemeral ? ' ephemeral' : '');
    node.dataset.ts = post.ts;
    node.dataset.user = post.user;
    const avatar = document.createElement('div');
    avatar.className = 'avatar ' + (bot ? 'bot' : app ? 'alarm' : 'you');
    avatar.textContent = bot ? 'W' : app ? 'CW' : 'Y';
    const body = document.createElement('div');
    body.className = 'body';
    const meta = document.createElement('div');
    const author = document.createElement('span');
    author.className = 'author';
    author.textContent = bot ? 'whostopped' : app ? 'CloudWatch alarms' : 'you';
    meta.appendChild(author);
    if (bot || app) {
      const badge = document.createElement('span');
      badge.className = 'app-badge';
      badge.textContent = 'APP';
      meta.appendChild(badge);
    }
    const when = document.createElement('span');
    when.className = 'time';
    when.textContent = time(post.ts);
    meta.appendChild(when);
    if (!post.ephemeral) meta.appendChild(shortcut(post));
    body.appendChild(meta);
    if (post.ephemeral) {
      const note = document.createElement('div');
      note.className = 'ephemeral-note';
      note.textContent = 'Only visible to you';
      body.appendChild(note);
    }
    body.appendChild(blockKit.render(post.payload));
    node.appendChild(avatar);
    node.appendChild(body);
    return node;
  }

  // Slack's message menu (⋯) with the bot's one message shortcut.
  function shortcut(post) {
    const item = document.createElement('button');
    item.type = 'button';
    item.className = 'shortcut';
    item.textContent = '⋯ Who stopped these?';
    item.addEventListener('click', () => fetch('/sandbox/shortcut', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ ts: post.ts }),
    }));
    return item;
  }

  // "N replies" under a channel message, as Slack shows a thread.
  function countReplies(parentTs) {
    const parent = document.querySelector(`#messages .message[data-ts="${parentTs}"] .body`);
    if (!parent) return;
    let link = parent.querySelector('.replies');
    if (!link) {
      link = document.createElement('button');
      link.className = 'replies';
      link.type = 'button';
      link.addEventListener('click', () => showThread(parentTs));
      parent.appendChild(link);
    }
    const count = posts.filter((p) => p.threadTs === parentTs).length;
    link.textContent = count === 1 ? '1 reply' : `${count} replies`;
  }

  // New posts are appended, never redrawn, so what is on screen (and a selection in it) stays put. A post edited by
  // chat.update comes again with its old ts, and only it is redrawn where it stands.
  function add(post) {
    const known = posts.findIndex((p) => p.ts === post.ts);
    if (known >= 0) {
      posts[known] = post;
      document.querySelectorAll(`.message[data-ts="${post.ts}"]`).forEach((node) => {
        const replies = node.querySelector('.replies');
        const fresh = message(post);
        if (replies) fresh.querySelector('.body').appendChild(replies);
        node.replaceWith(fresh);
      });
      return;
    }
    posts.push(post);
    if (!post.threadTs) {
      $('messages').appendChild(message(post));
      $('messages').scrollTop = $('messages').scrollHeight;
      return;
    }
    countReplies(post.threadTs);
    if (openThread === post.threadTs) {
      $('thread-messages').appendChild(message(post));
      $('thread-messages').scrollTop = $('thread-messages').scrollHeight;
    }
  }

  function showThread(ts) {
    openThread = ts;
    $('thread').hidden = false;
    const parent = posts.find((p) => p.ts === ts);
    $('thread-messages').replaceChildren(...[parent, ...posts.filter((p) => p.threadTs === ts)].map(message));
    $('thread-text').focus();
  }

  async function poll() {
    try {
      const response = await fetch(`/sandbox/messages?after=${seen}`);
      const fresh = await response.json();
      fresh.forEach(add);
      if (fresh.length > 0) seen = fresh[fresh.length - 1].sequence;
    } catch (e) {
      console.warn('poll failed', e);
    }
    setTimeout(poll, 300);
  }

  async function send(textarea, threadTs) {
    const text = textarea.value.trim();
    if (!text) return;
    textarea.value = '';
    await fetch('/sandbox/ask', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ text, threadTs }),
    });
  }

  function composer(form, textarea, threadTs) {
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      send(textarea, threadTs());
    });
    textarea.addEventListener('keydown', (e) => {
      if (e.key === 'Enter' && !e.shiftKey) {
        e.preventDefault();
        form.requestSubmit();
      }
    });
  }

  async function samples() {
    const sample = await (await fetch('/sandbox/instances')).json();
    $('account').textContent = sample.accountId;
    const items = [
      ...sample.instances.map((i) => ({ id: i.instanceId, title: `${i.name || ''} · ${i.region} · ${i.state}`, story: i.story, instance: true })),
      ...sample.unknownInstanceIds.map((id) => ({ id, title: 'not in the account', story: 'an unknown ID' })),
    ];
    $('samples').replaceChildren(...items.map((item) => {
      const li = document.createElement('li');
      li.dataset.instanceId = item.id;
      const code = document.createElement('code');
      code.textContent = item.id;
      const story = document.createElement('span');
      story.className = 'story';
      story.textContent = `${item.title} — ${item.story}`;
      li.append(code, story);
      if (item.instance) {
        // The simulated feed: EventBridge's two events for a stop of this instance, and the alert they raise.
        const stop = document.createElement('button');
        stop.type = 'button';
        stop.className = 'feed-stop';
        stop.textContent = 'Stop it (feed)';
        stop.title = 'Send the EventBridge events of a stop of this instance to the bot, as its SQS queue would';
        stop.addEventListener('click', (e) => {
          e.stopPropagation();
          fetch('/sandbox/feed-stop', {
            method: 'POST',
            headers: { 'Content-Type': 'application/json' },
            body: JSON.stringify({ instanceId: item.id }),
          });
        });
        li.appendChild(stop);
      }
      li.addEventListener('click', () => {
        $('text').value = `/whostopped ${item.id}`;
        $('text').focus();
      });
      return li;
    }));
  }

  composer($('composer'), $('text'), () => null);
  composer($('thread-composer'), $('thread-text'), () => openThread);
  $('close-thread').addEventListener('click', () => {
    openThread = null;
    $('thread').hidden = true;
  });
  samples();
  // A canned alarm, as CloudWatch posts through Amazon Q, to try the shortcut on.
  fetch('/sandbox/alarm', { method: 'POST' }).finally(poll);
})(window);
