// web/embed.html: one embed for sites that cannot run scripts, in an
// iframe:
//
//   <iframe src="https://…/embed.html#s=<state>" title="…" style="width:100%;height:420px;border:0"></iframe>
//
// The hash is a playground share state (what the playground's Share button
// and every embed's "Open in playground" link carry). A `theme` query
// parameter (?theme=dark|light) fixes the colours; otherwise they follow
// the reader's preference. The frame tells its parent its height
// ({type: 'mockgate:height', height}) for pages that want to resize it.
//
// The element itself comes from mockgate-playground.js, which embed.html
// loads first: one copy of the embed for docs pages and frames alike (and
// one download, cached, for a reader who sees both). This file only places
// an element; it upgrades whenever the module has defined it.

function show() {
  const mount = document.getElementById('embed');
  const hash = location.hash.replace(/^#/, '').replace(/^s=/, '');
  const el = document.createElement('mockgate-playground');
  const theme = new URLSearchParams(location.search).get('theme');
  if (theme === 'dark' || theme === 'light') el.setAttribute('theme', theme);
  if (hash) {
    el.setAttribute('state', hash);
  } else {
    // No state: a small starting example rather than an empty frame.
    el.setAttribute('query', 'name=reader');
    el.setAttribute('response-template', '{\n  "greeting": "Hello, $util.escapeJavaScript($input.params(\'name\'))!"\n}');
    el.setAttribute('template', '{"statusCode": 200}');
    el.setAttribute('edit', 'response request input');
  }
  el.setAttribute('playground', new URL('./index.html', location.href).href);
  mount.replaceChildren(el);
}

show();
addEventListener('hashchange', show);

if (window.parent !== window) {
  // The content's own height (not the document's, which is at least the
  // frame's), so a parent can shrink the frame as well as grow it.
  const mount = document.getElementById('embed');
  let last = 0;
  new ResizeObserver(() => {
    const height = Math.ceil(mount.getBoundingClientRect().height);
    if (height === last) return;
    last = height;
    window.parent.postMessage({ type: 'mockgate:height', height }, '*');
  }).observe(mount);
}
