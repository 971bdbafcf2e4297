// A secret npm start keeps in n8n's user folder (the admin header, the link signing secret, the
// report pages' login): created once (mode 0600) with a fresh value, reused by every later start,
// and checked, so an admin may write their own value in the file but not an unusable one.
// n8n's credential listing returns no secrets, so the file is what counts.
'use strict';

const fs = require('node:fs');
const path = require('node:path');

/**
 * The text of `<userFolder>/<fileName>` (trimmed), creating the file with `fresh()` first when it
 * is missing. Throws `${file} does not hold ${what}…` when `usable(text)` says no.
 * Returns {text, file, created}.
 */
function keptSecret(userFolder, fileName, fresh, usable, what) {
	const file = path.join(userFolder, fileName);
	let created = false;
	fs.mkdirSync(userFolder, { recursive: true });
	try {
		fs.writeFileSync(file, `${fresh()}\n`, { mode: 0o600, flag: 'wx' });
		created = true;
	} catch (error) {
		if (error.code !== 'EEXIST') throw error;
	}
	// A file copied in or created by hand keeps no more than its owner's access.
	fs.chmodSync(file, 0o600);
	const text = fs.readFileSync(file, 'utf8').trim();
	if (!usable(text))
		throw new Error(`${file} does not hold ${what}: delete it and start again for a new one`);
	return { text, file, created };
}

module.exports = { keptSecret };
