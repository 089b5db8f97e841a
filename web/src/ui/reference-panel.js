// A searchable reference of what a mapping template can read ($input,
// $util, $context, $stageVariables); a click puts the reference into the
// template being edited. The same catalog drives completion and hover docs.

import { h, uid } from './dom.js';
import { ROOTS, PATHS } from './completions.js';

const GROUPS = [
  ['input', '$input — the method request'],
  ['util', '$util — helpers'],
  ['context', '$context — the request context'],
];

export function referencePanel(app) {
  const searchId = uid('ref');
  const list = h('div', { class: 'ref-groups' });
  const search = h('input', {
    id: searchId, class: 'input', type: 'search', placeholder: 'Filter, e.g. sourceIp', autocomplete: 'off',
    oninput: () => render(search.value.trim().toLowerCase()),
  });
  const note = h('p', { class: 'panel-hint' }, 'Click one to insert it where the cursor was in the template you last edited.');
  const root = h('details', { class: 'panel reference-panel' },
    h('summary', {}, h('h2', {}, 'Template variables'), h('span', { class: 'summary-hint' }, '$input, $util, $context')),
    note,
    h('label', { class: 'visually-hidden', for: searchId }, 'Filter the variables'),
    search,
    list);

  function entry(path, info) {
    const text = `$${path}`;
    return h('li', {},
      h('button', {
        type: 'button', class: 'ref-item',
        'aria-label': `Insert ${text}`,
        onclick: () => app.insertIntoTemplate(text),
      }, h('code', {}, text), h('span', {}, info)));
  }

  function render(filter) {
    const match = (path, info) => !filter || path.toLowerCase().includes(filter) || info.toLowerCase().includes(filter);
    list.replaceChildren();
    for (const [root, title] of GROUPS) {
      const items = PATHS.filter(([p, info]) => p.startsWith(`${root}.`) && match(p, info));
      if (!items.length) continue;
      list.append(h('h3', { class: 'ref-title' }, title), h('ul', { class: 'ref-list' }, items.map(([p, info]) => entry(p, info))));
    }
    const sv = ROOTS.find(([r]) => r === 'stageVariables');
    if (match('stageVariables.name', sv[1])) {
      list.append(h('h3', { class: 'ref-title' }, '$stageVariables'), h('ul', { class: 'ref-list' }, entry('stageVariables.name', sv[1])));
    }
    if (!list.childElementCount) list.append(h('p', { class: 'empty-note' }, 'Nothing matches.'));
  }

  render('');
  return { root };
}
