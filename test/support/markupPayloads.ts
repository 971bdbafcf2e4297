/**
 * 200 markup and script payloads for nicknames and DM texts: each, if a page ever ran it as
 * markup, would call `__xss(k)` with its own number k. A page that shows them as text runs none
 * and keeps every one readable. Twenty shapes (tags, attribute and context break-outs, URL
 * schemes, template syntaxes, encodings, full-width letters, control and direction characters),
 * ten variants of each.
 */
const SHAPES: Array<(k: number) => string> = [
	(k) => `<script>__xss(${k})</script>`,
	(k) => `<img src=x onerror="__xss(${k})">`,
	(k) => `<svg onload=__xss(${k})>`,
	(k) => `"><img src=x onerror=__xss(${k})>`,
	(k) => `'><svg/onload=__xss(${k})>`,
	(k) => `<iframe srcdoc="<script>parent.__xss(${k})</script>"></iframe>`,
	(k) => `<a href="javascript:__xss(${k})" id="x${k}">点我领券</a>`,
	(k) => `<body onload=__xss(${k})>`,
	(k) => `<details open ontoggle=__xss(${k})>`,
	(k) => `</textarea></title></style><script>__xss(${k})</script>`,
	(k) => `<input autofocus onfocus=__xss(${k})>`,
	(k) => `<math><mtext><table><mglyph><style><img src=x onerror=__xss(${k})>`,
	(k) => `{{constructor.constructor('__xss(${k})')()}}`,
	(k) => `\${__xss(${k})}`,
	(k) => `<object data="javascript:__xss(${k})"></object>`,
	(k) => `<video><source onerror=__xss(${k})></video>`,
	(k) => `\u202e<img src=x onerror=__xss(${k})>\u0000\u001b[31m\u0007`,
	(k) => `<ＳＣＲＩＰＴ>__xss(${k})</ＳＣＲＩＰＴ><scr<script>ipt>__xss(${k})</script>`,
	(k) => `&lt;img src=x onerror=__xss(${k})&gt; %3Cscript%3E__xss(${k})%3C/script%3E`,
	(k) => `<div style="background:url(javascript:__xss(${k}))" onmouseover=__xss(${k})>hover</div>`,
];

/** Payload k (0–199): shape k mod 20, with a variant of case and spacing so no two are alike. */
export function markupPayload(k: number): string {
	const text = SHAPES[k % SHAPES.length](k);
	const variant = Math.floor(k / SHAPES.length);
	if (variant % 3 === 1) return text.replace(/<([a-z])/g, (_, c: string) => `<${c.toUpperCase()}`);
	if (variant % 3 === 2) return `亲 ${text} 在吗`;
	return text;
}

export const MARKUP_PAYLOADS: readonly string[] = Array.from({ length: 200 }, (_, k) =>
	markupPayload(k),
);

/**
 * Run in the page (Playwright's evaluate): what ran and what got in. `ran` lists the payloads
 * that executed; `elements` the elements whose attributes carry a payload's call (a payload that
 * became markup, even if it did not run); `text` the page's visible text, where the payloads
 * should be readable. Frames of the same origin are searched too.
 */
export const INSPECT_PAGE = `(() => {
	const docs = [document];
	for (const frame of document.querySelectorAll('iframe')) {
		try { if (frame.contentDocument) docs.push(frame.contentDocument); } catch (e) {}
	}
	const elements = [];
	let text = '';
	for (const doc of docs) {
		for (const el of doc.querySelectorAll('*')) {
			for (const a of el.attributes) if (a.value.includes('__xss')) elements.push(el.tagName + ' ' + a.name);
			if (el.tagName === 'SCRIPT' && el.textContent.includes('__xss')) elements.push('SCRIPT');
		}
		text += (doc.body ? doc.body.innerText : '') + '\\n';
	}
	return { ran: window.__xssRan || [], elements, text };
})()`;

/** Put into every page before its own scripts: payloads that run report here. */
export const CATCH_PAYLOADS = `window.__xssRan = []; window.__xss = (k) => { window.__xssRan.push(k); (window.parent && window.parent !== window) && window.parent.__xss && window.parent.__xss(k); };`;
