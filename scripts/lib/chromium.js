// Debian's Chromium for the screenshots (`npm run screenshot`) and the browser end-to-end tests,
// driven with playwright-core (which brings no browser of its own). A clean machine (CI) gets it
// here with apt-get, with CJK and emoji fonts so Chinese text and emoji render in screenshots.
const { aptInstall } = require('./services');
const fs = require('node:fs');

const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser'];
const PACKAGES = ['chromium', 'fonts-noto-cjk', 'fonts-noto-color-emoji'];

/** Flags for a quiet headless Chromium in a container (no sandbox, no background traffic). */
const CHROMIUM_ARGS = [
	'--headless',
	'--no-sandbox',
	'--disable-gpu',
	'--disable-quic',
	'--no-first-run',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
];

/** The Chromium executable; installs Debian's package when there is none. */
function ensureChromium(log = console.log) {
	const found = CANDIDATES.find((c) => fs.existsSync(c));
	if (found) return found;
	log(`installing Debian chromium (apt-get install ${PACKAGES.join(' ')})…`);
	aptInstall(PACKAGES, 'screenshots and the browser tests');
	const installed = CANDIDATES.find((c) => fs.existsSync(c));
	if (!installed)
		throw new Error(
			`apt-get installed ${PACKAGES.join(' ')}, but none of ${CANDIDATES.join(', ')} exists`,
		);
	return installed;
}

module.exports = { ensureChromium, CHROMIUM_ARGS, CANDIDATES };
