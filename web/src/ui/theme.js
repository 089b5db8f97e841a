// Light and dark: follows prefers-color-scheme until the user picks one,
// then remembers the pick.

import { h, icon } from './dom.js';

const KEY = 'mockgate.theme';

function stored() {
  try { return localStorage.getItem(KEY); } catch { return null; }
}

function systemTheme() {
  return matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
}

export function currentTheme() {
  return document.documentElement.dataset.theme || systemTheme();
}

export function initTheme() {
  const pick = stored();
  document.documentElement.dataset.theme = pick === 'dark' || pick === 'light' ? pick : systemTheme();
  matchMedia('(prefers-color-scheme: dark)').addEventListener('change', () => {
    if (!stored()) document.documentElement.dataset.theme = systemTheme();
  });
}

export function themeToggle() {
  const button = h('button', { type: 'button', class: 'icon-button theme-toggle', testid: 'theme-toggle' });
  function paint() {
    const dark = currentTheme() === 'dark';
    button.replaceChildren(icon(dark ? 'sun' : 'moon'));
    button.setAttribute('aria-label', dark ? 'Switch to the light theme' : 'Switch to the dark theme');
    button.title = button.getAttribute('aria-label');
  }
  button.addEventListener('click', () => {
    const next = currentTheme() === 'dark' ? 'light' : 'dark';
    document.documentElement.dataset.theme = next;
    try { localStorage.setItem(KEY, next); } catch { /* private mode: the pick lasts for this page */ }
    paint();
  });
  paint();
  return button;
}
