// @ts-check
'use strict';
// The sandbox's web pages and their files, by address. A fixed list (no path from the request
// reaches the file system), read on every request so a trainer's edit shows on reload.
const path = require('node:path');

const HTML = 'text/html; charset=utf-8';
const CSS = 'text/css; charset=utf-8';
const JS = 'text/javascript; charset=utf-8';

/** @type {Record<string, [string, string]>} address → [file under sandbox/, content type] */
const PAGES = {
	'/sandbox/agent': ['agent-view.html', HTML],
	'/sandbox/training': ['training/page.html', HTML],
	'/sandbox/training/page.css': ['training/page.css', CSS],
	'/sandbox/training/checks.js': ['training/checks.js', JS],
	'/sandbox/training/customer-chat.js': ['training/customer-chat.js', JS],
	'/sandbox/training/scenario-panel.js': ['training/scenario-panel.js', JS],
	'/sandbox/training/page.js': ['training/page.js', JS],
};

/** @param {string} address the request path without a trailing slash */
function pageFile(address) {
	const found = Object.hasOwn(PAGES, address) ? PAGES[address] : undefined;
	return found && { file: path.join(__dirname, found[0]), type: found[1] };
}

module.exports = { pageFile, PAGES };
