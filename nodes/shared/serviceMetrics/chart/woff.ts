import { inflateSync } from 'node:zlib';

/**
 * WOFF 1.0 → the TrueType / OpenType file it wraps (W3C WOFF, section 5): each table is
 * zlib-compressed on its own; resvg reads only the plain file. The font ships as WOFF because
 * that is how its npm package (Fontsource) publishes it, one file per Unicode range.
 */
export function woffToSfnt(woff: Buffer): Buffer {
	if (woff.readUInt32BE(0) !== 0x774f4646) throw new RangeError('not a WOFF 1.0 font');
	const flavor = woff.readUInt32BE(4);
	const numTables = woff.readUInt16BE(12);
	const tables = Array.from({ length: numTables }, (_, i) => {
		const at = 44 + i * 20;
		return {
			tag: woff.readUInt32BE(at),
			offset: woff.readUInt32BE(at + 4),
			compLength: woff.readUInt32BE(at + 8),
			origLength: woff.readUInt32BE(at + 12),
			checksum: woff.readUInt32BE(at + 16),
		};
	});
	const headerLength = 12 + 16 * numTables;
	const padded = (n: number) => (n + 3) & ~3;
	const out = Buffer.alloc(tables.reduce((size, t) => size + padded(t.origLength), headerLength));
	// The sfnt header's binary-search fields, from the table count.
	let log2 = 0;
	while (2 ** (log2 + 1) <= numTables) log2++;
	out.writeUInt32BE(flavor, 0);
	out.writeUInt16BE(numTables, 4);
	out.writeUInt16BE(2 ** log2 * 16, 6);
	out.writeUInt16BE(log2, 8);
	out.writeUInt16BE(numTables * 16 - 2 ** log2 * 16, 10);
	let dataAt = headerLength;
	tables.forEach((t, i) => {
		const stored = woff.subarray(t.offset, t.offset + t.compLength);
		const data = t.compLength < t.origLength ? inflateSync(stored) : stored;
		if (data.length !== t.origLength) throw new RangeError('WOFF table has the wrong length');
		const entry = 12 + i * 16;
		out.writeUInt32BE(t.tag, entry);
		out.writeUInt32BE(t.checksum, entry + 4);
		out.writeUInt32BE(dataAt, entry + 8);
		out.writeUInt32BE(t.origLength, entry + 12);
		data.copy(out, dataAt);
		dataAt += padded(t.origLength);
	});
	return out;
}
