() => {
  // The elements and handlers on the explorer page that its own code did not make (hostile-text test).
  const allowed = new Set(['HTML','HEAD','META','TITLE','STYLE','BODY','DIV','NOSCRIPT','TEMPLATE',
    'SCRIPT','HEADER','H1','H2','H3','H4','H5','P','NAV','BUTTON','SELECT','OPTION','LABEL','MAIN',
    'FORM','FIELDSET','LEGEND','INPUT','DETAILS','SUMMARY','UL','OL','LI','SPAN','STRONG','PROGRESS',
    'SECTION','DL','DT','DD','ASIDE','PRE']);
  const out = [];
  for (const e of document.querySelectorAll('*')) {
    if (e.closest('svg')) continue;
    if (!allowed.has(e.tagName)) out.push(e.tagName);
    for (const a of e.attributes) if (a.name.startsWith('on')) out.push(e.tagName + '@' + a.name);
  }
  for (const e of document.querySelectorAll('svg *')) {
    if (['SCRIPT', 'FOREIGNOBJECT', 'IFRAME'].includes(e.tagName.toUpperCase())) out.push(e.tagName);
    for (const a of e.attributes) if (a.name.startsWith('on')) out.push(e.tagName + '@' + a.name);
  }
  if (document.querySelectorAll('script').length !== 2) out.push('scripts');
  return out;
}
