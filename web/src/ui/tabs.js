// Accessible tabs (WAI-ARIA tabs pattern): arrow keys move between tabs,
// Home/End jump, only the selected tab is in the tab order.

import { h, uid } from './dom.js';

/**
 * @param {object} opts
 * @param {string} opts.label  accessible name of the tab list
 * @param {{id: string, title: string|Node|Node[], badge?: Node}[]} opts.items
 * @param {string} opts.active
 * @param {(id: string, panel: HTMLElement) => void} opts.renderPanel
 * @param {(id: string) => void} [opts.onSelect]
 * @param {string} [opts.className]
 */
export function tabs(opts) {
  const base = uid('tabs');
  const list = h('div', { class: 'tablist', role: 'tablist', 'aria-label': opts.label });
  const panel = h('div', { class: 'tabpanel', role: 'tabpanel', tabindex: '-1' });
  const buttons = new Map();
  let active = opts.items.some((i) => i.id === opts.active) ? opts.active : opts.items[0]?.id;

  function select(id, focus) {
    active = id;
    for (const [bid, b] of buttons) {
      const on = bid === id;
      b.setAttribute('aria-selected', String(on));
      b.tabIndex = on ? 0 : -1;
      if (on) panel.setAttribute('aria-labelledby', b.id);
      if (on && focus) b.focus();
    }
    panel.replaceChildren();
    if (id != null) opts.renderPanel(id, panel);
    if (opts.onSelect) opts.onSelect(id);
  }

  opts.items.forEach((item, index) => {
    const b = h('button', {
      class: 'tab', type: 'button', role: 'tab', id: `${base}-${index}`,
      onclick: () => select(item.id, false),
      onkeydown: (e) => {
        const ids = opts.items.map((i) => i.id);
        let j = ids.indexOf(item.id);
        if (e.key === 'ArrowRight') j = (j + 1) % ids.length;
        else if (e.key === 'ArrowLeft') j = (j - 1 + ids.length) % ids.length;
        else if (e.key === 'Home') j = 0;
        else if (e.key === 'End') j = ids.length - 1;
        else return;
        e.preventDefault();
        select(ids[j], true);
      },
    }, item.title, item.badge || null);
    b.dataset.tabId = item.id;
    buttons.set(item.id, b);
    list.appendChild(b);
  });

  const root = h('div', { class: `tabs ${opts.className || ''}` }, list, panel);
  select(active, false);
  return { root, list, panel, select: (id) => select(id, false), active: () => active, buttons };
}
