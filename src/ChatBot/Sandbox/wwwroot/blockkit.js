// Draws a Slack message payload (text + blocks, as chat.postMessage receives it) the way Slack lays it out.
(function (global) {
  'use strict';
  const mrkdwn = global.WhoStopped.mrkdwn;

  function textObject(obj) {
    const span = document.createElement('span');
    if (!obj || typeof obj.text !== 'string') return span;
    if (obj.type === 'mrkdwn') span.appendChild(mrkdwn.render(obj.text));
    else mrkdwn.appendText(span, obj.text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;'));
    return span;
  }

  function div(className, children) {
    const node = document.createElement('div');
    node.className = 'block ' + className;
    children.forEach((c) => node.appendChild(c));
    return node;
  }

  function button(element) {
    const url = typeof element.url === 'string' && /^https?:/i.test(element.url) ? element.url : null;
    const node = document.createElement(url ? 'a' : 'button');
    node.className = 'button';
    node.dataset.actionId = element.action_id || '';
    if (url) {
      node.href = url;
      node.target = '_blank';
      node.rel = 'noopener noreferrer';
    } else {
      node.disabled = true;
    }
    node.appendChild(textObject(element.text));
    return node;
  }

  const BLOCKS = {
    section: (b) => {
      const children = b.text ? [textObject(b.text)] : [];
      if (Array.isArray(b.fields)) {
        const fields = document.createElement('div');
        fields.className = 'fields';
        b.fields.forEach((f) => fields.appendChild(textObject(f)));
        children.push(fields);
      }
      return div('section', children);
    },
    context: (b) => div('context', (b.elements || []).filter((e) => 'text' in e).map(textObject)),
    actions: (b) => div('actions', (b.elements || []).filter((e) => e.type === 'button').map(button)),
    header: (b) => div('header', [textObject(b.text)]),
    divider: () => {
      const hr = document.createElement('hr');
      hr.className = 'block divider';
      return hr;
    },
  };

  function render(payload) {
    const root = document.createElement('div');
    root.className = 'blocks';
    const blocks = Array.isArray(payload.blocks) ? payload.blocks : [];
    if (blocks.length === 0) {
      root.appendChild(div('section', [textObject({ type: 'mrkdwn', text: payload.text || '' })]));
      return root;
    }
    blocks.forEach((b) => {
      const draw = BLOCKS[b.type];
      const node = document.createElement('div');
      node.className = 'block unsupported';
      node.textContent = `[${b.type} block]`;
      root.appendChild(draw ? draw(b) : node);
    });
    return root;
  }

  global.WhoStopped.blockKit = { render };
})(window);
