// Role and accessible-name computation for the end-to-end helpers (a practical subset of
// WAI-ARIA and accname). Included into the scripts that support.rs runs in the page.
const norm = (s) => (s || '').replace(/\s+/g, ' ').trim();
const NAME_FROM_CONTENT = new Set(['button', 'link', 'heading', 'option', 'cell', 'columnheader',
  'rowheader', 'row', 'tab', 'menuitem', 'menuitemcheckbox', 'menuitemradio', 'treeitem',
  'tooltip', 'checkbox', 'radio', 'switch']);
const CONTROLS = 'input:not([type=hidden]),select,textarea';
function implicitRole(el) {
  const t = el.localName;
  const type = (el.getAttribute('type') || '').toLowerCase();
  switch (t) {
    case 'button': return 'button';
    case 'a': case 'area': return el.hasAttribute('href') ? 'link' : null;
    case 'h1': case 'h2': case 'h3': case 'h4': case 'h5': case 'h6': return 'heading';
    case 'input':
      if (['button', 'submit', 'reset', 'image'].includes(type)) return 'button';
      if (type === 'checkbox') return el.getAttribute('switch') !== null ? 'switch' : 'checkbox';
      if (type === 'radio') return 'radio';
      if (type === 'range') return 'slider';
      if (type === 'number') return 'spinbutton';
      if (type === 'search') return el.hasAttribute('list') ? 'combobox' : 'searchbox';
      if (['', 'text', 'email', 'tel', 'url'].includes(type)) return el.hasAttribute('list') ? 'combobox' : 'textbox';
      return null;
    case 'textarea': return 'textbox';
    case 'select': return (el.multiple || el.size > 1) ? 'listbox' : 'combobox';
    case 'option': return 'option';
    case 'dialog': return 'dialog';
    case 'ul': case 'ol': case 'menu': return 'list';
    case 'li': return 'listitem';
    case 'table': return 'table';
    case 'tr': return 'row';
    case 'td': return 'cell';
    case 'th': return ['row', 'rowgroup'].includes(el.getAttribute('scope')) ? 'rowheader' : 'columnheader';
    case 'thead': case 'tbody': case 'tfoot': return 'rowgroup';
    case 'nav': return 'navigation';
    case 'main': return 'main';
    case 'aside': return 'complementary';
    case 'header': return el.closest('article,aside,main,nav,section') ? null : 'banner';
    case 'footer': return el.closest('article,aside,main,nav,section') ? null : 'contentinfo';
    case 'section': return (el.hasAttribute('aria-label') || el.hasAttribute('aria-labelledby')) ? 'region' : null;
    case 'form': return 'form';
    case 'search': return 'search';
    case 'article': return 'article';
    case 'fieldset': case 'details': case 'optgroup': return 'group';
    case 'img': return el.getAttribute('alt') === '' ? 'presentation' : 'img';
    case 'progress': return 'progressbar';
    case 'meter': return 'meter';
    case 'output': return 'status';
    case 'hr': return 'separator';
    case 'p': return 'paragraph';
    case 'dl': return 'list';
    case 'figure': return 'figure';
    case 'summary': return 'button';
  }
  return null;
}
function roleOf(el) {
  const explicit = norm(el.getAttribute('role')).split(' ')[0];
  return explicit || implicitRole(el);
}
function hiddenForA11y(el) {
  return !!el.closest('[aria-hidden="true"],[hidden]');
}
function contentText(node) {
  let out = '';
  for (const c of node.childNodes) {
    if (c.nodeType === Node.TEXT_NODE) { out += c.textContent; continue; }
    if (c.nodeType !== Node.ELEMENT_NODE) continue;
    if (c.getAttribute('aria-hidden') === 'true' || c.hasAttribute('hidden')) continue;
    if (['script', 'style', 'template'].includes(c.localName)) continue;
    const st = getComputedStyle(c);
    if (st.display === 'none') continue;
    const al = norm(c.getAttribute('aria-label'));
    if (al) { out += ' ' + al + ' '; continue; }
    if (c.localName === 'img') { out += ' ' + (c.getAttribute('alt') || '') + ' '; continue; }
    if (c.matches('input:not([type=hidden]),select,textarea')) {
      out += ' ' + (c.localName === 'select' ? (c.selectedOptions[0] ? c.selectedOptions[0].textContent : '') : (c.value || '')) + ' ';
      continue;
    }
    const block = !['inline', 'contents'].includes(st.display);
    out += (block ? ' ' : '') + contentText(c) + (block ? ' ' : '');
  }
  return out;
}
function labelText(label) {
  const c = label.cloneNode(true);
  c.querySelectorAll(CONTROLS).forEach((n) => n.remove());
  return c.textContent;
}
function accName(el) {
  const lb = el.getAttribute('aria-labelledby');
  if (lb) {
    const s = norm(lb.split(/\s+/).map((id) => {
      const r = document.getElementById(id);
      return r ? (norm(r.getAttribute('aria-label')) || contentText(r)) : '';
    }).join(' '));
    if (s) return s;
  }
  const al = norm(el.getAttribute('aria-label'));
  if (al) return al;
  const t = el.localName;
  const type = (el.getAttribute('type') || '').toLowerCase();
  if (t === 'input' && ['button', 'submit', 'reset'].includes(type)) {
    return norm(el.value) || (type === 'submit' ? 'Submit' : type === 'reset' ? 'Reset' : '');
  }
  if (t === 'input' && type === 'image') return norm(el.getAttribute('alt'));
  if (['input', 'select', 'textarea', 'meter', 'progress', 'output'].includes(t)) {
    const s = norm(Array.from(el.labels || []).map(labelText).join(' '));
    if (s) return s;
    return norm(el.getAttribute('title')) || norm(el.getAttribute('placeholder'));
  }
  if (t === 'img' || t === 'area') return norm(el.getAttribute('alt')) || norm(el.getAttribute('title'));
  if (t === 'fieldset') { const g = el.querySelector(':scope > legend'); if (g) return norm(g.textContent); }
  if (t === 'table') { const c = el.querySelector(':scope > caption'); if (c) return norm(c.textContent); }
  if (t === 'figure') { const c = el.querySelector(':scope > figcaption'); if (c) return norm(c.textContent); }
  if (NAME_FROM_CONTENT.has(roleOf(el))) {
    const s = norm(contentText(el));
    if (s) return s;
  }
  return norm(el.getAttribute('title'));
}
function isVisible(el) {
  if (hiddenForA11y(el)) return false;
  if (el.localName === 'option' || el.localName === 'optgroup') {
    const sel = el.closest('select, datalist');
    return !!sel && (sel.localName === 'datalist' || isVisible(sel));
  }
  const st = getComputedStyle(el);
  if (st.visibility === 'hidden' || st.visibility === 'collapse') return false;
  if (el.getClientRects().length > 0) return true;
  // Visually hidden file/checkbox inputs styled away still count if their label shows.
  if (el.matches(CONTROLS) && el.labels) return Array.from(el.labels).some(isVisible);
  return false;
}
