// The labelled sets are JSON Lines: one object a line, blank lines ignored, a bad line named.
'use strict';
const fs = require('node:fs');

function readJsonl(file) {
	return fs
		.readFileSync(file, 'utf8')
		.split('\n')
		.filter((line) => line.trim())
		.map((line, k) => {
			try {
				return JSON.parse(line);
			} catch (error) {
				throw new Error(`${file}:${k + 1}: ${error.message}`);
			}
		});
}

module.exports = { readJsonl };
